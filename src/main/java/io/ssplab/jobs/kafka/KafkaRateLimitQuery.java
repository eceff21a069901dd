package io.ssplab.jobs.kafka;

import java.util.List;
import java.util.Map;

import org.apache.spark.sql.Dataset;

import io.ssplab.core.Format;
import io.ssplab.core.Knobs;
import io.ssplab.core.Messages;
import io.ssplab.core.Verdict;
import io.ssplab.jobs.structured.Overload;
import io.ssplab.pipeline.KafkaStandalone;
import io.ssplab.pipeline.StructuredJob;
import io.ssplab.pipeline.StructuredWordCount;
import io.ssplab.run.KafkaSource;

/**
 * Kafka lesson 2 on Structured Streaming — a rate limit bounds each micro-batch, not the lag: the Kafka source's
 * {@code maxOffsetsPerTrigger} ({@link KafkaRateLimit} is the DStream lesson, {@code maxRatePerPartition}).
 * One class, three variants of the source's options ({@link Variant}), each a lesson name of its own.
 *
 * <p>Knobs: {@link Overload}'s — {@code local[2]}, P = 2, trigger 3 s, 140 lines/s, 16 ms per line — on a
 * 2-partition topic: an overloaded query, a = 16 ms × 1 wave / 2 = 8 ms per line, a·r = 8 ms × 140 = 1.12 ≥ 1.
 *
 * <p>Arithmetic (o: Spark's own time per batch, ≈ 0.3–0.5 s on an idle 2-core machine):
 * <pre>
 *   produced per trigger     140 lines/s × 3 s                      = 420 lines
 *
 *   ss-kafka-no-limit        a batch takes all that is there: D' = o + a·r·D = o + 1.12·D
 *                            3.9 → 4.9 → 6.0 → 7.2 s …, rows r·D growing ×1.2 per batch: UNSTABLE. The lag Spark
 *                            reads when it plans a batch is 0 (it takes up to the latest offset): the backlog
 *                            hides in the growing batches, not in the topic.
 *
 *   ss-kafka-rate-limit      maxOffsetsPerTrigger = 150: a batch takes at most 150 lines
 *                            D = o + 150 × 8 ms = o + 1.2 s ≪ 3 s: every batch bounded and on time
 *                            lag grows by 420 − 150 = 270 lines per batch, for ever (the topic holds the rest):
 *                            UNSTABLE by the lag (metrics/LagRule: 270 ≫ 5 % of 150)
 *     --rate 40              120 lines per trigger ≤ 150: the limit never binds, a·r = 0.32,
 *                            D = o + 0.96 s: STABLE, lag bounded
 *
 *   ss-kafka-min-offsets     minOffsetsPerTrigger = 250, maxTriggerDelay = 30 s, at 40 lines/s (120 per trigger):
 *                            a batch waits until 250 lines are there (6.25 s) → it runs at every 3rd trigger tick
 *                            (9 s) with ≈ 360 rows, D = o + 2.9 s; the price is latency: a line waits up to 9 s
 *                            for its batch instead of 3 s (median end-to-end ≈ 4.5 s + D instead of 1.5 s + D).
 *                            maxTriggerDelay caps that wait when the topic runs dry: a batch after 30 s whatever came.
 * </pre>
 * A limit is for what one batch may take (a start-up backlog, a burst: without one the first batch takes all of
 * it, SPARK-18580), not a substitute for capacity: under a limit the query's batches look healthy in the Spark
 * UI while the lag is the delay. Why these numbers: the limited batch stays on time for any overhead below
 * 1.8 s (a 2-core machine at load 30–60 measured o ≈ 3.6 s: then each batch took ≈ 4.8 s, still the limit's 149 rows,
 * flat, and the lag grew by ≈ 520 per batch — docs/kafka.md); the lag's growth (270 per batch) is 36 times the lag rule's
 * tolerance (5 % of 150); the unlimited query's growth per batch (a·r + o/D ≥ 1.12) is {@link Overload}'s.
 * The lab's warm-up, live table and lag rule count a batch's lines as what one trigger may take
 * ({@link #perTrigger}): min(rate × T, maxOffsetsPerTrigger).
 *
 * <p>Observe: the table's rows and duration climbing without a limit; with it, rows flat at 150 and the lag
 * column climbing by ≈ 270; {@code kafka-consumer-groups.sh --describe --group ssp-ss-kafka-rate-limit}: the
 * LAG column the same (the runner commits each progress's endOffset).
 *
 * <p>Run: {@code bin/ssp run ss-kafka-no-limit}, {@code bin/ssp run ss-kafka-rate-limit} (or {@code bin/ssp run
 * kafka-rate-limit --api structured}), {@code bin/ssp run ss-kafka-rate-limit --rate 40},
 * {@code bin/ssp run ss-kafka-min-offsets}.
 */
