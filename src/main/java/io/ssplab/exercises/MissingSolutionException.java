package io.ssplab.exercises;

import io.ssplab.core.Messages;

/**
 * Thrown by a gap the student has not filled yet. The message names the exercise, the gap (by
 * number and name, as in the exercise's comments) and a hint — never the answer — in the reader's
 * language (messages {@code exercise.EXERCISE.gapN.name} and {@code .hint}).
 */
public class MissingSolutionException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final String exercise;
    private final int gap;

    public MissingSolutionException(String exercise, int gap) {
        super(Messages.get("exercise.gapOpen", exercise, gap, gapName(exercise, gap), hint(exercise, gap)));
        this.exercise = exercise;
        this.gap = gap;
    }

    public String exercise() {
        return exercise;
    }

    public int gap() {
        return gap;
    }

    public String gapName() {
        return gapName(exercise, gap);
    }

    public String hint() {
        return hint(exercise, gap);
    }

    static String gapName(String exercise, int gap) {
        return Messages.get("exercise." + exercise + ".gap" + gap + ".name");
    }

    static String hint(String exercise, int gap) {
        return Messages.get("exercise." + exercise + ".gap" + gap + ".hint");
    }
}
