package io.ssplab.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.ssplab.core.Format;
import io.ssplab.core.Lang;

class OverheadTest {

    @Test
    void noCalibrationMeansTheDocumentedDefault(@TempDir Path dir) {
        Overhead o = Overhead.load(dir.resolve("calibration.json"));
        assertThat(o.calibrated()).isFalse();
        assertThat(o.origin()).isEqualTo(Overhead.Origin.DEFAULT);
        assertThat(o.perBatchMs()).isEqualTo(Overhead.DEFAULT_PER_BATCH_MS);
        assertThat(o.unit()).isEqualTo(Overhead.Unit.TASK);
        assertThat(o.referenceCount()).isEqualTo(Overhead.DEFAULT_REFERENCE_COUNT);
        assertThat(o.perUnitMs()).isEqualTo(Overhead.PER_TASK_MS);
        assertThat(o.detail()).isEmpty();
        assertThat(o.token()).isEqualTo("default");
        // the words with the default's own numbers, whatever they are
        assertThat(o.describe(Lang.EN)).isEqualTo("the lab's default (" + defaultNumbers(Lang.EN)
                + "): no calibration yet, run 'bin/ssp calibrate' to measure this machine");
        assertThat(o.describe(Lang.VI)).startsWith("giá trị mặc định của lab (" + defaultNumbers(Lang.VI) + ")");
        // the same words, with numbers of a test's own
        Overhead other = new Overhead(250, Overhead.Unit.TASK, 18, 5, Overhead.Origin.DEFAULT, "");
        assertThat(other.describe(Lang.EN)).isEqualTo(
                "the lab's default (0.25 s at 18 counted tasks (an input task counts 2), +5.0 ms per task, ×2 on one free slot): no calibration yet, run 'bin/ssp calibrate' to measure this machine");
        assertThat(other.describe(Lang.VI)).startsWith("giá trị mặc định của lab (0,25 s ở 18 task quy đổi (một task đọc đầu vào tính là 2), +5,0 ms mỗi task, ×2 trên một slot trống)");
        // a micro-batch's line is drawn over its task waves, and says so
        Overhead waves = new Overhead(450, Overhead.Unit.WAVE, 3, 150, Overhead.Origin.DEFAULT, "");
        assertThat(waves.numbers(Lang.EN)).isEqualTo("0.45 s at 3 waves, +150.0 ms per wave");
        assertThat(waves.numbers(Lang.VI)).isEqualTo("0,45 s ở 3 đợt, +150,0 ms mỗi đợt");
    }

    /** "0.06 s at 28 counted tasks (an input task counts 2), +2.2 ms per task, ×2 on one free slot" from the default's constants. */
    private static String defaultNumbers(Lang lang) {
        String seconds = Format.seconds(lang, Overhead.DEFAULT_PER_BATCH_MS);
        String perTask = Format.signed(lang, Overhead.PER_TASK_MS, 1);
        int times = Overhead.PARALLEL_TASK_WORK;
        int count = Overhead.DEFAULT_REFERENCE_COUNT, weight = Overhead.INPUT_TASK_WEIGHT;
        return lang == Lang.VI ? seconds + " ở " + count + " task quy đổi (một task đọc đầu vào tính là " + weight + "), " + perTask + " ms mỗi task, ×" + times
                + " trên một slot trống"
                : seconds + " at " + count + " counted tasks (an input task counts " + weight + "), " + perTask + " ms per task, ×" + times + " on one free slot";
    }

