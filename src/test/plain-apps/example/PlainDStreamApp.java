package example;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

import org.apache.spark.SparkConf;
import org.apache.spark.streaming.Duration;
import org.apache.spark.streaming.api.java.JavaDStream;
import org.apache.spark.streaming.api.java.JavaStreamingContext;
import org.apache.spark.util.LongAccumulator;

/**
 * A DStream app written the plain way: Spark only, no lab class (compiled by the tests against Spark's jars
 * alone). Its own line server feeds a socket receiver; the lines are spread over 2 partitions (a shuffle, so
 * Spark counts the records each task reads) and every record costs a known sleep.
 *
 * Arguments: NAME BATCH_INTERVAL_MS LINES_PER_SECOND COST_MS_PER_RECORD SECONDS [SWING]
 * SWING (0 to 1, default 0): the line server's rate steps through rate × (1 − SWING), rate, rate × (1 + SWING),
 * 2 s each, over and over (the mean stays LINES_PER_SECOND): batches of different sizes.
 *
 * After each batch it prints "PAID records nanoseconds": what the records' sleeps really took so far. A sleep wakes
 * up late on a busy machine (20 ms asked, 24 ms slept under load), and a fitted cost should find what was paid.
 */
public final class PlainDStreamApp {
    public static void main(String[] args) throws Exception {
        String name = args[0];
        long biMs = Long.parseLong(args[1]);
        double linesPerSecond = Double.parseDouble(args[2]);
        long costMs = Long.parseLong(args[3]);
        long seconds = Long.parseLong(args[4]);
        double swing = args.length > 5 ? Double.parseDouble(args[5]) : 0;

        ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        Thread feeder = new Thread(() -> feed(server, linesPerSecond, swing), "line-server");
        feeder.setDaemon(true);
        feeder.start();

        SparkConf conf = new SparkConf().setAppName(name).setIfMissing("spark.master", "local[2]");
        JavaStreamingContext ssc = new JavaStreamingContext(conf, new Duration(biMs));
        JavaDStream<String> lines = ssc.socketTextStream("127.0.0.1", server.getLocalPort());
        LongAccumulator paidRecords = ssc.sparkContext().sc().longAccumulator("paid records");
        LongAccumulator paidNanos = ssc.sparkContext().sc().longAccumulator("paid nanoseconds");
        lines.repartition(2).map(line -> {
            long start = System.nanoTime();
            Thread.sleep(costMs);
            paidNanos.add(System.nanoTime() - start);
            paidRecords.add(1);
            return line.length();
        }).foreachRDD(rdd -> {
            rdd.count();
            System.out.println("PAID " + paidRecords.value() + " " + paidNanos.value());
        });
        ssc.start();
        System.out.println("STARTED " + ssc.sparkContext().sc().applicationId() + " " + ssc.sparkContext().sc().uiWebUrl().get());
        ssc.awaitTerminationOrTimeout(seconds * 1000);
        ssc.stop(true, false);
        System.out.println("DONE");
    }

    /** The rate's steps, as shares of the mean, and how long each lasts. */
    private static final long STEP_NANOS = 2_000_000_000L;

    private static void feed(ServerSocket server, double linesPerSecond, double swing) {
        double[] steps = {1 - swing, 1, 1 + swing};
        while (true) {
            try (Socket s = server.accept(); OutputStream out = s.getOutputStream()) {
                long start = System.nanoTime();
                long next = start;
                for (long i = 0; ; i++) {
                    out.write(("line " + i + " of the plain app\n").getBytes(StandardCharsets.UTF_8));
                    out.flush();
                    double rate = linesPerSecond * steps[(int) ((next - start) / STEP_NANOS % steps.length)];
                    next += (long) (1e9 / Math.max(rate, 0.1));
                    long wait = next - System.nanoTime();
                    if (wait > 0) Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                }
            } catch (IOException | InterruptedException e) {
                // the receiver went away: wait for the next one
            }
        }
    }
}
