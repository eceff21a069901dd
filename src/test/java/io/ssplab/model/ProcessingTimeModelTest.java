package io.ssplab.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.ssplab.core.BadInputException;
import io.ssplab.core.Json;
import io.ssplab.core.Knobs;
import io.ssplab.core.Lang;
import io.ssplab.core.Master;
import io.ssplab.core.Verdict;
import io.ssplab.core.CostUnit;
import io.ssplab.solutions.FillGapsSolution;
import io.ssplab.solutions.FixDelaySolution;

/**
 * The model against cases computed by hand (the numbers in the comments are the hand computation), on
 * {@link HandComputed}'s knobs and overhead: 250 ms at 8 task waves, 25 ms per wave more or less — not the
 * lab's default, which may change without touching these.
 */
class ProcessingTimeModelTest {
    private static final ProcessingTimeModel MODEL = HandComputed.MODEL;

    /** BI 2 s, local[4], P = 4, 5.6 ms per word, 140 lines/s × 3 words. */
    private static Knobs phase2() {
        return HandComputed.PHASE2;
    }

    @Test
    void phase2FallsBehindByMoreThanHalfASecondPerBatch() {
        Prediction p = MODEL.predict(Workload.of(phase2()));
        BatchArithmetic a = p.arithmetic();
        // 140 lines/s × 2 s = 280 lines × 3 words = 840 words; 840 / 4 = 210 per partition
        assertThat(a.linesPerBatch()).isEqualTo(280);
        assertThat(a.costedRecordsPerBatch()).isEqualTo(840);
        assertThat(a.recordsPerPartition()).isEqualTo(210);
        // 4 cores − 1 receiver = 3 slots; ⌈4 / 3⌉ = 2 waves, the last with 1 task
        assertThat(a.freeSlots()).isEqualTo(3);
        assertThat(a.waves()).isEqualTo(2);
        assertThat(a.lastWaveTasks()).isEqualTo(1);
        assertThat(a.partialLastWave()).isTrue();
        // 2 × 210 × 5.6 ms = 2352 ms; tasks = 10 blocks + 4 + 4 = 18 in ⌈10/3⌉ + ⌈4/3⌉ + ⌈4/3⌉ = 8 waves → overhead 250 ms
        assertThat(a.costTimeMs()).isCloseTo(2352, within(1e-6));
        assertThat(p.workload().tasksPerBatch()).isEqualTo(18);
        assertThat(p.workload().taskWavesPerBatch()).isEqualTo(8);
        assertThat(p.overheadMs()).isEqualTo(250);
        assertThat(p.predictedProcessingTimeMs()).isCloseTo(2602, within(1e-6));
        assertThat(p.ratio()).isCloseTo(1.301, within(1e-9));
        assertThat(p.stable()).isFalse();
        assertThat(p.schedulingDelayGrowthMsPerBatch()).isCloseTo(602, within(1e-6));
        assertThat(p.headroomMs()).isZero();
    }

    @Test
    void phase3HasAPartialSecondWaveAndHeadroom() {
        Prediction p = MODEL.predict(Workload.of(HandComputed.PHASE3));
        BatchArithmetic a = p.arithmetic();
        // 840 / 8 = 105 words; 8 − 1 = 7 slots; ⌈8 / 7⌉ = 2 waves (7, then 1)
        assertThat(a.recordsPerPartition()).isEqualTo(105);
        assertThat(a.freeSlots()).isEqualTo(7);
        assertThat(a.waves()).isEqualTo(2);
        assertThat(a.lastWaveTasks()).isEqualTo(1);
        // 2 × 105 × 5.6 = 1176 ms; 10 + 8 + 8 = 26 tasks (in ⌈10/7⌉ + ⌈8/7⌉ + ⌈8/7⌉ = 6 waves) → 250 + 8 × 5 = 290 ms
        assertThat(a.costTimeMs()).isCloseTo(1176, within(1e-6));
        assertThat(p.workload().tasksPerBatch()).isEqualTo(26);
        assertThat(p.workload().taskWavesPerBatch()).isEqualTo(6);
        assertThat(p.overheadMs()).isEqualTo(290);
        assertThat(p.predictedProcessingTimeMs()).isCloseTo(1466, within(1e-6));
        assertThat(p.stable()).isTrue();
        assertThat(p.headroomMs()).isCloseTo(534, within(1e-6));
        assertThat(p.schedulingDelayGrowthMsPerBatch()).isZero();
    }

