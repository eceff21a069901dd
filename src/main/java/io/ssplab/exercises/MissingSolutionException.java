package io.ssplab.exercises;

/**
 * Thrown by a gap the student has not filled yet. The message names the exercise, the gap (by
 * number and name, as in the exercise's comments) and a hint — never the answer.
 */
public class MissingSolutionException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final String exercise;
    private final int gap;
    private final String gapName;
    private final String hint;

    public MissingSolutionException(String exercise, int gap, String gapName, String hint) {
        super(exercise + ": gap " + gap + " (" + gapName + ") is not filled yet. Hint: " + hint);
        this.exercise = exercise;
        this.gap = gap;
        this.gapName = gapName;
        this.hint = hint;
    }

    public String exercise() {
        return exercise;
    }

    public int gap() {
        return gap;
    }

    public String gapName() {
        return gapName;
    }

    public String hint() {
        return hint;
    }
}
