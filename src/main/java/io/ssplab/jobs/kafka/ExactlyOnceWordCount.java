package io.ssplab.jobs.kafka;

import java.util.Arrays;
import java.util.List;
import java.util.function.BiConsumer;

import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.api.java.function.VoidFunction2;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.streaming.DataStreamWriter;
import org.apache.spark.sql.streaming.Trigger;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

import io.ssplab.pipeline.Words;
import io.ssplab.source.LineStamp;
import scala.Tuple5;

/**
 * Exactly once, end to end: Kafka → word counts in files, through a {@code kill -9} of the driver.
 *
 * <p>The query: Spark's Kafka source on our topic (stamped lines {@code #SOURCE:CLIENT:SEQ:SENT_MS words…},
 * {@link LineStamp}), at most {@value #MAX_LINES_PER_BATCH} lines per micro-batch ({@code maxOffsetsPerTrigger}),
 * trigger {@value #TRIGGER_MS} ms, a checkpoint directory → {@code foreachBatch}, which writes three things
 * per batch N:
 * <pre>
 *   OUT/naive-append/            the batch's sequence numbers, SaveMode.Append      (NOT idempotent: the contrast)
 *   OUT/seqs/batch=N/            stream, seq, Kafka partition and offset, Overwrite  (idempotent: keyed by N)
 *   OUT/counts/batch=N/          word, count of the batch,               Overwrite  (idempotent: keyed by N)
 * </pre>
 *
 * <p>Why this is exactly once. Per micro-batch N Spark does, in this order:
 * <pre>
 *   1. offsets/N   written to the checkpoint: batch N = partition 0 [a0, b0), partition 1 [a1, b1), …
 *   2. the batch   runs: our foreachBatch writes its three outputs
 *   3. commits/N   written to the checkpoint: batch N is done
 * </pre>
 * A driver killed anywhere between 1 and 3 leaves offsets/N without commits/N. The restarted driver reads
 * the checkpoint and runs batch N again with the very same offset ranges (Kafka still holds them:
 * retention must keep them, and failOnDataLoss stays true), so it produces the same rows; writing them to
 * {@code batch=N} with Overwrite replaces the killed attempt's partial output instead of adding to it.
 * Killed after 3, nothing is replayed. So for every produced line: exactly one batch holds it, once.
 * The naive Append has no key: a replayed batch lands twice, which the summary counts as duplicates.
 *
 * <p>Arithmetic of the lesson's defaults ({@code bin/ssp kafka exactly-once}): 20 000 lines at 500 lines/s
 * are produced in 40 s; a 1 s trigger then carries ≈ 500 lines per batch, and the backlog a restart finds
 * (lines produced while no driver ran) is read at most {@value #MAX_LINES_PER_BATCH} per batch, so a
 * restart after a 20 s pause catches up 10 000 lines in about 5 batches. A kill replays at most one batch:
 * the naive sink then holds up to one batch's lines twice (≈ 500 at the steady rate, up to
 * {@value #MAX_LINES_PER_BATCH} during catch-up), the idempotent one none.
 *
 * <p>Requirements this relies on: the batch's output is a deterministic function of its offset range (no
 * {@code rand()} or {@code current_timestamp()} in what is written); one directory per batch id, replaced
 * whole; and the producer does not duplicate records (the idempotent producer: a retried send is written
 * once). Spark's built-in file sink is exactly-once on its own ({@code _spark_metadata}); its Kafka sink is
 * at-least-once only.
 *
 * <p>Without the lab: {@code spark-submit --class io.ssplab.jobs.kafka.ExactlyOnceWordCount
 * target/spark-streaming-lab-app.jar BOOTSTRAP TOPIC CHECKPOINT_DIR OUT_DIR} (then kill it and submit it again).
 */
public final class ExactlyOnceWordCount {
    /** maxOffsetsPerTrigger: the most lines one batch takes, so a restart's backlog becomes several batches. */
    public static final long MAX_LINES_PER_BATCH = 2000;
    /** The micro-batch trigger. */
    public static final long TRIGGER_MS = 1000;
    public static final String NAIVE = "naive-append";
    public static final String SEQS = "seqs";
    public static final String COUNTS = "counts";
    /** Output directory of batch N under seqs/ or counts/: {@code batch=N}, which Spark reads back as a column. */
    public static final String BATCH_DIR = "batch=";

    /** Spark's Kafka source and sink (spark-sql-kafka-0-10). */
    public static final String KAFKA = "kafka";
    /** Columns of the parsed lines and of the outputs. */
    static final String STREAM = "stream";
    static final String SEQ = "seq";
    static final String WORDS = "words";
    static final String PARTITION = "partition";
    static final String OFFSET = "offset";
    static final String WORD = "word";
    static final String COUNT = "count";

