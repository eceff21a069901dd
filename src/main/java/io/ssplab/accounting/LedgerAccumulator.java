package io.ssplab.accounting;

import java.util.HashMap;
import java.util.Map;

import org.apache.spark.SparkContext;
import org.apache.spark.util.AccumulatorV2;

/**
 * Carries the per-batch {@link BatchTally tallies} from Spark's tasks to the driver, keyed by batch
 * time. Tasks fill their own copy ({@link #tally}); Spark merges the copies of successful tasks on the
 * driver; the accounting listener {@link #take takes} a batch's tally when the batch completes.
 *
 * <p>One instance per SparkContext, found through {@link #of}: a checkpointed streaming graph must not
 * hold an accumulator (it would come back from the checkpoint unregistered), so the accounting step
 * looks it up at each batch instead, the way Spark's guide recommends for recoverable jobs.
 */
public final class LedgerAccumulator extends AccumulatorV2<BatchTally, Map<Long, BatchTally>> {
    private static final long serialVersionUID = 1L;
    private static LedgerAccumulator current;
    /** Weak: a stopped context is not kept alive by the lab (tests run several in one JVM). */
    private static java.lang.ref.WeakReference<SparkContext> currentContext = new java.lang.ref.WeakReference<>(null);

    private final HashMap<Long, BatchTally> batches = new HashMap<>();

    /** The accumulator of this SparkContext, registered on first use. */
    public static synchronized LedgerAccumulator of(SparkContext sc) {
        if (currentContext.get() != sc) {
            LedgerAccumulator acc = new LedgerAccumulator();
            sc.register(acc); // unnamed: the Spark UI would otherwise print every tally of every task
            current = acc;
            currentContext = new java.lang.ref.WeakReference<>(sc);
        }
        return current;
    }

    /** The task-local tally of a batch: only a task's own copy is written to, by that task's thread. */
    public BatchTally tally(long batchTimeMs) {
        return batches.computeIfAbsent(batchTimeMs, BatchTally::new);
    }

    /** Removes and returns a batch's merged tally (null if the batch had no line). Driver side. */
    public synchronized BatchTally take(long batchTimeMs) {
        return batches.remove(batchTimeMs);
    }

    /**
     * Null-safe on purpose: on an executor, AccumulatorV2's own readObject registers this accumulator with the
     * task before Java deserialisation has filled in this subclass's fields, and the executor's heartbeat thread
     * may ask isZero() in between (it did under load: a NullPointerException on "executor-heartbeater").
     */
    @Override
    public synchronized boolean isZero() {
        return batches == null || batches.isEmpty();
    }

    @Override
    public synchronized LedgerAccumulator copy() {
        LedgerAccumulator c = new LedgerAccumulator();
        for (Map.Entry<Long, BatchTally> e : batches.entrySet()) c.tally(e.getKey()).addAll(e.getValue());
        return c;
    }

    @Override
    public synchronized void reset() {
        batches.clear();
    }

    @Override
    public synchronized void add(BatchTally t) {
        tally(t.batchTimeMs()).addAll(t);
    }

    @Override
    public void merge(AccumulatorV2<BatchTally, Map<Long, BatchTally>> other) {
        Map<Long, BatchTally> theirs = other.value();
        synchronized (this) {
            for (BatchTally t : theirs.values()) tally(t.batchTimeMs()).addAll(t);
        }
    }

    @Override
    public synchronized Map<Long, BatchTally> value() {
        return new HashMap<>(batches);
    }
}
