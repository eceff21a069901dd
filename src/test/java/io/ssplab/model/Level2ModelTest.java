package io.ssplab.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.ssplab.core.CostKind;
import io.ssplab.core.KeyDistribution;
import io.ssplab.core.Knobs;
import io.ssplab.core.Lang;

/**
 * The model of level 2 (docs/level2.md), computed by hand: CPU-bound work runs min(free slots, CPU cores)
 * tasks' worth at a time, and under skew the largest partition — not the mean — sets a wave's length.
 * Measured accuracy is the sweep's business (docs/level2.md reports it); here the model's arithmetic.
 */
class Level2ModelTest {
    static final ProcessingTimeModel MODEL = HandComputed.MODEL;
    /** Phase 2's 840 words, 5.6 ms each. */
    static final double COST = 5.6;

    @AfterEach
    void english() {
        Lang.use(Lang.EN);
    }

    static Workload on(Knobs k, double cpuCores) {
        return new Workload(k, io.ssplab.core.Master.parse(k.master()).cores(), 1, true, 0, cpuCores);
    }

    @Test
    void theScheduleOfEqualWaitingTasksIsTheLessonsWaves() {
        double[] eight = new double[8];
        java.util.Arrays.fill(eight, 105);
        assertThat(TaskSchedule.makespan(eight, 7, Double.POSITIVE_INFINITY)).isEqualTo(2 * 105.0);
        assertThat(TaskSchedule.makespan(eight, 3, Double.POSITIVE_INFINITY)).isCloseTo(3 * 105.0, within(1e-9));
        // CPU work: 7 tasks on 2 cores progress at 2/7 each, so the first wave takes 3.5 tasks' time; the 8th then runs alone
        assertThat(TaskSchedule.makespan(eight, 7, 2)).isCloseTo(105 * (7 / 2.0 + 1), within(1e-9));
        // as many slots as cores: CPU work is a wait
        assertThat(TaskSchedule.makespan(eight, 2, 2)).isCloseTo(4 * 105.0, within(1e-9));
        // a hot task sets the end of its wave
        assertThat(TaskSchedule.makespan(new double[] {300, 10, 10, 10}, 4, Double.POSITIVE_INFINITY)).isEqualTo(300.0);
        assertThat(TaskSchedule.makespan(new double[] {300, 10, 10, 10}, 2, Double.POSITIVE_INFINITY)).isEqualTo(300.0);
    }

    @Test
    void cpuWorkRunsOnTheCoresNotOnTheTaskSlots() {
        Knobs phase2 = HandComputed.PHASE2.withCostKind(CostKind.CPU);
        Knobs phase3 = HandComputed.PHASE3.withCostKind(CostKind.CPU);
        // phase 2: 4 partitions of 210 words on 3 slots, 2 cores: a wave of 3 sharing 2 cores (1.5 ×), then 1 alone
        BatchArithmetic p2 = BatchArithmetic.of(on(phase2, 2));
        assertThat(p2.costTimeMs()).isCloseTo(210 * COST * (1.5 + 1), within(1e-6));
        // phase 3: 8 of 105 on 7 slots: 7 sharing 2 cores (3.5 ×), then 1 alone = 2.65 s — no better than phase 2's waits
        BatchArithmetic p3 = BatchArithmetic.of(on(phase3, 2));
        assertThat(p3.costTimeMs()).isCloseTo(105 * COST * 4.5, within(1e-6));
        assertThat(p3.costTimeMs()).isGreaterThan(BatchArithmetic.of(on(HandComputed.PHASE2, 2)).costTimeMs());
        // waits are what they were: waves × records per partition × cost, whatever the cores
        assertThat(BatchArithmetic.of(on(HandComputed.PHASE3, 2)).costTimeMs()).isEqualTo(2 * 105.0 * COST);
        assertThat(BatchArithmetic.of(on(HandComputed.PHASE3, 2)).even()).isTrue();
        // with 8 cores CPU work is a wait again
        assertThat(BatchArithmetic.of(on(phase3, 8)).costTimeMs()).isCloseTo(2 * 105.0 * COST, within(1e-6));
        // a calibrated fraction of cores (a busy machine) slows it in proportion
        assertThat(BatchArithmetic.of(on(phase3, 1)).costTimeMs()).isCloseTo(840 * COST, within(1e-6));
        // the prediction adds the overhead: 2.65 s + 0.29 s (26 tasks: 250 + 8 × 5) = 2.94 s against BI 2 s
        Prediction p = MODEL.predict(on(phase3, 2));
        assertThat(p.predictedProcessingTimeMs()).isCloseTo(105 * COST * 4.5 + 290, within(1e-6));
        assertThat(p.stable()).isFalse();
    }

