package io.ssplab.jobs.structured;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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

import io.ssplab.core.Api;
import io.ssplab.core.BadInputException;
import io.ssplab.core.Knobs;
import io.ssplab.core.Verdict;
import io.ssplab.model.StructuredModel;
import io.ssplab.model.StructuredPrediction;
import io.ssplab.pipeline.StructuredJob;
import io.ssplab.pipeline.StructuredWordCount;
import scala.jdk.javaapi.CollectionConverters;

/**
 * The four Structured Streaming lessons: each one's pipeline method fed from a MemoryStream, and the story
 * designed with wide margins — each act on its side of the line for every overhead the lab's 2-core machine
 * shows (o 0.3–2 s), by the model's arithmetic.
 */
class StructuredLessonsTest {
    static SparkSession spark;

    @BeforeAll
    static void start() {
        spark = SparkSession.builder().master("local[2]").appName("structured-lessons-test")
                .config("spark.driver.host", "127.0.0.1").config("spark.driver.bindAddress", "127.0.0.1")
                .config("spark.ui.enabled", "false").config("spark.sql.shuffle.partitions", "2").getOrCreate();
    }

    @AfterAll
    static void stop() {
        spark.stop();
        SparkSession.clearActiveSession();
        SparkSession.clearDefaultSession();
    }

    /**
     * Every lesson's query side by side in the one session, each on its own MemoryStream: a micro-batch here is
     * a few tiny Spark jobs whose time goes to planning, scheduling and the offset and commit logs, not to the
     * two task slots, so the queries run at once in little more than one query's time. Each query still sees
     * exactly its own two micro-batches.
     */
    @Test
    void eachLessonsPipelineCountsEachMicroBatch() throws Exception {
        Map<String, MemoryStream<String>> inputs = new java.util.LinkedHashMap<>();
        Map<String, StreamingQuery> queries = new java.util.LinkedHashMap<>();
        Map<String, Map<Long, List<StructuredWordCount.WordCount>>> perBatch = new ConcurrentHashMap<>();
        try {
            for (String name : StructuredJobs.NAMES) {
                StructuredJob job = StructuredJobs.byName(name);
                assertThat(job.defaults().api()).isEqualTo(Api.STRUCTURED);
                assertThat(job.description()).isNotBlank();
                MemoryStream<String> input = MemoryStream.apply(Encoders.STRING(), spark);
                Map<Long, List<StructuredWordCount.WordCount>> counts = new ConcurrentHashMap<>();
                perBatch.put(name, counts);
                inputs.put(name, input);
                queries.put(name, job.words(input.toDS(), job.defaults()).writeStream()
                        .foreachBatch((VoidFunction2<Dataset<String>, Long>) (batch, id) -> counts.put(id, StructuredWordCount.countWords(batch)))
                        .start());
            }
            for (MemoryStream<String> input : inputs.values())
                input.addData(CollectionConverters.asScala(List.of("word1 word2 word1", "word2 word3")).toSeq());
            for (StreamingQuery query : queries.values()) query.processAllAvailable();
            for (MemoryStream<String> input : inputs.values()) input.addData(CollectionConverters.asScala(List.of("word3")).toSeq());
            for (StreamingQuery query : queries.values()) query.processAllAvailable();
        } finally {
            for (StreamingQuery query : queries.values()) query.stop();
        }
        for (String name : StructuredJobs.NAMES) {
            assertThat(perBatch.get(name).get(0L)).as(name).containsExactly(new StructuredWordCount.WordCount("word1", 2),
                    new StructuredWordCount.WordCount("word2", 2), new StructuredWordCount.WordCount("word3", 1));
            assertThat(perBatch.get(name).get(1L)).as(name).containsExactly(new StructuredWordCount.WordCount("word3", 1));
        }
    }

