package io.ssplab.exercises.structured;

import java.time.Duration;

import io.ssplab.solutions.structured.QueryFillGapsSolution;
import io.ssplab.solutions.structured.QueryFixDelaySolution;

/**
 * The Structured Streaming exercises in each state a student takes them through (as shipped: every gap open;
 * partly filled; solved) as test fixtures, independent of the real files a student edits (the suite passes
 * whatever state those are in). A filled gap holds the reference solution's value; {@link #with} changes one.
 */
public final class QueryExerciseStates {
    private QueryExerciseStates() {
    }

    /** ss-fill-gaps with its first {@code filled} gaps (0–5) holding the solution's values, the others still open. */
    public static Filled fillGaps(int filled) {
        return new Filled(filled, new QueryFillGapsSolution(), null, null, null, null);
    }

    /** ss-fix-delay with its first {@code filled} gaps (0–5) holding the solution's values, the others still open. */
    public static Filled fixDelay(int filled) {
        return new Filled(filled, new QueryFixDelaySolution(), null, null, null, null);
    }

    /** Every gap filled, with the given values instead of the solution's where not null. */
    public static Filled with(QueryExercise solution, Duration trigger, Duration cost, Integer cores, Integer partitions) {
        return new Filled(5, solution, trigger, cost, cores, partitions);
    }

    /** Gap {@code n} is filled when {@code n ≤ filled}; else it is open, as in the shipped file. */
    public static final class Filled extends QueryExercise {
        private final int filled;
        private final QueryExercise solution;
        private final Duration trigger;
        private final Duration cost;
        private final Integer cores;
        private final Integer partitions;

        Filled(int filled, QueryExercise solution, Duration trigger, Duration cost, Integer cores, Integer partitions) {
            if (filled < 0 || filled > 5) throw new IllegalArgumentException("gaps filled: 0–5, not " + filled);
            this.filled = filled;
            this.solution = solution;
            this.trigger = trigger;
            this.cost = cost;
            this.cores = cores;
            this.partitions = partitions;
        }

        @Override
        public Duration trigger() {
            return filled >= 1 ? (trigger != null ? trigger : solution.trigger()) : gap(1);
        }

        @Override
        public Duration costPerLine() {
            return filled >= 2 ? (cost != null ? cost : solution.costPerLine()) : gap(2);
        }

        @Override
        public int cores() {
            return filled >= 3 ? (cores != null ? cores : solution.cores()) : gap(3);
        }

        @Override
        public int partitions() {
            return filled >= 4 ? (partitions != null ? partitions : solution.partitions()) : gap(4);
        }

        @Override
        public int topWordsToPrint() {
            return filled >= 5 ? solution.topWordsToPrint() : gap(5);
        }

        @Override
        public String name() {
            return solution.name();
        }
    }
}
