package io.ssplab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import io.ssplab.core.ExitCodes;

/** The command line of {@code bin/ssp check}, without Spark: usage errors and NOT ATTEMPTED. */
class CheckCommandTest {
    final ByteArrayOutputStream out = new ByteArrayOutputStream();
    final ByteArrayOutputStream err = new ByteArrayOutputStream();

    int run(String... args) {
        return Main.run(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8), args);
    }

    String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void theShippedExercisesAreNotAttemptedWithExitCode1() {
        assertThat(run("check", "fill-gaps")).isEqualTo(ExitCodes.FAILED);
        assertThat(out()).contains("NOT ATTEMPTED — gap 1 (batch interval) of FillGapsExercise is still open")
                .doesNotContain("Exception");
        assertThat(run("check", "fix-delay")).isEqualTo(ExitCodes.FAILED);
        assertThat(out()).contains("of FixDelayExercise is still open");
        assertThat(run("check", "fix-skew")).isEqualTo(ExitCodes.FAILED);
        assertThat(out()).contains("NOT ATTEMPTED — gap 1 (salts) of FixSkewExercise is still open");
    }

    @Test
    void anUnknownExerciseIsAUsageError() {
        assertThat(run("check", "phase2")).isEqualTo(ExitCodes.USAGE);
        assertThat(err()).isEqualTo("check: 'phase2' is not an exercise: choose one of fill-gaps, fix-delay, fix-skew\n");
    }

    @Test
    void tooFewBatchesIsAUsageError() {
        assertThat(run("check", "fix-delay", "--solution", "--batches", "1")).isEqualTo(ExitCodes.USAGE);
        assertThat(err()).isEqualTo("check: --batches must be 3–100, got 1: pass e.g. --batches 8\n");
        err.reset();
        assertThat(run("check", "fix-delay", "--batches", "many")).isEqualTo(ExitCodes.USAGE);
        assertThat(err()).isEqualTo("check: --batches 'many' is not a whole number in range: pass e.g. --batches 8 (see 'bin/ssp check --help')\n");
        err.reset();
        assertThat(run("check")).isEqualTo(ExitCodes.USAGE);
        assertThat(err()).isEqualTo("check: missing EXERCISE: choose one of fill-gaps, fix-delay, fix-skew (see 'bin/ssp check --help')\n");
        assertThat(out()).isEmpty();
    }

    @Test
    void helpNamesTheExercisesAndExitCodes() {
        assertThat(run("check", "--help")).isEqualTo(ExitCodes.OK);
        assertThat(out()).contains("fill-gaps, fix-delay, fix-skew").contains("--solution").contains("Exit codes: 0 pass, 1 fail or not attempted, 2 bad input");
        assertThat(run("--help")).isEqualTo(ExitCodes.OK);
        assertThat(out()).contains("check");
    }
}
