package io.ssplab.accounting;

import io.ssplab.source.SocketSource;

/**
 * Ends a run with an embedded source so that its accounting can balance: the source stops writing
 * (the connection stays open, so the receiver does not start reconnecting), the receiver's last
 * block is cut into a batch, and, if the job is keeping up, that batch is processed.
 *
 * <p>Bounded: it waits at most one batch interval plus two block intervals plus three seconds (a busy machine) for the
 * lines to be received, and two batch intervals and five seconds more (a busy machine) for them to be processed — and not at all for
 * the latter when batches are queued (an overloaded job would need the whole backlog's time; its
 * summary reports the backlog instead).
 */
public final class Drain {
    private Drain() {
    }

    public static void afterStop(SocketSource source, AccountingListener accounting, long batchIntervalMs, long blockIntervalMs)
            throws InterruptedException {
        long total = source.pause();
        waitUntil(() -> accounting.receivedLines() >= total, batchIntervalMs + 2 * blockIntervalMs + 3000);
        if (accounting.pendingBatches() <= 2)
            waitUntil(() -> accounting.pendingBatches() == 0, 2 * batchIntervalMs + 5000);
    }

    private static void waitUntil(java.util.function.BooleanSupplier done, long timeoutMs) throws InterruptedException {
        long deadline = System.nanoTime() + timeoutMs * 1_000_000L;
        while (!done.getAsBoolean() && System.nanoTime() < deadline) Thread.sleep(25);
    }
}
