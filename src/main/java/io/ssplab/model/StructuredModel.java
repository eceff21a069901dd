package io.ssplab.model;

import io.ssplab.core.Api;
import io.ssplab.core.BadInputException;
import io.ssplab.core.CostUnit;
import io.ssplab.core.Knobs;
import io.ssplab.core.Master;
import io.ssplab.core.Messages;

/**
 * Predicts a Structured Streaming query's micro-batches from the knobs, before anything runs: the
 * regime (STABLE, FALLING_BEHIND or UNSTABLE), the batch duration it settles at, rows per batch and
 * latency — or how fast the batches grow.
 *
 * <h2>Design: the arithmetic</h2>
 * <pre>
 *   r   = the source's rate, lines per second
 *   T   = the ProcessingTime trigger (the BI knob)
 *   a   = cost × waves / P: what one more line adds to a batch (waves = ⌈P / cores⌉; costed records per line: 1, or the
 *         words of a line when the cost is per word)
 *   o   = Spark's own time per micro-batch (offsets, planning, the offset log and commit, task start-up), at the batch's
 *         task waves: 1 (source read) + ⌈P / cores⌉ (repartition, the cost) + 1 (the count in foreachBatch)
 *   s   = the fixed batch cost (a slow sink), paid whatever the batch's size
 *
 *   on time:   D = o + s + a·r·T                     ≤ T: STABLE, r·T rows per batch
 *   late:      D' = o + s + a·r·D                    a batch that started late took in r·D rows (the previous one's D)
 *   a·r &lt; 1:   D* = (o + s) / (1 − a·r)             FALLING_BEHIND: behind the trigger but bounded, r·D* rows per batch;
 *                                                   the gap to D* shrinks by a·r per batch
 *   a·r ≥ 1:   D grows by a·r + (o + s)/D per batch  UNSTABLE
 * </pre>
 * No receiver: the built-in socket source reads at the driver, so every task slot is free (local[4] has 4).
 * A fixed cost per batch is what bounds a late query: a bigger batch pays it once for more rows.
 *
 * <p>It extends the DStream model so that {@link SmallestFixes} searches the smallest changes that make a query
 * STABLE (D ≤ target × T) with this overhead: the stable condition {@code o + s + a·r·T ≤ T} is the DStream one
 * with no receiver and this overhead.
 */
public final class StructuredModel extends ProcessingTimeModel {
    /**
     * Spark 4.2.0's own time per micro-batch beyond its cost, local[2], P = 2 (3 task waves), on the lab's idle 2-core
     * machine: 0.42–0.49 s in costed queries (2–5.5 ms per line: duration − a × rows), 0.5–0.6 s with no cost (with
     * nothing to wait for, the tasks, the source, GC and the JIT share the cores; a costed query hides part of that in
     * its waits), 1–2 s under heavy load. Checkpointing the offsets (walCommit + commitOffsets) is 0.2 s of it: every
     * micro-batch writes its offsets twice, which is why it is more than a DStream batch's ({@link Overhead#DEFAULT_PER_BATCH_MS}).
     */
    public static final double DEFAULT_PER_BATCH_MS = 450;
    /** Task waves of the default's setting: 1 + ⌈2 / 2⌉ + 1. */
    public static final int DEFAULT_REFERENCE_WAVES = 3;
    /** What one task wave more adds to a micro-batch (local[2]: P = 4 and 8 against P = 2). */
    public static final double PER_WAVE_MS = 150;

    public StructuredModel(Overhead overhead) {
        super(overhead);
    }

    /** The lab's default overhead for micro-batches (no calibration of its own yet: the demo measures it in its first act). */
    public static Overhead defaultOverhead() {
        return new Overhead(DEFAULT_PER_BATCH_MS, Overhead.Unit.WAVE, DEFAULT_REFERENCE_WAVES, PER_WAVE_MS, Overhead.Origin.DEFAULT, "");
    }

    /** A per-batch overhead given by the user ({@code plan --overhead}): taken as measured for this very setting. */
    public static Overhead given(double perBatchMs, Workload workload) {
        return new Overhead(perBatchMs, Overhead.Unit.WAVE, taskWaves(workload), PER_WAVE_MS, Overhead.Origin.GIVEN, "");
    }

    /** What a zero-cost act measured (the demo's baseline), at its task waves. */
    public static Overhead measuredBy(String by, double perBatchMs, Workload workload) {
        return new Overhead(perBatchMs, Overhead.Unit.WAVE, taskWaves(workload), PER_WAVE_MS, Overhead.Origin.MEASURED, by);
    }

    /**
     * A query's workload: the knobs on the task slots the master gives, no receiver, repartitioned.
     *
     * @param coresMax      spark.cores.max of a cluster run, or null
     * @param designedCores N of the job's own local master
     */
    public static Workload workload(Knobs knobs, Integer coresMax, int designedCores) {
        return new Workload(knobs, Master.slotsFor(knobs.master(), coresMax, designedCores), 0, true);
    }

    /** Task waves of one micro-batch: the source's read (one task per slot), the costly stage, the count's final stage. */
    public static int taskWaves(Workload w) {
        return 1 + Workload.ceilDiv(w.knobs().partitions(), w.cores()) + 1;
    }

    /** o: Spark's own time per micro-batch at this workload's waves, never below the floor. */
    public double sparkOverheadMs(Workload w) {
        Overhead o = overhead();
        return Math.max(Overhead.FLOOR_MS, o.perBatchMs() + o.perUnitMs() * (taskWaves(w) - o.referenceCount()));
    }

    /** o + s: what the fixes' "PT" counts besides the cost, so that it is the on-time duration. */
    @Override
    protected double overheadMs(Workload w) {
        return sparkOverheadMs(w) + w.knobs().batchCostMs();
    }

    /** a: ms one more line adds to a batch, cost × costed records per line × waves / P. */
    public static double perLineMs(Workload w) {
        Knobs k = w.knobs();
        double recordsPerLine = k.costUnit() == CostUnit.WORD ? k.wordsPerLine() : 1;
        int p = w.costStagePartitions();
        return k.costMs() * recordsPerLine * Workload.ceilDiv(p, w.cores()) / p;
    }

    /**
     * @throws BadInputException when the knobs leave nothing to predict (no partition)
     */
    public StructuredPrediction predictQuery(Workload workload) {
        if (workload.costStagePartitions() < 1) throw new BadInputException(Messages.get("bad.noBlocks"));
        Workload w = workload.knobs().api() == Api.STRUCTURED ? workload : new Workload(workload.knobs().withApi(Api.STRUCTURED),
                workload.cores(), 0, true, 0, workload.cpuCores());
        return new StructuredPrediction(w, BatchArithmetic.of(w), sparkOverheadMs(w), overhead(), w.knobs().batchCostMs(), perLineMs(w));
    }
}
