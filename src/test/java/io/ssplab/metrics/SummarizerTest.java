package io.ssplab.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.util.List;
import java.util.Locale;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.ssplab.core.BatchMetrics;
import io.ssplab.core.CostUnit;
import io.ssplab.core.KafkaLag;
import io.ssplab.core.Knobs;
import io.ssplab.core.Lang;
import io.ssplab.core.RunSummary;
import io.ssplab.core.Stats;
import io.ssplab.core.Verdict;

class SummarizerTest {
    /** phase 2's knobs: 140 lines/s × BI 2 s = 280 lines per batch. */
    private static final Knobs KNOBS = new Knobs("phase2", "local[4]", Duration.ofSeconds(2), 4, Duration.ofNanos(5_400_000),
            CostUnit.WORD, 140, 3, Duration.ofMillis(200));

    @AfterEach
    void backToEnglish() {
        Lang.use(Lang.EN);
    }

    /** Full batches of 280 lines with these PTs; SD and queue follow like in Spark. */
    static List<BatchMetrics> run(long... pts) {
        return Batches.simulate(280, pts);
    }

    /** A first batch of 40 lines (the receiver still connecting), then full ones. */
    static List<BatchMetrics> runAfterPartialStart(long... pts) {
        long[] records = Batches.repeat(280, pts.length);
        records[0] = 40;
        return Batches.simulate(records, pts);
    }

    @Test
    void overloadedRunIsUnstableWithSlopeAboutPtMinusBi() {
        RunSummary s = Summarizer.summarize(KNOBS, run(3000, 2600, 2500, 2500, 2500, 2500, 2500, 2500));
        assertThat(s.verdict()).isEqualTo(Verdict.UNSTABLE);
        // The first batch is full (warm-up); batch 1 is already later than batch 0, so nothing drains: warm-up ends at once.
        assertThat(s.warmupBatches()).isEqualTo(1);
        assertThat(s.measuredBatches()).isEqualTo(7);
        assertThat(s.medianProcessingTimeMs()).isEqualTo(2500);
        assertThat(s.processingToIntervalRatio()).isCloseTo(1.25, within(1e-9));
        // SD of batches 1–7: 1000, 1600, 2100, …, 4100: 500 ms a batch, the first step 600 → slope 500 + 300 / 28
        assertThat(s.schedulingDelaySlopeMsPerBatch()).isCloseTo(500 + 300.0 / 28, within(1e-6));
        assertThat(s.finalSchedulingDelayMs()).isEqualTo(4100);
        assertThat(s.maxQueuedBatches()).isEqualTo(2);
        assertThat(s.reason()).contains("median PT 2.50 s > BI 2.00 s", "≈ 0.50 s later", "+511 ms/batch");
    }

    @Test
    void headroomRunIsStableAndWarmUpIsLeftOut() {
        RunSummary s = Summarizer.summarize(KNOBS, runAfterPartialStart(2500, 1400, 1400, 1350, 1400, 1450, 1400));
        assertThat(s.verdict()).isEqualTo(Verdict.STABLE);
        // batch 1 is the first full one; batch 2 has caught up with the slow first batch.
        assertThat(s.warmupBatches()).isEqualTo(2);
        assertThat(s.schedulingDelaySlopeMsPerBatch()).isZero();
        assertThat(s.medianProcessingTimeMs()).isEqualTo(1400);
        assertThat(s.processingToIntervalRatio()).isCloseTo(0.7, within(1e-9));
        assertThat(s.medianRecordsPerBatch()).isEqualTo(280);
        assertThat(s.meanInputRatePerSec()).isEqualTo(140);
        assertThat(s.reason()).isEqualTo("median PT 1.40 s ≤ BI 2.00 s (70% of the interval used) and scheduling delay flat (+0 ms/batch)");
    }

    @Test
    void medianUnderBiButDelayClimbingIsStillUnstable() {
        // Every third batch is slow: median PT is under BI but the backlog only grows.
        RunSummary s = Summarizer.summarize(KNOBS, run(1000, 1000, 1900, 1900, 3500, 1900, 1900, 3500, 1900, 1900, 3500, 1900));
        assertThat(s.medianProcessingTimeMs()).isLessThan(2000);
        assertThat(Verdict.keepsUp(s.processingToIntervalRatio())).isTrue();
        assertThat(s.schedulingDelaySlopeMsPerBatch()).isGreaterThan(Summarizer.SLOPE_TOLERANCE * 2000);
        assertThat(s.verdict()).isEqualTo(Verdict.UNSTABLE);
        assertThat(s.reason()).contains("still climbs");
    }

