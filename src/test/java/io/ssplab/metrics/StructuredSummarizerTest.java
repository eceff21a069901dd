package io.ssplab.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.ssplab.core.Api;
import io.ssplab.core.BatchMetrics;
import io.ssplab.core.CostUnit;
import io.ssplab.core.Json;
import io.ssplab.core.Knobs;
import io.ssplab.core.Lang;
import io.ssplab.core.RunSummary;
import io.ssplab.core.StructuredSummary;
import io.ssplab.core.Verdict;

/**
 * The Structured Streaming verdict: the rule on hand-made numbers at its thresholds, and the verdicts of
 * real recorded runs ({@link RecordedQueries}), with the numbers that explain them.
 */
class StructuredSummarizerTest {
    private static Knobs knobs(String job, long triggerMs, String master, int p, double costMs, long batchCostMs) {
        return new Knobs(job, master, Duration.ofMillis(triggerMs), p, Duration.ofNanos(Math.round(costMs * 1e6)), CostUnit.LINE, 140, 3,
                Knobs.DEFAULT_BLOCK_INTERVAL, Api.STRUCTURED, Duration.ofMillis(batchCostMs));
    }

    private static RunSummary recorded(String name, Knobs k, StructuredSummary.Predicted p) {
        List<BatchMetrics> b = RecordedQueries.batches(name, k.job(), k.batchIntervalMs());
        return StructuredSummarizer.summarize(k, b, StructuredWarmup.batches(b, k.linesPerBatch()), p);
    }

    @Test
    void theRuleAtItsThresholds() {
        assertThat(StructuredSummarizer.verdict(1.0, 0.5, 0, 2.0)).as("D = T keeps up").isEqualTo(Verdict.STABLE);
        assertThat(StructuredSummarizer.verdict(0.3, 0.0, 0, 0.3)).isEqualTo(Verdict.STABLE);
        assertThat(StructuredSummarizer.verdict(1.5, 0.029, 0, 1.049)).isEqualTo(Verdict.FALLING_BEHIND);
        assertThat(StructuredSummarizer.verdict(1.5, -0.08, 0, 0.95)).as("shrinking is bounded too").isEqualTo(Verdict.FALLING_BEHIND);
        assertThat(StructuredSummarizer.verdict(1.5, 0.10, 0, 1.10)).isEqualTo(Verdict.UNSTABLE);
        assertThat(StructuredSummarizer.verdict(1.5, 0.03, 0, 1.00)).as("g on the line: not settled").isEqualTo(Verdict.INCONCLUSIVE);
        assertThat(StructuredSummarizer.verdict(1.5, 0.05, 0, 1.02)).isEqualTo(Verdict.INCONCLUSIVE);
        assertThat(StructuredSummarizer.verdict(1.5, 0.20, 0, 1.06)).as("rows grow but the duration does not yet").isEqualTo(Verdict.INCONCLUSIVE);
        assertThat(StructuredSummarizer.verdict(1.5, 0.01, 0, 1.20)).isEqualTo(Verdict.INCONCLUSIVE);
        // g must clear the settled band by two of its standard errors to count as still growing
        assertThat(StructuredSummarizer.verdict(1.5, 0.05, 0.011, 1.02)).as("0.05 − 2 × 0.011 = 0.028").isEqualTo(Verdict.FALLING_BEHIND);
        assertThat(StructuredSummarizer.verdict(1.5, 0.05, 0.009, 1.02)).as("0.05 − 2 × 0.009 = 0.032").isEqualTo(Verdict.INCONCLUSIVE);
        assertThat(StructuredSummarizer.verdict(1.5, 0.05, 0.5, 1.06)).as("however wide the scatter, ρ must be settled too").isEqualTo(Verdict.INCONCLUSIVE);
    }

    @Test
    void growthIsTheSlopeOverTheMean() {
        // slope 10 rows per batch over a mean of 115
        assertThat(StructuredSummarizer.rowsGrowth(new double[] {100, 110, 120, 130})).isCloseTo(10.0 / 115, within(1e-12));
        assertThat(StructuredSummarizer.rowsGrowth(new double[] {280, 280, 280})).isZero();
        assertThat(StructuredSummarizer.rowsGrowth(new double[] {0, 0})).isZero();
    }

