package io.ssplab.solutions;

import java.time.Duration;

import io.ssplab.exercises.FillGapsExercise;
import io.ssplab.exercises.WordCountExercise;

/**
 * Reference solution of exercise step 1 ({@link FillGapsExercise}): the same shape, every gap filled.
 * Students: try the exercise first — {@code bin/ssp check fill-gaps} tells you how you did.
 *
 * <p>Run: {@code bin/ssp run fill-gaps --solution}. Check: {@code bin/ssp check fill-gaps --solution}.
 */
public class FillGapsSolution extends WordCountExercise {

    @Override
    public Duration batchInterval() {
        // SOLUTION 1: how often is a batch cut? (step 1: 2 seconds)
        return Duration.ofSeconds(2);
    }

    @Override
    public Duration sleepPerLine() {
        // SOLUTION 2: how long does one line cost? (step 1: 15 milliseconds)
        return Duration.ofMillis(15);
    }

    @Override
    public int repartitionTo() {
        // SOLUTION 3: 4 partitions of 70 lines on 3 free slots: 2 waves × 70 lines × 15 ms ≈ 2.10 s of waits,
        // + ≈ 0.06 s of Spark's own work (the model's default) ≈ 2.16 s > BI
        return 4;
    }

    @Override
    public int reducePartitions() {
        // SOLUTION 4: how many partitions does reduceByKey produce? (step 1: 4)
        return 4;
    }

    @Override
    public int topWordsToPrint() {
        // SOLUTION 5: how many of the most frequent words to print per batch? (step 1: 5)
        return 5;
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
        new FillGapsSolution().runStandalone(args);
    }
}