    @Test
    void theStoryHoldsForEveryOverheadOfABusyTwoCoreMachine() {
        for (double o : new double[] {300, 1000, 2000}) {
            Map<String, StructuredPrediction> p = new ConcurrentHashMap<>();
            for (StructuredStory.Act act : StructuredStory.ACTS) {
                StructuredJob job = StructuredJobs.byName(act.job());
                var w = StructuredModel.workload(job.defaults(), null, job.designedCores());
                p.put(act.job(), new StructuredModel(StructuredModel.given(o, w)).predictQuery(w));
                assertThat(p.get(act.job()).verdict()).as(act.job() + " at o = " + o).isEqualTo(act.expected());
            }
            long t = Baseline.KNOBS.batchIntervalMs();
            // margins: the stable acts well within the trigger, the bottleneck well behind it, the overload well above a·r = 1
            assertThat(p.get("ss-baseline").durationMs()).isLessThanOrEqualTo(0.7 * t);
            assertThat(p.get("ss-parallelism").durationMs()).isLessThanOrEqualTo(0.95 * t);
            assertThat(p.get("ss-bottleneck").durationMs()).isGreaterThanOrEqualTo(1.25 * t);
            assertThat(p.get("ss-bottleneck").batchesToSettle()).isLessThanOrEqualTo(2);
            assertThat(p.get("ss-overload").loadFactor()).isGreaterThanOrEqualTo(1.1);
        }
        // the fix is the overload's cost on more slots
        assertThat(Parallelism.KNOBS.cost()).isEqualTo(Overload.KNOBS.cost());
        assertThat(StructuredStory.ACTS).extracting(StructuredStory.Act::expected)
                .containsExactly(Verdict.STABLE, Verdict.FALLING_BEHIND, Verdict.UNSTABLE, Verdict.STABLE);
    }

    /**
     * The bottleneck's batches as the model runs them, from its empty batch 0 (which pays o + s: the first full
     * batch holds only the lines that came meanwhile, about 0.7 × r·D*), through the lab's own warm-up and
     * verdict: by the batches the demo judges, the rows no longer grow, for every overhead.
     */
    @Test
    void theBottleneckSettlesBeforeTheBatchesItJudges() {
        Knobs k = Bottleneck.KNOBS;
        StructuredStory.Act act = StructuredStory.act(k.job());
        for (double o : new double[] {300, 1000, 2000}) {
            var w = StructuredModel.workload(k, null, 2);
            StructuredPrediction p = new StructuredModel(StructuredModel.given(o, w)).predictQuery(w);
            java.util.List<io.ssplab.core.BatchMetrics> batches = new java.util.ArrayList<>();
            double previous = o + k.batchCostMs();  // batch 0: no row
            long start = 0;
            batches.add(batch(0, start, 0, previous, Double.NaN, k));
            for (int id = 1; id < 2 + act.measuredBatches(); id++) {
                long rows = Math.round(k.linesPerSecond() * previous / 1000);
                double d = o + k.batchCostMs() + p.perLineMs() * rows;
                start += (long) previous;
                batches.add(batch(id, start, rows, d, previous, k));
                previous = d;
            }
            var summary = io.ssplab.metrics.StructuredSummarizer.summarize(k, batches,
                    io.ssplab.metrics.StructuredWarmup.batches(batches, k.linesPerBatch()), p.forSummary());
            assertThat(summary.verdict()).as("o = " + o).isEqualTo(Verdict.FALLING_BEHIND);
            assertThat(Math.abs(summary.structured().rowsGrowthPerBatch())).as("o = " + o)
                    .isLessThan(io.ssplab.metrics.StructuredSummarizer.SETTLED_ROWS / 3);
            assertThat(summary.medianProcessingTimeMs()).isCloseTo(p.durationMs(), org.assertj.core.api.Assertions.within(0.02 * p.durationMs()));
        }
    }

    private static io.ssplab.core.BatchMetrics batch(long id, long start, long rows, double d, double sincePrevious, Knobs k) {
        double in = Double.isNaN(sincePrevious) ? 0 : rows * 1000 / sincePrevious;
        return new io.ssplab.core.BatchMetrics(k.job(), start, k.batchIntervalMs(), rows, in, Math.round(d), 0, Math.round(d), 0, Api.STRUCTURED, id,
                null, in, rows * 1000 / d, 0, null, null, null, null, null, null);
    }

    @Test
    void theDStreamLessonsNamesStandForTheirQueries() {
        assertThat(StructuredJobs.byName("phase1").name()).isEqualTo("ss-baseline");
        assertThat(StructuredJobs.byName("phase2").name()).isEqualTo("ss-bottleneck");
        assertThat(StructuredJobs.byName("phase3").name()).isEqualTo("ss-parallelism");
        assertThatThrownBy(() -> StructuredJobs.byName("phase4")).isInstanceOf(BadInputException.class)
                .hasMessageContaining("phase4 has no Structured Streaming lesson");
        Knobs k = Bottleneck.KNOBS;
        assertThat(k.batchCostMs()).isEqualTo(2500);
        assertThat(k.validate()).isSameAs(k);
    }
}
