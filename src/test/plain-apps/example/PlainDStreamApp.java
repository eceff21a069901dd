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

/**
 * A DStream app written the plain way: Spark only, no lab class (compiled by the tests against Spark's jars
 * alone). Its own line server feeds a socket receiver; every record costs a known sleep.
 *
 * Arguments: NAME BATCH_INTERVAL_MS LINES_PER_SECOND COST_MS_PER_RECORD SECONDS
 */
public final class PlainDStreamApp {
    public static void main(String[] args) throws Exception {
        String name = args[0];
        long biMs = Long.parseLong(args[1]);
        double linesPerSecond = Double.parseDouble(args[2]);
        long costMs = Long.parseLong(args[3]);
        long seconds = Long.parseLong(args[4]);

        ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        Thread feeder = new Thread(() -> feed(server, linesPerSecond), "line-server");
        feeder.setDaemon(true);
        feeder.start();

        SparkConf conf = new SparkConf().setAppName(name).setIfMissing("spark.master", "local[2]");
        JavaStreamingContext ssc = new JavaStreamingContext(conf, new Duration(biMs));
        JavaDStream<String> lines = ssc.socketTextStream("127.0.0.1", server.getLocalPort());
        lines.map(line -> {
            Thread.sleep(costMs);
            return line.length();
        }).foreachRDD(rdd -> {
            rdd.count();
        });
        ssc.start();
        System.out.println("STARTED " + ssc.sparkContext().sc().applicationId());
        ssc.awaitTerminationOrTimeout(seconds * 1000);
        ssc.stop(true, false);
        System.out.println("DONE");
    }

    private static void feed(ServerSocket server, double linesPerSecond) {
        long gapNanos = (long) (1e9 / linesPerSecond);
        while (true) {
            try (Socket s = server.accept(); OutputStream out = s.getOutputStream()) {
                long next = System.nanoTime();
                for (long i = 0; ; i++) {
                    out.write(("line " + i + " of the plain app\n").getBytes(StandardCharsets.UTF_8));
                    out.flush();
                    next += gapNanos;
                    long wait = next - System.nanoTime();
                    if (wait > 0) Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                }
            } catch (IOException | InterruptedException e) {
                // the receiver went away: wait for the next one
            }
        }
    }
}