    @Test
    void theDefaultsReferenceIsTheCalibrationSetting() {
        // local[4], P = 4, phase 1's BI 2 s: 10 blocks + 4 + 4 tasks; P = 16: 10 + 16 + 16
        io.ssplab.core.Knobs reference = new io.ssplab.jobs.Phase1Baseline().defaults().withMaster("local[" + Overhead.CALIBRATION_CORES + "]")
                .withPartitions(Overhead.CALIBRATION_PARTITIONS);
        assertThat(Workload.of(reference).tasksPerBatch()).isEqualTo(Overhead.DEFAULT_REFERENCE_TASKS);
        // counted: each of the 10 block tasks twice, 2 × 10 + 4 + 4 = 28; the default line runs through zero
        assertThat(Overhead.countedTasks(Workload.of(reference))).isEqualTo(Overhead.DEFAULT_REFERENCE_COUNT).isEqualTo(28);
        assertThat(Overhead.countedTasksSum(Workload.of(reference))).isEqualTo("2 × 10 + 4 + 4 = 28");
        assertThat(Overhead.Unit.TASK.of(Workload.of(reference))).isEqualTo(Overhead.DEFAULT_REFERENCE_COUNT);
        assertThat(Overhead.DEFAULT_PER_BATCH_MS).isEqualTo(Overhead.DEFAULT_REFERENCE_COUNT * Overhead.PER_TASK_MS);
        Overhead d = Overhead.defaults("");
        double high = d.at(Workload.of(reference.withPartitions(Overhead.CALIBRATION_PARTITIONS * Overhead.CALIBRATION_HIGH_PARTITIONS_FACTOR)));
        assertThat(high).isEqualTo(Overhead.DEFAULT_PER_BATCH_MS + 24 * Overhead.PER_TASK_MS);
        // calibrate measures the same two on one, three and seven free slots: the line's three regimes
        assertThat(Overhead.REFERENCE_CALIBRATION_CORES).containsExactly(2, Overhead.CALIBRATION_CORES, 8);
        Workload oneSlot = Workload.of(reference.withMaster("local[2]"));
        assertThat(Overhead.inSeries(oneSlot)).isTrue();
        assertThat(Overhead.Unit.TASK.of(oneSlot)).isEqualTo(2 * 28);
        assertThat(d.at(oneSlot)).isEqualTo(Overhead.DEFAULT_PER_BATCH_MS + (2 * 28 - 28) * Overhead.PER_TASK_MS);
        assertThat(Overhead.inSeries(Workload.of(reference.withMaster("local[8]")))).isFalse();
    }

    @Test
    void aSavedCalibrationIsUsed(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("runs/calibration.json");
        // at local[4], P = 8: 2 × 10 + 8 + 8 = 36 counted tasks; P = 32: 2 × 10 + 32 + 32 = 84
        new Calibration(310, 380, 8, "local[4]", 8, 2000, 36, 5, 32, 510, 84, "2025-01-01T00:00:00Z", "4.1.0", null, null, 1.0, null, null,
                Overhead.INPUT_TASK_WEIGHT).save(file);
        Overhead o = Overhead.load(file);
        assertThat(o.calibrated()).isTrue();
        assertThat(o.origin()).isEqualTo(Overhead.Origin.CALIBRATED);
        assertThat(o.perBatchMs()).isEqualTo(310);
        assertThat(o.unit()).isEqualTo(Overhead.Unit.TASK);
        assertThat(o.referenceCount()).isEqualTo(36);
        assertThat(o.perUnitMs()).isEqualTo(5);
        assertThat(o.detail()).isEqualTo("local[4], 2025-01-01T00:00:00Z");
        assertThat(o.token()).isEqualTo("calibrated");
        assertThat(o.describe(Lang.EN)).isEqualTo("calibrated here (0.31 s at 36 counted tasks (an input task counts 2), +5.0 ms per task, ×2 on one free slot; local[4], 2025-01-01T00:00:00Z)");
        // phase 3: its 36 counted tasks → 310 ms; phase 2: 28 → 310 − 8 × 5 = 270 ms
        assertThat(o.at(Workload.of(HandComputed.PHASE3))).isEqualTo(310);
        assertThat(o.at(Workload.of(HandComputed.PHASE2))).isEqualTo(270);
        assertThat(Calibration.load(file).p95Ms()).isEqualTo(380);

        // the same line saved before the weighted count counted an input task once: it no longer fits, calibrate again
        new Calibration(310, 380, 8, "local[4]", 8, 2000, 26, 5, 32, 510, 74, "2025-01-01T00:00:00Z", "4.1.0").save(file);
        assertThat(Overhead.load(file).origin()).isEqualTo(Overhead.Origin.DEFAULT);
        assertThat(Overhead.load(file).describe(Lang.EN)).contains("counts its 26 tasks as the overhead line did before 2026-12-01, an input task once), run 'bin/ssp calibrate' again");
    }

