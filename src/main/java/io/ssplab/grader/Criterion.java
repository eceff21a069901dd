package io.ssplab.grader;

/**
 * One line of a grade: what the lesson asks, what was found, and — when it is not met — a hint that
 * explains the cause in the lesson's terms (BI, PT, SD, partitions, free task slots, waves).
 *
 * @param name     what is checked, e.g. "PT > BI in most batches"
 * @param passed   whether it is met
 * @param measured the number found, e.g. "6 of 6 batches; median PT 2.35 s, BI 2.00 s"
 * @param hint     why it is not met and where to look; empty when passed
 */
public record Criterion(String name, boolean passed, String measured, String hint) {

    public static Criterion pass(String name, String measured) {
        return new Criterion(name, true, measured, "");
    }

    public static Criterion fail(String name, String measured, String hint) {
        return new Criterion(name, false, measured, hint);
    }

    public static Criterion of(boolean passed, String name, String measured, String hintIfFailed) {
        return passed ? pass(name, measured) : fail(name, measured, hintIfFailed);
    }
}
