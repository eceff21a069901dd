package io.ssplab.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.spark.api.java.function.VoidFunction2;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.execution.streaming.runtime.MemoryStream;
import org.apache.spark.sql.streaming.StreamingQuery;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import scala.jdk.javaapi.CollectionConverters;

/**
 * The Structured Streaming word count fed from a MemoryStream (Spark 4.2:
 * {@code org.apache.spark.sql.execution.streaming.runtime.MemoryStream}): each {@code addData} followed by
 * {@code processAllAvailable()} is one micro-batch, so the per-batch counts are exact.
 */
class StructuredWordCountTest {
    static SparkSession spark;

    @BeforeAll
    static void start() {
        spark = SparkSession.builder().master("local[2]").appName("structured-word-count-test")
                .config("spark.driver.host", "127.0.0.1").config("spark.driver.bindAddress", "127.0.0.1")
                .config("spark.ui.enabled", "false").config("spark.sql.shuffle.partitions", "2").getOrCreate();
    }

    @AfterAll
    static void stop() {
        spark.stop();
        SparkSession.clearActiveSession();
        SparkSession.clearDefaultSession();
    }

    static void add(MemoryStream<String> input, String... lines) {
        input.addData(CollectionConverters.asScala(List.of(lines)).toSeq());
    }

    @Test
    void countsEachMicroBatchOnItsOwnWithTheCostPaidPerLine() throws Exception {
        MemoryStream<String> input = MemoryStream.apply(Encoders.STRING(), spark);
        Dataset<String> words = StructuredWordCount.costPerLine(input.toDS(), 2, Duration.ofMillis(20));
        Map<Long, List<StructuredWordCount.WordCount>> perBatch = new ConcurrentHashMap<>();
        Map<Long, Long> millis = new ConcurrentHashMap<>();
        StreamingQuery query = words.writeStream()
                .foreachBatch((VoidFunction2<Dataset<String>, Long>) (batch, id) -> {
                    long t0 = System.nanoTime();
                    perBatch.put(id, StructuredWordCount.countWords(batch));
                    millis.put(id, (System.nanoTime() - t0) / 1_000_000);
                })
                .start();
        try {
            add(input, "word1 word2 word1", "word2 word3 word1", "", "  word1  ");
            query.processAllAvailable();
            add(input, "word9");
            query.processAllAvailable();
        } finally {
            query.stop();
        }
        assertThat(perBatch.get(0L)).containsExactly(new StructuredWordCount.WordCount("word1", 4), new StructuredWordCount.WordCount("word2", 2),
                new StructuredWordCount.WordCount("word3", 1));
        // per batch, not since the start: no state is kept
        assertThat(perBatch.get(1L)).containsExactly(new StructuredWordCount.WordCount("word9", 1));
        // 4 lines on 2 partitions: 2 lines × 20 ms per task, paid in parallel
        assertThat(millis.get(0L)).isGreaterThanOrEqualTo(40);
        assertThat(StructuredWordCount.topLine(perBatch.get(0L), 2)).isEqualTo("  top 2 words: word1=4 word2=2");
    }
}
