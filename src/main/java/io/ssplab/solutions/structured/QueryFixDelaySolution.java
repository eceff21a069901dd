package io.ssplab.solutions.structured;

import java.time.Duration;

import io.ssplab.exercises.structured.QueryExercise;
import io.ssplab.exercises.structured.QueryFixDelayExercise;

/**
 * Reference solution of the Structured Streaming exercise, step 2 ({@link QueryFixDelayExercise}): the same
 * shape, every gap filled; the knobs of the lesson ss-parallelism. Students: try the exercise first,
 * {@code bin/ssp check fix-delay --api structured} tells you how you did.
 *
 * <p>Run: {@code bin/ssp run fix-delay --api structured --solution}. Check: {@code bin/ssp check fix-delay --api structured --solution}.
 */
public class QueryFixDelaySolution extends QueryExercise {

    @Override
    public Duration trigger() {
        // SOLUTION 1: the trigger stays as in step 1
        return Duration.ofSeconds(3);
    }

    @Override
    public Duration costPerLine() {
        // SOLUTION 2: the wait per line stays as in step 1
        return Duration.ofMillis(16);
    }

    @Override
    public int cores() {
        // SOLUTION 3: local[8]: 8 task slots; the waits need no CPU, so 8 run side by side even on 2 cores
        return 8;
    }

    @Override
    public int partitions() {
        // SOLUTION 4: 8 partitions in 1 wave: a = 16 ms × 1 / 8 = 2 ms, a·r = 0.28, D = o + 0.84 s ≤ T 3 s while o ≤ 2.16 s
        return 8;
    }

    @Override
    public int topWordsToPrint() {
        // SOLUTION 5: as many as in step 1
        return 5;
    }

    @Override
    public String name() {
        return "ss-fix-delay";
    }
}