    @Test
    void onePartitionPerFreeSlotIsOneFullWave() {
        Prediction p = MODEL.predict(Workload.of(HandComputed.PHASE3.withPartitions(7)));
        // 840 / 7 = 120 words in one wave: 120 × 5.6 = 672 ms
        assertThat(p.arithmetic().waves()).isEqualTo(1);
        assertThat(p.arithmetic().partialLastWave()).isFalse();
        assertThat(p.arithmetic().costTimeMs()).isCloseTo(672, within(1e-6));
    }

    @Test
    void manyPartitionsOnFewSlotsMakeSeveralWaves() {
        Prediction p = MODEL.predict(Workload.of(HandComputed.PHASE3.withPartitions(16)));
        // ⌈16 / 7⌉ = 3 waves, the last with 16 − 14 = 2 tasks; 840 / 16 = 52.5 words: 3 × 52.5 × 5.6 = 882 ms
        assertThat(p.arithmetic().waves()).isEqualTo(3);
        assertThat(p.arithmetic().lastWaveTasks()).isEqualTo(2);
        assertThat(p.arithmetic().costTimeMs()).isCloseTo(882, within(1e-6));
        // one free slot: every partition is its own wave; 16 × 52.5 = 840 words in series
        Prediction serial = MODEL.predict(Workload.of(phase2().withMaster("local[2]").withPartitions(16)));
        assertThat(serial.arithmetic().waves()).isEqualTo(16);
        assertThat(serial.arithmetic().partialLastWave()).isFalse();
        assertThat(serial.arithmetic().costTimeMs()).isCloseTo(840 * 5.6, within(1e-6));
    }

    @Test
    void eachReceiverHoldsASlot() {
        Workload w = new Workload(HandComputed.PHASE3, 8, 3, true);
        BatchArithmetic a = MODEL.predict(w).arithmetic();
        // 8 cores − 3 receivers = 5 slots; ⌈8 / 5⌉ = 2 waves, the last with 3 tasks
        assertThat(a.freeSlots()).isEqualTo(5);
        assertThat(a.waves()).isEqualTo(2);
        assertThat(a.lastWaveTasks()).isEqualTo(3);
        // 3 receivers cut 3 × 10 blocks per 2 s batch: 30 + 8 + 8 tasks in ⌈30/5⌉ + ⌈8/5⌉ + ⌈8/5⌉ = 10 waves
        assertThat(w.tasksPerBatch()).isEqualTo(46);
        assertThat(w.taskWavesPerBatch()).isEqualTo(10);
        assertThatThrownBy(() -> MODEL.predict(new Workload(phase2(), 3, 3, true)))
                .isInstanceOf(BadInputException.class).hasMessageContaining("no task slot");
    }

    @Test
    void withoutRepartitionThePartitionsAreTheReceiverBlocks() {
        Workload w = Workload.of(phase2()).withRepartition(false);
        // 2 s / 200 ms = 10 blocks of 84 words, on 3 slots: ⌈10 / 3⌉ = 4 waves, the last with 1
        assertThat(w.blocksPerBatch()).isEqualTo(10);
        BatchArithmetic a = MODEL.predict(w).arithmetic();
        assertThat(a.partitions()).isEqualTo(10);
        assertThat(a.recordsPerPartition()).isEqualTo(84);
        assertThat(a.waves()).isEqualTo(4);
        assertThat(a.lastWaveTasks()).isEqualTo(1);
        assertThat(a.costTimeMs()).isCloseTo(4 * 84 * 5.6, within(1e-6));
        // the block stage is the costly one: 10 block tasks + 4 reduce tasks, in ⌈10/3⌉ + ⌈4/3⌉ = 6 waves
        assertThat(w.tasksPerBatch()).isEqualTo(14);
        assertThat(w.taskWavesPerBatch()).isEqualTo(6);
        // a block interval that does not divide BI still cuts a last, shorter block: ⌈1.1 s / 200 ms⌉ = 6
        Knobs odd = new Knobs("x", "local[4]", Duration.ofMillis(1100), 4, Duration.ofMillis(1), CostUnit.WORD, 140, 3,
                Duration.ofMillis(200));
        assertThat(new Workload(odd, 4, 1, false).blocksPerBatch()).isEqualTo(6);
        // two receivers: twice the blocks
        assertThat(new Workload(phase2(), 4, 2, false).costStagePartitions()).isEqualTo(20);
        List<String> lines = MODEL.predict(w).explain();
        assertThat(lines.get(0)).contains("no repartition").contains("10 blocks");
    }

