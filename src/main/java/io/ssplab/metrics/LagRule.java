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
 * Over a short run's three or four batches one slower batch moves the slope by more than the tolerance (a job that
 * kept up read 21, 31, 123: +51 per batch, its last batch 0.7 s slower), so the slope must exceed the tolerance by
 * {@value #SLOPE_ERRORS} standard errors of itself: a lag that grows by the same amount every batch has almost none.
 */
public final class LagRule {
    /** Lag growth per batch, as a fraction of a batch's lines, that still counts as bounded (jitter): {@link KafkaLag#GROWTH_TOLERANCE}. */
    public static final double GROWTH_TOLERANCE = KafkaLag.GROWTH_TOLERANCE;

    /** How many standard errors of its own slope the lag's growth must clear the tolerance by: the lag's jitter, not a trend. */
    public static final int SLOPE_ERRORS = 2;

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
        double tolerance = KafkaLag.toleranceFor(perBatch);
        long max = (long) java.util.Arrays.stream(lag).max().orElse(0);
        Long maxPartition = withLag.stream().filter(b -> b.lagMaxPartitionRecords() != null)
                .map(BatchMetrics::lagMaxPartitionRecords).max(Long::compare).orElse(null);
        long last = withLag.get(withLag.size() - 1).lagRecords();
        boolean grows = slope - SLOPE_ERRORS * Stats.slopeStandardErrorPerIndex(lag) > tolerance;
        // Each partition's lag (DStream): the partition furthest behind at the end, its slope, the others' largest lag.
        List<List<Long>> perPartition = withLag.stream().map(BatchMetrics::lagPartitionRecords).toList();
        int n = perPartition.get(perPartition.size() - 1) == null ? 0 : perPartition.get(perPartition.size() - 1).size();
        if (n == 0 || perPartition.stream().anyMatch(p -> p == null || p.size() != n))
            return new KafkaLag(slope, max, last, maxPartition, grows, null, null, null, null);
        List<Long> end = perPartition.get(perPartition.size() - 1);
        int hot = 0;
        for (int p = 1; p < n; p++) if (end.get(p) > end.get(hot)) hot = p;
        final int h = hot;
        double[] hotLag = perPartition.stream().mapToDouble(p -> p.get(h)).toArray();
        double hotSlope = hotLag.length < 2 ? 0 : Stats.slopePerIndex(hotLag);
        Long others = n < 2 ? null : perPartition.stream()
                .mapToLong(p -> java.util.stream.IntStream.range(0, n).filter(i -> i != h).mapToLong(p::get).max().orElse(0)).max().orElse(0);
        return new KafkaLag(slope, max, last, maxPartition, grows, hot, end.get(hot), hotSlope, others);
    }

    /**
     * Whether a growing lag is one partition's: the partition furthest behind carries at least
     * {@value #ONE_PARTITION_SHARE} of the growth (a hot key's partition, docs/kafka.md lesson 3). A job that takes too
     * little from every partition (a rate limit, too few slots) spreads its growth over them all.
     */
    public static boolean onOnePartition(KafkaLag l) {
        return l.grows() && l.hotPartition() != null && l.otherPartitionsMaxRecords() != null
                && l.hotPartitionGrowthPerBatch() >= ONE_PARTITION_SHARE * l.growthPerBatch();
    }

    /** The share of the lag's growth that makes it one partition's ({@link #onOnePartition}). */
    public static final double ONE_PARTITION_SHARE = 0.8;

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
        if (onOnePartition(l))
            lag += "; " + Messages.in(lang, "kafka.lag.hotPartition", l.hotPartition(), Format.integer(lang, l.hotPartitionLastRecords()),
                    Format.integer(lang, Math.round(l.hotPartitionGrowthPerBatch())), Format.integer(lang, l.otherPartitionsMaxRecords()));
        if (s.verdict() == Verdict.INCONCLUSIVE) return base;
        boolean onTime = io.ssplab.core.Verdict.keepsUp(s.processingToIntervalRatio())
                && s.schedulingDelaySlopeMsPerBatch() <= Summarizer.SLOPE_TOLERANCE * s.batchIntervalMs();
        if (l.grows() && onTime)
            return lag + "; " + Messages.in(lang, "kafka.lag.onTimeYetBehind", Format.seconds(lang, s.medianProcessingTimeMs()),
                    Format.seconds(lang, s.batchIntervalMs()));
        return lag + "; " + base;
    }
}