    /**
     * The comparison CpuVersusWaitSparkTest runs for real, without receivers (plain Spark jobs): 8 tasks of 30
     * records × 5 ms on local[2] and local[8] of a 2-core machine. The model: a wait is 4 times faster on
     * local[8]; CPU work is not faster at all.
     */
    @Test
    void theModelsSpeedupOfLocal8OverLocal2IsFourForAWaitAndOneForCpuWork() {
        for (CostKind kind : CostKind.values()) {
            double two = costOfBatchJob("local[2]", kind);
            double eight = costOfBatchJob("local[8]", kind);
            if (kind == CostKind.WAIT) {
                assertThat(two).isEqualTo(4 * 30 * 5.0);
                assertThat(eight).isEqualTo(30 * 5.0);
            } else {
                assertThat(two).isCloseTo(4 * 30 * 5.0, within(1e-6));
                assertThat(eight).isCloseTo(8 * 30 * 5.0 / 2, within(1e-6));
            }
        }
        assertThat(speedup(CostKind.WAIT)).isEqualTo(4.0);
        assertThat(speedup(CostKind.CPU)).isCloseTo(1.0, within(1e-9));
    }

    /** 80 lines × 3 words = 240 records in 8 partitions of 30, 5 ms each, on local[N] with no receiver and 2 CPU cores. */
    static double costOfBatchJob(String master, CostKind kind) {
        Knobs k = new Knobs("cpu-test", master, Duration.ofSeconds(2), 8, Duration.ofMillis(5), io.ssplab.core.CostUnit.WORD, 40, 3,
                Knobs.DEFAULT_BLOCK_INTERVAL, 0, kind);
        return BatchArithmetic.of(new Workload(k, io.ssplab.core.Master.parse(master).cores(), 0, true, 0, 2)).costTimeMs();
    }

    static double speedup(CostKind kind) {
        return costOfBatchJob("local[2]", kind) / costOfBatchJob("local[8]", kind);
    }

    @Test
    void underSkewTheLargestPartitionNotTheMeanSetsTheWave() {
        Knobs skew = new Knobs("skew", "local[8]", Duration.ofSeconds(2), 7, Duration.ofMillis(8), io.ssplab.core.CostUnit.WORD, 140, 3,
                Knobs.DEFAULT_BLOCK_INTERVAL, 1.2, CostKind.WAIT);
        Workload keyed = on(skew, 2).withKeySalts(1);
        BatchArithmetic a = BatchArithmetic.of(keyed);
        double hot = 840 * KeyDistribution.of(1.2).hotShare();           // word0 alone: ≈ 254 words, one key
        assertThat(a.recordsPerPartition()).isEqualTo(120.0);            // the mean: the average load fits
        assertThat(a.largestPartitionRecords()).isGreaterThanOrEqualTo(hot).isLessThan(840);
        // the largest partition is word0 plus the words that hash with it: by hand from the shares
        double[] shares = KeyDistribution.of(1.2).partitionShares(7, 1);
        double largest = java.util.Arrays.stream(shares).max().orElseThrow() * 840;
        assertThat(a.largestPartitionRecords()).isCloseTo(largest, within(1e-9));
        assertThat(a.costTimeMs()).isCloseTo(largest * 8, within(1e-9));
        assertThat(a.costTimeMs()).isGreaterThan(2000);                  // PT > BI from the cost alone
        assertThat(a.predictedTaskSkew()).isGreaterThan(3);
        // more partitions do not help: the hot key stays one task
        for (int p : new int[] {14, 28, 56}) {
            BatchArithmetic more = BatchArithmetic.of(keyed.withPartitions(p));
            assertThat(more.costTimeMs()).as("P=%d", p).isGreaterThanOrEqualTo(hot * 8);
        }
        // nor more cores
        assertThat(BatchArithmetic.of(keyed.withCores(16)).costTimeMs()).isCloseTo(largest * 8, within(1e-9));
        // salting with 7 salts spreads every word evenly: the mean again
        BatchArithmetic salted = BatchArithmetic.of(keyed.withKeySalts(7));
        assertThat(salted.largestPartitionRecords()).isCloseTo(120, within(1e-9));
        assertThat(salted.costTimeMs()).isCloseTo(960, within(1e-9));
        assertThat(salted.predictedTaskSkew()).isCloseTo(1, within(1e-9));
        // the phases pay before the shuffle by key: skew changes nothing there
        assertThat(BatchArithmetic.of(on(HandComputed.PHASE2.withSkew(1.2), 2)).costTimeMs()).isEqualTo(2 * 210 * COST);
    }

