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
 * <p>Why a schedule and not "sleep c after each record": every park wakes up late (0.05–0.5 ms on a
 * busy VM), and 210 records × 0.5 ms is a 10% error that would make PT depend on the machine again.
 * So, like the source's pacer, the cost is paid against intended time: a record that follows the
 * previous one within a cost period starts when the previous one was <em>due</em> to end, so a late
 * wake-up shortens the next wait instead of adding up. A task of n records takes n × cost plus at
 * most one wake-up delay. {@link LockSupport#parkNanos} honours sub-millisecond costs (Thread.sleep
 * rounds to whole ms on Java 17).
 */
public final class RecordCost {
    /** Per task thread: when the previous record's cost was due to end (System.nanoTime). */
    private static final ThreadLocal<long[]> PREVIOUS_DUE = ThreadLocal.withInitial(() -> new long[] {Long.MIN_VALUE});

    private RecordCost() {
    }

    /** Waits {@code costNanos} (on schedule, see above); returns at once for 0. Keeps the interrupt flag. */
    public static void pay(long costNanos) {
        if (costNanos <= 0) return;
        long[] previousDue = PREVIOUS_DUE.get();
        long now = System.nanoTime();
        boolean catchingUp = previousDue[0] != Long.MIN_VALUE && now - previousDue[0] >= 0 && now - previousDue[0] < costNanos;
        long start = catchingUp ? previousDue[0] : now;
        long due = start + costNanos;
        previousDue[0] = due;
        long left;
        while ((left = due - System.nanoTime()) > 0) {
            LockSupport.parkNanos(left);
            if (Thread.currentThread().isInterrupted()) return;
        }
    }

    public static void pay(Duration cost) {
        pay(cost.toNanos());
    }
}