    @Test
    void costPerLineCountsLinesNotWords() {
        Prediction line = MODEL.predict(Workload.of(new FixDelaySolution().defaults()));
        // 280 lines / 8 = 35 lines; 2 waves × 35 × 5 ms = 350 ms
        assertThat(line.arithmetic().costedRecordsPerBatch()).isEqualTo(280);
        assertThat(line.arithmetic().costTimeMs()).isCloseTo(350, within(1e-6));
        Knobs perWord = new FixDelaySolution().defaults();
        perWord = new Knobs(perWord.job(), perWord.master(), perWord.batchInterval(), perWord.partitions(), perWord.cost(),
                CostUnit.WORD, perWord.linesPerSecond(), perWord.wordsPerLine(), perWord.blockInterval());
        // the same setting per word: 3 × the records, 3 × the cost time
        assertThat(MODEL.predict(Workload.of(perWord)).arithmetic().costTimeMs()).isCloseTo(1050, within(1e-6));
        // step 1: 280 / 4 = 70 lines, 2 waves × 70 × 15 ms = 2.1 s: unstable by itself
        Prediction step1 = MODEL.predict(Workload.of(new FillGapsSolution().defaults()));
        assertThat(step1.arithmetic().costTimeMs()).isCloseTo(2100, within(1e-6));
        assertThat(step1.stable()).isFalse();
        assertThat(line.stable()).isTrue();
    }

    @Test
    void aStandaloneMasterGetsItsCoresMaxElseTheCoresTheJobWasDesignedWith() {
        Knobs cluster = phase2().withMaster("spark://10.0.0.5:7077");
        assertThat(Workload.of(cluster).cores()).isEqualTo(Master.DEFAULT_CLUSTER_CORES);
        Workload twelve = Workload.of(cluster, 12, 4);
        assertThat(twelve.cores()).isEqualTo(12);
        assertThat(twelve.freeSlots()).isEqualTo(11);
        assertThat(twelve.masterLabel()).isEqualTo("spark://10.0.0.5:7077 (12 cores)");
        // without spark.cores.max: the local cores its lesson was designed with (phase 3: 8)
        assertThat(Workload.of(HandComputed.PHASE3.withMaster("spark://10.0.0.5:7077"), null, 8).cores()).isEqualTo(8);
        // a local master is its own N, whatever the cluster settings say
        assertThat(Workload.of(phase2(), 12, 8).cores()).isEqualTo(4);
        // withCores keeps the URL of a standalone master, rewrites local[N]
        assertThat(twelve.withCores(6).knobs().master()).isEqualTo("spark://10.0.0.5:7077");
        assertThat(Workload.of(phase2()).withCores(6).knobs().master()).isEqualTo("local[6]");
    }

    @Test
    void aRunsPredictionHonoursCoresMaxAndBackpressure() {
        // phase 2 at the nominal 140 lines/s: 2.60 s; with the rate controller on PT settles at BI
        Prediction nominal = MODEL.predictRun(phase2(), Map.of(), 4);
        assertThat(nominal.predictedProcessingTimeMs()).isCloseTo(2602, within(1e-6));
        assertThat(nominal.overhead()).isSameAs(MODEL.overhead());
        Prediction settled = MODEL.predictRun(phase2(), Map.of(ProcessingTimeModel.BACKPRESSURE, "true"), 4);
        assertThat(settled.predictedProcessingTimeMs()).isEqualTo(2000);
        assertThat(settled.stable()).as("ρ = 1 keeps up").isTrue();
        assertThat(settled.arithmetic()).isEqualTo(nominal.arithmetic());
        assertThat(MODEL.predictRun(phase2(), Map.of(ProcessingTimeModel.BACKPRESSURE, " FALSE "), 4).predictedProcessingTimeMs())
                .isCloseTo(2602, within(1e-6));
        // backpressure changes nothing when the job keeps up anyway
        assertThat(MODEL.predictRun(HandComputed.PHASE3, Map.of(ProcessingTimeModel.BACKPRESSURE, "true"), 8).predictedProcessingTimeMs())
                .isCloseTo(1466, within(1e-6));
        // a standalone master with spark.cores.max 8: 7 slots, P = 4 in one wave of 210 words
        Knobs cluster = phase2().withMaster("spark://127.0.0.1:7077");
        Prediction eight = MODEL.predict(Workload.of(cluster, 8, 4));
        assertThat(MODEL.predictRun(cluster, Map.of("spark.cores.max", "8"), 4).predictedProcessingTimeMs())
                .isCloseTo(eight.predictedProcessingTimeMs(), within(1e-6));
        assertThat(eight.arithmetic().waves()).isEqualTo(1);
        // without spark.cores.max, the designed cores
        assertThat(MODEL.predictRun(cluster, Map.of(), 8).workload().cores()).isEqualTo(8);
        // nothing to predict: no slot left, or a cores setting that is not a number
        assertThat(MODEL.predictRun(cluster, Map.of("spark.cores.max", "1"), 4)).isNull();
        assertThat(MODEL.predictRun(cluster, Map.of("spark.cores.max", "many"), 4)).isNull();
    }

