package io.ssplab.pipeline;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;

import org.apache.spark.TaskContext;

/**
 * The injected bottleneck: a fixed wait per record, paid inside a Spark task.
 *
 * <p>Why a wait and not CPU work: a wait costs the same on every laptop and does not depend on how
 * many real cores there are, so {@code local[8]} on a 2-core machine really runs 7 tasks at once and
 * the lesson's arithmetic (records × cost ÷ parallel slots) holds everywhere. CPU-bound work would
 * make the numbers depend on the machine — exactly the "it depends" the original demo suffered from.
 *
 * <p>Why a schedule and not "sleep c after each record": every park wakes up late (0.05–0.5 ms on a
 * busy VM, several ms on a loaded one), and 210 records × 0.5 ms is a 10% error that would make PT depend
 * on the machine again. So, like the source's pacer, the cost is paid against intended time: the k-th
 * record of a task is due k × cost after the task's first record started, so a late wake-up, however
 * late, shortens the waits after it instead of adding up. (Until 2026-11 a record caught up only when it
 * was less than one cost period late; on a machine loaded to 10× its cores, wake-ups later than that
 * doubled the cost stage's run time — measured with {@code bin/ssp sweep --breakdown}, docs/planner.md.)
 * The schedule belongs to one task: the first record of a task starts a new one, whatever ran before on
 * the same executor thread, so a task of n records waits n × cost (plus at most its last wake-up delay),
 * exactly what the arithmetic says. Work between records (reading, splitting) hides inside the waits as
 * long as the task's records leave room for it.
 * {@link LockSupport#parkNanos} honours sub-millisecond costs (Thread.sleep rounds to whole ms on Java 17).
 */
public final class RecordCost {
    /** Per executor thread: the task whose schedule this is, and when its previous record's cost was due to end. */
    private static final ThreadLocal<long[]> SCHEDULE = ThreadLocal.withInitial(() -> new long[] {Long.MIN_VALUE, 0});

    private RecordCost() {
    }

    /** Waits {@code costNanos} (on schedule, see above); returns at once for 0. Keeps the interrupt flag. */
    public static void pay(long costNanos) {
        if (costNanos <= 0) return;
        long[] schedule = SCHEDULE.get();
        long task = currentTask();
        long now = System.nanoTime();
        // the same task: the next record is due one cost after the previous one was due, however late this one starts
        // (a record can only start before that due time after an interrupt: then it starts now)
        boolean sameTask = schedule[0] == task && now - schedule[1] >= 0;
        long due = (sameTask ? schedule[1] : now) + costNanos;
        schedule[0] = task;
        schedule[1] = due;
        long left;
        while ((left = due - System.nanoTime()) > 0) {
            LockSupport.parkNanos(left);
            if (Thread.currentThread().isInterrupted()) return;
        }
    }

    public static void pay(Duration cost) {
        pay(cost.toNanos());
    }

    /** The running task's attempt id; outside a Spark task (a unit test, a plain loop) -1: the thread is one schedule. */
    private static long currentTask() {
        TaskContext context = TaskContext.get();
        return context == null ? -1 : context.taskAttemptId();
    }
}
