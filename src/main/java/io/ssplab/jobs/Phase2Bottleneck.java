package io.ssplab.jobs;

import java.time.Duration;

import org.apache.spark.streaming.api.java.JavaDStream;
import org.apache.spark.streaming.api.java.JavaPairDStream;

import io.ssplab.core.Knobs;
import io.ssplab.core.Verdict;
import io.ssplab.pipeline.Standalone;
import io.ssplab.pipeline.StreamingJob;
import io.ssplab.pipeline.WordCountPipeline;

/**
 * Phase 2 — the bottleneck: a wait of 5.6 ms per word makes PT exceed BI.
 *
 * <p>Knobs: phase 1 plus 5.6 ms per word (BI 2 s, {@code local[4]}, P = 4).
 *
 * <p>Arithmetic, by design PT/BI ≥ 1.2 (the model's, as {@code bin/ssp plan --job phase2} prints it):
 * <pre>
 *   records per batch   140 lines/s × 2 s × 3 words  = 840 words
 *   per partition       840 / P=4                    = 210 words
 *   free task slots     4 cores − 1 receiver         = 3
 *   waves               ⌈4 partitions / 3 slots⌉     = 2  (3 tasks, then 1)
 *   cost                2 waves × 210 × 5.6 ms       ≈ 2.35 s
 *   overhead            Spark's own, 18 tasks        ≈ 0.06 s  (the model's default; bin/ssp calibrate measures it)
 *   PT                  2.35 s + 0.06 s              ≈ 2.41 s
 *   PT / BI             2.41 / 2                     ≈ 1.21
 * </pre>
 * Each batch takes ≈ 0.41 s longer than the interval, so each starts that much later than the one
 * before: scheduling delay grows by about PT − BI per batch, without bound.
 *
 * <p>Why 5.6 ms and not a round number: phase 3 runs the same cost with half the work per wave, so
 * the one cost must make PT/BI ≥ 1.2 here and ≤ 0.7 there, on any machine. Only Spark's per-batch
 * overhead differs between machines (the cost is a sleep), so the cost fixes a window for it:
 * with 5.6 ms both targets hold while the overhead at 18 tasks is ≈ 0.05–0.21 s
 * (below, phase 2 drops under 1.2; above, phase 3 passes 0.7). An idle 2-core machine on Spark 4.2.0
 * measures 0.17–0.22 s in phase 1's zero-cost batches, 0.14–0.18 s in phase 2's (PT minus its cost time: the
 * model's overhead is a costed batch's), and the model's default, 0.06 s, gives 1.21 and 0.63. Three demo runs
 * on that machine measured phase 2 at 2.49–2.53 s (ρ 1.25–1.27) and phase 3 at 1.28–1.31 s (ρ 0.64–0.65).
 * A busy machine's overhead is larger, so the window's upper side matters more than its lower one;
 * 5.4 ms (used before) left phase 2 too close to the line on an idle machine (fails phase 2 as the target stood then:
 * 5.4 ms gives 1.16 with the default and measured 1.21).
 *
 * <p>Observe in the Spark UI (Streaming tab): Processing Time above the 2 s line in every batch;
 * Scheduling Delay a rising diagonal; the Active Batches list (queued batches) growing; Total Delay =
 * PT + Scheduling Delay climbing. No single batch is broken — the job simply cannot keep up.
 *
 * <p>Run: {@code bin/ssp run phase2}
 */
public final class Phase2Bottleneck implements StreamingJob {
    /** The per-word wait; see the arithmetic above. Phase 3 uses the same. */
    public static final Duration COST_PER_WORD = Duration.ofNanos(5_600_000);
    public static final Knobs KNOBS = Phase1Baseline.KNOBS.withJob("phase2").withCost(COST_PER_WORD);
    /** What the story expects of this act. */
    public static final Verdict EXPECTED = Verdict.UNSTABLE;

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
