package io.ssplab.jobs.kafka;

import java.time.Duration;

import org.apache.spark.streaming.api.java.JavaDStream;
import org.apache.spark.streaming.api.java.JavaPairDStream;

import io.ssplab.core.Knobs;
import io.ssplab.core.Verdict;
import io.ssplab.jobs.Phase1Baseline;
import io.ssplab.pipeline.KafkaStandalone;
import io.ssplab.pipeline.StreamingJob;
import io.ssplab.pipeline.WordCountPipeline;

/**
 * Kafka lesson 1 — the topic's partitions cap parallelism: a 2-partition topic on {@code local[8]} uses 2 slots.
 *
 * <p>Knobs: {@code local[8]}, BI 5 s, 140 lines/s of 3 words, 6 ms per word, a topic of 2 partitions, and no
 * repartition: the direct stream gives one input partition per topic partition, and the cost is paid there.
 *
 * <p>Arithmetic ({@code bin/ssp plan --job kafka-partitions} prints the model's):
 * <pre>
 *   records per batch   140 lines/s × 5 s × 3 words      = 2,100 words
 *   tasks               one per topic partition           = 2   (no receiver: all 8 slots are free, 6 stay idle)
 *   per task            2,100 / 2                         = 1,050 words
 *   cost                1 wave × 1,050 × 6 ms             = 6.3 s
 *   PT / BI             (6.3 s + overhead o) / 5 s        ≥ 1.26 whatever o → UNSTABLE: the lag grows by ≈ (PT − BI) × 140 ≥ 180 lines per batch
 * </pre>
 * The fix, {@code --kafka-partitions 8}: 8 tasks of 262 words on 8 slots, 262.5 × 6 ms ≈ 1.58 s, PT/BI = (1.58 + o) / 5
 * ≈ 0.36 on an idle machine → STABLE while o stays under 3.4 s, the lag bounded at about rate × (PT + the delays).
 * (A {@code repartition(8)} before the cost does the same with the 2 partitions: the phases' pipeline, {@code bin/ssp run
 * phase3 --source kafka}.) Why 5 s and 6 ms: the unstable side holds for any overhead and the stable side for an overhead
 * up to 3.4 s — the window a 2-core machine shared with other Spark jobs needed (overheads of 2–3 s were measured there
 * at load 20). The slots are threads: the cost is a wait, so 8 run at once on 2 cores.
 *
 * <p>Observe in the Spark UI (Jobs → a batch's stage): 2 tasks, 6 slots idle; with 8 partitions, 8 tasks.
 * {@code kafka-consumer-groups.sh --describe --group ssp-kafka-partitions}: LAG per partition, growing.
 *
 * <p>Run: {@code bin/ssp run kafka-partitions}, then {@code bin/ssp run kafka-partitions --kafka-partitions 8}
 */
public final class KafkaPartitions implements StreamingJob {
    public static final Duration COST_PER_WORD = Duration.ofMillis(6);
    public static final Duration BATCH_INTERVAL = Duration.ofSeconds(5);
    public static final Knobs KNOBS = Phase1Baseline.KNOBS.withJob("kafka-partitions").withMaster("local[8]").withPartitions(8)
            .withBatchInterval(BATCH_INTERVAL).withCost(COST_PER_WORD);
    /** The topic's partitions: fewer than the slots. */
    public static final int TOPIC_PARTITIONS = 2;
    /** The fix: a partition per slot. */
    public static final int FIXED_TOPIC_PARTITIONS = 8;
    public static final Verdict EXPECTED = Verdict.UNSTABLE;
    public static final Verdict EXPECTED_FIXED = Verdict.STABLE;

    @Override
    public Knobs defaults() {
        return KNOBS;
    }

    @Override
    public JavaPairDStream<String, Integer> wordCounts(JavaDStream<String> lines, Knobs knobs) {
        return pipeline(lines, knobs);
    }

    /** lines (one partition per topic partition) → split → wait per word → count: no repartition. */
    public static JavaPairDStream<String, Integer> pipeline(JavaDStream<String> lines, Knobs knobs) {
        return WordCountPipeline.costPerWordInPlace(lines, knobs.partitions(), knobs.cost(), knobs.costKind());
    }

    @Override
    public boolean repartitions() {
        return false;
    }

    @Override
    public int kafkaPartitions() {
        return TOPIC_PARTITIONS;
    }

    public static void main(String[] args) throws InterruptedException {
        KafkaStandalone.run(KNOBS, java.util.Map.of(), 5, lines -> pipeline(lines, KNOBS), args);
    }
}
