package io.ssplab.core;

/**
 * The range of every numeric option: what a real run on a laptop or a small cluster could use. Help
 * texts quote these constants (their spans, through cli.HelpRanges: never a number typed into the
 * bundles) and {@link Range#check} refuses anything outside them, before anything starts — so {@code --partitions 100000000} or {@code --cost 1h} get one line instead of a run that
 * never ends.
 */
public final class Limits {
    private Limits() {
    }

    // Knobs of a job.
    public static final int MIN_BATCH_INTERVAL_MS = 100;
    /** Ten minutes: beyond that a "streaming" job is a batch job. */
    public static final int MAX_BATCH_INTERVAL_MS = 600_000;
    public static final int MAX_PARTITIONS = 1024;
    /** A per-record wait of a second already makes one batch of the lesson take minutes. */
    public static final int MAX_COST_MS = 1000;
    public static final int MAX_RATE = 100_000;
    public static final int MAX_WORDS_PER_LINE = 100;
    /** Threads of local[N]: task slots, not CPUs (the lab's costs are waits). */
    public static final int MAX_LOCAL_CORES = 64;
    public static final int MAX_CLUSTER_CORES = 1024;
    public static final int MIN_BLOCK_INTERVAL_MS = 10;
    public static final int MAX_RECEIVERS = 16;

    // How long to run.
    public static final int MAX_BATCHES = 10_000;
    /** A day. */
    public static final int MAX_DURATION_MS = 86_400_000;
    public static final int MIN_PORT = 1;
    public static final int MAX_PORT = 65_535;

    public static final Range BATCH_INTERVAL = Range.ofMillis("--batch-interval", MIN_BATCH_INTERVAL_MS, MAX_BATCH_INTERVAL_MS, "2s");
    public static final Range PARTITIONS = new Range("--partitions", 1, MAX_PARTITIONS, "4");
    public static final Range COST = Range.ofMillis("--cost", 0, MAX_COST_MS, "5ms");
    public static final Range RATE = new Range("--rate", 0.01, MAX_RATE, "140");
    public static final Range WORDS_PER_LINE = new Range("--words-per-line", 1, MAX_WORDS_PER_LINE, "3");
    public static final Range LOCAL_CORES = new Range("local[N]", 2, MAX_LOCAL_CORES, "local[4]");
    public static final Range CLUSTER_CORES = new Range("--cores-max", 1, MAX_CLUSTER_CORES, "8");
    public static final Range BLOCK_INTERVAL = Range.ofMillis("--block-interval", MIN_BLOCK_INTERVAL_MS, MAX_BATCH_INTERVAL_MS, "200ms");
    public static final Range RECEIVERS = new Range("--receivers", 0, MAX_RECEIVERS, "1");
    public static final Range BATCHES = new Range("--batches", 1, MAX_BATCHES, "10");
    public static final Range DURATION = Range.ofMillis("--duration", 1000, MAX_DURATION_MS, "60s");
    public static final Range PORT = new Range("--port", MIN_PORT, MAX_PORT, "9999");
    public static final Range UI_PORT = new Range("--ui-port", MIN_PORT, MAX_PORT, "4040");

    // Structured Streaming.
    /** A fixed wait per micro-batch (a slow sink): a minute already makes each batch of the lesson a minute long. */
    public static final int MAX_BATCH_COST_MS = 60_000;
    public static final Range BATCH_COST = Range.ofMillis("--batch-cost", 0, MAX_BATCH_COST_MS, "1s");
    // Level 2: skew and CPU-bound work (docs/level2.md).
    /** Zipf exponent of the source's words: 0 uniform; at 3 word0 is 83% of a 50-word vocabulary, beyond that nothing new is learnt. */
    public static final int MAX_SKEW = 3;
    public static final Range SKEW = new Range("--skew", 0, MAX_SKEW, "1.2");
    // Kafka (docs/kafka.md).
    /** A topic's partitions: one task each per batch; more than a laptop has slots teaches nothing more. */
    public static final int MAX_KAFKA_PARTITIONS = 256;
    public static final Range KAFKA_PARTITIONS = new Range("--kafka-partitions", 1, MAX_KAFKA_PARTITIONS, "2");
    /** Partitions of a topic the run creates when neither the lesson nor --kafka-partitions says: a small topic, as most are. */
    public static final int DEFAULT_KAFKA_PARTITIONS = 2;
    /** What one batch may take from each topic partition, lines/s (spark.streaming.kafka.maxRatePerPartition): up to the fastest source. */
    public static final Range MAX_RATE_PER_PARTITION = new Range("--max-rate-per-partition", 1, MAX_RATE, "200");
}