    @Test
    void zeroCostIsAllOverhead() {
        Prediction p = MODEL.predict(Workload.of(HandComputed.PHASE1));
        assertThat(p.arithmetic().costTimeMs()).isZero();
        assertThat(p.predictedProcessingTimeMs()).isEqualTo(250);
        assertThat(p.consequence(Lang.EN)).contains("headroom").contains("1.75 s per batch (88% of BI unused)").doesNotContain("cost could grow");
    }

    @Test
    void overheadScalesWithTasksAndHasAFloor() {
        Overhead o = new Overhead(300, Overhead.Unit.TASK, 28, 5, Overhead.Origin.CALIBRATED, "test");
        // phase 2: 10 + 4 + 4 = 18 tasks, each block task counted twice: 2 × 10 + 4 + 4 = 28 → 300
        assertThat(o.at(Workload.of(phase2()))).isEqualTo(300);
        // local[4], P=16: 2 × 10 + 16 + 16 = 52 → 300 + 5 × 24 = 420
        assertThat(o.at(Workload.of(phase2().withPartitions(16)))).isEqualTo(420);
        // the same tasks on local[8]'s 7 slots cost the same: Spark's work per task shares the reference machine's 2 cores
        assertThat(o.at(Workload.of(phase2().withMaster("local[8]").withPartitions(16)))).isEqualTo(420);
        // on local[2]'s one free slot they run in series, and each counts twice more: 104 → 300 + 5 × 76 = 680
        assertThat(o.at(Workload.of(phase2().withMaster("local[2]").withPartitions(16)))).isEqualTo(680);
        // BI 1 s: 2 × 5 blocks + 2 + 2 = 14 → 300 − 5 × 14 = 230
        assertThat(o.at(Workload.of(phase2().withBatchInterval(Duration.ofSeconds(1)).withPartitions(2)))).isEqualTo(230);
        Overhead small = new Overhead(60, Overhead.Unit.TASK, 28, 5, Overhead.Origin.CALIBRATED, "test");
        // local[8], P=2: 2 × 10 + 2 + 2 = 24 → 60 − 20, floored at 50
        assertThat(small.at(Workload.of(phase2().withMaster("local[8]").withPartitions(2)))).isEqualTo(Overhead.FLOOR_MS);
    }

    @Test
    void aLineOverTaskWavesCountsTheWaves() {
        // the unit a micro-batch's line uses, on a DStream batch: local[2], P=16 runs its 42 tasks in 42 waves, local[8] in 8
        Overhead o = new Overhead(300, Overhead.Unit.WAVE, 8, 25, Overhead.Origin.CALIBRATED, "test");
        assertThat(o.at(Workload.of(phase2()))).isEqualTo(300);
        assertThat(o.at(Workload.of(phase2().withMaster("local[2]").withPartitions(16)))).isEqualTo(300 + 25 * 34);
        assertThat(o.at(Workload.of(phase2().withMaster("local[8]").withPartitions(16)))).isEqualTo(300);
    }