    @Test
    void aCalibrationAtTheReferenceSettingsScalesTheDefaultLine(@TempDir Path dir) throws Exception {
        // all six settings above the default line: the median of their ratios, (1.2 + 1.3) / 2
        assertThat(Overhead.sameSide(new double[] {1.3, 1.2, 1.1, 1.4, 1.05, 1.3})).isTrue();
        assertThat(Overhead.scaleOf(new double[] {1.3, 1.2, 1.1, 1.4, 1.05, 1.3})).isCloseTo(1.25, org.assertj.core.data.Offset.offset(1e-12));
        // one slow setting (a sweep's first cell often is) moves it by one rank only: (1.3 + 1.3) / 2
        assertThat(Overhead.scaleOf(new double[] {2.6, 1.2, 1.1, 1.4, 1.3, 1.3})).isCloseTo(1.3, org.assertj.core.data.Offset.offset(1e-12));
        // all below: a faster machine, (0.6 + 0.7) / 2
        assertThat(Overhead.scaleOf(new double[] {0.6, 0.5, 0.7, 0.8, 0.6, 0.9})).isCloseTo(0.65, org.assertj.core.data.Offset.offset(1e-12));
        // on both sides, as the reference machine's own settings scatter from run to run: the default line, × 1
        assertThat(Overhead.sameSide(new double[] {1.3, 0.9, 1.1, 1.4, 1.0, 1.3})).isFalse();
        assertThat(Overhead.scaleOf(new double[] {1.3, 0.9, 1.1, 1.4, 1.0, 1.3})).isEqualTo(1);
        assertThat(Overhead.scaleOf(new double[] {0.53, 1.38, 0.9, 0.8, 0.76, 0.95})).isEqualTo(1);
        assertThat(Overhead.sameSide(new double[0])).isFalse();
        // what such a machine measures at local[4] P = 4 and P = 16: 1.2 times the default line there
        double low = 1.2 * Overhead.DEFAULT_PER_BATCH_MS, high = 1.2 * (Overhead.DEFAULT_PER_BATCH_MS + 24 * Overhead.PER_TASK_MS);
        assertThat(Overhead.isReferenceSetting(4, 4)).isTrue();
        assertThat(Overhead.isReferenceSetting(8, 4)).isFalse();
        assertThat(Overhead.isReferenceSetting(4, 8)).isFalse();

        Path file = dir.resolve("calibration.json");
        new Calibration(low, 380, 8, "local[4]", 4, 2000, 18, 3, 16, high, 42, "2026-11-30T00:00:00Z", "4.2.0", 9000.0, 1.9, 1.0, 1.2).save(file);
        Overhead o = Overhead.load(file);
        assertThat(o.origin()).isEqualTo(Overhead.Origin.CALIBRATED);
        // not the line through the two settings (its 3 ms per task): the default's, 1.2 times over, at the default's tasks
        assertThat(o.perBatchMs()).isCloseTo(1.2 * Overhead.DEFAULT_PER_BATCH_MS, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(o.perUnitMs()).isCloseTo(1.2 * Overhead.PER_TASK_MS, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(o.referenceCount()).isEqualTo(Overhead.DEFAULT_REFERENCE_COUNT);
        assertThat(o.scale()).isEqualTo(1.2);
        assertThat(o.token()).isEqualTo("calibrated");
        assertThat(o.detail()).isEqualTo("local[4], 2026-11-30T00:00:00Z");
        // the words, hand-computed with a default of 100 ms at 18 tasks, +2.5 ms per task: 120 ms, +3.0 ms
        Overhead hand = new Overhead(100 * 1.2, Overhead.Unit.TASK, 18, 2.5 * 1.2, Overhead.Origin.CALIBRATED, o.detail(), 1.2);
        assertThat(hand.describe(Lang.EN))
                .isEqualTo("calibrated here: the lab's default × 1.20 (0.12 s at 18 counted tasks (an input task counts 2), +3.0 ms per task, ×2 on one free slot; local[4], 2026-11-30T00:00:00Z)");
        assertThat(hand.describe(Lang.VI)).isEqualTo("đã hiệu chuẩn trên máy này: giá trị mặc định của lab × 1,20 (0,12 s ở 18 task quy đổi (một task đọc đầu vào tính là 2), +3,0 ms mỗi task, ×2 trên một slot trống; local[4], 2026-11-30T00:00:00Z)");

        // a calibration saved before the per-task line (task waves, no tasks) still scales the default line: only its scale is used
        Files.writeString(file, "{\"overheadMs\": 100, \"wavesPerBatch\": 8, \"perWaveMs\": 7, \"master\": \"local[4]\", "
                + "\"measuredAt\": \"2026-11-30T00:00:00Z\", \"scale\": 1.1}");
        Overhead older = Overhead.load(file);
        assertThat(older.origin()).isEqualTo(Overhead.Origin.CALIBRATED);
        assertThat(older.perUnitMs()).isCloseTo(1.1 * Overhead.PER_TASK_MS, org.assertj.core.data.Offset.offset(1e-9));

        // a scale that cannot be one: the file is unusable, and the default is used instead
        new Calibration(low, 380, 8, "local[4]", 4, 2000, 18, 3, 16, high, 42, "2026-11-30T00:00:00Z", "4.2.0", 9000.0, 1.9, 1.0, 0.0).save(file);
        assertThat(Overhead.load(file).origin()).isEqualTo(Overhead.Origin.DEFAULT);
        assertThat(Overhead.load(file).describe(Lang.EN)).contains("holds no usable scale (scale 0.0)");
    }

    @Test
    void aCalibrationKeepsEverySettingItMeasuredAndItsRatioToTheDefaultLine(@TempDir Path dir) throws Exception {
        // local[2] P=4: 56 tasks counted (28, in series); a default line that says 122.4 ms there (a test's own number); measured 88.5 ms
        Calibration.Setting oneSlot = new Calibration.Setting("local[2]", 4, 56, 88.5, 957.5, 122.4);
        assertThat(oneSlot.ratio()).isCloseTo(88.5 / 122.4, org.assertj.core.data.Offset.offset(1e-12));
        Calibration.Setting threeSlots = new Calibration.Setting("local[4]", 4, 28, 97.2, 590, 81);
        assertThat(threeSlots.ratio()).isCloseTo(1.2, org.assertj.core.data.Offset.offset(1e-12));

        Path file = dir.resolve("calibration.json");
        new Calibration(97.2, 590, 6, "local[4]", 4, 2000, 18, 2.0, 16, 150, 42, "2026-12-01T09:00:00Z", "4.2.0", 9000.0, 1.9, 1.0,
                Overhead.scaleOf(new double[] {oneSlot.ratio(), threeSlots.ratio()}), java.util.List.of(oneSlot, threeSlots)).save(file);
        Calibration read = Calibration.load(file);
        assertThat(read.settings()).containsExactly(oneSlot, threeSlots);
        assertThat(java.nio.file.Files.readString(file)).contains("\"defaultLineMs\"").doesNotContain("\"ratio\"");
        // one below the line, one above: the scale is 1
        assertThat(Overhead.from(read).scale()).isEqualTo(1);
    }

    @Test
    void aBrokenCalibrationFallsBackToTheDefaultAndSaysWhy(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("calibration.json");
        Files.writeString(file, "{\"overheadMs\": ");
        Overhead o = Overhead.load(file);
        assertThat(o.calibrated()).isFalse();
        assertThat(o.perBatchMs()).isEqualTo(Overhead.DEFAULT_PER_BATCH_MS);
        assertThat(o.detail()).isNotEmpty();
        assertThat(o.describe(Lang.EN)).startsWith("the lab's default (" + defaultNumbers(Lang.EN) + "): the calibration cannot be read (")
                .endsWith("), run 'bin/ssp calibrate' again");
        Files.writeString(file, "{\"overheadMs\": -5, \"tasksPerBatch\": 18}");
        assertThat(Overhead.load(file).describe(Lang.EN)).contains("no usable overhead");
        Files.writeString(file, "{\"overheadMs\": 250, \"tasksPerBatch\": 18, \"perTaskMs\": -1}");
        assertThat(Overhead.load(file).describe(Lang.EN)).contains("no usable overhead");
        // an own-settings calibration from before the per-task line: a line through task waves, which the model no longer draws
        Files.writeString(file, "{\"overheadMs\": 250, \"wavesPerBatch\": 8, \"perWaveMs\": 9}");
        assertThat(Overhead.load(file).describe(Lang.EN)).contains("no usable overhead (overheadMs 250.0, tasksPerBatch 0, perTaskMs 0.0)")
                .endsWith("run 'bin/ssp calibrate' again");
        assertThat(Overhead.load(file).token()).isEqualTo("default");
    }

    @Test
    void eachOriginHasItsTokenForTheSummaryAndItsWords() {
        Overhead given = Overhead.given(400, Workload.of(HandComputed.PHASE3));
        assertThat(given.origin()).isEqualTo(Overhead.Origin.GIVEN);
        assertThat(given.calibrated()).as("given, not measured by bin/ssp calibrate").isFalse();
        assertThat(given.token()).isEqualTo("given");
        assertThat(given.describe(Lang.EN)).isEqualTo("given with --overhead (0.40 s for this setting)");
        // taken as measured for the very setting: at its own counted tasks (2 × 10 + 8 + 8) it is exactly the given value
        assertThat(given.referenceCount()).isEqualTo(36);
        assertThat(given.at(Workload.of(HandComputed.PHASE3))).isEqualTo(400);

        // The demo's phase 1 costs nothing: its measured PT is all overhead, at its own tasks.
        Overhead measured = HandComputed.OVERHEAD.measuredBy("phase1", 180, Workload.of(HandComputed.PHASE1));
        assertThat(measured.origin()).isEqualTo(Overhead.Origin.MEASURED);
        assertThat(measured.perBatchMs()).isEqualTo(180);
        assertThat(measured.referenceCount()).isEqualTo(28);
        assertThat(measured.perUnitMs()).as("the per-task cost stays the one it had").isEqualTo(HandComputed.OVERHEAD.perUnitMs());
        assertThat(measured.token()).isEqualTo("measured:phase1");
        assertThat(measured.describe(Lang.EN)).isEqualTo("measured by phase1 in this run (0.18 s at 28 counted tasks (an input task counts 2), +5.0 ms per task, ×2 on one free slot)");
        // phase 3's 36 counted tasks: 180 + 8 × 5
        assertThat(measured.at(Workload.of(HandComputed.PHASE3))).isEqualTo(220);
        // local[2]: the same 28 counted tasks in series on its one free slot count twice: 180 + 28 × 5
        assertThat(measured.at(Workload.of(HandComputed.PHASE1.withMaster("local[2]")))).isEqualTo(320);
        assertThat(measured.at(Workload.of(HandComputed.PHASE1))).isEqualTo(180);

        // A summary keeps the token; the console renders it in the reader's language.
        assertThat(Overhead.describeToken("measured:phase1", Lang.EN)).isEqualTo("measured by phase1 in this run");
        assertThat(Overhead.describeToken("measured:phase1", Lang.VI)).isEqualTo("do phase1 đo trong lần chạy này");
        assertThat(Overhead.describeToken("default", Lang.EN)).isEqualTo("the lab's default");
        assertThat(Overhead.describeToken("calibrated", Lang.EN)).isEqualTo("this machine's calibration");
        assertThat(Overhead.describeToken("given", Lang.VI)).isEqualTo("cho qua --overhead");
        assertThat(Overhead.describeToken(null, Lang.EN)).isEmpty();
        assertThat(Overhead.describeToken("something newer", Lang.EN)).isEqualTo("something newer");
        for (Overhead.Origin origin : Overhead.Origin.values()) assertThat(origin.token()).isEqualTo(origin.name().toLowerCase(java.util.Locale.ROOT));
    }

    @Test
    void theDefaultFileLivesUnderSspHome(@TempDir Path dir) {
        String before = System.getProperty("ssp.home");
        try {
            System.setProperty("ssp.home", dir.toString());
            assertThat(Calibration.defaultPath()).isEqualTo(dir.resolve("runs").resolve("calibration.json"));
            assertThat(Overhead.load().origin()).isEqualTo(Overhead.Origin.DEFAULT);
        } finally {
            if (before == null) System.clearProperty("ssp.home");
            else System.setProperty("ssp.home", before);
        }
    }
}
