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

    @Test
    void eachLessonsPipelineCountsEachMicroBatch() throws Exception {
        for (String name : StructuredJobs.NAMES) {
            StructuredJob job = StructuredJobs.byName(name);
            assertThat(job.defaults().api()).isEqualTo(Api.STRUCTURED);
            assertThat(job.description()).isNotBlank();
            MemoryStream<String> input = MemoryStream.apply(Encoders.STRING(), spark);
            Map<Long, List<StructuredWordCount.WordCount>> perBatch = new ConcurrentHashMap<>();
            StreamingQuery query = job.words(input.toDS(), job.defaults()).writeStream()
                    .foreachBatch((VoidFunction2<Dataset<String>, Long>) (batch, id) -> perBatch.put(id, StructuredWordCount.countWords(batch)))
                    .start();
            try {
                input.addData(CollectionConverters.asScala(List.of("word1 word2 word1", "word2 word3")).toSeq());
                query.processAllAvailable();
                input.addData(CollectionConverters.asScala(List.of("word3")).toSeq());
                query.processAllAvailable();
            } finally {
                query.stop();
            }
            assertThat(perBatch.get(0L)).as(name).containsExactly(new StructuredWordCount.WordCount("word1", 2),
                    new StructuredWordCount.WordCount("word2", 2), new StructuredWordCount.WordCount("word3", 1));
            assertThat(perBatch.get(1L)).as(name).containsExactly(new StructuredWordCount.WordCount("word3", 1));
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
            assertThat(p.get("ss-bottleneck").durationMs()).isGreaterThanOrEqualTo(1.3 * t);
            assertThat(p.get("ss-bottleneck").batchesToSettle()).isLessThanOrEqualTo(3);
            assertThat(p.get("ss-overload").loadFactor()).isGreaterThanOrEqualTo(1.1);
        }
        // the fix is the overload's cost on more slots
        assertThat(Parallelism.KNOBS.cost()).isEqualTo(Overload.KNOBS.cost());
        assertThat(StructuredStory.ACTS).extracting(StructuredStory.Act::expected)
                .containsExactly(Verdict.STABLE, Verdict.FALLING_BEHIND, Verdict.UNSTABLE, Verdict.STABLE);
    }

    @Test
    void theDStreamLessonsNamesStandForTheirQueries() {
        assertThat(StructuredJobs.byName("phase1").name()).isEqualTo("ss-baseline");
        assertThat(StructuredJobs.byName("phase2").name()).isEqualTo("ss-bottleneck");
        assertThat(StructuredJobs.byName("phase3").name()).isEqualTo("ss-parallelism");
        assertThatThrownBy(() -> StructuredJobs.byName("phase4")).isInstanceOf(BadInputException.class)
                .hasMessageContaining("phase4 has no Structured Streaming lesson");
        Knobs k = Bottleneck.KNOBS;
        assertThat(k.batchCostMs()).isEqualTo(2000);
        assertThat(k.validate()).isSameAs(k);
    }
}
