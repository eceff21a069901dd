package io.ssplab.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.ssplab.core.BatchMetrics;

/**
 * The one warm-up rule ({@link Warmup#batches}): every batch up to and including the first full one,
 * then the batches still draining the start-up backlog (not caught up, and faster than BI), at most {@link Warmup#MAX_BACKLOG_BATCHES}. Batch sequences are simulated the way Spark
 * schedules them ({@link Batches#simulate}: BI 2 s, one batch at a time).
 */
class WarmupTest {
    /** 140 lines/s × 2 s: a batch is full from 140 lines on. */
    static final double NOMINAL = 280;

    @Test
    void leavesOutEveryBatchBeforeTheFirstFullOneAndThatOne() {
        // 13 lines is not full; 277 is (≥ 140): batches 0–3 are warm-up, and nothing queues after them.
        List<BatchMetrics> b = Batches.simulate(new long[] {0, 0, 13, 277, 281, 280}, Batches.repeat(600, 6));
        assertThat(Warmup.batches(b, NOMINAL)).isEqualTo(4);
    }

    @Test
    void aFullFirstBatchIsStillWarmUp() {
        // It still pays the JIT and the first shuffle.
        assertThat(Warmup.batches(Batches.simulate(280, 600, 600, 600), NOMINAL)).isEqualTo(1);
    }

    @Test
    void halfTheNominalLinesMakeAFullBatch() {
        assertThat(Warmup.FULL_BATCH_SHARE).isEqualTo(0.5);
        assertThat(Warmup.batches(Batches.simulate(new long[] {139, 140, 280}, Batches.repeat(500, 3)), NOMINAL)).isEqualTo(2);
        assertThat(Warmup.batches(Batches.simulate(new long[] {139, 139, 280}, Batches.repeat(500, 3)), NOMINAL)).isEqualTo(3);
    }

    @Test
    void withoutAFullBatchEverythingIsWarmUp() {
        List<BatchMetrics> b = Batches.simulate(new long[] {0, 10, 20}, Batches.repeat(500, 3));
        assertThat(Warmup.batches(b, NOMINAL)).isEqualTo(3);
        assertThat(Warmup.batches(List.of(), NOMINAL)).isZero();
    }

    @Test
    void anUnknownNominalRateMakesTheFirstNonEmptyBatchTheFirstFullOne() {
        // A source that does not tell its rate: 5 lines are "full" then, where they are not at 140 lines/s.
        List<BatchMetrics> b = Batches.simulate(new long[] {0, 0, 5, 280, 280, 280}, Batches.repeat(600, 6));
        assertThat(Warmup.batches(b, Double.NaN)).isEqualTo(3);
        assertThat(Warmup.batches(b, NOMINAL)).isEqualTo(4);
        assertThat(Warmup.batches(b.subList(0, 2), Double.NaN)).as("only empty batches so far").isEqualTo(2);
    }

    @Test
    void batchesStillDrainingTheStartUpBacklogAreWarmUpToo() {
        // Spark's first batch takes 7 s: three batches queue behind it, then 0.6 s batches drain them.
        // SD of batches 1–5: 5000, 3600, 2200, 800, 0 ms.
        long[] pt = {7000, 600, 600, 600, 600, 600, 600, 600, 600};
        List<BatchMetrics> b = Batches.simulate(new long[] {40, 280, 280, 280, 280, 280, 280, 280, 280}, pt);
        assertThat(b.subList(1, 6)).extracting(BatchMetrics::schedulingDelayMs).containsExactly(5000L, 3600L, 2200L, 800L, 0L);

        int w = Warmup.batches(b, NOMINAL);
        // batch 1 is the first full one; 2, 3 and 4 take less than BI and have not caught up
        // (batch 4 still waits 800 ms > 10 % of BI); batch 5 has caught up.
        assertThat(w).isEqualTo(5);
        assertThat(Warmup.caughtUp(b.get(w))).isTrue();
        assertThat(b.subList(w, b.size())).allSatisfy(m -> {
            assertThat(m.schedulingDelayMs()).isZero();
            assertThat(m.queuedBatches()).isZero();
        });
    }

