package io.ssplab.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
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
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import io.ssplab.jobs.Phase2Bottleneck;
import io.ssplab.solutions.FillGapsSolution;
import io.ssplab.solutions.FixDelaySolution;
import io.ssplab.source.LineGenerator;

/**
 * The pipelines fed from a queue instead of a socket: every word of every line must be counted
 * exactly once, whatever the partitions, the cost and the shape (cost per word or per line). All
 * pipelines run side by side in one streaming context, each on its own queue of the same batches.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WordCountPipelineTest {
    private static final Map<String, Map<String, Integer>> TOTALS = new ConcurrentHashMap<>();
    /** Each batch's top-words line of one pipeline, routed here instead of System.out. */
    private static final List<String> TOP_LINES = new java.util.concurrent.CopyOnWriteArrayList<>();
    private static final String ROUTE = "pipeline-test";
    private static final String TOP_WORDS_OF = "phase2 knobs without the cost";
    private final List<List<String>> batches = batchesOfLines(3, 40);
    private final Map<String, Function<JavaDStream<String>, JavaPairDStream<String, Integer>>> pipelines = new LinkedHashMap<>();

    @BeforeAll
    void runEveryPipelineOverTheSameBatches() throws InterruptedException {
        pipelines.put("phase pipeline, P=4, 0.1 ms/word", lines -> WordCountPipeline.costPerWord(lines, 4, Duration.ofNanos(100_000)));
        pipelines.put("exercise pipeline, repartition 3, reduce 5, 0.1 ms/line",
                lines -> WordCountPipeline.costPerLine(lines, 3, Duration.ofNanos(100_000), 5));
        pipelines.put("phase2 knobs without the cost",
                lines -> new Phase2Bottleneck().wordCounts(lines, new Phase2Bottleneck().defaults().withCost(Duration.ZERO)));
        pipelines.put("fill-gaps solution", lines -> new FillGapsSolution().wordCounts(lines, null));
        pipelines.put("fix-delay solution", lines -> new FixDelaySolution().wordCounts(lines, null));

        JavaStreamingContext ssc = new JavaStreamingContext(new SparkConf().setMaster("local[3]").setAppName("pipeline-test")
                .set("spark.ui.enabled", "false").set("spark.driver.bindAddress", "127.0.0.1").set("spark.driver.host", "127.0.0.1"),
                Durations.seconds(1));
        AtomicInteger done = new AtomicInteger();
        TopWords.route(ROUTE, TOP_LINES::add);
        try {
            for (var entry : pipelines.entrySet()) {
                Queue<JavaRDD<String>> queue = new LinkedList<>();
                for (List<String> batch : batches) queue.add(ssc.sparkContext().parallelize(batch, 3));
                String name = entry.getKey();
                TOTALS.put(name, new ConcurrentHashMap<>());
                JavaPairDStream<String, Integer> counts = entry.getValue().apply(ssc.queueStream(queue, true));
                if (TOP_WORDS_OF.equals(name)) TopWords.print(counts, 3, ROUTE);
                counts.foreachRDD(rdd -> {
                    for (scala.Tuple2<String, Integer> t : rdd.collect()) TOTALS.get(name).merge(t._1(), t._2(), Integer::sum);
                    done.incrementAndGet();
                });
            }
            ssc.start();
            long deadline = System.nanoTime() + 60_000_000_000L;
            while (done.get() < batches.size() * pipelines.size() && System.nanoTime() < deadline) Thread.sleep(50);
        } finally {
            ssc.stop(true, false);
            TopWords.unroute(ROUTE);
        }
    }

    private static List<List<String>> batchesOfLines(int n, int linesPerBatch) {
        LineGenerator g = new LineGenerator(42, 3, 50);
        List<List<String>> all = new ArrayList<>();
        for (int b = 0; b < n; b++) {
            List<String> lines = new ArrayList<>();
            for (int i = 0; i < linesPerBatch; i++) lines.add(g.next());
            all.add(lines);
        }
        // Edge cases the receiver can deliver: a blank line and extra spaces.
        all.get(0).add("");
        all.get(0).add("  word1   word2 ");
        return all;
    }

    private Map<String, Integer> expected() {
        Map<String, Integer> counts = new TreeMap<>();
        for (List<String> batch : batches)
            for (String line : batch)
                for (String w : Words.split(line)) counts.merge(w, 1, Integer::sum);
        return counts;
    }

    @Test
    void everyPipelineCountsEveryWordExactlyOnce() {
        Map<String, Integer> want = expected();
        assertThat(want.values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(3 * 40 * 3 + 2);
        for (String name : pipelines.keySet()) {
            assertThat(new TreeMap<>(TOTALS.get(name))).as(name).isEqualTo(want);
        }
    }

    @Test
    void eachBatchsTopWordsGoAlongTheRunsRouteInOrder() {
        // one line per batch (the queue may add empty batches after the three: "(no words)")
        assertThat(TOP_LINES.size()).isGreaterThanOrEqualTo(batches.size());
        for (int b = 0; b < batches.size(); b++) {
            Map<String, Integer> counts = new TreeMap<>();
            for (String line : batches.get(b))
                for (String w : Words.split(line)) counts.merge(w, 1, Integer::sum);
            String expected = counts.entrySet().stream()
                    .sorted(Map.Entry.<String, Integer>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                    .limit(3).map(e -> e.getKey() + "=" + e.getValue()).collect(java.util.stream.Collectors.joining(" "));
            assertThat(TOP_LINES.get(b)).as("batch %d", b).isEqualTo("  top 3 words: " + expected);
        }
        assertThat(TOP_LINES.subList(batches.size(), TOP_LINES.size())).allSatisfy(l -> assertThat(l).isEqualTo("  top 3 words: (no words)"));
        assertThat(TopWords.format(List.of())).isEqualTo("(no words)");
    }

    @Test
    void splitIgnoresBlankLinesAndRunsOfSpaces() {
        assertThat(Words.split("")).isEmpty();
        assertThat(Words.split("   ")).isEmpty();
        assertThat(Words.split(" a  b\tc ")).containsExactly("a", "b", "c");
    }
}
