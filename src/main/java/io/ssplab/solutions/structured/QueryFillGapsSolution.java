package io.ssplab.solutions.structured;

import java.time.Duration;

import io.ssplab.exercises.structured.QueryExercise;
import io.ssplab.exercises.structured.QueryFillGapsExercise;

/**
 * Reference solution of the Structured Streaming exercise, step 1 ({@link QueryFillGapsExercise}): the same
 * shape, every gap filled; the knobs of the lesson ss-overload. Students: try the exercise first,
 * {@code bin/ssp check fill-gaps --api structured} tells you how you did.
 *
 * <p>Run: {@code bin/ssp run fill-gaps --api structured --solution}. Check: {@code bin/ssp check fill-gaps --api structured --solution}.
 */
public class QueryFillGapsSolution extends QueryExercise {

    @Override
    public Duration trigger() {
        // SOLUTION 1: a micro-batch every 3 seconds: 140 lines/s × 3 s = 420 lines when it starts on time
        return Duration.ofSeconds(3);
    }

    @Override
    public Duration costPerLine() {
        // SOLUTION 2: 16 ms per line
        return Duration.ofMillis(16);
    }

    @Override
    public int cores() {
        // SOLUTION 3: local[2]: 2 task slots, all free (the socket source reads at the driver)
        return 2;
    }

    @Override
    public int partitions() {
        // SOLUTION 4: 2 partitions in 1 wave: a = 16 ms × 1 / 2 = 8 ms per line, a·r = 8 ms × 140/s = 1.12 ≥ 1:
        // every micro-batch lasts longer than the lines it took in took to arrive, so each is bigger than the one before
        return 2;
    }

    @Override
    public int topWordsToPrint() {
        // SOLUTION 5: the top 5 words
        return 5;
    }

    @Override
    public String name() {
        return "ss-fill-gaps";
    }
}
