package example;

import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.streaming.StreamingQuery;
import org.apache.spark.sql.streaming.StreamingQueryProgress;
import org.apache.spark.sql.streaming.Trigger;

/**
 * A Structured Streaming app written the plain way: Spark only, no lab class. The rate source makes rows,
 * every row costs a known sleep, the noop sink drops them. At the end it prints Spark's own progress of every
 * micro-batch it still holds (query.recentProgress(), up to 100), one "PROGRESS {json}" line each.
 *
 * Arguments: NAME TRIGGER_MS ROWS_PER_SECOND COST_MS_PER_RECORD SECONDS [MIN_BATCHES]: SECONDS at least, then on until
 * MIN_BATCHES micro-batches (default 6) are done, for up to 5 minutes more
 */
public final class PlainQueryApp {
    public static void main(String[] args) throws Exception {
        String name = args[0];
        long triggerMs = Long.parseLong(args[1]);
        long rowsPerSecond = Long.parseLong(args[2]);
        long costMs = Long.parseLong(args[3]);
        long seconds = Long.parseLong(args[4]);
        int minBatches = args.length > 5 ? Integer.parseInt(args[5]) : 6;

        SparkSession spark = SparkSession.builder().appName(name).master(System.getProperty("spark.master", "local[2]")).getOrCreate();
        StreamingQuery query = spark.readStream().format("rate").option("rowsPerSecond", rowsPerSecond).option("numPartitions", 2).load()
                .select("value").as(Encoders.LONG())
                .map((MapFunction<Long, Long>) v -> {
                    Thread.sleep(costMs);
                    return v;
                }, Encoders.LONG())
                .writeStream().format("noop").queryName(name).trigger(Trigger.ProcessingTime(triggerMs)).start();
        System.out.println("STARTED " + spark.sparkContext().applicationId() + " " + spark.sparkContext().uiWebUrl().get());
        query.awaitTermination(seconds * 1000);
        // A busy machine can spend most of SECONDS on the first micro-batch (query planning, code generation):
        // run on until enough micro-batches have completed (a limit only: 5 minutes).
        long deadline = System.currentTimeMillis() + 300_000;
        while (query.recentProgress().length < minBatches && System.currentTimeMillis() < deadline) Thread.sleep(500);
        query.stop();
        for (StreamingQueryProgress p : query.recentProgress()) System.out.println("PROGRESS " + p.json());
        spark.stop();
        System.out.println("DONE");
    }
}
