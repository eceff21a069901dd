package io.ssplab.jobs.kafka;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.spark.streaming.api.java.JavaDStream;
import org.apache.spark.streaming.api.java.JavaPairDStream;

import io.ssplab.core.Format;
import io.ssplab.core.KeyDistribution;
import io.ssplab.core.Knobs;
import io.ssplab.core.Messages;
import io.ssplab.core.Verdict;
import io.ssplab.jobs.Phase1Baseline;
import io.ssplab.kafka.KafkaLineProducer;
import io.ssplab.pipeline.KafkaStandalone;
import io.ssplab.pipeline.StreamingJob;
import io.ssplab.pipeline.WordCountPipeline;
import io.ssplab.run.KafkaSource;

/**
 * Kafka lesson 3 — a hot key on one partition, and what an even per-partition limit does to it:
 * {@code spark.streaming.kafka.maxRatePerPartition} is the same for every partition (and backpressure, which splits
 * its rate by lag since SPARK-12073, still caps each partition there), so the hot key's partition falls behind while
 * the total the limit allows is far above what the producer sends.
 *
 * <p>Knobs: phase 1's ({@code local[4]}, P = 4) with BI 5 s, 1 ms per word, 200 lines/s whose words follow a Zipf law of
 * exponent 2 over 50 words ({@code --skew 2}), a topic of 4 partitions, {@code maxRatePerPartition = 80} lines/s. The
 * producer keys each record by its line's first word, so every line that starts with word0 goes to one partition.
 *
 * <p>Arithmetic ({@link Arithmetic}; the run prints it before the first batch):
 * <pre>
 *   keys            word0 starts 61.5% of the lines (Zipf 2 over 50 words: 1 / Σ k^-2)
 *   partitions      Kafka's partitioner (murmur2 of the key) puts word0 on partition 1: with the words that hash there
 *                   too, partition 1 gets 67.9% of the lines, partitions 0, 2, 3 get 2.4%, 8.8%, 20.9%
 *   the limit       80 lines/s × 4 partitions = 320 lines/s allowed ≥ 200 produced: "the limit is not the problem"
 *   hot partition   200 × 67.9% = 135.8 lines/s &gt; 80: a batch takes 80 × 5 s = 400 of its 679 lines,
 *                   so its lag grows by ≈ 279 lines per batch, for ever
 *   the others      at most 200 × 20.9% = 41.7 lines/s ≤ 80: every batch takes all they got: their lag stays ≈ 0
 *   PT              (400 + 321) lines × 3 words × 1 ms / 4 partitions ≈ 0.54 s + overhead ≪ BI: every batch on time
 * </pre>
 * The verdict: UNSTABLE, the lag growing by ≈ 279 records per batch, all of it on partition 1 (5.6 times the lag
 * rule's tolerance, 5% of 1,000 lines). The limit is per partition: what matters is the hottest partition's rate, not
 * the average. The fix: a limit above the hot partition's rate, {@code bin/ssp run kafka-skew --max-rate-per-partition
 * 200} (135.8 ≤ 200, 32% of headroom: the lag stays bounded) — but then the limit lets a cold partition's burst in
 * 2.5 times larger too; Spark's direct stream takes a {@code PerPartitionConfig} for a limit per partition. Or spread
 * the hot key: key the records by something else than the hot word (salt it, {@code word0#n}, when the order per key
 * does not matter), or send them unkeyed. Even keys ({@code --skew 0}) are not even partitions either: 50 words hash
 * onto 4 partitions as 12, 19, 9 and 10 words, so partition 1 gets 38% of the lines (76 lines/s, just under 80).
 *
 * <p>Observe: the table's lag column and its per-partition lag ({@code 1:} climbing, the others near 0);
 * {@code kafka-consumer-groups.sh --describe --group ssp-kafka-skew}: the LAG column of partition 1 alone.
 *
 * <p>Run: {@code bin/ssp run kafka-skew}, then {@code bin/ssp run kafka-skew --max-rate-per-partition 200}
 */
public final class KafkaSkew implements StreamingJob {
    /** Lines per second each topic partition gives one batch at most (Spark's setting), the same for every partition. */
    public static final int MAX_RATE_PER_PARTITION = 80;
    /** The fix: a limit above the hot partition's rate (200 × 67.9% = 135.8 lines/s). */
    public static final int FIXED_MAX_RATE_PER_PARTITION = 200;
    public static final Map<String, String> SPARK_CONF = Map.of(KafkaSource.MAX_RATE_PER_PARTITION, String.valueOf(MAX_RATE_PER_PARTITION));
    /** Zipf exponent of the words, hence of the keys: word0 starts 61.5% of the lines. */
    public static final double SKEW = 2;
    public static final Knobs KNOBS = Phase1Baseline.KNOBS.withJob("kafka-skew").withBatchInterval(Duration.ofSeconds(5))
            .withCost(Duration.ofMillis(1)).withRate(200).withSkew(SKEW);
    public static final int TOPIC_PARTITIONS = 4;
    public static final Verdict EXPECTED = Verdict.UNSTABLE;
    public static final Verdict EXPECTED_FIXED = Verdict.STABLE;

    @Override
    public Knobs defaults() {
        return KNOBS;
    }

    @Override
    public Map<String, String> sparkConf() {
        return SPARK_CONF;
    }

    @Override
    public JavaPairDStream<String, Integer> wordCounts(JavaDStream<String> lines, Knobs knobs) {
        return pipeline(lines, knobs);
    }

