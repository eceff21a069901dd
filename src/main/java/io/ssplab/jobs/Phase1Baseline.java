package io.ssplab.jobs;

import java.time.Duration;

import org.apache.spark.streaming.api.java.JavaDStream;
import org.apache.spark.streaming.api.java.JavaPairDStream;

import io.ssplab.core.CostUnit;
import io.ssplab.core.Knobs;
import io.ssplab.core.Verdict;
import io.ssplab.pipeline.Standalone;
import io.ssplab.pipeline.StreamingJob;
import io.ssplab.pipeline.WordCountPipeline;

/**
 * Phase 1 — baseline: processing time (PT) well below the batch interval (BI).
 *
 * <p>Knobs: BI 2 s, {@code local[4]}, P = 4, no per-record cost.
 *
 * <p>Arithmetic: 140 lines/s × 2 s = 280 lines = 840 words per batch, in 4 partitions of 210 words.
 * {@code local[4]} has 4 task slots; the socket receiver holds one for good, leaving 3, so the 4
 * partitions run in 2 waves (3 + 1). With no cost, each task takes a few milliseconds: PT is Spark's
 * own per-batch overhead, ≈ 0.06 s by the model's default (PT/BI ≈ 0.03; an idle 2-core machine measures
 * 0.17–0.22 s on Spark 4.2.0) — which is why the demo uses this act to measure the overhead it predicts
 * the next acts with.
 *
 * <p>Observe in the Spark UI (Streaming tab, http://127.0.0.1:4040/streaming/): Processing Time sits
 * far below the 2 s "stable" line, Scheduling Delay stays at 0, Total Delay ≈ Processing Time, and
 * the Input Rate is the source's ~140 records/s. A batch finishes long before the next one is cut.
 *
 * <p>Run: {@code bin/ssp run phase1}. Without the lab, on any Spark (with {@code bin/ssp source} running):
 * {@code spark-submit --class io.ssplab.jobs.Phase1Baseline target/spark-streaming-lab-app.jar [HOST [PORT]]}.
 */
public final class Phase1Baseline implements StreamingJob {
    public static final Knobs KNOBS = new Knobs("phase1", "local[4]", Duration.ofSeconds(2), 4, Duration.ZERO, CostUnit.WORD,
            Knobs.DEFAULT_RATE, Knobs.DEFAULT_WORDS_PER_LINE, Knobs.DEFAULT_BLOCK_INTERVAL);
    /** What the story expects of this act. */
    public static final Verdict EXPECTED = Verdict.STABLE;

    @Override
    public Knobs defaults() {
        return KNOBS;
    }

    @Override
    public JavaPairDStream<String, Integer> wordCounts(JavaDStream<String> lines, Knobs knobs) {
        return WordCountPipeline.costPerWord(lines, knobs.partitions(), knobs.cost(), knobs.costKind());
    }

    public static void main(String[] args) throws InterruptedException {
        Standalone.run(KNOBS, java.util.Map.of(), 5, lines -> WordCountPipeline.costPerWord(lines, KNOBS.partitions(), KNOBS.cost()), args);
    }
}
