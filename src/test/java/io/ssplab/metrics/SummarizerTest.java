package io.ssplab.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class SummarizerTest {
    private static final Summarizer.Knobs KNOBS = new Summarizer.Knobs("phase2", "local[4]", 4, 5.4, "word", 2000);

    /** A recorded run: batches 2 s apart with the given PTs; SD follows from the queue like in Spark. */
    static List<BatchMetrics> run(long... pts) {
        List<BatchMetrics> batches = new ArrayList<>();
        long freeAt = 0; // when the previous batch finished, relative to batch 0's time
        for (int i = 0; i < pts.length; i++) {
            long cut = i * 2000L;
            long start = Math.max(cut, freeAt);
            long sd = start - cut;
            freeAt = start + pts[i];
            int queued = 0;
            for (long t = cut + 2000; t < freeAt; t += 2000) queued++;
            batches.add(new BatchMetrics("phase2", 1_000_000 + cut, 2000, 280, 140, pts[i], sd, sd + pts[i], queued));
        }
        return batches;
    }

    @Test
    void overloadedRunIsUnstableWithSlopeAboutPtMinusBi() {
        RunSummary s = Summarizer.summarize(KNOBS, run(3000, 2600, 2500, 2500, 2500, 2500, 2500, 2500));
        assertThat(s.verdict()).isEqualTo(Verdict.UNSTABLE);
        assertThat(s.warmupBatches()).isEqualTo(2);
        assertThat(s.medianProcessingTimeMs()).isEqualTo(2500);
        assertThat(s.processingToIntervalRatio()).isCloseTo(1.25, within(1e-9));
        assertThat(s.schedulingDelaySlopeMsPerBatch()).isCloseTo(500, within(1e-6));
        assertThat(s.finalSchedulingDelayMs()).isEqualTo(4100);
        assertThat(s.reason()).contains("median PT 2.50 s > BI 2.00 s", "+500 ms/batch");
    }

    @Test
    void headroomRunIsStableAndWarmUpIsLeftOut() {
        RunSummary s = Summarizer.summarize(KNOBS, run(2500, 1400, 1400, 1350, 1400, 1450, 1400));
        assertThat(s.verdict()).isEqualTo(Verdict.STABLE);
        assertThat(s.warmupBatches()).isEqualTo(2);
        // The slow first batch delayed batch 1 only; after warm-up the delay is gone.
        assertThat(s.schedulingDelaySlopeMsPerBatch()).isCloseTo(0, within(1.0));
        assertThat(s.processingToIntervalRatio()).isCloseTo(0.7, within(1e-9));
        assertThat(s.reason()).contains("70% of the interval used");
    }

    @Test
    void medianUnderBiButDelayClimbingIsStillUnstable() {
        // Every third batch is slow: median PT is under BI but the backlog only grows.
        RunSummary s = Summarizer.summarize(KNOBS, run(1000, 1000, 1900, 1900, 3500, 1900, 1900, 3500, 1900, 1900, 3500, 1900));
        assertThat(s.medianProcessingTimeMs()).isLessThan(2000);
        assertThat(s.verdict()).isEqualTo(Verdict.UNSTABLE);
        assertThat(s.reason()).contains("still climbs");
    }

    @Test
    void tooFewBatchesIsInconclusive() {
        RunSummary s = Summarizer.summarize(KNOBS, run(400, 300));
        assertThat(s.verdict()).isEqualTo(Verdict.INCONCLUSIVE);
        assertThat(s.warmupBatches()).isZero();
        assertThat(Summarizer.summarize(KNOBS, List.of()).verdict()).isEqualTo(Verdict.INCONCLUSIVE);
    }

    @Test
    void warmUpShrinksForShortRuns() {
        assertThat(Summarizer.warmupBatches(3)).isZero();
        assertThat(Summarizer.warmupBatches(4)).isEqualTo(1);
        assertThat(Summarizer.warmupBatches(5)).isEqualTo(2);
        assertThat(Summarizer.warmupBatches(100)).isEqualTo(2);
    }

    @Test
    void statsBehaveOnEdges() {
        assertThat(Stats.percentile(new double[] {1, 2, 3, 4}, 50)).isEqualTo(2.5);
        assertThat(Stats.percentile(new double[] {5}, 95)).isEqualTo(5);
        assertThat(Stats.percentile(new double[0], 50)).isNaN();
        assertThat(Stats.slopePerIndex(new double[] {0, 500, 1000, 1500})).isCloseTo(500, within(1e-9));
        assertThat(Stats.slopePerIndex(new double[] {7})).isZero();
    }

    @Test
    void aTrendUnderHalfAMillisecondIsNoneNotMinusZero() {
        // SD recorded in whole ms: 1, 0, 1, 0, 0 slopes at -0.2 ms/batch, which would print as "-0"
        assertThat(Summarizer.schedulingDelayTrend(new double[] {1, 0, 1, 0, 0})).isEqualTo(0.0);
        assertThat(String.format(java.util.Locale.ROOT, "%+.0f", Summarizer.schedulingDelayTrend(new double[] {1, 0, 1, 0, 0}))).isEqualTo("+0");
        assertThat(Summarizer.schedulingDelayTrend(new double[] {0, 500, 1000})).isEqualTo(500.0);
    }
}
