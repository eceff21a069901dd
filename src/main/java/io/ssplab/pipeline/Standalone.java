package io.ssplab.pipeline;

import java.util.Map;
import java.util.function.Function;

import org.apache.spark.SparkConf;
import org.apache.spark.streaming.Durations;
import org.apache.spark.streaming.api.java.JavaDStream;
import org.apache.spark.streaming.api.java.JavaPairDStream;
import org.apache.spark.streaming.api.java.JavaStreamingContext;

import io.ssplab.core.Knobs;
import io.ssplab.core.Messages;

/**
 * What a job class's {@code main} does under plain {@code spark-submit}, with none of the lab around it:
 * a streaming context with the job's batch interval, a socket stream from a running
 * {@code bin/ssp source}, the job's pipeline, each batch's top words on standard output — and the
 * Spark UI's Streaming tab to watch. No table, summary or verdict: for those, submit the lab's own main
 * class with {@code run JOB} (docs/cluster.md).
 *
 * <pre>
 *   bin/ssp source &amp;
 *   spark-submit --class io.ssplab.jobs.Phase2Bottleneck --master local[4] target/spark-streaming-lab-app.jar [HOST [PORT]]
 * </pre>
 */
public final class Standalone {
    /** Where the classroom source listens unless the arguments say otherwise. */
    public static final String DEFAULT_HOST = "127.0.0.1";
    public static final int DEFAULT_PORT = 9999;

    private Standalone() {
    }

    /**
     * Runs {@code pipeline} on lines from {@code HOST:PORT} (args, default 127.0.0.1:9999) until the
     * process is stopped. spark-submit's {@code --master} wins over the knobs' master.
     *
     * @param sparkConf the job's own Spark settings (phase 4's backpressure)
     */
    public static void run(Knobs knobs, Map<String, String> sparkConf, int topWords,
                           Function<JavaDStream<String>, JavaPairDStream<String, Integer>> pipeline, String[] args)
            throws InterruptedException {
        if (args.length > 2 || args.length == 2 && !args[1].matches("\\d{1,5}") || args.length == 2 && Integer.parseInt(args[1]) > 65_535
                || args.length == 2 && Integer.parseInt(args[1]) < 1) {
            System.err.println(Messages.get("standalone.usage", knobs.job(), String.join(" ", args)));
            System.exit(2);
        }
        String host = args.length > 0 ? args[0] : DEFAULT_HOST;
        int port = args.length > 1 ? Integer.parseInt(args[1]) : DEFAULT_PORT;
        SparkConf conf = new SparkConf().setAppName(knobs.job()).setIfMissing("spark.master", knobs.master())
                .set("spark.streaming.blockInterval", knobs.blockIntervalMs() + "ms");
        sparkConf.forEach(conf::set);
        JavaStreamingContext ssc = new JavaStreamingContext(conf, Durations.milliseconds(knobs.batchIntervalMs()));
        TopWords.print(pipeline.apply(ssc.socketTextStream(host, port)), topWords);
        ssc.start();
        ssc.awaitTermination();
    }
}