    @Test
    void theFixesKnowThatNoCoresSplitAKeyAndNoSlotsAddCores() {
        Knobs skew = new Knobs("skew", "local[8]", Duration.ofSeconds(2), 7, Duration.ofMillis(8), io.ssplab.core.CostUnit.WORD, 140, 3,
                Knobs.DEFAULT_BLOCK_INTERVAL, 1.2, CostKind.WAIT);
        SmallestFixes fixes = new SmallestFixes(MODEL);
        Fix cores = fixes.fewestCores(on(skew, 2).withKeySalts(1));
        assertThat(cores.exists()).isFalse();
        assertThat(cores.note()).contains("word0 alone is 254 words, one key").contains("salt it");
        Fix cpu = fixes.fewestCores(on(HandComputed.PHASE3.withCostKind(CostKind.CPU), 2));
        assertThat(cpu.exists()).isFalse();
        assertThat(cpu.note()).contains("840 words × 5.6 ms of CPU work on 2 CPU cores take at least 2.35 s");
        // the largest stable cost divides by the busiest path, not by waves × the mean
        Fix cost = fixes.largestStableCost(on(HandComputed.PHASE3.withCostKind(CostKind.CPU), 2));
        assertThat(cost.note()).contains("/ 472.5 words on the busiest path");
        assertThat(cost.prediction().ratio()).isLessThanOrEqualTo(SmallestFixes.DEFAULT_TARGET_RATIO);
        // plan's notes: more partitions, salting, and for CPU work what helps
        List<String> skewNotes = WorkNotes.of(MODEL, on(skew, 2).withKeySalts(1), 0.9);
        assertThat(skewNotes).anySatisfy(l -> assertThat(l).startsWith("more partitions do not help"))
                .anySatisfy(l -> assertThat(l).startsWith("salting does").contains("largest partition drops to 120.0 words"));
        List<String> cpuNotes = WorkNotes.of(MODEL, on(HandComputed.PHASE3.withCostKind(CostKind.CPU), 2), 0.9);
        assertThat(cpuNotes).anySatisfy(l -> assertThat(l).startsWith("CPU-bound: 840 words × 5.6 ms = 4.70 s of CPU work"))
                .anySatisfy(l -> assertThat(l).startsWith("the same cost as a wait").contains("STABLE"))
                .anySatisfy(l -> assertThat(l).startsWith("what helps CPU-bound work").contains("machines like this one"));
    }

    @Test
    void aPredictionSaysItsKeysAndCoresInJson() {
        Knobs skew = HandComputed.PHASE2.withSkew(1.2).withCostKind(CostKind.CPU);
        var f = MODEL.predict(on(skew, 2).withKeySalts(1)).fields();
        assertThat(f).containsEntry("skew", 1.2).containsEntry("costKind", "cpu").containsEntry("keySalts", 1).containsEntry("cpuCores", 2.0);
        assertThat((Double) f.get("predictedTaskSkew")).isGreaterThan(1);
        assertThat(MODEL.predict(on(HandComputed.PHASE2, 2)).fields()).containsEntry("predictedTaskSkew", 1.0).containsEntry("keySalts", 0);
    }
}