    @Test
    void ptExactlyEqualToBiKeepsUp() {
        // ρ = 1: each batch ends as the next one is cut; no batch starts late.
        RunSummary s = Summarizer.summarize(KNOBS, runAfterPartialStart(2000, 2000, 2000, 2000, 2000, 2000, 2000));
        assertThat(s.processingToIntervalRatio()).isEqualTo(1.0);
        assertThat(s.schedulingDelaySlopeMsPerBatch()).isZero();
        assertThat(s.verdict()).isEqualTo(Verdict.STABLE);
        assertThat(s.reason()).startsWith("median PT 2.00 s").contains("(100% of the interval used)", "scheduling delay flat");

        assertThat(Verdict.keepsUp(1.0)).isTrue();
        assertThat(Verdict.keepsUp(1.0001)).isFalse();
        assertThat(Verdict.ofRatio(1.0)).isEqualTo(Verdict.STABLE);
        assertThat(Verdict.ofRatio(1.01)).isEqualTo(Verdict.UNSTABLE);
        // 2001 ms: just over BI, unstable by the ratio alone
        RunSummary over = Summarizer.summarize(KNOBS, runAfterPartialStart(2001, 2001, 2001, 2001, 2001, 2001, 2001));
        assertThat(over.verdict()).isEqualTo(Verdict.UNSTABLE);
        assertThat(over.reason()).startsWith("median PT 2.00 s > BI 2.00 s");
    }

    @Test
    void tooFewBatchesIsInconclusive() {
        RunSummary s = Summarizer.summarize(KNOBS, run(400, 300, 300));
        assertThat(s.verdict()).isEqualTo(Verdict.INCONCLUSIVE);
        assertThat(s.warmupBatches()).isEqualTo(1);
        assertThat(s.measuredBatches()).isEqualTo(2).isLessThan(Summarizer.MIN_BATCHES_FOR_VERDICT);
        assertThat(s.reason()).isEqualTo("only 3 batch(es) completed, 1 of them warm-up; a verdict needs at least 3 after warm-up: run longer (--batches 8)");
        RunSummary none = Summarizer.summarize(KNOBS, List.of());
        assertThat(none.verdict()).isEqualTo(Verdict.INCONCLUSIVE);
        assertThat(none.warmupBatches()).isZero();
        assertThat(none.finalSchedulingDelayMs()).isZero();
    }

    @Test
    void theWarmUpIsTheOneRuleAtTheKnobsNominalLines() {
        List<BatchMetrics> batches = Batches.simulate(new long[] {0, 5, 100, 280, 280, 280, 280}, Batches.repeat(600, 7));
        assertThat(Summarizer.nominalLines(KNOBS)).isEqualTo(280);
        assertThat(Summarizer.summarize(KNOBS, batches).warmupBatches()).isEqualTo(Warmup.batches(batches, 280)).isEqualTo(4);
        // A summary recomputed from a bare metrics file knows only BI: any non-empty batch counts as full.
        Knobs bare = Knobs.onlyInterval("phase2", 2000);
        assertThat(Summarizer.nominalLines(bare)).isNaN();
        RunSummary s = Summarizer.summarize(bare, batches);
        assertThat(s.warmupBatches()).isEqualTo(Warmup.batches(batches, Double.NaN)).isEqualTo(2);
        assertThat(s.batchIntervalMs()).isEqualTo(2000);
        // A recorded warm-up count is taken as it is (the report shows what the console showed).
        RunSummary given = Summarizer.summarize(KNOBS, batches, 5, null, null);
        assertThat(given.warmupBatches()).isEqualTo(5);
        assertThat(given.measuredBatches()).isEqualTo(2);
        assertThat(Summarizer.summarize(KNOBS, batches, 99, null, null).warmupBatches()).isEqualTo(7);
    }

    @Test
    void aPredictionGivesTheModelsErrorAndWhereItsOverheadCameFrom() {
        List<BatchMetrics> batches = runAfterPartialStart(2500, 1400, 1400, 1350, 1400, 1450, 1400);
        RunSummary s = Summarizer.summarize(KNOBS, batches, 1540.0, "calibrated");
        assertThat(s.predictedProcessingTimeMs()).isEqualTo(1540.0);
        assertThat(s.modelErrorPercent()).isCloseTo(10.0, within(1e-9));
        assertThat(s.overheadSource()).isEqualTo("calibrated");
        RunSummary without = Summarizer.summarize(KNOBS, batches, null, "calibrated");
        assertThat(without.modelErrorPercent()).isNull();
        assertThat(without.overheadSource()).as("no prediction, no overhead source").isNull();
        assertThat(Summarizer.modelErrorPercent(900, 1000)).isCloseTo(-10, within(1e-9));
    }

