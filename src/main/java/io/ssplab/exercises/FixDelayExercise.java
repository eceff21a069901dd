package io.ssplab.exercises;

import java.time.Duration;

/**
 * Exercise, step 2 — <em>fix</em> the delay you created in step 1.
 *
 * <p>Same pipeline, same source, same 2 s batch interval, and every line still costs a wait (a
 * lighter one is allowed: step 2 suggests 5 ms). Make the batches finish in time: PT below BI in
 * every batch, scheduling delay back at 0, no queued batches, no line dropped. This step runs on
 * {@code local[8]}: 8 task slots, one held by the receiver.
 *
 * <p>What to observe (Spark UI → Streaming, or the live table): PT under the 2 s line, Scheduling
 * Delay flat at 0, Total Delay ≈ PT. Compare with step 1: what changed the processing time?
 *
 * <p>The rules, which {@code bin/ssp check fix-delay} verifies: the batch interval stays 2 s (a
 * longer one hides the delay instead of fixing it), a wait per line is still paid (removing it is not
 * the fix being taught), every received line is counted (dropping lines is not a fix either), and
 * the source keeps its full rate. Read step 2 in {@code exercises/README.md} (or README.vi.md).
 *
 * <p>Your values feed the exercise's pipeline ({@link WordCountExercise}, the same for your code and the
 * solution): {@code lines → repartition(gap 3) → wait per line (gap 2) → split → (word, 1) →
 * reduceByKey(+, gap 4)}, a batch every gap 1, printing the top gap 5 words.
 *
 * <p>Run: {@code bin/ssp run fix-delay}. Check: {@code bin/ssp check fix-delay}.
 */
public class FixDelayExercise extends WordCountExercise {

    @Override
    public Duration batchInterval() {
        // GAP 1: the batch interval stays as in step 1.
        return gap(1);
    }

    @Override
    public Duration sleepPerLine() {
        // GAP 2: each line still costs a wait — how much? (step 2 suggests a lighter one)
        return gap(2);
    }

    @Override
    public int repartitionTo() {
        // GAP 3: how many partitions let the free task slots work on one batch at once?
        return gap(3);
    }

    @Override
    public int reducePartitions() {
        // GAP 4: how many partitions does reduceByKey produce?
        return gap(4);
    }

    @Override
    public int topWordsToPrint() {
        // GAP 5: how many of the most frequent words to print per batch?
        return gap(5);
    }

    @Override
    public String master() {
        return "local[8]";   // 8 task slots; the receiver holds one of them
    }

    @Override
    public String name() {
        return "fix-delay";
    }

    /** Under plain spark-submit, with {@code bin/ssp source} running: see {@link io.ssplab.pipeline.Standalone}. */
    public static void main(String[] args) throws InterruptedException {
        new FixDelayExercise().runStandalone(args);
    }
}
