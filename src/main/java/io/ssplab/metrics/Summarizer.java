package io.ssplab.metrics;

import java.util.List;
import java.util.Locale;

/**
 * Computes a run's {@link RunSummary} and verdict from its batches. This is the one place where the
 * lab decides STABLE or UNSTABLE.
 *
 * <p>The rule: after warm-up, the job is UNSTABLE when the median PT exceeds BI (each batch then
 * starts later than the one before) or when scheduling delay climbs by more than
 * {@value #SLOPE_TOLERANCE} of BI per batch (it will never come back down); otherwise STABLE.
 * Both tests are needed: a job right at the edge can have median PT just under BI and still build
 * up delay from its slow batches.
 */
public final class Summarizer {
    /** SD growth per batch, as a fraction of BI, that still counts as flat (measurement jitter). */
    public static final double SLOPE_TOLERANCE = 0.05;
    /** Batches needed after warm-up for a verdict. */
    public static final int MIN_BATCHES_FOR_VERDICT = 3;

    private Summarizer() {
    }

    /**
     * First batches left out: the first carries Spark's start-up (receiver connecting, JIT, first
     * shuffle) and usually fewer records; the second often still pays part of it. Short runs keep at
     * least {@link #MIN_BATCHES_FOR_VERDICT} batches for the verdict.
     */
    public static int warmupBatches(int batches) {
        return Math.max(0, Math.min(2, batches - MIN_BATCHES_FOR_VERDICT));
    }

    /**
     * Knobs a summary reports beside the measurements.
     *
     * @param predictedProcessingTimeMs the model's PT for these knobs (see io.ssplab.model), or null
     */
    public record Knobs(String job, String master, int partitions, double costMs, String costUnit, long batchIntervalMs,
                        Double predictedProcessingTimeMs) {

        /** Knobs without a prediction. */
        public Knobs(String job, String master, int partitions, double costMs, String costUnit, long batchIntervalMs) {
            this(job, master, partitions, costMs, costUnit, batchIntervalMs, null);
        }
    }

    public static RunSummary summarize(Knobs knobs, List<BatchMetrics> all) {
        int warmup = warmupBatches(all.size());
        List<BatchMetrics> measured = all.subList(warmup, all.size());
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

        Verdict verdict;
        String reason;
        if (measured.size() < MIN_BATCHES_FOR_VERDICT) {
            verdict = Verdict.INCONCLUSIVE;
            reason = String.format(Locale.ROOT, "only %d batch(es) completed; a verdict needs at least %d after warm-up: run longer (--batches 8)",
                    all.size(), MIN_BATCHES_FOR_VERDICT);
        } else if (ratio > 1.0) {
            verdict = Verdict.UNSTABLE;
            reason = String.format(Locale.ROOT, "median PT %s > BI %s: each batch starts ≈ %s later than the one before (measured SD slope %+.0f ms/batch)",
                    seconds(medianPt), seconds(bi), seconds(medianPt - bi), slope);
        } else if (slope > SLOPE_TOLERANCE * bi) {
            verdict = Verdict.UNSTABLE;
            reason = String.format(Locale.ROOT, "median PT %s is under BI %s, but scheduling delay still climbs %+.0f ms/batch: the slow batches build a backlog",
                    seconds(medianPt), seconds(bi), slope);
        } else {
            verdict = Verdict.STABLE;
            reason = String.format(Locale.ROOT, "median PT %s < BI %s (%.0f%% of the interval used) and scheduling delay flat (%+.0f ms/batch)",
                    seconds(medianPt), seconds(bi), ratio * 100, slope);
        }
        Double predicted = knobs.predictedProcessingTimeMs();
        Double error = predicted == null || !(medianPt > 0) ? null : modelErrorPercent(predicted, medianPt);
        return new RunSummary(knobs.job(), knobs.master(), knobs.partitions(), knobs.costMs(), knobs.costUnit(), bi,
                all.size(), warmup, Stats.median(records), Stats.mean(rate), medianPt, Stats.percentile(pt, 95),
                ratio, slope, finalSd, maxQueued, verdict, reason, null, predicted, error);
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

    /** "2.61 s" — the unit people read in the Spark UI. */
    public static String seconds(double ms) {
        return String.format(Locale.ROOT, "%.2f s", ms / 1000.0);
    }
}