    @Test
    void theReasonIsStoredInEnglishAndRenderedInEitherLanguage() {
        Lang.use(Lang.VI); // the reader's language must not leak into the file
        RunSummary overloaded = Summarizer.summarize(KNOBS, run(3000, 2600, 2500, 2500, 2500, 2500, 2500, 2500));
        RunSummary headroom = Summarizer.summarize(KNOBS, runAfterPartialStart(2500, 1400, 1400, 1350, 1400, 1450, 1400));
        assertThat(overloaded.reason()).isEqualTo(Summarizer.reason(overloaded, Lang.EN)).contains("median PT 2.50 s > BI 2.00 s");
        assertThat(headroom.reason()).isEqualTo(Summarizer.reason(headroom, Lang.EN)).contains("70% of the interval used");

        String vi = Summarizer.reason(overloaded, Lang.VI);
        assertThat(vi).isNotEqualTo(overloaded.reason()).contains("2,50 s", "2,00 s", "0,50 s", "+511").doesNotContain("2.50 s", "median PT");
        assertThat(Summarizer.reason(headroom, Lang.VI))
                .isEqualTo("PT trung vị 1,40 s ≤ BI 2,00 s (dùng 70% của BI) và scheduling delay phẳng (+0 ms/batch)");
        RunSummary few = Summarizer.summarize(KNOBS, run(400, 300, 300));
        assertThat(Summarizer.reason(few, Lang.VI)).startsWith("chỉ có 3 batch hoàn tất, 1 batch").contains("ít nhất 3");
    }

    /** The same batches as a Kafka run records them: each with its consumer lag (records behind the latest offset). */
    static List<BatchMetrics> withLag(List<BatchMetrics> batches, long... lag) {
        List<BatchMetrics> out = new java.util.ArrayList<>();
        for (int i = 0; i < batches.size(); i++) out.add(batches.get(i).withLag(lag[i], (lag[i] + 1) / 2));
        return out;
    }

    @Test
    void aGrowingLagMakesAnOnTimeRunUnstableInThePlainSummarizer() {
        // Every batch on time (PT 1.4 s of BI 2 s), but the job takes in 4/5 of the rate (a rate limit): the lag grows by
        // 56 records a batch, four times LagRule's tolerance (5% of 280 lines).
        List<BatchMetrics> b = withLag(runAfterPartialStart(2500, 1400, 1400, 1350, 1400, 1450, 1400, 1400, 1400),
                0, 40, 100, 156, 212, 268, 324, 380, 436);
        RunSummary s = Summarizer.summarize(KNOBS, b);
        assertThat(s.warmupBatches()).isEqualTo(2);
        assertThat(s.lag()).isNotNull();
        assertThat(s.lag().grows()).isTrue();
        assertThat(s.lag().growthPerBatch()).isCloseTo(56, within(1e-9));
        assertThat(s.lag().lastRecords()).isEqualTo(436);
        assertThat(s.lag().maxPartitionRecords()).isEqualTo(218);
        assertThat(s.verdict()).isEqualTo(Verdict.UNSTABLE);
        assertThat(s.reason()).startsWith("consumer lag grows by 56 records per batch (436 behind the latest offset at the end); every batch is on time");
        assertThat(Summarizer.reason(s, Lang.VI)).isNotEqualTo(s.reason());
        // A summary rebuilt from the recorded batches and warm-up (the report, analyze, the grader) says the same.
        assertThat(Summarizer.summarize(KNOBS, b, s.warmupBatches(), null, null)).isEqualTo(s);
        // Too few batches stay INCONCLUSIVE: a lag over two batches is no trend.
        RunSummary few = Summarizer.summarize(KNOBS, withLag(run(1400, 1400, 1400), 0, 100, 200));
        assertThat(few.verdict()).isEqualTo(Verdict.INCONCLUSIVE);
    }

