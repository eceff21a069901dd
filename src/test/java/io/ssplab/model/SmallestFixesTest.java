package io.ssplab.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import io.ssplab.core.BadInputException;
import io.ssplab.solutions.FixDelaySolution;

/** The fixes against hand computations on {@link HandComputed}'s knobs and overhead (250 ms at 8 task waves, 25 ms per wave). */
class SmallestFixesTest {
    private static final ProcessingTimeModel MODEL = HandComputed.MODEL;
    private static final SmallestFixes FIXES = new SmallestFixes(MODEL);

    @Test
    void phase2IsFixedByOneFullWave() {
        Workload phase2 = Workload.of(HandComputed.PHASE2);
        // local[3] has 2 slots: 840 / 2 × 5.6 = 2.35 s, too slow; local[4] with P = 3: 280 × 5.6 = 1.57 s + 0.24 s overhead
        // (10 + 3 + 3 = 16 tasks: 250 − 2 × 5) = 1.81 s, ρ 0.904, just over 0.9; local[5] with P = 4: one full wave of
        // 210 × 5.6 = 1.18 s + 0.25 s = 1.43 s (ρ 0.71)
        Fix cores = FIXES.fewestCores(phase2);
        assertThat(cores.setting()).isEqualTo("local[5], P=4");
        assertThat(cores.prediction().arithmetic().waves()).isEqualTo(1);
        assertThat(cores.prediction().predictedProcessingTimeMs()).isCloseTo(1426, org.assertj.core.data.Offset.offset(1e-6));

        // on its own 3 slots, one full wave is the best P, and not enough
        Fix partitions = FIXES.bestPartitions(phase2);
        assertThat(partitions.setting()).isEqualTo("P=3 on local[4]");
        assertThat(partitions.prediction().arithmetic().partialLastWave()).isFalse();
        assertThat(partitions.prediction().predictedProcessingTimeMs()).isCloseTo(1808, org.assertj.core.data.Offset.offset(1e-6));
    }

    @Test
    void largestStableCostKeepsTheTargetRatio() {
        Workload phase2 = Workload.of(HandComputed.PHASE2);
        // (0.9 × 2000 − 250) / (2 waves × 210 words) = 3.69 ms → 3.6 ms
        Fix cost = FIXES.largestStableCost(phase2);
        assertThat(cost.setting()).isEqualTo("≤ 3.6 ms/word");
        assertThat(cost.prediction().ratio()).isLessThanOrEqualTo(0.9);
        assertThat(MODEL.predict(phase2.withCost(Duration.ofNanos(3_700_000))).ratio()).isGreaterThan(0.9);
        // at the edge itself (target 1): (2000 − 250) / 420 = 4.17 ms → 4.1 ms
        assertThat(new SmallestFixes(MODEL, 1.0).largestStableCost(phase2).setting()).isEqualTo("≤ 4.1 ms/word");
    }

    @Test
    void largestStableRateAndWhereBackpressureSettles() {
        Workload phase2 = Workload.of(HandComputed.PHASE2);
        // cost time grows with the rate: 2352 ms at 140 lines/s = 16.8 ms per line/s; overhead 250 ms
        // (0.9 × 2000 − 250) / 16.8 = 92.3 → 92 lines/s
        Fix rate = FIXES.largestStableRate(phase2);
        assertThat(rate.setting()).isEqualTo("≤ 92 lines/s");
        assertThat(rate.prediction().ratio()).isLessThanOrEqualTo(0.9);
        assertThat(MODEL.predict(phase2.withRate(93)).ratio()).isGreaterThan(0.9);
        // PT = BI: (2000 − 250) / 16.8 = 104.2 lines/s (Phase4Backpressure's comment does the same with the lab's default overhead)
        assertThat(SmallestFixes.sustainableRate(MODEL, phase2)).isCloseTo(104.17, org.assertj.core.data.Offset.offset(0.01));
        assertThat(SmallestFixes.sustainableRate(MODEL, Workload.of(HandComputed.PHASE1))).isInfinite();
    }

    @Test
    void noBatchIntervalHelpsWhenTheCostOutrunsTheSlots() {
        // P=4 on 3 slots: each second of input costs 2 waves × 105 words × 5.6 ms = 1.18 s of slot time
        Fix bi = FIXES.smallestStableBatchInterval(Workload.of(HandComputed.PHASE2));
        assertThat(bi.exists()).isFalse();
        // and Spark's per-task work grows with the receiver blocks: 5 blocks/s, each counted twice, × 5 ms = 0.05 s
        assertThat(bi.note()).contains("≈ 1.18 s of cost plus ≈ 0.05 s of Spark's per-task work").contains("on 3 free slots");
    }

