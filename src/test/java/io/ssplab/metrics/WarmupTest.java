package io.ssplab.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.ssplab.core.BatchMetrics;

class WarmupTest {
    static final double NOMINAL = 280;

    @Test
    void leavesOutEveryBatchBeforeTheFirstFullOneAndThatOne() {
        List<BatchMetrics> b = Batches.simulate(new long[] {0, 0, 13, 277, 281, 280}, Batches.repeat(600, 6));
        assertThat(Warmup.batches(b, NOMINAL, false)).isEqualTo(4);
    }

    @Test
    void aFullFirstBatchIsStillWarmUp() {
        List<BatchMetrics> b = Batches.simulate(280, 600, 600, 600);
        assertThat(Warmup.batches(b, NOMINAL, false)).isEqualTo(1);
    }

    @Test
    void halfTheNominalLinesMakeAFullBatch() {
        assertThat(Warmup.batches(Batches.simulate(new long[] {139, 140, 280}, Batches.repeat(500, 3)), NOMINAL, false)).isEqualTo(2);
    }

    @Test
    void withoutAFullBatchEverythingIsWarmUp() {
        List<BatchMetrics> b = Batches.simulate(new long[] {0, 10, 20}, Batches.repeat(500, 3));
        assertThat(Warmup.batches(b, NOMINAL, false)).isEqualTo(3);
        assertThat(Warmup.batches(List.of(), NOMINAL, true)).isZero();
    }

    @Test
    void stepTwoAlsoWaitsForTheStartUpBacklogToDrain() {
        // Spark's first batch takes 7 s: three batches queue behind it, then 0.6 s batches drain them.
        long[] pt = {7000, 600, 600, 600, 600, 600, 600, 600, 600};
        List<BatchMetrics> b = Batches.simulate(new long[] {40, 280, 280, 280, 280, 280, 280, 280, 280}, pt);
        int plain = Warmup.batches(b, NOMINAL, false);
        int drained = Warmup.batches(b, NOMINAL, true);
        assertThat(plain).isEqualTo(2);
        assertThat(drained).isGreaterThan(plain);
        assertThat(Warmup.caughtUp(b.get(drained - 1))).isTrue();
        assertThat(b.subList(drained, b.size())).allSatisfy(m -> {
            assertThat(m.schedulingDelayMs()).isZero();
            assertThat(m.queuedBatches()).isZero();
        });
    }

    @Test
    void aBacklogThatNeverDrainsEndsTheWarmUpAfterTheCap() {
        List<BatchMetrics> b = Batches.simulate(280, Batches.repeat(2400, 12));
        assertThat(Warmup.batches(b, NOMINAL, true)).isEqualTo(1 + Warmup.MAX_BACKLOG_BATCHES);
    }

    @Test
    void theCountOfAPrefixNeverChangesOnceWarmUpIsOver() {
        long[] pt = {7000, 2500, 900, 600, 2600, 600, 600, 600, 600, 600, 600};
        List<BatchMetrics> all = Batches.simulate(new long[] {0, 40, 280, 280, 280, 280, 280, 280, 280, 280, 280}, pt);
        for (boolean backlog : new boolean[] {false, true}) {
            int finalCount = Warmup.batches(all, NOMINAL, backlog);
            for (int k = 0; k <= all.size(); k++) {
                int w = Warmup.batches(all.subList(0, k), NOMINAL, backlog);
                if (w < k) assertThat(w).as("prefix %d, backlog %s", k, backlog).isEqualTo(finalCount);
                else assertThat(w).isEqualTo(k);
            }
        }
    }
}
