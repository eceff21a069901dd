package io.ssplab.source;

import java.util.concurrent.locks.LockSupport;

/**
 * Paces a sender against the clock by <em>intended</em> send time, not by sleeping a fixed period
 * after each send.
 *
 * <p>Why: "send, then sleep 1/rate" drifts, because every send and every oversleep adds up (at 140
 * lines/s a 0.1 ms oversleep per line is 1.4% too slow; at 100,000 lines/s a sleep cannot even be
 * that short). Here line {@code n} is due at {@code start + n / rate}; the sender asks how many lines
 * are due now, sends them all, and parks until the next one is due. A late wake-up is caught up on
 * the next call, so the long-run rate is exact whatever the sleep granularity.
 */
public final class Pacer {
    private final double linesPerSecond;
    private final long startNanos;
    private long sent;

    public Pacer(double linesPerSecond) {
        this(linesPerSecond, System.nanoTime());
    }

    /** Started at {@code startNanos} ({@link System#nanoTime()}): a sender that stamps due times needs the same origin. */
    public Pacer(double linesPerSecond, long startNanos) {
        if (!(linesPerSecond > 0)) throw new IllegalArgumentException("rate must be > 0");
        this.linesPerSecond = linesPerSecond;
        this.startNanos = startNanos;
    }

    /** Lines due at {@code nowNanos} that have not been handed out yet (0 if none is due). */
    public long due(long nowNanos) {
        long elapsed = nowNanos - startNanos;
        long dueTotal = (long) Math.floor(elapsed / 1e9 * linesPerSecond) + 1; // line 0 is due at start
        return Math.max(0, dueTotal - sent);
    }

    /** Records that {@code n} lines were sent. */
    public void sent(long n) {
        sent += n;
    }

    /** Total lines handed out so far. */
    public long sentTotal() {
        return sent;
    }

    /** When the next line is due, in {@link System#nanoTime()} terms. */
    public long nextDueNanos() {
        return dueNanos(sent);
    }

    /** When line {@code n} (counted from 0) is due, in {@link System#nanoTime()} terms. */
    public long dueNanos(long n) {
        return startNanos + (long) Math.ceil(n * 1e9 / linesPerSecond);
    }

    /**
     * Blocks until at least one line is due, then returns how many are due. Returns 0 only when the
     * thread is interrupted.
     */
    public long awaitDue() {
        while (true) {
            long now = System.nanoTime();
            long n = due(now);
            if (n > 0) return n;
            if (Thread.currentThread().isInterrupted()) return 0;
            LockSupport.parkNanos(nextDueNanos() - now);
        }
    }
}