    @Test
    void aSettledQuerysScatterIsNotGrowthButASteadyClimbIs() {
        // Rows 600 660 560 720 640 740 (mean 653.3): Σ(i − 2.5)(rows − mean) = 400 over Σ(i − 2.5)² = 17.5, slope 22.86 rows,
        // g = 22.86 / 653.3 = +3.50% a batch, past the settled band; but the rows scatter around their line (residual sum
        // of squares 14,590), so SE = √(14,590 / 4 / 17.5) = 14.44 rows = 2.21%, and g − 2·SE = −0.9%: settled.
        double[] scattered = {600, 660, 560, 720, 640, 740};
        assertThat(StructuredSummarizer.rowsGrowth(scattered)).isCloseTo(400 / 17.5 / (3920 / 6.0), within(1e-12));
        assertThat(StructuredSummarizer.rowsGrowthError(scattered)).isCloseTo(0.02210, within(1e-5));
        assertThat(StructuredSummarizer.verdict(1.5, StructuredSummarizer.rowsGrowth(scattered), StructuredSummarizer.rowsGrowthError(scattered), 1.01))
                .isEqualTo(Verdict.FALLING_BEHIND);
        // 600 630 … 750: +30 rows every batch, g = 30 / 675 = +4.4%, no scatter (SE 0): still climbing
        double[] climbing = {600, 630, 660, 690, 720, 750};
        assertThat(StructuredSummarizer.rowsGrowthError(climbing)).isCloseTo(0, within(1e-12));
        assertThat(StructuredSummarizer.verdict(1.5, StructuredSummarizer.rowsGrowth(climbing), StructuredSummarizer.rowsGrowthError(climbing), 1.03))
                .isEqualTo(Verdict.INCONCLUSIVE);
        assertThat(StructuredSummarizer.rowsGrowthError(new double[] {0, 0, 0})).isZero();
    }

    @Test
    void aBaselineIsStable() {
        RunSummary s = recorded("stable-baseline", knobs("ss-baseline", 3000, "local[2]", 2, 0, 0), null);
        assertThat(s.verdict()).isEqualTo(Verdict.STABLE);
        assertThat(s.processingToIntervalRatio()).isLessThan(0.5);
        assertThat(s.medianRecordsPerBatch()).isEqualTo(420);
        assertThat(s.reason()).startsWith("median duration").contains("≤ trigger 3.00 s").contains("420 rows per batch");
    }

    @Test
    void aGrowingLagMakesAStableQueryUnstableAndABoundedOneDoesNot() {
        Knobs k = knobs("ss-baseline", 3000, "local[2]", 2, 0, 0);
        List<BatchMetrics> b = RecordedQueries.batches("stable-baseline", k.job(), k.batchIntervalMs());
        int w = StructuredWarmup.batches(b, k.linesPerBatch());
        List<BatchMetrics> growing = new ArrayList<>();
        List<BatchMetrics> bounded = new ArrayList<>();
        for (int i = 0; i < b.size(); i++) {
            growing.add(b.get(i).withLag(100L * i, 50L * i)); // 100 records a batch: five times the tolerance (5% of 420)
            bounded.add(b.get(i).withLag(200L + (i % 2) * 30, null));
        }
        RunSummary g = StructuredSummarizer.summarize(k, growing, w, null);
        assertThat(g.lag().grows()).isTrue();
        assertThat(g.lag().growthPerBatch()).isCloseTo(100, within(1e-9));
        assertThat(g.verdict()).isEqualTo(Verdict.UNSTABLE);
        assertThat(g.reason()).startsWith("consumer lag grows by 100 records per batch").contains("every batch is on time");
        assertThat(StructuredSummarizer.summarize(k, growing)).as("the one-argument path, as watch and analyze call it")
                .extracting(RunSummary::verdict).isEqualTo(Verdict.UNSTABLE);

        RunSummary ok = StructuredSummarizer.summarize(k, bounded, w, null);
        assertThat(ok.lag().grows()).isFalse();
        assertThat(ok.verdict()).isEqualTo(Verdict.STABLE);
        assertThat(ok.reason()).startsWith("consumer lag bounded at 230 records; median duration");
        assertThat(recorded("stable-baseline", k, null).lag()).as("no lag in the batches: none in the summary").isNull();
    }

    @Test
    void aSlowSinkFallsBehindAndSettles() {
        StructuredSummary.Predicted p = new StructuredSummary.Predicted(Verdict.FALLING_BEHIND, 4310.0, 603.4, 0.42, 3.0, 500, 2000, null,
                "measured:ss-baseline");
        RunSummary s = recorded("falling-behind", knobs("ss-bottleneck", 3000, "local[2]", 2, 6, 2000), p);
        StructuredSummary q = s.structured();
        assertThat(s.verdict()).isEqualTo(Verdict.FALLING_BEHIND);
        // behind the trigger by far, settled by far
        assertThat(s.processingToIntervalRatio()).isGreaterThan(1.3);
        assertThat(Math.abs(q.rowsGrowthPerBatch())).isLessThan(StructuredSummarizer.SETTLED_ROWS / 2);
        assertThat(q.inputToProcessedRatio()).isBetween(0.95, 1.03);
        assertThat(q.judgedBatches()).isEqualTo(StructuredSummarizer.JUDGED_BATCHES);
        assertThat(s.warmupBatches()).isEqualTo(s.batches() - q.judgedBatches());
        assertThat(s.medianRecordsPerBatch()).isBetween(580.0, 620.0);
        // o = D − s − a·rows on the judged batches: 4.29 s − 2 s − 3 ms × 600 ≈ 0.5 s
        assertThat(q.measuredOverheadMs()).isBetween(350.0, 650.0);
        assertThat(s.predictedProcessingTimeMs()).isEqualTo(4310.0);
        assertThat(s.modelErrorPercent()).isCloseTo(100 * (4310 - s.medianProcessingTimeMs()) / s.medianProcessingTimeMs(), within(1e-9));
        assertThat(s.reason()).contains("> trigger 3.00 s", "settled", "bounded at ≈ 601 rows", "the model's D* 4.31 s");
        assertThat(StructuredSummarizer.reason(s, Lang.VI)).contains("hội tụ", "4,31 s");
        assertThat(Summarizer.reason(s, Lang.EN)).isEqualTo(s.reason());
    }

