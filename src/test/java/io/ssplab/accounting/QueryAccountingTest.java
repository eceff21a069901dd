package io.ssplab.accounting;

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

import io.ssplab.pipeline.StructuredWordCount;
import scala.jdk.javaapi.CollectionConverters;

/**
 * The record accounting of a query: the tap counts each line in its micro-batch's tally (keyed by the
 * batch's timestamp), strips stamps before the pipeline sees the words, and the latency of a stamped line
 * is "count done − sent".
 */
class QueryAccountingTest {
    static SparkSession spark;

    @BeforeAll
    static void start() {
        spark = SparkSession.builder().master("local[2]").appName("query-accounting-test")
                .config("spark.driver.host", "127.0.0.1").config("spark.driver.bindAddress", "127.0.0.1")
                .config("spark.ui.enabled", "false").config("spark.sql.shuffle.partitions", "2").getOrCreate();
    }

    @AfterAll
    static void stop() {
        spark.stop();
        SparkSession.clearActiveSession();
        SparkSession.clearDefaultSession();
    }

    static void add(MemoryStream<String> input, List<String> lines) {
        input.addData(CollectionConverters.asScala(lines).toSeq());
    }

    @Test
    void eachMicroBatchIsCountedAndStampedLinesGetTheirLatency() throws Exception {
        QueryAccounting accounting = new QueryAccounting(LedgerAccumulator.of(spark.sparkContext()));
        MemoryStream<String> input = MemoryStream.apply(Encoders.STRING(), spark);
        Dataset<String> words = StructuredWordCount.costPerLine(QueryAccountingStep.tap(input.toDS(), accounting.ledger()), 2, Duration.ZERO);
        Map<Long, List<StructuredWordCount.WordCount>> perBatch = new ConcurrentHashMap<>();
        StreamingQuery query = words.writeStream()
                .foreachBatch((VoidFunction2<Dataset<String>, Long>) (batch, id) -> {
                    perBatch.put(id, StructuredWordCount.countWords(batch));
                    accounting.afterBatch(id, System.currentTimeMillis());
                })
                .start();
        long sent = System.currentTimeMillis() - 1500;
        try {
            add(input, List.of("#src1:0:0:" + sent + " word1 word2", "#src1:0:1:" + sent + " word1", "word3 word3"));
            query.processAllAvailable();
            add(input, List.of("#src1:0:2:" + (sent + 1000) + " word9"));
            query.processAllAvailable();
        } finally {
            query.stop();
        }
        accounting.onProgress(0, 3);
        accounting.onProgress(1, 1);
        // the stamp is not a word
        assertThat(perBatch.get(0L)).containsExactly(new StructuredWordCount.WordCount("word1", 2), new StructuredWordCount.WordCount("word3", 2),
                new StructuredWordCount.WordCount("word2", 1));
        assertThat(accounting.processedLines()).isEqualTo(4);
        assertThat(accounting.receivedLines()).isEqualTo(4);
        Reconciler.Observed o = accounting.observed();
        assertThat(o.processed().stamped()).isEqualTo(3);
        assertThat(o.streams()).containsOnlyKeys("src1:0");
        assertThat(o.streams().get("src1:0").count()).isEqualTo(3);
        // sent 1.5 s (and 0.5 s) before the batch was counted, give or take the test's own time
        assertThat(accounting.latencyOf(0)).isNotNull();
        assertThat(accounting.latencyOf(0).p50Ms()).isBetween(1500L, 30_000L);
        assertThat(accounting.latencyOf(1).maxMs()).isBetween(500L, 30_000L);
        assertThat(o.latency().count()).isEqualTo(3);
    }
}