    @Test
    void aPredictionAtExactlyOneKeepsUp() {
        // 2 waves × 210 words × 5 ms = 2100 ms of cost + a flat 1900 ms of overhead = 4000 ms at BI 4 s (70 lines/s): ρ = 1 exactly
        ProcessingTimeModel model = new ProcessingTimeModel(new Overhead(1900, Overhead.Unit.TASK, 18, 0, Overhead.Origin.GIVEN, ""));
        Prediction p = model.predict(Workload.of(phase2().withCost(Duration.ofMillis(5)).withBatchInterval(Duration.ofSeconds(4)).withRate(70)));
        assertThat(p.arithmetic().costTimeMs()).isEqualTo(2100);
        assertThat(p.predictedProcessingTimeMs()).isEqualTo(4000);
        assertThat(p.ratio()).isEqualTo(1.0);
        assertThat(p.stable()).isEqualTo(Verdict.keepsUp(p.ratio())).isTrue();
        assertThat(p.verdict()).isEqualTo(Verdict.STABLE);
        assertThat(p.schedulingDelayGrowthMsPerBatch()).isZero();
        assertThat(p.headroomMs()).isZero();
        // a millisecond more is one too many
        Prediction over = new ProcessingTimeModel(new Overhead(1901, Overhead.Unit.TASK, 18, 0, Overhead.Origin.GIVEN, ""))
                .predict(Workload.of(phase2().withCost(Duration.ofMillis(5)).withBatchInterval(Duration.ofSeconds(4)).withRate(70)));
        assertThat(over.verdict()).isEqualTo(Verdict.UNSTABLE);
        assertThat(over.schedulingDelayGrowthMsPerBatch()).isEqualTo(1);
    }

    @Test
    void fieldsStartWithTheKnobsJsonFieldsThenTheModelsNumbers() throws Exception {
        Prediction p = MODEL.predict(Workload.of(phase2()).withRepartition(false));
        Map<String, Object> f = p.fields();
        List<String> keys = List.copyOf(f.keySet());
        List<String> knobFields = List.of("job", "master", "batchIntervalMs", "partitions", "costMs", "costUnit", "linesPerSecond",
                "wordsPerLine", "blockIntervalMs", "skew", "costKind");
        assertThat(keys.subList(0, knobFields.size())).containsExactlyInAnyOrderElementsOf(knobFields);
        assertThat(keys.subList(knobFields.size(), knobFields.size() + 5))
                .containsExactly("cores", "receivers", "freeSlots", "repartitioned", "costStagePartitions");
        assertThat(keys).contains("linesPerBatch", "costedRecordsPerBatch", "recordsPerPartition", "waves", "lastWaveTasks", "partialLastWave",
                "tasksPerBatch", "taskWavesPerBatch", "costTimeMs", "overheadMs", "overheadCalibrated", "overheadSource",
                "predictedProcessingTimeMs", "ratio", "stable", "verdict", "schedulingDelayGrowthMsPerBatch", "headroomMs");
        assertThat(keys).doesNotHaveDuplicates().doesNotContain("knobs", "batchInterval", "cost", "blockInterval", "spec");
        // P is the knob, costStagePartitions the partitions the cost is paid on: here the 10 receiver blocks
        assertThat(((Number) f.get("partitions")).intValue()).isEqualTo(4);
        assertThat(((Number) f.get("costStagePartitions")).intValue()).isEqualTo(10);
        assertThat(f.get("repartitioned")).isEqualTo(false);
        assertThat(((Number) f.get("costMs")).doubleValue()).isEqualTo(5.6);
        assertThat(((Number) f.get("batchIntervalMs")).longValue()).isEqualTo(2000);
        assertThat(f.get("overheadSource")).isEqualTo(MODEL.overhead().token()).isEqualTo("calibrated");
        // in JSON: the cost unit and the verdict as words
        JsonNode json = Json.MAPPER.readTree(Json.MAPPER.writeValueAsString(f));
        assertThat(json.get("costUnit").asText()).isEqualTo("word");
        assertThat(json.get("verdict").asText()).isEqualTo("UNSTABLE");
        assertThat(json.get("job").asText()).isEqualTo("phase2");
        assertThat(json.get("blockIntervalMs").asLong()).isEqualTo(200);
        assertThat(json.get("linesPerSecond").asDouble()).isEqualTo(140);
        assertThat(json.get("wordsPerLine").asInt()).isEqualTo(3);
        assertThat(json.get("cores").asInt()).isEqualTo(4);
        assertThat(json.get("freeSlots").asInt()).isEqualTo(3);
        assertThat(json.get("stable").asBoolean()).isFalse();
    }

    @Test
    void explanationNamesEveryStep() {
        List<String> lines = MODEL.predict(Workload.of(phase2())).explain();
        assertThat(String.join("\n", lines))
                .contains("840 words").contains("210.0 words").contains("4 cores − 1 receiver = 3")
                .contains("⌈4 / 3⌉ = 2 (the last one runs 1 task on 3 slots)").contains("2.35 s")
                .contains("predicted PT        2.35 s cost + 0.25 s overhead = 2.60 s")
                .contains("1.30 → UNSTABLE").contains("grows ≈ 0.60 s per batch");
    }
}
