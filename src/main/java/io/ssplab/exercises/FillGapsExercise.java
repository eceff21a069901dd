package io.ssplab.exercises;

import java.time.Duration;

/**
 * Exercise, step 1 — fill the gaps and <em>create</em> a delay.
 *
 * <p>Step 1 asks for: batch interval 2 s, a wait of 15 ms per line, repartition to 4, reduceByKey
 * with 4 partitions, print the top 5 words, on {@code local[4]}. Replace each {@code gap(…)} call
 * below with your value. Read {@code exercises/README.md} (or README.vi.md) first.
 *
 * <p>What to observe once it runs (Spark UI → Streaming, http://127.0.0.1:4040/streaming/, or the
 * live table): is PT above or below BI? What does Scheduling Delay do, batch after batch? Why?
 *
 * <p>Your values feed the exercise's pipeline ({@link WordCountExercise}, the same for your code and the
 * solution): {@code lines → repartition(gap 3) → wait per line (gap 2) → split → (word, 1) →
 * reduceByKey(+, gap 4)}, a batch every gap 1, printing the top gap 5 words.
 *
 * <p>Run: {@code bin/ssp run fill-gaps}. Check: {@code bin/ssp check fill-gaps}.
 */
public class FillGapsExercise extends WordCountExercise {

    @Override
    public Duration batchInterval() {
        // GAP 1: how often is a batch cut? (step 1: 2 seconds)
        return gap(1);
    }

    @Override
    public Duration sleepPerLine() {
        // GAP 2: how long does one line cost? (step 1: 15 milliseconds)
        return gap(2);
    }

    @Override
    public int repartitionTo() {
        // GAP 3: into how many partitions is each batch split? (step 1: 4)
        return gap(3);
    }

    @Override
    public int reducePartitions() {
        // GAP 4: how many partitions does reduceByKey produce? (step 1: 4)
        return gap(4);
    }

    @Override
    public int topWordsToPrint() {
        // GAP 5: how many of the most frequent words to print per batch? (step 1: 5)
        return gap(5);
    }

    @Override
    public String master() {
        return "local[4]";   // 4 task slots; the receiver holds one of them
    }

    @Override
    public String name() {
        return "fill-gaps";
    }

    /** Under plain spark-submit, with {@code bin/ssp source} running: see {@link io.ssplab.pipeline.Standalone}. */
    public static void main(String[] args) throws InterruptedException {
        new FillGapsExercise().runStandalone(args);
    }
}