    @Test
    void aBoundedLagKeepsTheTimingVerdict() {
        // The lag of a job that keeps up: rate × its delay, jittering with PT (±40 records), no trend.
        long[] jitter = {0, 90, 210, 180, 230, 190, 205, 215, 185};
        RunSummary stable = Summarizer.summarize(KNOBS, withLag(runAfterPartialStart(2500, 1400, 1400, 1350, 1400, 1450, 1400, 1400, 1400), jitter));
        assertThat(stable.lag().grows()).isFalse();
        assertThat(stable.lag().maxRecords()).isEqualTo(230);
        assertThat(stable.verdict()).isEqualTo(Verdict.STABLE);
        assertThat(stable.reason()).isEqualTo("consumer lag bounded at 230 records; median PT 1.40 s ≤ BI 2.00 s (70% of the interval used) "
                + "and scheduling delay flat (+0 ms/batch)");
        // An overloaded job is UNSTABLE by its PT whatever its lag says.
        RunSummary overloaded = Summarizer.summarize(KNOBS, withLag(run(3000, 2600, 2500, 2500, 2500, 2500, 2500, 2500), 0, 0, 0, 0, 0, 0, 0, 0));
        assertThat(overloaded.lag().grows()).isFalse();
        assertThat(overloaded.verdict()).isEqualTo(Verdict.UNSTABLE);
        assertThat(overloaded.reason()).startsWith("consumer lag bounded at 0 records; median PT 2.50 s > BI 2.00 s");
    }

    @Test
    void aShortRunsJitterIsNoGrowingLag() {
        // Measured (KafkaRunTest on a loaded machine): a job that kept up, PT 0.11, 0.19 and 0.83 s of BI 2 s; the lag is
        // read when each batch completes, so the slower last batch read 0.7 s × 140 lines/s more. Slope +51 per batch,
        // its standard error 23.7 (residuals 41/3, -82/3, 41/3 around the line): 51 - 2 × 23.7 = 3.6, under 14: bounded.
        KafkaLag jitter = LagRule.of(withLag(run(110, 190, 830), 21, 31, 123), 280);
        assertThat(jitter.growthPerBatch()).isCloseTo(51, within(1e-9));
        assertThat(Stats.slopeStandardErrorPerIndex(new double[] {21, 31, 123})).isCloseTo(Math.sqrt(10086.0 / 9 / 2), within(1e-9));
        assertThat(jitter.grows()).isFalse();
        // A rate limit's lag grows by the same amount every batch: no scatter, so three batches are enough.
        KafkaLag limited = LagRule.of(withLag(run(1400, 1400, 1400), 0, 279, 558), 280);
        assertThat(limited.grows()).isTrue();
        assertThat(Stats.slopeStandardErrorPerIndex(new double[] {0, 279, 558})).isZero();
    }

    @Test
    void batchesWithoutALagAreJudgedAsBefore() throws Exception {
        RunSummary s = Summarizer.summarize(KNOBS, runAfterPartialStart(2500, 1400, 1400, 1350, 1400, 1450, 1400));
        assertThat(s.lag()).isNull();
        assertThat(s.verdict()).isEqualTo(Verdict.STABLE);
        assertThat(s.reason()).startsWith("median PT 1.40 s");
        assertThat(io.ssplab.core.Json.MAPPER.writeValueAsString(s)).doesNotContain("\"lag\"");
    }

    @Test
    void statsBehaveOnEdges() {
        assertThat(Stats.percentile(new double[] {1, 2, 3, 4}, 50)).isEqualTo(2.5);
        assertThat(Stats.percentile(new double[] {5}, 95)).isEqualTo(5);
        assertThat(Stats.percentile(new double[0], 50)).isNaN();
        assertThat(Stats.mean(new double[0])).isNaN();
        assertThat(Stats.slopePerIndex(new double[] {0, 500, 1000, 1500})).isCloseTo(500, within(1e-9));
        assertThat(Stats.slopePerIndex(new double[] {7})).isZero();
    }

    @Test
    void aTrendUnderHalfAMillisecondIsNoneNotMinusZero() {
        // SD recorded in whole ms: 1, 0, 1, 0, 0 slopes at -0.2 ms/batch, which would print as "-0"
        assertThat(Summarizer.schedulingDelayTrend(new double[] {1, 0, 1, 0, 0})).isEqualTo(0.0);
        assertThat(String.format(Locale.ROOT, "%+.0f", Summarizer.schedulingDelayTrend(new double[] {1, 0, 1, 0, 0}))).isEqualTo("+0");
        assertThat(Summarizer.schedulingDelayTrend(new double[] {0, 500, 1000})).isEqualTo(500.0);
    }
}