    /** The rows of seqs/ and naive-append/: which line (stream, seq) and where Kafka held it. */
    public static final StructType SEQ_SCHEMA = DataTypes.createStructType(List.of(DataTypes.createStructField(STREAM, DataTypes.StringType, true),
            DataTypes.createStructField(SEQ, DataTypes.LongType, true), DataTypes.createStructField(PARTITION, DataTypes.IntegerType, true),
            DataTypes.createStructField(OFFSET, DataTypes.LongType, true)));
    /** The rows of counts/. */
    public static final StructType COUNT_SCHEMA = DataTypes.createStructType(List.of(DataTypes.createStructField(WORD, DataTypes.StringType, true),
            DataTypes.createStructField(COUNT, DataTypes.LongType, true)));

    private ExactlyOnceWordCount() {
    }

    /**
     * The topic's lines as (stream, seq, words, partition, offset): the stamp read by {@link LineStamp}
     * (a line without one has stream "" and seq −1). {@code startingOffsets=earliest} counts only on the very
     * first run: a restarted query resumes from its checkpoint.
     */
    public static Dataset<Row> lines(SparkSession spark, String bootstrap, String topic) {
        Dataset<Row> raw = spark.readStream().format(KAFKA)
                .option("kafka.bootstrap.servers", bootstrap)
                .option("subscribe", topic)
                .option("startingOffsets", "earliest")
                .option("maxOffsetsPerTrigger", MAX_LINES_PER_BATCH)
                .option("failOnDataLoss", "true")
                .load()
                .selectExpr("CAST(value AS STRING) AS line", "partition", "offset");
        MapFunction<Row, Tuple5<String, Long, String, Integer, Long>> parse = r -> {
            String line = r.getString(0) == null ? "" : r.getString(0);
            LineStamp s = LineStamp.parse(line);
            return new Tuple5<>(s == null ? "" : s.stream(), s == null ? -1L : s.seq(), s == null ? line : s.words(line), r.getInt(1), r.getLong(2));
        };
        return raw.map(parse, Encoders.tuple(Encoders.STRING(), Encoders.LONG(), Encoders.STRING(), Encoders.INT(), Encoders.LONG()))
                .toDF(STREAM, SEQ, WORDS, PARTITION, OFFSET);
    }

    /**
     * The per-batch sink. {@code written} hears (batchId, lines) after the naive append and before the two
     * idempotent writes: a kill right then is the replay case, and the lesson prints the line.
     */
    public static VoidFunction2<Dataset<Row>, Long> sink(String out, BiConsumer<Long, Long> written) {
        return (batch, batchId) -> {
            batch.persist();
            try {
                long lines = batch.count();
                batch.select(STREAM, SEQ, PARTITION, OFFSET).write().mode(SaveMode.Append).json(out + "/" + NAIVE);
                written.accept(batchId, lines);
                batch.select(STREAM, SEQ, PARTITION, OFFSET).write().mode(SaveMode.Overwrite)
                        .json(out + "/" + SEQS + "/" + BATCH_DIR + batchId);
                wordCounts(batch).write().mode(SaveMode.Overwrite).json(out + "/" + COUNTS + "/" + BATCH_DIR + batchId);
            } finally {
                batch.unpersist();
            }
        };
    }

    /** The batch's word counts: words split as every job of the lab splits them ({@link Words}). */
    static Dataset<Row> wordCounts(Dataset<Row> batch) {
        FlatMapFunction<String, String> split = l -> Arrays.asList(Words.split(l)).iterator();
        return batch.select(WORDS).as(Encoders.STRING()).flatMap(split, Encoders.STRING()).groupBy("value").count()
                .withColumnRenamed("value", WORD);
    }

    /** The whole query, not yet started. */
    public static DataStreamWriter<Row> query(SparkSession spark, String bootstrap, String topic, String checkpoint, String out,
                                              BiConsumer<Long, Long> written) {
        return lines(spark, bootstrap, topic).writeStream().queryName("exactly-once")
                .option("checkpointLocation", checkpoint)
                .trigger(Trigger.ProcessingTime(TRIGGER_MS, java.util.concurrent.TimeUnit.MILLISECONDS))
                .foreachBatch(sink(out, written));
    }

    /** For plain spark-submit: BOOTSTRAP TOPIC CHECKPOINT_DIR OUT_DIR; runs until the process is stopped. */
    public static void main(String[] args) throws Exception {
        if (args.length != 4) {
            System.err.println(io.ssplab.core.Messages.get("eo.standalone.usage", String.join(" ", args)));
            System.exit(2);
        }
        SparkSession spark = SparkSession.builder().appName("exactly-once").config("spark.sql.shuffle.partitions", "2").getOrCreate();
        query(spark, args[0], args[1], args[2], args[3], (id, n) -> { }).start().awaitTermination();
    }
}