public final class KafkaRateLimitQuery implements StructuredJob {
    /** What one trigger may take at most (Spark's {@code maxOffsetsPerTrigger}: records, over all partitions). */
    public static final long MAX_OFFSETS_PER_TRIGGER = 150;
    /** The waiting variant's least records per batch (Spark's {@code minOffsetsPerTrigger}). */
    public static final long MIN_OFFSETS_PER_TRIGGER = 250;
    /** The waiting variant's longest wait for {@link #MIN_OFFSETS_PER_TRIGGER} records (Spark's {@code maxTriggerDelay}). */
    public static final String MAX_TRIGGER_DELAY = "30s";
    /** A producer rate the limit never binds (40 × 3 s = 120 ≤ 150 per trigger): the lag stays bounded. */
    public static final double RATE_UNDER_LIMIT = 40;
    public static final int TOPIC_PARTITIONS = 2;

    /** The source's options a variant runs with, each its own lesson name. */
    public enum Variant {
        NO_LIMIT("ss-kafka-no-limit", Map.of(), Overload.KNOBS.linesPerSecond(), Verdict.UNSTABLE),
        RATE_LIMIT("ss-kafka-rate-limit", Map.of(KafkaSource.MAX_OFFSETS_PER_TRIGGER, String.valueOf(MAX_OFFSETS_PER_TRIGGER)),
                Overload.KNOBS.linesPerSecond(), Verdict.UNSTABLE),
        MIN_OFFSETS("ss-kafka-min-offsets", Map.of("minOffsetsPerTrigger", String.valueOf(MIN_OFFSETS_PER_TRIGGER),
                "maxTriggerDelay", MAX_TRIGGER_DELAY), RATE_UNDER_LIMIT, Verdict.STABLE);

        private final String job;
        private final Map<String, String> options;
        private final double rate;
        private final Verdict expected;

        Variant(String job, Map<String, String> options, double rate, Verdict expected) {
            this.job = job;
            this.options = options;
            this.rate = rate;
            this.expected = expected;
        }

        public String job() {
            return job;
        }

        /** The verdict the variant shows at its own rate. */
        public Verdict expected() {
            return expected;
        }

        /** The variant's knobs: Overload's, its own name and rate. */
        public Knobs knobs() {
            return Overload.KNOBS.withJob(job).withRate(rate);
        }
    }

    private final Variant variant;

    public KafkaRateLimitQuery(Variant variant) {
        this.variant = variant;
    }

    public Variant variant() {
        return variant;
    }

    @Override
    public Knobs defaults() {
        return variant.knobs();
    }

    @Override
    public Map<String, String> kafkaOptions() {
        return variant.options;
    }

    @Override
    public int kafkaPartitions() {
        return TOPIC_PARTITIONS;
    }

    @Override
    public Knobs perTrigger(Knobs knobs) {
        return perTrigger(knobs, variant.options);
    }

    /** The knobs as one micro-batch sees them: the rate capped at maxOffsetsPerTrigger / T (the one place of that cap). */
    static Knobs perTrigger(Knobs knobs, Map<String, String> options) {
        String max = options.get(KafkaSource.MAX_OFFSETS_PER_TRIGGER);
        if (max == null) return knobs;
        double capped = Long.parseLong(max) * 1000.0 / knobs.batchIntervalMs();
        return capped < knobs.linesPerSecond() ? knobs.withRate(capped) : knobs;
    }

    @Override
    public List<String> notes(Knobs knobs) {
        double produced = knobs.linesPerBatch();
        String perTrigger = Format.integer(Math.round(produced));
        return switch (variant) {
            case NO_LIMIT -> List.of(Messages.get("kafka.ss.limit.none", perTrigger));
            case RATE_LIMIT -> {
                long taken = Math.round(perTrigger(knobs).linesPerBatch());
                yield produced > MAX_OFFSETS_PER_TRIGGER
                        ? List.of(Messages.get("kafka.ss.limit.binds", perTrigger, MAX_OFFSETS_PER_TRIGGER, Format.integer(Math.round(produced - taken))))
                        : List.of(Messages.get("kafka.ss.limit.free", perTrigger, MAX_OFFSETS_PER_TRIGGER));
            }
            case MIN_OFFSETS -> {
                long triggers = Math.max(1, (long) Math.ceil(MIN_OFFSETS_PER_TRIGGER / produced));
                yield List.of(Messages.get("kafka.ss.limit.waits", perTrigger, MIN_OFFSETS_PER_TRIGGER, triggers,
                        Format.seconds(triggers * knobs.batchIntervalMs()), MAX_TRIGGER_DELAY));
            }
        };
    }

    @Override
    public Dataset<String> words(Dataset<String> lines, Knobs knobs) {
        return pipeline(lines, knobs);
    }

    /** Overload's pipeline: lines → repartition(P) → wait per line → split. */
    public static Dataset<String> pipeline(Dataset<String> lines, Knobs knobs) {
        return StructuredWordCount.costPerLine(lines, knobs.partitions(), knobs.cost());
    }

    /** Under plain spark-submit: {@code BOOTSTRAP TOPIC}, the rate-limited variant. */
    public static void main(String[] args) throws Exception {
        Variant v = Variant.RATE_LIMIT;
        KafkaStandalone.runQuery(v.knobs(), v.options, 5, lines -> pipeline(lines, v.knobs()), args);
    }
}
