package io.ssplab.metrics;

import java.util.List;

import io.ssplab.core.BatchMetrics;

/**
 * The warm-up rule of a Structured Streaming run: {@link Warmup}'s, with what "draining the start-up
 * backlog" looks like for micro-batches. A DStream job drains its start-up backlog with batches faster than
 * BI; a query has no backlog of batches, its first slow batches (JIT, the first shuffle, a busy machine)
 * make the next ones start late and take in more rows instead, so it drains with batches that may still
 * last longer than the trigger but are each shorter than the one before.
 *
 * <ol>
 *   <li>Every batch up to and including the first full one ({@link Warmup}: at least half of r × T rows;
 *       a query's batch 0 is empty: the socket source connects while it runs).</li>
 *   <li>Then the batches still draining the start-up lateness, at most {@value Warmup#MAX_BACKLOG_BATCHES}:
 *       not caught up (late by more than {@value Warmup#CAUGHT_UP_SD_SHARE} × T) and either within the trigger
 *       or shorter than the batch before. A query that settles behind its trigger (FALLING_BEHIND) from above
 *       is still converging while its batches shrink; one whose batches grow (UNSTABLE) never drains.</li>
 * </ol>
 * Prefix-stable like {@link Warmup}: a live table can mark each row as it comes.
 */
public final class StructuredWarmup {
    private StructuredWarmup() {
    }

    /** @return how many leading batches are warm-up; {@code batches.size()} while warm-up is not over */
    public static int batches(List<BatchMetrics> batches, double nominalLines) {
        int n = batches.size();
        int firstFull = -1;
        for (int i = 0; i < n && firstFull < 0; i++) {
            if (Warmup.full(batches.get(i), nominalLines)) firstFull = i;
        }
        if (firstFull < 0) return n;
        int w = firstFull + 1;
        int cap = firstFull + 1 + Warmup.MAX_BACKLOG_BATCHES;
        while (w < n && w < cap && draining(batches.get(w), batches.get(w - 1))) w++;
        return w;
    }

    static boolean draining(BatchMetrics b, BatchMetrics previous) {
        return !Warmup.caughtUp(b) && (b.processingTimeMs() < b.batchIntervalMs() || b.processingTimeMs() < previous.processingTimeMs());
    }
}
