package io.ssplab.exercises;

import io.ssplab.solutions.FixSkewSolution;

/**
 * The skew exercise ({@code fix-skew}) in each state a student leaves it — as shipped (every gap open),
 * partly filled, solved — as test fixtures, independent of the real {@link FixSkewExercise} a student
 * edits (the suite must pass whatever state it is in). A filled gap holds the reference solution's code;
 * see {@link ExerciseStates} for the word-count exercises.
 */
public final class SaltingStates {
    private SaltingStates() {
    }

    /** fix-skew with its first {@code filled} gaps (0–3) holding the solution's code, the others still open. */
    public static FixSkew fixSkew(int filled) {
        return new FixSkew(filled);
    }

    /** Gap {@code n} is filled when {@code n ≤ filled}; else it is open, as in the shipped file. */
    public static final class FixSkew extends SaltingExercise {
        private static final long serialVersionUID = 1L;
        private final int filled;
        private final FixSkewSolution solution = new FixSkewSolution();

        FixSkew(int filled) {
            if (filled < 0 || filled > 3) throw new IllegalArgumentException("gaps filled: 0–3, not " + filled);
            this.filled = filled;
        }

        @Override
        public int salts() {
            return filled >= 1 ? solution.salts() : gap(1);
        }

        @Override
        public String saltedKey(String word, int recordIndex) {
            return filled >= 2 ? solution.saltedKey(word, recordIndex) : gap(2);
        }

        @Override
        public String originalKey(String saltedKey) {
            return filled >= 3 ? solution.originalKey(saltedKey) : gap(3);
        }

        @Override
        public String name() {
            return solution.name();
        }
    }
}
