package io.ssplab.grader;

import io.ssplab.core.ExitCodes;

/** The verdict of a check, and the exit code {@code bin/ssp check} ends with. */
public enum Outcome {
    /** Every criterion met. */
    PASS(ExitCodes.OK),
    /** The exercise ran (or could not run) and at least one criterion is not met. */
    FAIL(ExitCodes.FAILED),
    /** A gap is still open: nothing was run. Never a pass. */
    NOT_ATTEMPTED(ExitCodes.FAILED);

    private final int exitCode;

    Outcome(int exitCode) {
        this.exitCode = exitCode;
    }

    public int exitCode() {
        return exitCode;
    }

    /** "NOT ATTEMPTED", as printed, in the current language. */
    public String label() {
        return io.ssplab.core.Messages.get("outcome." + name());
    }
}