    @Test
    void noBatchIntervalHelpsWhenTheOverheadGrowsWithIt() {
        // local[2], one free slot, 2.1 ms per word: 420 words per second of input = 0.88 s of waits, under 0.9 —
        // but the longer the batch, the more receiver blocks, each an input task (counted twice) in series (twice again):
        // 5 blocks/s × 2 × 2 × 5 ms ≈ 0.10 s more
        Fix bi = FIXES.smallestStableBatchInterval(Workload.of(HandComputed.PHASE2.withMaster("local[2]")
                .withCost(Duration.ofNanos(2_100_000))));
        assertThat(bi.exists()).isFalse();
        assertThat(bi.note()).contains("needs ≈ 0.88 s of cost plus ≈ 0.10 s of Spark's per-task work").contains("on 1 free slot,")
                .contains("more than 0.90 s");
        // with 1.8 ms per word (0.76 s of waits, 0.86 s with the blocks' work) a long enough interval carries the per-batch part
        assertThat(FIXES.smallestStableBatchInterval(Workload.of(HandComputed.PHASE2.withMaster("local[2]")
                .withCost(Duration.ofNanos(1_800_000)))).exists()).isTrue();
    }

    @Test
    void smallestStableBatchIntervalOfPhase3() {
        Workload phase3 = Workload.of(HandComputed.PHASE3);
        Fix bi = FIXES.smallestStableBatchInterval(phase3);
        assertThat(bi.exists()).isTrue();
        long found = bi.prediction().batchIntervalMs();
        assertThat(bi.prediction().ratio()).isLessThanOrEqualTo(0.9);
        assertThat(MODEL.predict(phase3.withBatchInterval(Duration.ofMillis(found - 10))).ratio()).isGreaterThan(0.9);
        assertThat(found).isLessThan(2000);
    }

    @Test
    void fixDelayNeedsFarLessThanItHas() {
        Workload fixDelay = Workload.of(new FixDelaySolution().defaults());
        // 280 lines × 5 ms = 1.4 s in series on local[2]'s one slot, + 250 + 5 × (44 − 28) ms of overhead
        // (10 blocks + 1 + 1 = 12 tasks, counted 2 × 10 + 1 + 1 = 22, in series: twice) = 1.73 s: ρ 0.87, under 0.9 even on the smallest master
        Fix cores = FIXES.fewestCores(fixDelay);
        assertThat(cores.setting()).isEqualTo("local[2], P=1");
        assertThat(cores.prediction().predictedProcessingTimeMs()).isEqualTo(1730);
        assertThat(FIXES.bestPartitions(fixDelay).setting()).isEqualTo("P=7 on local[8]");
    }

    @Test
    void nothingHelpsWhenOverheadFillsTheInterval() {
        ProcessingTimeModel slow = new ProcessingTimeModel(new Overhead(3000, Overhead.Unit.TASK, 18, 0, Overhead.Origin.CALIBRATED, "test"));
        SmallestFixes fixes = new SmallestFixes(slow);
        Workload phase3 = Workload.of(HandComputed.PHASE3);
        assertThat(fixes.fewestCores(phase3).exists()).isFalse();
        assertThat(fixes.largestStableCost(phase3).exists()).isFalse();
        assertThat(fixes.smallestStableBatchInterval(phase3).exists()).isTrue();
    }

    @Test
    void eachFixIsNamedByAKeyAndLabelledInWords() {
        java.util.List<Fix> fixes = FIXES.of(Workload.of(HandComputed.PHASE2));
        assertThat(fixes).extracting(Fix::name).containsExactlyElementsOf(SmallestFixes.NAMES)
                .containsExactly("fewestCores", "bestPartitions", "largestStableCost", "smallestStableBi", "largestStableRate");
        assertThat(fixes).extracting(Fix::label)
                .containsExactly("fewest cores", "best partitions", "largest stable cost", "smallest stable BI", "largest stable rate");
        assertThat(fixes.get(0).exists()).isTrue();
    }

    @Test
    void targetMustBeARatioUpToOne() {
        assertThatThrownBy(() -> new SmallestFixes(MODEL, 1.2)).isInstanceOf(BadInputException.class);
        assertThatThrownBy(() -> new SmallestFixes(MODEL, 0)).isInstanceOf(BadInputException.class);
    }
}
