package io.ssplab.jobs.structured;

import java.time.Duration;

import org.apache.spark.sql.Dataset;

import io.ssplab.core.Knobs;
import io.ssplab.core.Verdict;
import io.ssplab.pipeline.StandaloneQuery;
import io.ssplab.pipeline.StructuredJob;
import io.ssplab.pipeline.StructuredWordCount;

/**
 * Structured Streaming, act 2 — the bottleneck that falls behind but settles: every micro-batch takes longer
 * than its trigger, yet batch size and duration stop growing.
 *
 * <p>Knobs: the baseline's (trigger 2 s, {@code local[2]}, P = 2, 140 lines/s) plus 6 ms per line and a fixed
 * 1.5 s per batch after the count (a slow sink: a write that takes as long whatever the batch holds).
 *
 * <p>Arithmetic ({@code bin/ssp plan --api structured --job ss-bottleneck}), with o ≈ 0.5 s:
 * <pre>
 *   a (per line)     6 ms × ⌈2 / 2⌉ wave / P=2      = 3 ms: what one more line adds to a batch
 *   a·r              3 ms × 140 lines/s            = 0.42 s of work per second of input
 *   on time          o + s + a·r·T = 0.5 + 1.5 + 0.84 = 2.84 s > T 2 s: the next batch starts late
 *   late batch       D' = o + s + a·r·D            it took in the r·D lines that came while the previous one ran
 *   settles at       D* = (o + s) / (1 − a·r) = 2.0 / 0.58 = 3.45 s → FALLING_BEHIND, r·D* ≈ 483 rows per batch
 *   how fast         the gap to D* shrinks by a·r = 0.42 per batch: within 10% after 3 batches
 * </pre>
 * A late micro-batch queues nothing: the next one starts at once and takes everything that arrived
 * meanwhile. A bigger batch pays the fixed 2 s (o + s) once for more lines, so as long as a·r &lt; 1 the
 * batches settle, behind their trigger but bounded. A DStream job at PT &gt; BI never settles: its batches
 * are cut every BI whatever happens, and they queue.
 *
 * <p>Why these numbers: D* must stay above T for any overhead the lab's 2-core machine shows (o 0.3–1.5 s:
 * D* 3.1–5.2 s, at least 1.55 × T), and the batches must settle within the act (a·r 0.42: three batches).
 * A per-line cost alone near a·r = 0.9 would settle only after ~24 batches, at a D* that moves ×10 with o.
 *
 * <p>Observe in the Spark UI (Structured Streaming tab): Batch Duration above 2 s but flat after a few
 * batches, Input Rows per batch ≈ 480 instead of 280, Process Rate ≈ Input Rate; the log warns "Current batch
 * is falling behind" (silenced by the lab's log settings).
 *
 * <p>Run: {@code bin/ssp run ss-bottleneck}
 */
public final class Bottleneck implements StructuredJob {
    public static final Knobs KNOBS = Baseline.KNOBS.withJob("ss-bottleneck").withCost(Duration.ofMillis(6))
            .withBatchCost(Duration.ofMillis(1500));
    /** What the story expects of this act. */
    public static final Verdict EXPECTED = Verdict.FALLING_BEHIND;

    @Override
    public String name() {
        return KNOBS.job();
    }

    @Override
    public Knobs defaults() {
        return KNOBS;
    }

    @Override
    public Dataset<String> words(Dataset<String> lines, Knobs knobs) {
        return pipeline(lines, knobs);
    }

    /** lines → repartition(P) → wait per line → split (the batch cost is paid after the count, in foreachBatch). */
    public static Dataset<String> pipeline(Dataset<String> lines, Knobs knobs) {
        return StructuredWordCount.costPerLine(lines, knobs.partitions(), knobs.cost());
    }

    public static void main(String[] args) throws Exception {
        StandaloneQuery.run(KNOBS, 5, lines -> pipeline(lines, KNOBS), args);
    }
}
