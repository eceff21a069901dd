package io.ssplab.accounting;

import io.ssplab.source.SocketSource;

/**
 * Ends a run with an embedded source so that its accounting can balance: the source stops writing
 * (the connection stays open, so the receiver does not start reconnecting), the receiver's last
 * block is cut into a batch, and, if the job is keeping up, the batches up to that one are processed.
 *
 * <p>Bounded: it waits at most one batch interval plus two block intervals plus three seconds (a busy machine) for the
 * lines to be received, and two batch intervals and five seconds more (a busy machine) for them to be processed — and not at all for
 * the latter when batches are queued (an overloaded job would need the whole backlog's time; its
 * summary reports the backlog instead). Once every line was received, only the batches that hold lines are waited
 * for, not the empty ones cut after them: a job just behind its interval always has one of those in progress.
 */
public final class Drain {
    private Drain() {
    }

    public static void afterStop(SocketSource source, AccountingListener accounting, long batchIntervalMs, long blockIntervalMs)
            throws InterruptedException {
        long total = source.pause();
        boolean allReceived = waitUntil(() -> accounting.receivedLines() >= total, batchIntervalMs + 2 * blockIntervalMs + 3000);
        // Every line received: the batches that hold them are cut by now; else a later batch may still bring some.
        long last = allReceived ? accounting.lastSubmittedBatchTime() : Long.MAX_VALUE;
        if (accounting.pendingUpTo(last) <= 2)
            waitUntil(() -> accounting.pendingUpTo(last) == 0, 2 * batchIntervalMs + 5000);
    }

    /** @return whether {@code done} came true within the timeout */
    private static boolean waitUntil(java.util.function.BooleanSupplier done, long timeoutMs) throws InterruptedException {
        long deadline = System.nanoTime() + timeoutMs * 1_000_000L;
        while (!done.getAsBoolean()) {
            if (System.nanoTime() >= deadline) return false;
            Thread.sleep(25);
        }
        return true;
    }
}
