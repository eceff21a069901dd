package io.ssplab.pipeline;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;

/**
 * The injected bottleneck: a fixed wait per record, paid inside a Spark task.
 *
 * <p>Why a wait and not CPU work: a wait costs the same on every laptop and does not depend on how
 * many real cores there are, so {@code local[8]} on a 2-core machine really runs 7 tasks at once and
 * the lesson's arithmetic (records × cost ÷ parallel slots) holds everywhere. CPU-bound work would
 * make the numbers depend on the machine — exactly the "it depends" the original demo suffered from.
 *
 * <p>{@link LockSupport#parkNanos} honours sub-millisecond costs (Thread.sleep rounds to whole ms on
 * Java 17); the loop guards against early (spurious) wake-ups.
 */
public final class RecordCost {
    private RecordCost() {
    }

    /** Waits {@code costNanos}; returns at once for 0. Keeps the interrupt flag if interrupted. */
    public static void pay(long costNanos) {
        if (costNanos <= 0) return;
        long deadline = System.nanoTime() + costNanos;
        long left;
        while ((left = deadline - System.nanoTime()) > 0) {
            LockSupport.parkNanos(left);
            if (Thread.currentThread().isInterrupted()) return;
        }
    }

    public static void pay(Duration cost) {
        pay(cost.toNanos());
    }
}
