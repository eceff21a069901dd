package io.ssplab.model;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.ssplab.core.Format;
import io.ssplab.core.KafkaLag;
import io.ssplab.core.Lang;
import io.ssplab.core.Messages;

/**
 * What one batch of the DStream direct stream takes from a Kafka topic, and what it leaves behind (docs/kafka.md).
 * {@code spark.streaming.kafka.maxRatePerPartition} lets a batch take at most {@code limit × BI} lines from each
 * partition, whatever the others receive. A partition that receives more than the limit falls behind by the
 * difference every batch, however short the batches are: the topic's lag grows, so the job is UNSTABLE with PT
 * far under BI and a flat scheduling delay. The planner's arithmetic for the measured rule
 * ({@code io.ssplab.metrics.LagRule}): the same tolerance ({@link KafkaLag#GROWTH_TOLERANCE}).
 *
 * <p>What matters is the busiest partition, not the average: 80 lines/s × 4 partitions allows 320 lines/s, and a
 * producer of 200 lines/s whose hot key puts 68% of them on one partition still leaves that partition 56 lines/s
 * behind (Kafka lesson 3).
 *
 * @param shares            each topic partition's share of the lines (the producer's keys on Kafka's partitioner)
 * @param linesPerSecond    the producer's rate
 * @param limitPerPartition lines per second a batch may take from each partition; 0: no limit
 * @param batchIntervalMs   BI
 */
public record KafkaIntake(double[] shares, double linesPerSecond, double limitPerPartition, long batchIntervalMs) {

    public KafkaIntake {
        if (shares.length < 1) throw new IllegalArgumentException("a topic has at least one partition");
        if (limitPerPartition < 0) throw new IllegalArgumentException("limit: 0 (none) or more, got " + limitPerPartition);
        shares = shares.clone();
    }

    /** Whether a limit is set (it may still take everything: see {@link #binds()}). */
    public boolean limited() {
        return limitPerPartition > 0;
    }

    private double seconds() {
        return batchIntervalMs / 1000.0;
    }

    /** Lines per second partition {@code p} receives. */
    public double rate(int p) {
        return linesPerSecond * shares[p];
    }

    /** Lines per second a batch takes from partition {@code p}: what it receives, at most the limit. */
    public double taken(int p) {
        return limited() ? Math.min(rate(p), limitPerPartition) : rate(p);
    }

    /** Lines per second the batches take from the whole topic. */
    public double takenLinesPerSecond() {
        double sum = 0;
        for (int p = 0; p < shares.length; p++) sum += taken(p);
        return sum;
    }

    /** Whether the limit leaves some partition's lines behind (the batches take less than the producer sends). */
    public boolean binds() {
        return lagGrowthPerBatch() > 0;
    }

    /** Lines partition {@code p}'s lag grows by per batch: what it receives beyond what a batch may take. */
    public double growthPerBatch(int p) {
        return (rate(p) - taken(p)) * seconds();
    }

    /** Lines the topic's lag grows by per batch, over all partitions. */
    public double lagGrowthPerBatch() {
        double sum = 0;
        for (int p = 0; p < shares.length; p++) sum += growthPerBatch(p);
        return sum;
    }

    /** The growth the lag rule still counts as bounded: {@link KafkaLag#toleranceFor} of the lines one batch should hold. */
    public double toleranceRecordsPerBatch() {
        return KafkaLag.toleranceFor(linesPerSecond * seconds());
    }

    /** Whether the lag grows beyond the tolerance: the job then cannot keep up, whatever its PT. */
    public boolean lagGrows() {
        return lagGrowthPerBatch() > toleranceRecordsPerBatch();
    }

    /** The partition with the largest share. */
    public int hotPartition() {
        int hot = 0;
        for (int p = 1; p < shares.length; p++) if (shares[p] > shares[hot]) hot = p;
        return hot;
    }

    /**
     * The smallest whole limit per partition that takes every partition's lines with the headroom a fix keeps: the hot
     * partition's rate / {@code targetRatio} (at exactly its rate, a batch could never catch up after a slow one).
     */
    public long smallestLimit(double targetRatio) {
        return (long) Math.ceil(rate(hotPartition()) / targetRatio - 1e-9);
    }

    /** The largest whole producer rate whose hot partition stays within {@code targetRatio} of the limit. */
    public long largestRate(double targetRatio) {
        return (long) Math.floor(limitPerPartition * targetRatio / shares[hotPartition()] + 1e-9);
    }

    /** The same topic and producer under another limit. */
    public KafkaIntake withLimit(double limit) {
        return new KafkaIntake(shares, linesPerSecond, limit, batchIntervalMs);
    }

    /** The same topic and limit under another producer rate. */
    public KafkaIntake withRate(double rate) {
        return new KafkaIntake(shares, rate, limitPerPartition, batchIntervalMs);
    }

    /** The plan's lines: what the limit lets in, which partition falls behind and by how much, and the lag's verdict. */
    public List<String> explain(Lang lang) {
        List<String> lines = new ArrayList<>();
        String lim = Format.plain(limitPerPartition);
        lines.add(Messages.in(lang, "kafka.intake.head", lim, Messages.count(lang, shares.length, "noun.partition"),
                Format.integer(Math.round(limitPerPartition * seconds() * shares.length)), Format.plain(limitPerPartition * shares.length),
                Format.plain(linesPerSecond)));
        int hot = hotPartition();
        if (!binds()) {
            lines.add(Messages.in(lang, "kafka.intake.keepsUp", hot, Format.fixed(lang, rate(hot), 1), lim));
            return lines;
        }
        for (int p = 0; p < shares.length; p++) {
            if (growthPerBatch(p) <= 0) continue;
            lines.add(Messages.in(lang, "kafka.intake.behind", p, Format.fixed(lang, rate(p), 1), KeyWords.percent1(lang, shares[p]),
                    Format.integer(Math.round(taken(p) * seconds())), Format.integer(Math.round(rate(p) * seconds())),
                    Format.integer(Math.round(growthPerBatch(p)))));
        }
        lines.add(Messages.in(lang, "kafka.intake.taken", Format.fixed(lang, takenLinesPerSecond(), 1), Format.plain(linesPerSecond)));
        lines.add(Messages.in(lang, lagGrows() ? "kafka.intake.grows" : "kafka.intake.withinTolerance",
                Format.integer(Math.round(lagGrowthPerBatch())), Format.integer(Math.round(toleranceRecordsPerBatch()))));
        return lines;
    }

    /** The intake in {@code plan --json}. */
    public Map<String, Object> fields() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("maxRatePerPartition", limited() ? limitPerPartition : null);
        List<Double> rates = new ArrayList<>();
        for (int p = 0; p < shares.length; p++) rates.add(rate(p));
        m.put("partitionLinesPerSecond", rates);
        m.put("hotPartition", hotPartition());
        m.put("takenLinesPerSecond", takenLinesPerSecond());
        m.put("lagGrowthRecordsPerBatch", lagGrowthPerBatch());
        m.put("lagToleranceRecordsPerBatch", toleranceRecordsPerBatch());
        m.put("lagGrows", lagGrows());
        return m;
    }
}