    @Test
    void drainingIsCappedAtFiveBatchesAfterTheFirstFullOne() {
        // A 20 s first batch, then batches of 1.8 s: the backlog shrinks by only 0.2 s a batch, for far more than 5 batches.
        long[] pt = new long[20];
        java.util.Arrays.fill(pt, 1800);
        pt[0] = 20_000;
        long[] records = Batches.repeat(280, 20);
        records[0] = 40;
        List<BatchMetrics> b = Batches.simulate(records, pt);
        int firstFull = 1;
        int w = Warmup.batches(b, NOMINAL);
        assertThat(w).isEqualTo(firstFull + 1 + Warmup.MAX_BACKLOG_BATCHES).isEqualTo(7);
        // The cap ended it, not the drain: the first measured batch is still draining.
        assertThat(Warmup.caughtUp(b.get(w))).isFalse();
        assertThat(Warmup.draining(b.get(w))).isTrue();
    }

    @Test
    void aSlowFirstFullBatchLeavesABacklogThatIsWarmUpToo() {
        // The first full batch pays the JIT and takes 4 s: the next ones start 2 s and 0.6 s late, then on time.
        List<BatchMetrics> b = Batches.simulate(280, 4000, 600, 600, 600, 600, 600);
        assertThat(b.subList(0, 4)).extracting(BatchMetrics::schedulingDelayMs).containsExactly(0L, 2000L, 600L, 0L);
        assertThat(Warmup.batches(b, NOMINAL)).as("batch 0 is the first full one, 1 and 2 drain its backlog").isEqualTo(3);
    }

    @Test
    void anUnstableJobsGrowingDelayEndsTheWarmUpAtOnce() {
        // PT 2.4 s > BI 2 s from the start: SD grows 400 ms a batch, it never drains.
        List<BatchMetrics> overloaded = Batches.simulate(280, Batches.repeat(2400, 12));
        assertThat(Warmup.batches(overloaded, NOMINAL)).isEqualTo(1);
        // The same after a slow start: the start-up backlog (SD 5 s) only grows behind batches of 2.6 s.
        long[] pt = {7000, 2600, 2600, 2600, 2600, 2600, 2600, 2600};
        List<BatchMetrics> b = Batches.simulate(new long[] {40, 280, 280, 280, 280, 280, 280, 280}, pt);
        assertThat(b.get(2).schedulingDelayMs()).isGreaterThan(b.get(1).schedulingDelayMs());
        assertThat(Warmup.batches(b, NOMINAL)).isEqualTo(2);
    }

    @Test
    void theCountOfAPrefixNeverChangesOnceWarmUpIsOver() {
        List<List<BatchMetrics>> runs = List.of(
                Batches.simulate(new long[] {0, 40, 280, 280, 280, 280, 280, 280, 280, 280, 280},
                        new long[] {7000, 2500, 900, 600, 2600, 600, 600, 600, 600, 600, 600}),
                Batches.simulate(new long[] {40, 280, 280, 280, 280, 280, 280, 280, 280}, new long[] {7000, 600, 600, 600, 600, 600, 600, 600, 600}),
                Batches.simulate(280, Batches.repeat(2400, 12)),
                Batches.simulate(new long[] {0, 0, 13, 277, 281, 280}, Batches.repeat(600, 6)));
        for (double nominal : new double[] {NOMINAL, Double.NaN}) {
            for (int r = 0; r < runs.size(); r++) {
                List<BatchMetrics> all = runs.get(r);
                int finalCount = Warmup.batches(all, nominal);
                assertThat(finalCount).as("run %d: warm-up ends within the run", r).isLessThan(all.size());
                for (int k = 0; k <= all.size(); k++) {
                    int w = Warmup.batches(all.subList(0, k), nominal);
                    // While warm-up is not over every batch so far is warm-up; once it is, the count is final.
                    if (w < k) assertThat(w).as("run %d, prefix %d, nominal %s", r, k, nominal).isEqualTo(finalCount);
                    else assertThat(w).as("run %d, prefix %d, nominal %s", r, k, nominal).isEqualTo(k);
                }
            }
        }
    }
}