    @Test
    void anOverloadGrowsWithoutBound() {
        StructuredSummary.Predicted p = new StructuredSummary.Predicted(Verdict.UNSTABLE, null, null, 1.12, 8, 500, 0, 1.22, "default");
        RunSummary s = recorded("unstable-overload", knobs("ss-overload", 3000, "local[2]", 2, 16, 0), p);
        StructuredSummary q = s.structured();
        assertThat(s.verdict()).isEqualTo(Verdict.UNSTABLE);
        assertThat(q.rowsGrowthPerBatch()).isGreaterThan(2 * StructuredSummarizer.GROWING_ROWS);
        assertThat(q.inputToProcessedRatio()).isGreaterThan(StructuredSummarizer.GROWING_RATIO + 0.1);
        assertThat(q.lastRows()).isEqualTo(1176);
        assertThat(s.predictedProcessingTimeMs()).isNull();
        assertThat(s.modelErrorPercent()).isNull();
        assertThat(s.reason()).startsWith("the batches grow").contains("1,176 rows in 9.97 s", "a·r 1.12 ≥ 1");
    }

    @Test
    void aDriftingOverheadThatNeitherSettlesNorGrowsIsStillSettling() {
        RunSummary s = recorded("still-settling", knobs("ss-bottleneck", 2000, "local[2]", 2, 6, 1500), null);
        assertThat(s.verdict()).isEqualTo(Verdict.INCONCLUSIVE);
        assertThat(s.structured().rowsGrowthPerBatch()).isBetween(StructuredSummarizer.SETTLED_ROWS, StructuredSummarizer.GROWING_ROWS);
        assertThat(s.reason()).contains("still settling: run longer");
    }

    @Test
    void aColdStartOnABusyMachineIsLeftOutAsWarmUp() {
        List<BatchMetrics> b = RecordedQueries.batches("late-start", "ss-baseline", 2000);
        // batch 0 (empty), batch 1 (first full), then batches still draining the start-up lateness
        assertThat(StructuredWarmup.batches(b, 280)).isGreaterThanOrEqualTo(3);
    }

    @Test
    void tooFewBatchesIsInconclusiveAndSaysSo() {
        List<BatchMetrics> b = RecordedQueries.batches("falling-behind", "ss-bottleneck", 3000).subList(0, 4);
        RunSummary s = StructuredSummarizer.summarize(knobs("ss-bottleneck", 3000, "local[2]", 2, 6, 2000), b, 2, null);
        assertThat(s.verdict()).isEqualTo(Verdict.INCONCLUSIVE);
        assertThat(s.reason()).startsWith("only 2 micro-batch(es) after warm-up (of 4): a verdict needs 4");
    }

    @Test
    void theSummaryFileCarriesTheQuerysNumbersAndReadsBack() throws Exception {
        StructuredSummary.Predicted p = new StructuredSummary.Predicted(Verdict.FALLING_BEHIND, 4310.0, 603.4, 0.42, 3.0, 500, 2000, null, "default");
        RunSummary s = recorded("falling-behind", knobs("ss-bottleneck", 3000, "local[2]", 2, 6, 2000), p);
        String json = Json.MAPPER.writeValueAsString(s);
        assertThat(json).contains("\"api\" : \"structured\"", "\"batchCostMs\" : 2000.0", "\"verdict\" : \"FALLING_BEHIND\"", "\"structured\" : {",
                "\"rowsGrowthPerBatch\"", "\"inputToProcessedRatio\"", "\"loadFactor\" : 0.42");
        RunSummary read = Json.MAPPER.readValue(json, RunSummary.class);
        assertThat(read).isEqualTo(s);
        assertThat(read.knobs().api()).isEqualTo(Api.STRUCTURED);
        assertThat(read.knobs().batchCost()).isEqualTo(Duration.ofSeconds(2));
        // a DStream summary has none of it
        RunSummary dstream = Summarizer.summarize(new Knobs("phase1", "local[4]", Duration.ofSeconds(2), 4, Duration.ZERO, CostUnit.WORD, 140, 3,
                Knobs.DEFAULT_BLOCK_INTERVAL), new ArrayList<>());
        assertThat(Json.MAPPER.writeValueAsString(dstream)).doesNotContain("\"api\"", "batchCostMs", "\"structured\"");
    }
}
