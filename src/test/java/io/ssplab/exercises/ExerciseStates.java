package io.ssplab.exercises;

import java.time.Duration;

import io.ssplab.solutions.FillGapsSolution;
import io.ssplab.solutions.FixDelaySolution;

/**
 * The student's exercise in each state it goes through — as shipped (every gap open), partly filled,
 * solved — as test fixtures, independent of the real files in src/main/java/io/ssplab/exercises: a
 * student edits those, and the suite must pass whatever state they are in. Each fixture has the
 * exercise's name (so its gaps have the exercise's names and hints) and the master the exercise ships
 * with; a filled gap holds the reference solution's value.
 */
public final class ExerciseStates {
    private ExerciseStates() {
    }

    /** fill-gaps with its first {@code filled} gaps (0–5) holding the solution's values, the others still open. */
    public static FillGaps fillGaps(int filled) {
        return new FillGaps(filled);
    }

    /** fix-delay with its first {@code filled} gaps (0–5) holding the solution's values, the others still open. */
    public static FixDelay fixDelay(int filled) {
        return new FixDelay(filled);
    }

    /** Gap {@code n} is filled when {@code n ≤ filled}; else it is open, as in the shipped file. */
    abstract static class Filled extends WordCountExercise {
        private final int filled;
        private final WordCountExercise solution;

        Filled(int filled, WordCountExercise solution) {
            if (filled < 0 || filled > 5) throw new IllegalArgumentException("gaps filled: 0–5, not " + filled);
            this.filled = filled;
            this.solution = solution;
        }

        private boolean isFilled(int gap) {
            return gap <= filled;
        }

        @Override
        public Duration batchInterval() {
            return isFilled(1) ? solution.batchInterval() : gap(1);
        }

        @Override
        public Duration sleepPerLine() {
            return isFilled(2) ? solution.sleepPerLine() : gap(2);
        }

        @Override
        public int repartitionTo() {
            return isFilled(3) ? solution.repartitionTo() : gap(3);
        }

        @Override
        public int reducePartitions() {
            return isFilled(4) ? solution.reducePartitions() : gap(4);
        }

        @Override
        public int topWordsToPrint() {
            return isFilled(5) ? solution.topWordsToPrint() : gap(5);
        }

        @Override
        public String master() {
            return solution.master();
        }

        @Override
        public String name() {
            return solution.name();
        }
    }

    /** Step 1's exercise in one of its states. */
    public static final class FillGaps extends Filled {
        FillGaps(int filled) {
            super(filled, new FillGapsSolution());
        }
    }

    /** Step 2's exercise in one of its states. */
    public static final class FixDelay extends Filled {
        FixDelay(int filled) {
            super(filled, new FixDelaySolution());
        }
    }
}
