package io.ssplab.metrics;

import java.util.List;

import io.ssplab.core.BatchMetrics;
import io.ssplab.core.Format;
import io.ssplab.core.KafkaLag;
import io.ssplab.core.Lang;
import io.ssplab.core.Messages;
import io.ssplab.core.RunSummary;
import io.ssplab.core.Stats;
import io.ssplab.core.Verdict;

/**
 * The one place that judges a Kafka run's consumer lag (docs/kafka.md): on Kafka the lag is the delay. Both
 * summarizers ({@link Summarizer}, {@link StructuredSummarizer}) apply it to any batches that carry a lag, so the
 * run's console, its report, {@code analyze}, {@code watch}, the grader and a sweep reach the same verdict.
 *
 * <p>The rule: over the measured batches (after warm-up, the same batches as every other number of the
 * summary), the lag grows when its least-squares slope exceeds {@value #GROWTH_TOLERANCE} of the lines one
 * batch should hold (rate × BI; the measured median when the rate is unknown), and at least one record per
 * batch. A growing lag makes the run UNSTABLE even when every batch is on time: a rate limit below the
 * producer's rate keeps PT under BI and the scheduling delay flat while the topic's backlog grows. A job that
 * keeps up leaves a lag of about rate × (its delay), the same every batch: bounded.
 *
 * <p>Why a slope and a tolerance: the lag is read when a batch completes, so it carries the batch's PT jitter
 * (140 lines/s × ±0.3 s ≈ ±40 records); over 10 batches the slope of such noise is a few records per batch,
 * against 14 records of tolerance at 280 lines per batch — while a job behind by one fifth of its input adds 56.
 */
public final class LagRule {
    /** Lag growth per batch, as a fraction of a batch's lines, that still counts as bounded (jitter). */
    public static final double GROWTH_TOLERANCE = 0.05;

    private LagRule() {
    }

    /** The lag over {@code measured} (the batches after warm-up); null when no batch carries one (a socket source). */
    public static KafkaLag of(List<BatchMetrics> measured, double nominalLines) {
        List<BatchMetrics> withLag = measured.stream().filter(BatchMetrics::hasLag).toList();
        if (withLag.isEmpty()) return null;
        double[] lag = withLag.stream().mapToDouble(b -> b.lagRecords()).toArray();
        double slope = withLag.size() < 2 ? 0 : Stats.slopePerIndex(lag);
        double perBatch = Double.isFinite(nominalLines) && nominalLines > 0 ? nominalLines
                : Stats.median(withLag.stream().mapToDouble(BatchMetrics::records).toArray());
        double tolerance = Math.max(1, GROWTH_TOLERANCE * perBatch);
        long max = (long) java.util.Arrays.stream(lag).max().orElse(0);
        Long maxPartition = withLag.stream().filter(b -> b.lagMaxPartitionRecords() != null)
                .map(BatchMetrics::lagMaxPartitionRecords).max(Long::compare).orElse(null);
        return new KafkaLag(slope, max, withLag.get(withLag.size() - 1).lagRecords(), maxPartition, slope > tolerance);
    }

    /**
     * The verdict once the lag is judged: UNSTABLE when the lag grows, else the timing verdict (PT and SD, or a
     * query's rows and durations). Too few batches stay INCONCLUSIVE; without a lag (a socket source) nothing changes.
     * Both summarizers call it, so every summary built from batches that carry a lag (the run's, the report's,
     * analyze's, watch's, the grader's, a sweep's) judges it the same way.
     */
    static Verdict verdict(KafkaLag lag, Verdict timing) {
        return lag != null && lag.grows() && timing != Verdict.INCONCLUSIVE ? Verdict.UNSTABLE : timing;
    }

    /**
     * The reason of a Kafka run: the lag's sentence, then what PT and SD say ({@code base}); when only the lag
     * grows, a sentence saying that every batch is on time and the topic holds the backlog instead.
     */
    static String reason(RunSummary s, Lang lang, String base) {
        KafkaLag l = s.lag();
        String lag = l.grows()
                ? Messages.in(lang, "kafka.lag.grows", Format.integer(lang, Math.round(l.growthPerBatch())), Format.integer(lang, l.lastRecords()))
                : Messages.in(lang, "kafka.lag.bounded", Format.integer(lang, l.maxRecords()));
        if (s.verdict() == Verdict.INCONCLUSIVE) return base;
        boolean onTime = io.ssplab.core.Verdict.keepsUp(s.processingToIntervalRatio())
                && s.schedulingDelaySlopeMsPerBatch() <= Summarizer.SLOPE_TOLERANCE * s.batchIntervalMs();
        if (l.grows() && onTime)
            return lag + "; " + Messages.in(lang, "kafka.lag.onTimeYetBehind", Format.seconds(lang, s.medianProcessingTimeMs()),
                    Format.seconds(lang, s.batchIntervalMs()));
        return lag + "; " + base;
    }
}
