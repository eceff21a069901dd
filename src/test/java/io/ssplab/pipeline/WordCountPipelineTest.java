package io.ssplab.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.streaming.Durations;
import org.apache.spark.streaming.api.java.JavaDStream;
import org.apache.spark.streaming.api.java.JavaPairDStream;
import org.apache.spark.streaming.api.java.JavaStreamingContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import io.ssplab.jobs.Phase2Bottleneck;
import io.ssplab.solutions.FillGapsSolution;
import io.ssplab.solutions.FixDelaySolution;
import io.ssplab.source.LineGenerator;

/**
 * The pipelines fed from a queue instead of a socket: every word of every line must be counted
 * exactly once, whatever the partitions, the cost and the shape (cost per word or per line).
 */
class WordCountPipelineTest {
    private static JavaStreamingContext ssc;
    private static final Map<String, Integer> TOTALS = new ConcurrentHashMap<>();

    @AfterAll
    static void stopSpark() {
        if (ssc != null) ssc.stop(true, false);
    }

    /** Runs {@code pipeline} over {@code batches} of lines and returns the summed counts per word. */
    private static Map<String, Integer> countThrough(Function<JavaDStream<String>, JavaPairDStream<String, Integer>> pipeline,
                                                     List<List<String>> batches) throws InterruptedException {
        TOTALS.clear();
        ssc = new JavaStreamingContext(new SparkConf().setMaster("local[3]").setAppName("pipeline-test")
                .set("spark.ui.enabled", "false").set("spark.driver.bindAddress", "127.0.0.1").set("spark.driver.host", "127.0.0.1"),
                Durations.milliseconds(300));
        Queue<JavaRDD<String>> queue = new LinkedList<>();
        for (List<String> batch : batches) queue.add(ssc.sparkContext().parallelize(batch, 3));
        AtomicInteger done = new AtomicInteger();
        pipeline.apply(ssc.queueStream(queue, true)).foreachRDD(rdd -> {
            for (scala.Tuple2<String, Integer> t : rdd.collect()) TOTALS.merge(t._1(), t._2(), Integer::sum);
            done.incrementAndGet();
        });
        ssc.start();
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (done.get() < batches.size() && System.nanoTime() < deadline) Thread.sleep(50);
        ssc.stop(true, false);
        ssc = null;
        return new TreeMap<>(TOTALS);
    }

    private static List<List<String>> batchesOfLines(int batches, int linesPerBatch) {
        LineGenerator g = new LineGenerator(42, 3, 50);
        List<List<String>> all = new ArrayList<>();
        for (int b = 0; b < batches; b++) {
            List<String> lines = new ArrayList<>();
            for (int i = 0; i < linesPerBatch; i++) lines.add(g.next());
            all.add(lines);
        }
        // Edge cases the receiver can deliver: a blank line and extra spaces.
        all.get(0).add("");
        all.get(0).add("  word1   word2 ");
        return all;
    }

    private static Map<String, Integer> expected(List<List<String>> batches) {
        Map<String, Integer> counts = new TreeMap<>();
        for (List<String> batch : batches)
            for (String line : batch)
                for (String w : Words.split(line)) counts.merge(w, 1, Integer::sum);
        return counts;
    }

    @Test
    void phasePipelineCountsEveryWordExactlyOnce() throws Exception {
        List<List<String>> batches = batchesOfLines(3, 40);
        Map<String, Integer> counts = countThrough(lines -> WordCountPipeline.wordCounts(lines, 4, Duration.ofNanos(100_000)), batches);
        assertThat(counts).isEqualTo(expected(batches));
        assertThat(counts.values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(3 * 40 * 3 + 2);
    }

    @Test
    void phaseTwoKnobsAndExerciseSolutionsCountTheSame() throws Exception {
        List<List<String>> batches = batchesOfLines(2, 30);
        Map<String, Integer> want = expected(batches);
        assertThat(countThrough(lines -> new Phase2Bottleneck().wordCounts(lines, new Phase2Bottleneck().defaults().withCost(Duration.ZERO)), batches))
                .isEqualTo(want);
        assertThat(countThrough(lines -> new FillGapsSolution().wordCounts(lines, null), batches)).isEqualTo(want);
        assertThat(countThrough(lines -> new FixDelaySolution().wordCounts(lines, null), batches)).isEqualTo(want);
    }
}
