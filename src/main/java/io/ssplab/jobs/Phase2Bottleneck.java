package io.ssplab.jobs;

import java.time.Duration;

import org.apache.spark.streaming.api.java.JavaDStream;
import org.apache.spark.streaming.api.java.JavaPairDStream;

import io.ssplab.cli.Main;
import io.ssplab.pipeline.WordCountPipeline;

/**
 * Phase 2 — the bottleneck: a wait of {@value #COST_MS_PER_WORD} ms per word makes PT exceed BI.
 *
 * <p>Knobs: phase 1 plus {@value #COST_MS_PER_WORD} ms per word (BI 2 s, {@code local[4]}, P = 4).
 *
 * <p>Arithmetic, by design PT/BI ≥ 1.25:
 * <pre>
 *   records per batch   140 lines/s × 2 s × 3 words  = 840 words
 *   per partition       840 / P=4                    = 210 words
 *   free task slots     4 cores − 1 receiver         = 3
 *   waves               ⌈4 partitions / 3 slots⌉     = 2  (3 tasks, then 1)
 *   PT                  2 waves × 210 × 6 ms         ≈ 2.52 s (+ ~0.1 s Spark overhead)
 *   PT / BI             ≈ 2.6 / 2                    ≈ 1.3
 * </pre>
 * Each batch takes ~0.6 s longer than the interval, so every batch starts ~0.6 s later than the
 * one before: scheduling delay grows by about PT − BI per batch, without bound.
 *
 * <p>Observe in the Spark UI (Streaming tab): Processing Time above the 2 s line in every batch;
 * Scheduling Delay a rising diagonal; Queued batches (the "Active Batches" list) growing; Total
 * Delay = PT + Scheduling Delay climbing. Nothing is wrong with any single batch — the job simply
 * cannot keep up.
 *
 * <p>Run: {@code bin/ssp run phase2}
 */
public final class Phase2Bottleneck implements StreamingJob {
    /** Chosen so that PT/BI ≈ 1.3 here and ≈ 0.65 in phase 3 (same cost, half the work per wave). */
    public static final long COST_MS_PER_WORD = 6;

    @Override
    public String name() {
        return "phase2";
    }

    @Override
    public String description() {
        return "bottleneck: a per-word wait pushes PT above BI, scheduling delay grows every batch";
    }

    @Override
    public JobSpec defaults() {
        return new Phase1Baseline().defaults().withCost(Duration.ofMillis(COST_MS_PER_WORD));
    }

    @Override
    public JavaPairDStream<String, Integer> wordCounts(JavaDStream<String> lines, JobSpec knobs) {
        return WordCountPipeline.wordCounts(lines, knobs.partitions(), knobs.cost());
    }

    public static void main(String[] args) {
        Main.runJobMain("phase2", args);
    }
}
