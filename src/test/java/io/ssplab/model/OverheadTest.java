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
        assertThat(o.referenceWaves()).isEqualTo(Overhead.DEFAULT_REFERENCE_WAVES);
        assertThat(o.perWaveMs()).isEqualTo(Overhead.PER_WAVE_MS);
        assertThat(o.detail()).isEmpty();
        assertThat(o.token()).isEqualTo("default");
        // the words with the default's own numbers, whatever they are
        assertThat(o.describe(Lang.EN)).isEqualTo("the lab's default (" + defaultNumbers(Lang.EN)
                + "): no calibration yet, run 'bin/ssp calibrate' to measure this machine");
        assertThat(o.describe(Lang.VI)).startsWith("giá trị mặc định của lab (" + defaultNumbers(Lang.VI) + ")");
        // the same words, with numbers of a test's own
        Overhead other = new Overhead(250, 8, 25, Overhead.Origin.DEFAULT, "");
        assertThat(other.describe(Lang.EN)).isEqualTo(
                "the lab's default (0.25 s at 8 waves, +25.0 ms per wave): no calibration yet, run 'bin/ssp calibrate' to measure this machine");
        assertThat(other.describe(Lang.VI)).startsWith("giá trị mặc định của lab (0,25 s ở 8 đợt, +25,0 ms mỗi đợt)");
    }

    /** "0.19 s at 8 waves, +25.0 ms per wave" from the default's constants, in the language's numbers. */
    private static String defaultNumbers(Lang lang) {
        String seconds = Format.seconds(lang, Overhead.DEFAULT_PER_BATCH_MS);
        String perWave = Format.signed(lang, Overhead.PER_WAVE_MS, 1);
        return lang == Lang.VI ? seconds + " ở " + Overhead.DEFAULT_REFERENCE_WAVES + " đợt, " + perWave + " ms mỗi đợt"
                : seconds + " at " + Overhead.DEFAULT_REFERENCE_WAVES + " waves, " + perWave + " ms per wave";
    }

    @Test
    void aSavedCalibrationIsUsed(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("runs/calibration.json");
        new Calibration(310, 380, 8, "local[4]", 4, 2000, 8, 30, 16, 550, 16, "2025-01-01T00:00:00Z", "4.1.0").save(file);
        Overhead o = Overhead.load(file);
        assertThat(o.calibrated()).isTrue();
        assertThat(o.origin()).isEqualTo(Overhead.Origin.CALIBRATED);
        assertThat(o.perBatchMs()).isEqualTo(310);
        assertThat(o.referenceWaves()).isEqualTo(8);
        assertThat(o.perWaveMs()).isEqualTo(30);
        assertThat(o.detail()).isEqualTo("local[4], 2025-01-01T00:00:00Z");
        assertThat(o.token()).isEqualTo("calibrated");
        assertThat(o.describe(Lang.EN)).isEqualTo("calibrated here (0.31 s at 8 waves, +30.0 ms per wave; local[4], 2025-01-01T00:00:00Z)");
        // phase 3: 6 waves → 310 − 2 × 30 = 250 ms; phase 2: its 8 waves → 310 ms
        assertThat(o.at(Workload.of(HandComputed.PHASE3))).isEqualTo(250);
        assertThat(o.at(Workload.of(HandComputed.PHASE2))).isEqualTo(310);
        assertThat(Calibration.load(file).p95Ms()).isEqualTo(380);
    }

    @Test
    void aCalibrationAtTheReferenceSettingsScalesTheDefaultLine(@TempDir Path dir) throws Exception {
        // this machine took 1.2 times the reference machine's overheads at calibrate's two settings
        double low = 0.5 * Overhead.REFERENCE_CALIBRATION_MS, high = 0.7 * Overhead.REFERENCE_CALIBRATION_MS;
        assertThat(Overhead.scaleOf(low, high)).isCloseTo(1.2, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(Overhead.isReferenceSetting(4, 4)).isTrue();
        assertThat(Overhead.isReferenceSetting(8, 4)).isFalse();
        assertThat(Overhead.isReferenceSetting(4, 8)).isFalse();

        Path file = dir.resolve("calibration.json");
        new Calibration(low, 380, 8, "local[4]", 4, 2000, 8, 3, 16, high, 16, "2026-11-30T00:00:00Z", "4.2.0", 9000.0, 1.9, 1.0, 1.2).save(file);
        Overhead o = Overhead.load(file);
        assertThat(o.origin()).isEqualTo(Overhead.Origin.CALIBRATED);
        // not the line through the two settings (its 3 ms per wave): the default's, 1.2 times over, at the default's waves
        assertThat(o.perBatchMs()).isCloseTo(1.2 * Overhead.DEFAULT_PER_BATCH_MS, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(o.perWaveMs()).isCloseTo(1.2 * Overhead.PER_WAVE_MS, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(o.referenceWaves()).isEqualTo(Overhead.DEFAULT_REFERENCE_WAVES);
        assertThat(o.scale()).isEqualTo(1.2);
        assertThat(o.token()).isEqualTo("calibrated");
        assertThat(o.detail()).isEqualTo("local[4], 2026-11-30T00:00:00Z");
        // the words, hand-computed with a default of 130 ms at 8 waves, +9 ms per wave: 156 ms, +10.8 ms
        Overhead hand = new Overhead(130 * 1.2, 8, 9 * 1.2, Overhead.Origin.CALIBRATED, o.detail(), 1.2);
        assertThat(hand.describe(Lang.EN))
                .isEqualTo("calibrated here: the lab's default × 1.20 (0.16 s at 8 waves, +10.8 ms per wave; local[4], 2026-11-30T00:00:00Z)");
        assertThat(hand.describe(Lang.VI)).isEqualTo("đã hiệu chuẩn trên máy này: giá trị mặc định của lab × 1,20 (0,16 s ở 8 đợt, +10,8 ms mỗi đợt; local[4], 2026-11-30T00:00:00Z)");

        // a scale that cannot be one: the file is unusable, and the default is used instead
        new Calibration(low, 380, 8, "local[4]", 4, 2000, 8, 3, 16, high, 16, "2026-11-30T00:00:00Z", "4.2.0", 9000.0, 1.9, 1.0, 0.0).save(file);
        assertThat(Overhead.load(file).origin()).isEqualTo(Overhead.Origin.DEFAULT);
        assertThat(Overhead.load(file).describe(Lang.EN)).contains("holds no usable scale (scale 0.0)");
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
        Files.writeString(file, "{\"overheadMs\": -5, \"wavesPerBatch\": 8}");
        assertThat(Overhead.load(file).describe(Lang.EN)).contains("no usable overhead");
        Files.writeString(file, "{\"overheadMs\": 250, \"wavesPerBatch\": 8, \"perWaveMs\": -1}");
        assertThat(Overhead.load(file).describe(Lang.EN)).contains("no usable overhead");
        assertThat(Overhead.load(file).token()).isEqualTo("default");
    }

    @Test
    void eachOriginHasItsTokenForTheSummaryAndItsWords() {
        Overhead given = Overhead.given(400, 6);
        assertThat(given.origin()).isEqualTo(Overhead.Origin.GIVEN);
        assertThat(given.calibrated()).as("given, not measured by bin/ssp calibrate").isFalse();
        assertThat(given.token()).isEqualTo("given");
        assertThat(given.describe(Lang.EN)).isEqualTo("given with --overhead (0.40 s for this setting)");
        // taken as measured for the very setting: at its own waves it is exactly the given value
        assertThat(given.referenceWaves()).isEqualTo(6);
        assertThat(given.at(Workload.of(HandComputed.PHASE3))).isEqualTo(400);

        // The demo's phase 1 costs nothing: its measured PT is all overhead, at its own task waves.
        Overhead measured = Overhead.defaults("").measuredBy("phase1", 180, 8);
        assertThat(measured.origin()).isEqualTo(Overhead.Origin.MEASURED);
        assertThat(measured.perBatchMs()).isEqualTo(180);
        assertThat(measured.referenceWaves()).isEqualTo(8);
        assertThat(measured.perWaveMs()).as("the per-wave cost stays the one it had").isEqualTo(Overhead.PER_WAVE_MS);
        assertThat(measured.token()).isEqualTo("measured:phase1");
        assertThat(measured.describe(Lang.EN)).isEqualTo("measured by phase1 in this run (0.18 s at 8 waves, +9.0 ms per wave)");
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
