package io.ssplab.pipeline;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

import org.apache.spark.SparkConf;
import org.apache.spark.api.java.function.VoidFunction2;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.streaming.StreamingQueryException;
import org.apache.spark.sql.streaming.Trigger;

import io.ssplab.core.Knobs;
import io.ssplab.core.Messages;

/**
 * What a Structured Streaming lesson's {@code main} does under plain {@code spark-submit}, with none of the
 * lab around it ({@link Standalone} is the DStream one): a session with the lesson's shuffle partitions,
 * Spark's socket source on a running {@code bin/ssp source}, the lesson's pipeline, the ProcessingTime
 * trigger, and per micro-batch the word count, its top words on standard output and the batch cost — with
 * the Spark UI's Structured Streaming tab to watch. No table, summary or verdict: for those, submit the
 * lab's own main class with {@code run JOB --api structured}.
 *
 * <pre>
 *   bin/ssp source &amp;
 *   spark-submit --class io.ssplab.jobs.structured.Bottleneck --master local[2] target/spark-streaming-lab-app.jar [HOST [PORT]]
 * </pre>
 */
public final class StandaloneQuery {
    private StandaloneQuery() {
    }

    /**
     * Runs {@code pipeline} on lines from {@code HOST:PORT} (args, default 127.0.0.1:9999) until the process
     * is stopped. spark-submit's {@code --master} wins over the knobs' master.
     */
    public static void run(Knobs knobs, int topWords, Function<Dataset<String>, Dataset<String>> pipeline, String[] args)
            throws StreamingQueryException, TimeoutException {
        if (args.length > 2 || args.length == 2 && !args[1].matches("\\d{1,5}") || args.length == 2 && Integer.parseInt(args[1]) > 65_535
                || args.length == 2 && Integer.parseInt(args[1]) < 1) {
            System.err.println(Messages.get("standalone.usage", knobs.job(), String.join(" ", args)));
            System.exit(2);
        }
        String host = args.length > 0 ? args[0] : Standalone.DEFAULT_HOST;
        int port = args.length > 1 ? Integer.parseInt(args[1]) : Standalone.DEFAULT_PORT;
        SparkConf conf = new SparkConf().setAppName(knobs.job()).setIfMissing("spark.master", knobs.master())
                .set("spark.sql.shuffle.partitions", String.valueOf(knobs.partitions()));
        SparkSession spark = SparkSession.builder().config(conf).getOrCreate();
        Dataset<String> lines = spark.readStream().format(StructuredWordCount.SOCKET_SOURCE).option("host", host).option("port", port).load().as(Encoders.STRING());
        VoidFunction2<Dataset<String>, Long> perBatch = (batch, batchId) -> {
            System.out.println(StructuredWordCount.topLine(StructuredWordCount.countWords(batch), topWords));
            StructuredWordCount.payBatchCost(knobs.batchCost());
        };
        pipeline.apply(lines).writeStream().queryName(knobs.job())
                .trigger(Trigger.ProcessingTime(knobs.batchIntervalMs(), TimeUnit.MILLISECONDS))
                .foreachBatch(perBatch)
                .start()
                .awaitTermination();
    }
}