    /** The phases' pipeline: lines → repartition(P) → split → wait per word → count. The skew is in the topic, not here. */
    public static JavaPairDStream<String, Integer> pipeline(JavaDStream<String> lines, Knobs knobs) {
        return WordCountPipeline.costPerWord(lines, knobs.partitions(), knobs.cost(), knobs.costKind());
    }

    @Override
    public int kafkaPartitions() {
        return TOPIC_PARTITIONS;
    }

    @Override
    public List<String> arithmetic(Knobs knobs, int topicPartitions, Map<String, String> sparkConf) {
        return Arithmetic.of(knobs, topicPartitions, sparkConf).lines();
    }

    /**
     * The lesson's arithmetic for any knobs, partitions and limit: where the producer's keys land and what the limit
     * takes from each partition per batch.
     *
     * @param linesPerSecond the producer's rate
     * @param keys           the words' (hence the first word's, the key's) distribution
     * @param shares         each partition's share of the lines (Kafka's partitioner on the keys)
     * @param limit          maxRatePerPartition, lines/s; 0 when unset (no limit)
     * @param batchIntervalMs BI
     */
    public record Arithmetic(double linesPerSecond, KeyDistribution keys, double[] shares, double limit, long batchIntervalMs) {

        /** The arithmetic of a run: its knobs, its topic's partitions and its Spark settings (the limit, when set). */
        public static Arithmetic of(Knobs knobs, int partitions, Map<String, String> sparkConf) {
            io.ssplab.model.KafkaIntake in = KafkaSource.intake(knobs, partitions, sparkConf);
            return new Arithmetic(knobs.linesPerSecond(), knobs.keys(), in.shares(), in.limitPerPartition(), knobs.batchIntervalMs());
        }

        /** The same arithmetic as the planner's ({@link io.ssplab.model.KafkaIntake}): what the limit takes from each partition. */
        public io.ssplab.model.KafkaIntake intake() {
            return new io.ssplab.model.KafkaIntake(shares, linesPerSecond, limit, batchIntervalMs);
        }

        /** The partition with the largest share: word0's. */
        public int hotPartition() {
            return intake().hotPartition();
        }

        /** Lines per second the hot partition receives. */
        public double hotRate() {
            return intake().rate(hotPartition());
        }

        /** Lines per second the busiest of the other partitions receives (0 for a topic of one partition). */
        public double coldMaxRate() {
            double max = 0;
            for (int p = 0; p < shares.length; p++) if (p != hotPartition()) max = Math.max(max, intake().rate(p));
            return max;
        }

        /** What the limit lets in per second over all partitions; infinite without a limit. */
        public double allowedTotalRate() {
            return limit > 0 ? limit * shares.length : Double.POSITIVE_INFINITY;
        }

        private double seconds() {
            return batchIntervalMs / 1000.0;
        }

        /** Lines a batch takes from the hot partition at most: limit × BI (infinite without a limit). */
        public double hotTakenPerBatch() {
            return limit > 0 ? limit * seconds() : Double.POSITIVE_INFINITY;
        }

        /** How much the hot partition's lag grows per batch: what it receives beyond what a batch may take; 0 when it keeps up. */
        public double hotGrowthPerBatch() {
            return intake().growthPerBatch(hotPartition());
        }

        /** Whether the limit leaves the hot partition behind although the total it allows covers the producer. */
        public boolean hotPartitionLags() {
            return hotGrowthPerBatch() > 0;
        }

        private static String percent(double share) {
            return io.ssplab.model.KeyWords.percent1(io.ssplab.core.Lang.current(), share);
        }

        /** The lines the banner prints before the first batch (the reader's language). */
        public List<String> lines() {
            List<String> l = new ArrayList<>();
            int hot = hotPartition();
            l.add(Messages.get("kafka.skew.keys", percent(keys.hotShare())));
            StringBuilder others = new StringBuilder();
            for (int p = 0; p < shares.length; p++) {
                if (p == hot) continue;
                if (others.length() > 0) others.append(", ");
                others.append(p).append(": ").append(percent(shares[p]));
            }
            l.add(Messages.get("kafka.skew.partitions", KafkaLineProducer.partitionOf(KeyDistribution.word(0), shares.length), hot,
                    percent(shares[hot]), shares.length < 2 ? "—" : others.toString()));
            if (limit <= 0) {
                l.add(Messages.get("kafka.skew.noLimit", hot, Format.fixed(hotRate(), 1)));
                return l;
            }
            String rate = Format.plain(linesPerSecond);
            String lim = Format.plain(limit);
            l.add(Messages.get(allowedTotalRate() >= linesPerSecond ? "kafka.skew.total.ample" : "kafka.skew.total.short", lim, shares.length,
                    Format.plain(allowedTotalRate()), rate));
            if (hotPartitionLags()) {
                l.add(Messages.get("kafka.skew.hot.behind", hot, rate, percent(shares[hot]), Format.fixed(hotRate(), 1), lim,
                        Format.integer(Math.round(hotTakenPerBatch())), Format.integer(Math.round(hotRate() * seconds())),
                        Format.integer(Math.round(hotGrowthPerBatch()))));
            } else {
                l.add(Messages.get("kafka.skew.hot.keepsUp", hot, rate, percent(shares[hot]), Format.fixed(hotRate(), 1), lim));
            }
            if (shares.length > 1) l.add(Messages.get(coldMaxRate() <= limit ? "kafka.skew.others.keepUp" : "kafka.skew.others.behind",
                    Format.fixed(coldMaxRate(), 1), lim));
            return l;
        }
    }

    public static void main(String[] args) throws InterruptedException {
        KafkaStandalone.run(KNOBS, SPARK_CONF, 5, lines -> pipeline(lines, KNOBS), args);
    }
}
