package io.ssplab.jobs;

import java.time.Duration;

import org.apache.spark.streaming.api.java.JavaDStream;
import org.apache.spark.streaming.api.java.JavaPairDStream;

import io.ssplab.cli.Main;
import io.ssplab.pipeline.CostUnit;
import io.ssplab.pipeline.WordCountPipeline;
import io.ssplab.source.SourceConfig;

/**
 * Phase 1 — baseline: processing time (PT) well below the batch interval (BI).
 *
 * <p>Knobs: BI 2 s, {@code local[4]}, P = 4, no per-record cost.
 *
 * <p>Arithmetic: 140 lines/s × 2 s = 280 lines = 840 words per batch, in 4 partitions of 210 words.
 * {@code local[4]} has 4 task slots; the socket receiver holds one for good, leaving 3, so the 4
 * partitions run in 2 waves (3 + 1). With no cost, each task takes a few milliseconds: PT is Spark's
 * own per-batch overhead, a few hundred ms at most.
 *
 * <p>Observe in the Spark UI (Streaming tab, http://127.0.0.1:4040/streaming/): Processing Time sits
 * far below the 2 s "stable" line, Scheduling Delay stays at 0, Total Delay ≈ Processing Time, and
 * the Input Rate is the source's ~140 records/s. A batch finishes long before the next one is cut.
 *
 * <p>Run: {@code bin/ssp run phase1} — or on a cluster:
 * {@code spark-submit --class io.ssplab.jobs.Phase1Baseline --master spark://HOST:7077 target/spark-streaming-lab-app.jar}
 */
public final class Phase1Baseline implements StreamingJob {

    @Override
    public String name() {
        return "phase1";
    }

    @Override
    public String description() {
        return "baseline: PT well below BI, scheduling delay stays at 0";
    }

    @Override
    public JobSpec defaults() {
        return new JobSpec(name(), "local[4]", Duration.ofSeconds(2), 4, Duration.ZERO, CostUnit.WORD,
                SourceConfig.DEFAULT_RATE, SourceConfig.DEFAULT_WORDS_PER_LINE, JobSpec.DEFAULT_BLOCK_INTERVAL);
    }

    @Override
    public JavaPairDStream<String, Integer> wordCounts(JavaDStream<String> lines, JobSpec knobs) {
        return WordCountPipeline.wordCounts(lines, knobs.partitions(), knobs.cost());
    }

    public static void main(String[] args) {
        Main.runJobMain("phase1", args);
    }
}
