package io.ssplab.grader;

import java.time.Duration;

import io.ssplab.solutions.FillGapsSolution;
import io.ssplab.solutions.FixDelaySolution;

/**
 * Exercises as students get them wrong: each must fail with the hint that names its mistake. They
 * extend the reference solutions, never the student's files (which a student edits); the exercise's
 * states (open, partly filled, solved) are {@link io.ssplab.exercises.ExerciseStates}.
 */
final class Variants {
    private Variants() {
    }

    /** Step 1 with step 2's parallelism in the gaps: wrong values, caught before Spark starts. */
    static class EightPartitionFillGaps extends FillGapsSolution {
        @Override
        public int repartitionTo() {
            return 8;
        }

        @Override
        public int reducePartitions() {
            return 8;
        }
    }

    /** Wrong durations, to see how they are shown. */
    static class SlowFillGaps extends FillGapsSolution {
        @Override
        public Duration batchInterval() {
            return Duration.ofSeconds(1);
        }

        @Override
        public Duration sleepPerLine() {
            return Duration.ofNanos(1_500_000);
        }
    }

    /** A value that is not a value. */
    static class NullIntervalFillGaps extends FillGapsSolution {
        @Override
        public Duration batchInterval() {
            return null;
        }
    }

    /** Every gap as step 1 asks, but on local[8]: 4 partitions fit in one wave, so no delay builds up. */
    static class TooParallelFillGaps extends FillGapsSolution {
        @Override
        public String master() {
            return "local[8]";
        }
    }

    /** Step 2 that changed nothing that matters: 4 partitions on local[4], step 1's 15 ms. */
    static class Step1CopiedFixDelay extends FixDelaySolution {
        @Override
        public Duration sleepPerLine() {
            return Duration.ofMillis(15);
        }

        @Override
        public int repartitionTo() {
            return 4;
        }

        @Override
        public int reducePartitions() {
            return 4;
        }

        @Override
        public String master() {
            return "local[4]";
        }
    }

    /** Step 2 that removes the cost instead of spreading it. */
    static class FreeFixDelay extends FixDelaySolution {
        @Override
        public Duration sleepPerLine() {
            return Duration.ZERO;
        }
    }

    /** Step 2 with a longer batch interval: more budget instead of less work. */
    static class LongIntervalFixDelay extends FixDelaySolution {
        @Override
        public Duration batchInterval() {
            return Duration.ofSeconds(10);
        }
    }

    /** A master the check cannot run. */
    static class ClusterFixDelay extends FixDelaySolution {
        @Override
        public String master() {
            return "spark://127.0.0.1:7077";
        }
    }

    /** Knobs that cannot run at all. */
    static class NoPartitionsFixDelay extends FixDelaySolution {
        @Override
        public int repartitionTo() {
            return 0;
        }
    }
}
