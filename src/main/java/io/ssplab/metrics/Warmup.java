package io.ssplab.metrics;

import java.util.List;

import io.ssplab.core.BatchMetrics;

/**
 * The one warm-up rule: which first batches of a run say nothing about the job and are left out of
 * every number — the console summary, the verdict, the grader's criteria, the sweep's cells and the
 * report all use this count (a run records it in its summary as {@code warmupBatches}).
 *
 * <ol>
 *   <li>Every batch before the first <em>full</em> one — with at least {@value #FULL_BATCH_SHARE} of
 *       the lines the source sends per interval — and that first full batch too. Before it, Spark is
 *       starting and the receiver connecting (three or four intervals on a busy machine), and an
 *       empty batch says nothing about PT; the first full batch still pays the JIT and the first
 *       shuffle.</li>
 *   <li>Then the batches that are still working off the start-up backlog: Spark's very first batch
 *       often takes seconds even with no records (and the first full one may too), so a few batches
 *       queue behind it. A batch belongs to that backlog while it has not caught up (something queued
 *       behind it, or a scheduling delay above {@value #CAUGHT_UP_SD_SHARE} × BI) <em>and</em> it took
 *       less than BI — so it gave time back and the job is draining. A job that keeps up drains the
 *       backlog in a few intervals; a job that cannot keep up (PT ≥ BI) never drains anything, so this
 *       step ends at once for it. At most {@value #MAX_BACKLOG_BATCHES} batches.</li>
 * </ol>
 *
 * <p>The count depends only on the batches so far, and once a batch is measured it stays measured:
 * a run can mark each row of its live table as it comes and stop after N measured batches.
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
     * @param nominalLines lines the source sends per batch interval (rate × BI); NaN when unknown
     *                     (a source that does not tell its rate): then the first batch with any record counts as full
     * @return how many leading batches are warm-up; {@code batches.size()} while warm-up is not over
     */
    public static int batches(List<BatchMetrics> batches, double nominalLines) {
        int n = batches.size();
        int firstFull = -1;
        for (int i = 0; i < n && firstFull < 0; i++) {
            if (full(batches.get(i), nominalLines)) firstFull = i;
        }
        if (firstFull < 0) return n;
        // The first full batch is warm-up too; then every batch still draining the start-up backlog, up to the cap.
        // Running out of batches while draining returns them all: warm-up is not over yet.
        int w = firstFull + 1;
        int cap = firstFull + 1 + MAX_BACKLOG_BATCHES;
        while (w < n && w < cap && draining(batches.get(w))) w++;
        return w;
    }

    static boolean full(BatchMetrics b, double nominalLines) {
        return Double.isNaN(nominalLines) || nominalLines <= 0 ? b.records() > 0 : b.records() >= FULL_BATCH_SHARE * nominalLines;
    }

    /** Still working off the start-up backlog: not caught up, but faster than BI, so the backlog shrinks by BI − PT. */
    static boolean draining(BatchMetrics b) {
        return !caughtUp(b) && b.processingTimeMs() < b.batchIntervalMs();
    }

    static boolean caughtUp(BatchMetrics b) {
        return b.queuedBatches() == 0 && b.schedulingDelayMs() <= CAUGHT_UP_SD_SHARE * b.batchIntervalMs();
    }
}
