package io.ssplab.grader;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.ssplab.core.BatchMetrics;
import io.ssplab.core.Knobs;
import io.ssplab.core.RunSummary;
import io.ssplab.metrics.Batches;
import io.ssplab.metrics.Summarizer;
import io.ssplab.metrics.Warmup;
import io.ssplab.solutions.FixDelaySolution;

/** The grade judges the batches the run's summary is computed from: one warm-up rule, one median. */
class EvidenceTest {
    static final Knobs STEP2 = new FixDelaySolution().defaults();

    static void assertSameBatchesAsTheSummary(List<BatchMetrics> batches) {
        Evidence e = Evidences.of(Lesson.FIX_DELAY, STEP2, batches);
        RunSummary s = Summarizer.summarize(STEP2, batches);
        assertThat(e.warmup()).isEqualTo(s.warmupBatches()).isEqualTo(Warmup.batches(batches, STEP2.linesPerBatch()));
        assertThat(e.measured()).hasSize(s.measuredBatches());
        // boxed: NaN (nothing measured) equals NaN
        assertThat(Double.valueOf(e.medianProcessingTimeMs())).isEqualTo(Double.valueOf(s.medianProcessingTimeMs()));
        assertThat(Double.valueOf(e.schedulingDelaySlopeMsPerBatch())).isEqualTo(Double.valueOf(s.schedulingDelaySlopeMsPerBatch()));
    }

    @Test
    void aPartialFirstBatchAndTheFirstFullOneAreWarmUp() {
        List<BatchMetrics> b = Batches.afterWarmup(600, 620, 580, 640);
        assertSameBatchesAsTheSummary(b);
        Evidence e = Evidences.of(Lesson.FIX_DELAY, STEP2, b);
        assertThat(e.warmup()).isEqualTo(2);
        assertThat(e.measured()).extracting(BatchMetrics::processingTimeMs).containsExactly(600L, 620L, 580L, 640L);
    }

    @Test
    void batchesDrainingTheStartUpBacklogAreWarmUpToo() {
        // Spark's very first batch (a partial one) takes 7 s; the 0.6 s batches after it start late, each less late than the one before
        long[] pt = {7000, 600, 600, 600, 600, 600, 600, 600, 600, 600};
        long[] records = Batches.repeat(280, pt.length);
        records[0] = 40;
        List<BatchMetrics> b = Batches.simulate(records, pt);
        assertSameBatchesAsTheSummary(b);
        Evidence e = Evidences.of(Lesson.FIX_DELAY, STEP2, b);
        // up to the first full batch (SD 5 s), then those still late and less late than the one before: SD 3.6, 2.2 and 0.8 s
        assertThat(e.warmup()).isEqualTo(5);
        assertThat(b.get(4).schedulingDelayMs()).isEqualTo(800);
        assertThat(e.measured()).allMatch(m -> m.schedulingDelayMs() <= Warmup.CAUGHT_UP_SD_SHARE * m.batchIntervalMs());
        assertThat(e.maxSchedulingDelayMs()).isLessThanOrEqualTo(200);
    }

    @Test
    void aJobThatFallsBehindHasNoBacklogToForgive() {
        // PT > BI from the first full batch on: its delay grows, so nothing after the first full batch is warm-up
        List<BatchMetrics> b = Batches.afterWarmup(2400, 2400, 2400, 2400, 2400);
        assertSameBatchesAsTheSummary(b);
        assertThat(Evidences.of(Lesson.FIX_DELAY, STEP2, b).warmup()).isEqualTo(2);
    }

    @Test
    void withoutAFullBatchEverythingIsWarmUp() {
        List<BatchMetrics> b = Batches.simulate(new long[] {0, 3, 10}, Batches.repeat(300, 3));
        assertSameBatchesAsTheSummary(b);
        Evidence e = Evidences.of(Lesson.FIX_DELAY, STEP2, b);
        assertThat(e.warmup()).isEqualTo(3);
        assertThat(e.measured()).isEmpty();
    }
}
