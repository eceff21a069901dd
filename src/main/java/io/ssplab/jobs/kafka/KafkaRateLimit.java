package io.ssplab.jobs.kafka;

import java.time.Duration;
import java.util.Map;

import org.apache.spark.streaming.api.java.JavaDStream;
import org.apache.spark.streaming.api.java.JavaPairDStream;

import io.ssplab.core.Knobs;
import io.ssplab.core.Verdict;
import io.ssplab.jobs.Phase1Baseline;
import io.ssplab.pipeline.KafkaStandalone;
import io.ssplab.pipeline.StreamingJob;
import io.ssplab.pipeline.WordCountPipeline;

/**
 * Kafka lesson 2 — a rate limit bounds each batch, not the lag: {@code spark.streaming.kafka.maxRatePerPartition}
 * below the producer's rate keeps every batch on time while the topic's backlog grows.
 *
 * <p>Knobs: phase 1's ({@code local[4]}, P = 4, 140 lines/s) with BI 5 s, 1 ms per word, a topic of 2 partitions and
 * {@code maxRatePerPartition = 50} lines/s.
 *
 * <p>Arithmetic:
 * <pre>
 *   produced per batch    140 lines/s × 5 s                    = 700 lines
 *   taken per batch       50 lines/s × 2 partitions × 5 s       = 500 lines   (the limit: a ceiling per partition)
 *   PT                    500 × 3 words × 1 ms / 4 partitions   ≈ 0.38 s + overhead  ≪ BI: every batch on time,
 *                                                                 SD flat, queued 0: Spark's UI says all is well
 *   lag                   grows by 700 − 500                    = 200 lines per batch, for ever
 * </pre>
 * The lag is the delay: a record produced now waits lag / 100 lines/s in the topic before a batch takes it, and that
 * wait grows by 2 s per batch. The fix: a limit at or above the busiest partition's rate — not the average 70 lines/s:
 * the keys put 58% of the lines on partition 1, 81 lines/s ({@code bin/ssp plan --job kafka-rate-limit} does this
 * arithmetic, {@link io.ssplab.model.KafkaIntake}) — or a producer whose busiest partition stays under the limit:
 * {@code bin/ssp run kafka-rate-limit --rate 80} (46 lines/s on partition 1) keeps the lag bounded at about
 * rate × (PT + a batch). A limit is for what a job can take in one batch (a start-up backlog or a burst: without one the
 * first batch takes all of it, SPARK-18580); it is no substitute for capacity. Why these numbers: the growth (200 lines
 * per batch) is 5.7 times the rule's tolerance (5% of 700 lines); at 80 lines/s partition 1's 46 lines/s leave the limit 7% of headroom; and
 * PT stays under BI for any overhead below 4.6 s (a loaded 2-core machine measured 2–3 s).
 *
 * <p>Observe: the table's lag column climbing while PT and SD stay flat; {@code kafka-consumer-groups.sh
 * --describe --group ssp-kafka-rate-limit}: the LAG column the same.
 *
 * <p>Run: {@code bin/ssp run kafka-rate-limit}, then {@code bin/ssp run kafka-rate-limit --rate 80}
 */
public final class KafkaRateLimit implements StreamingJob {
    /** Lines per second each topic partition gives one batch at most (Spark's setting). */
    public static final int MAX_RATE_PER_PARTITION = 50;
    public static final Map<String, String> SPARK_CONF = Map.of(io.ssplab.run.KafkaSource.MAX_RATE_PER_PARTITION, String.valueOf(MAX_RATE_PER_PARTITION));
    public static final Knobs KNOBS = Phase1Baseline.KNOBS.withJob("kafka-rate-limit").withBatchInterval(Duration.ofSeconds(5))
            .withCost(Duration.ofMillis(1));
    public static final int TOPIC_PARTITIONS = 2;
    /** A producer rate under the limit (2 × 50 = 100 lines/s): the lag stays bounded. */
    public static final double RATE_UNDER_LIMIT = 80;
    public static final Verdict EXPECTED = Verdict.UNSTABLE;
    public static final Verdict EXPECTED_UNDER_LIMIT = Verdict.STABLE;

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

    /** The phases' pipeline: lines → repartition(P) → split → wait per word → count. */
    public static JavaPairDStream<String, Integer> pipeline(JavaDStream<String> lines, Knobs knobs) {
        return WordCountPipeline.costPerWord(lines, knobs.partitions(), knobs.cost(), knobs.costKind());
    }

    @Override
    public int kafkaPartitions() {
        return TOPIC_PARTITIONS;
    }

    public static void main(String[] args) throws InterruptedException {
        KafkaStandalone.run(KNOBS, SPARK_CONF, 5, lines -> pipeline(lines, KNOBS), args);
    }
}
