package io.ssplab.grader;

import java.util.List;

import io.ssplab.metrics.BatchMetrics;

/**
 * Which first batches the grader leaves out.
 * <ol>
 *   <li>Every batch before the receiver delivers a full one (Spark starting, the receiver connecting
 *       part-way through an interval), and that first full batch too (it still pays the JIT and the
 *       first shuffle).</li>
 *   <li>For a step judged on "no delay" (step 2): also the batches that still work off the start-up
 *       backlog, at most {@value #MAX_BACKLOG_BATCHES} of them. Spark's very first batch often takes
 *       several seconds even with no records, so two or three batches queue behind it; a job that
 *       keeps up drains that backlog in a few intervals. What the step judges is whether the job
 *       keeps up, not how Spark starts. A job that does not keep up never drains it, and after the
 *       cap its growing delay is measured like any other.</li>
 * </ol>
 * Why not a fixed count like the run summary's two batches: on a busy machine the receiver can need
 * three or four intervals to connect, and an empty batch says nothing about PT. Judging an exercise
 * on such batches would fail a correct solution (input rate too low) or pass a wrong one.
 *
 * <p>The count depends only on the batches so far, so the grader can apply it while the run goes on.
 */
public final class Warmup {
    /** A batch is "full" with at least this share of the lines the source sends per interval. */
    public static final double FULL_BATCH_SHARE = 0.5;
    /** A batch has "caught up" when nothing is queued behind it and its SD is at most this share of BI. */
    public static final double CAUGHT_UP_SD_SHARE = 0.1;
    /** Batches after the first full one that may still be draining the start-up backlog. */
    public static final int MAX_BACKLOG_BATCHES = 5;

    private Warmup() {
    }

    /**
     * @param nominalLines   lines the source sends per batch interval (rate × BI)
     * @param waitForBacklog also leave out the batches draining the start-up backlog (step 2)
     * @return how many leading batches are warm-up; {@code batches.size()} while warm-up is not over
     */
    public static int batches(List<BatchMetrics> batches, double nominalLines, boolean waitForBacklog) {
        int warmup = batches.size();
        for (int i = 0; i < batches.size(); i++) {
            if (batches.get(i).records() >= FULL_BATCH_SHARE * nominalLines) {
                warmup = i + 1;
                break;
            }
        }
        if (!waitForBacklog) return warmup;
        int cap = Math.min(batches.size(), warmup + MAX_BACKLOG_BATCHES);
        while (warmup < cap && !caughtUp(batches.get(warmup - 1))) warmup++;
        return warmup;
    }

    static boolean caughtUp(BatchMetrics b) {
        return b.queuedBatches() == 0 && b.schedulingDelayMs() <= CAUGHT_UP_SD_SHARE * b.batchIntervalMs();
    }
}
