package io.ssplab.core;

/** Exit codes of every subcommand. */
public final class ExitCodes {
    /** Done; for checks: passed. */
    public static final int OK = 0;
    /** Ran, but the outcome is not the expected one (failed check, story did not hold, exercise not attempted). */
    public static final int FAILED = 1;
    /** Bad input: nothing was started. */
    public static final int USAGE = 2;

    private ExitCodes() {
    }
}
