package io.ssplab.exercises.structured;

import java.time.Duration;

/**
 * Structured Streaming exercise, step 1: fill the gaps and <em>create</em> an overload.
 *
 * <p>Step 1 asks for: trigger 3 s, a wait of 16 ms per line, {@code local[2]}, 2 partitions, print the top 5
 * words. Replace each {@code gap(…)} call below with your value. Read docs/structured-streaming.md and the
 * Structured Streaming section of exercises/README.md (or README.vi.md) first.
 *
 * <p>Before you run it, predict with the micro-batch arithmetic: a = wait × waves / P, a·r with r = 140 lines/s.
 * Is a·r below or above 1? What happens to a micro-batch that starts late?
 *
 * <p>Run: {@code bin/ssp run fill-gaps --api structured}. Check: {@code bin/ssp check fill-gaps --api structured}.
 */
public class QueryFillGapsExercise extends QueryExercise {

    @Override
    public Duration trigger() {
        // GAP 1: how often does a micro-batch start? (step 1: 3 seconds)
        return gap(1);
    }

    @Override
    public Duration costPerLine() {
        // GAP 2: how long does one line cost? (step 1: 16 milliseconds)
        return gap(2);
    }

    @Override
    public int cores() {
        // GAP 3: how many task slots, N of local[N]? (step 1: 2)
        return gap(3);
    }

    @Override
    public int partitions() {
        // GAP 4: into how many partitions is each micro-batch split? (step 1: 2)
        return gap(4);
    }

    @Override
    public int topWordsToPrint() {
        // GAP 5: how many of the most frequent words to print per micro-batch? (step 1: 5)
        return gap(5);
    }

    @Override
    public String name() {
        return "ss-fill-gaps";
    }
}
