package io.ssplab.jobs.kafka;

import java.util.ArrayList;
import java.util.List;

import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.streaming.DataStreamWriter;
import org.apache.spark.sql.streaming.Trigger;

import io.ssplab.pipeline.Words;
import io.ssplab.source.LineStamp;

/**
 * The stateless half of the lab's pipeline, Kafka → Kafka: each stamped line becomes one record per word,
 * {@code STAMP WORD}, written to an output topic. No count: counting is state, and real-time mode runs
 * stateless queries only (Spark 4.2; stateful support is planned for a later release). The same query
 * runs with a micro-batch trigger or with {@code Trigger.RealTime}; only the trigger differs.
 *
 * <p>What real-time mode asks of a query (Spark 4.2.0, each checked when the query starts):
 * <ul>
 *   <li>output mode Update (Append is refused; for a stateless query both mean "every new row");</li>
 *   <li>a trigger interval of at least 5 s ({@code spark.sql.streaming.realTimeMode.minBatchDuration}): it is
 *       how long one long-running batch lasts, a checkpoint interval, not a latency target;</li>
 *   <li>operators and sinks on an allowlist: projections, filters, flatMap/explode, unions, broadcast joins;
 *       sinks Kafka, console, foreach, memory. {@code foreachBatch} is refused: the lab's other queries use it;</li>
 *   <li>a task slot per Kafka partition for the whole batch: with fewer, a partition waits (silently) until
 *       the next batch. A 2-partition topic on {@code local[2]} here.</li>
 * </ul>
 */
public final class RealTimeWords {
    private RealTimeWords() {
    }

    /** Lines of {@code in} → one {@code STAMP WORD} record per word into {@code out}, with this trigger; not yet started. */
    public static DataStreamWriter<Row> query(SparkSession spark, String bootstrap, String in, String out, Trigger trigger,
                                              String checkpoint) {
        FlatMapFunction<String, String> perWord = line -> {
            LineStamp s = LineStamp.parse(line);
            List<String> records = new ArrayList<>();
            if (s == null) return records.iterator();
            String stamp = line.substring(0, s.wordsAt()).strip();
            for (String w : Words.split(s.words(line))) records.add(stamp + " " + w);
            return records.iterator();
        };
        Dataset<String> words = spark.readStream().format(ExactlyOnceWordCount.KAFKA)
                .option("kafka.bootstrap.servers", bootstrap).option("subscribe", in).option("startingOffsets", "latest")
                .load().selectExpr("CAST(value AS STRING)").as(Encoders.STRING())
                .flatMap(perWord, Encoders.STRING());
        return words.toDF("value").writeStream().format(ExactlyOnceWordCount.KAFKA)
                .option("kafka.bootstrap.servers", bootstrap).option("topic", out)
                .option("kafka.linger.ms", "0") // send each record at once: the latency measured is Spark's, not a producer's batching
                .option("checkpointLocation", checkpoint)
                .outputMode("update")
                .trigger(trigger);
    }
}
