package io.ssplab.jobs.structured;

import java.time.Duration;

import org.apache.spark.sql.Dataset;

import io.ssplab.core.Knobs;
import io.ssplab.core.Verdict;
import io.ssplab.pipeline.StandaloneQuery;
import io.ssplab.pipeline.StructuredJob;
import io.ssplab.pipeline.StructuredWordCount;

/**
 * Structured Streaming, act 3 — the overload: each micro-batch needs more time per line than the lines take
 * to arrive, so every batch is bigger and longer than the one before, without bound.
 *
 * <p>Knobs: the baseline's (trigger 3 s, {@code local[2]}, P = 2, 140 lines/s) plus 16 ms per line.
 *
 * <p>Arithmetic ({@code bin/ssp plan --api structured --job ss-overload}), with o ≈ 0.5 s:
 * <pre>
 *   a (per line)     16 ms × ⌈2 / 2⌉ wave / P=2     = 8 ms
 *   a·r              8 ms × 140 lines/s            = 1.12 ≥ 1: a second of input needs 1.12 s of the slots
 *   on time          o + a·r·T = 0.5 + 3.36        = 3.86 s > T
 *   late batch       D' = o + a·r·D                 3.86 → 4.82 → 5.90 → 7.10 → 8.46 s: ×1.2–1.3 per batch, UNSTABLE
 * </pre>
 * No fixed part can be amortised away here: each line alone costs more than the time between two lines
 * (8 ms of the slots per line, one line every 7.1 ms). Rows per batch grow with the duration (r·D), the
 * end-to-end latency with them, and the socket source buffers the rest at the driver.
 *
 * <p>Why 16 ms: a·r must stay clearly above 1 (growth per batch a·r + o/D ≥ 1.15 whatever o is), and the
 * batches must not grow so fast that the act sees too few of them in a minute (4–5 batches after warm-up).
 *
 * <p>Observe in the Spark UI (Structured Streaming tab): Batch Duration and Input Rows climbing batch after
 * batch, Process Rate below Input Rate.
 *
 * <p>Run: {@code bin/ssp run ss-overload --duration 60s}
 */
public final class Overload implements StructuredJob {
    /** The per-line wait; the fix (act 4) runs the same. */
    public static final Duration COST_PER_LINE = Duration.ofMillis(16);
    public static final Knobs KNOBS = Baseline.KNOBS.withJob("ss-overload").withCost(COST_PER_LINE);
    /** What the story expects of this act. */
    public static final Verdict EXPECTED = Verdict.UNSTABLE;

    @Override
    public Knobs defaults() {
        return KNOBS;
    }

    @Override
    public Dataset<String> words(Dataset<String> lines, Knobs knobs) {
        return pipeline(lines, knobs);
    }

    /** lines → repartition(P) → wait per line → split. */
    public static Dataset<String> pipeline(Dataset<String> lines, Knobs knobs) {
        return StructuredWordCount.costPerLine(lines, knobs.partitions(), knobs.cost());
    }

    public static void main(String[] args) throws Exception {
        StandaloneQuery.run(KNOBS, 5, lines -> pipeline(lines, KNOBS), args);
    }
}
