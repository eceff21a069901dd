package io.ssplab.exercises.structured;

import java.time.Duration;

/**
 * Structured Streaming exercise, step 2: <em>fix</em> the overload you created in step 1.
 *
 * <p>Same pipeline, same source at 140 lines/s, same 3 s trigger and the same 16 ms per line: make every
 * micro-batch end within its trigger (STABLE), with r·T rows per batch and no lateness. What is left to
 * change is how the work is spread: the task slots (gap 3) and the partitions (gap 4).
 *
 * <p>The rules, which {@code bin/ssp check fix-delay --api structured} verifies: the trigger stays step 1's (a
 * longer one hides the overload instead of fixing it) and so does the wait per line (the lesson is the slots,
 * not a lighter load). {@code bin/ssp plan --job ss-overload --master local[N] --partitions P --cost 16ms}
 * predicts your values before anything runs.
 *
 * <p>Run: {@code bin/ssp run fix-delay --api structured}. Check: {@code bin/ssp check fix-delay --api structured}.
 */
public class QueryFixDelayExercise extends QueryExercise {

    @Override
    public Duration trigger() {
        // GAP 1: the trigger stays as in step 1.
        return gap(1);
    }

    @Override
    public Duration costPerLine() {
        // GAP 2: the wait per line stays as in step 1.
        return gap(2);
    }

    @Override
    public int cores() {
        // GAP 3: how many task slots let the waits run side by side? (no receiver holds one in a query)
        return gap(3);
    }

    @Override
    public int partitions() {
        // GAP 4: how many partitions keep all the slots busy in one wave?
        return gap(4);
    }

    @Override
    public int topWordsToPrint() {
        // GAP 5: how many of the most frequent words to print per micro-batch?
        return gap(5);
    }

    @Override
    public String name() {
        return "ss-fix-delay";
    }
}
