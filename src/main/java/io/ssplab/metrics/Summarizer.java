package io.ssplab.metrics;

import java.util.List;

import io.ssplab.core.BatchMetrics;
import io.ssplab.core.Format;
import io.ssplab.core.KafkaLag;
import io.ssplab.core.Knobs;
import io.ssplab.core.Lang;
import io.ssplab.core.Messages;
import io.ssplab.core.RunSummary;
import io.ssplab.core.Stats;
import io.ssplab.core.Verdict;

/**
 * Computes a run's {@link RunSummary} and verdict from its batches. This is the one place where the
 * lab decides STABLE or UNSTABLE.
 *
 * <p>The rule: after warm-up ({@link Warmup}), the job is UNSTABLE when the median PT exceeds BI
 * ({@link Verdict#keepsUp}: each batch then starts later than the one before) or when scheduling delay
 * climbs by more than {@value #SLOPE_TOLERANCE} of BI per batch (it will never come back down);
 * otherwise STABLE. Both tests are needed: a job right at the edge can have median PT just under BI
 * and still build up delay from its slow batches. On Kafka the consumer lag is judged too ({@link LagRule}): a
 * lag that grows makes the run UNSTABLE even when every batch is on time.
 */
public final class Summarizer {
    /** SD growth per batch, as a fraction of BI, that still counts as flat (measurement jitter). */
    public static final double SLOPE_TOLERANCE = 0.05;
    /** Batches needed after warm-up for a verdict. */
    public static final int MIN_BATCHES_FOR_VERDICT = 3;

    private Summarizer() {
    }

    /** Without a prediction: a metrics file's summary. */
    public static RunSummary summarize(Knobs knobs, List<BatchMetrics> all) {
        return summarize(knobs, all, null, null);
    }

    /**
     * @param predictedMs    the model's PT for these knobs, or null
     * @param overheadSource where the prediction's overhead came from, or null
     */
    public static RunSummary summarize(Knobs knobs, List<BatchMetrics> all, Double predictedMs, String overheadSource) {
        return summarize(knobs, all, Warmup.batches(all, nominalLines(knobs)), predictedMs, overheadSource);
    }

    /** Lines per batch the warm-up rule expects: rate × BI when the knobs are complete, else unknown. */
    public static double nominalLines(Knobs knobs) {
        return knobs.complete() ? knobs.linesPerBatch() : Double.NaN;
    }

    /**
     * With the warm-up already known (a recorded summary's {@code warmupBatches}, so the page shows the
     * same numbers as the console did).
     */
    public static RunSummary summarize(Knobs knobs, List<BatchMetrics> all, int warmup, Double predictedMs, String overheadSource) {
        int w = Math.max(0, Math.min(warmup, all.size()));
        List<BatchMetrics> measured = all.subList(w, all.size());
        double[] pt = measured.stream().mapToDouble(BatchMetrics::processingTimeMs).toArray();
        double[] sd = measured.stream().mapToDouble(BatchMetrics::schedulingDelayMs).toArray();
        double[] records = measured.stream().mapToDouble(BatchMetrics::records).toArray();
        double[] rate = measured.stream().mapToDouble(BatchMetrics::inputRatePerSec).toArray();
        long bi = knobs.batchIntervalMs();

        double medianPt = Stats.median(pt);
        double ratio = medianPt / bi;
        double slope = schedulingDelayTrend(sd);
        long finalSd = all.isEmpty() ? 0 : all.get(all.size() - 1).schedulingDelayMs();
        int maxQueued = measured.stream().mapToInt(BatchMetrics::queuedBatches).max().orElse(0);

        Verdict timing = measured.size() < MIN_BATCHES_FOR_VERDICT ? Verdict.INCONCLUSIVE
                : !Verdict.keepsUp(ratio) || slope > SLOPE_TOLERANCE * bi ? Verdict.UNSTABLE : Verdict.STABLE;
        // Kafka: the lag is the delay (null for a socket source, whose batches carry none).
        KafkaLag lag = LagRule.of(measured, nominalLines(knobs));
        Verdict verdict = LagRule.verdict(lag, timing);
        Double error = predictedMs == null || !(medianPt > 0) ? null : modelErrorPercent(predictedMs, medianPt);
        RunSummary s = new RunSummary(knobs, all.size(), w, Stats.median(records), Stats.mean(rate), medianPt,
                Stats.percentile(pt, 95), ratio, slope, finalSd, maxQueued, verdict, "", null, predictedMs, error,
                predictedMs == null ? null : overheadSource, null, lag);
        return s.withReason(reason(s, Lang.EN));
    }

    /** The sentence behind a summary's verdict, in {@code lang}: the file keeps the English one, the console prints the reader's. */
    public static String reason(RunSummary s, Lang lang) {
        String base = s.structured() != null ? StructuredSummarizer.reason(s, lang) : socketReason(s, lang);
        return s.lag() == null ? base : LagRule.reason(s, lang, base);
    }

    /** The sentence from PT and SD alone (a Kafka run's lag is put before it by {@link LagRule}). */
    private static String socketReason(RunSummary s, Lang lang) {
        long bi = s.batchIntervalMs();
        double pt = s.medianProcessingTimeMs();
        String slope = Format.signed(lang, s.schedulingDelaySlopeMsPerBatch(), 0);
        return switch (s.verdict()) {
            case INCONCLUSIVE -> Messages.in(lang, "summary.reason.inconclusive", s.batches(), s.warmupBatches(), MIN_BATCHES_FOR_VERDICT);
            case UNSTABLE -> !Verdict.keepsUp(s.processingToIntervalRatio())
                    ? Messages.in(lang, "summary.reason.ptOverBi", Format.seconds(lang, pt), Format.seconds(lang, bi), Format.seconds(lang, pt - bi), slope)
                    : Messages.in(lang, "summary.reason.sdClimbs", Format.seconds(lang, pt), Format.seconds(lang, bi), slope);
            case FALLING_BEHIND -> ""; // only a query falls behind, and a query's reason is StructuredSummarizer's (above)
            case STABLE -> Messages.in(lang, "summary.reason.stable", Format.seconds(lang, pt), Format.seconds(lang, bi),
                    Format.percent(lang, s.processingToIntervalRatio()), slope);
        };
    }

    /**
     * The SD trend, ms per batch: the least-squares slope over the batches. Spark reports SD in whole
     * milliseconds, so a trend under half a millisecond per batch is none — and is 0, not the "-0" a
     * tiny negative slope would print as.
     */
    public static double schedulingDelayTrend(double[] schedulingDelaysMs) {
        double slope = Stats.slopePerIndex(schedulingDelaysMs);
        return Math.abs(slope) < 0.5 ? 0.0 : slope;
    }

    /** The model's error on one run: (predicted − measured) / measured, in percent; positive when it over-predicts. */
    public static double modelErrorPercent(double predictedMs, double measuredMs) {
        return 100 * (predictedMs - measuredMs) / measuredMs;
    }
}
