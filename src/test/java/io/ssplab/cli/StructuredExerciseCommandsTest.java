package io.ssplab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import io.ssplab.core.ExitCodes;

/**
 * {@code bin/ssp check|run fill-gaps|fix-delay --api structured} without Spark: the shipped exercises are NOT ATTEMPTED (run names
 * the open gap), bad input is one line.
 */
class StructuredExerciseCommandsTest {
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
    void theShippedExercisesAreNotAttempted() {
        assertThat(run("check", "fill-gaps", "--api", "structured")).isEqualTo(ExitCodes.FAILED);
        assertThat(out()).contains("NOT ATTEMPTED — gap 1 (trigger) of QueryFillGapsExercise is still open")
                .contains("src/main/java/io/ssplab/exercises/structured/QueryFillGapsExercise.java")
                .containsPattern("'bin/ssp check\\s+fill-gaps --api structured'").doesNotContain("Exception");
        assertThat(run("check", "fix-delay", "--api", "structured")).isEqualTo(ExitCodes.FAILED);
        assertThat(out()).contains("of QueryFixDelayExercise is still open");
        assertThat(err()).isEmpty();
    }

    @Test
    void badInputIsOneLineBeforeSparkStarts() {
        assertThat(run("check", "fix-skew", "--api", "structured")).isEqualTo(ExitCodes.USAGE);
        assertThat(err()).isEqualTo("check: fix-skew has no Structured Streaming version: the level-2 lessons run on DStreams for now."
                + " Leave out --api structured, or check fill-gaps or fix-delay with it\n");
        err.reset();
        assertThat(run("check", "fix-delay", "--api", "structured", "--solution", "--batches", "1")).isEqualTo(ExitCodes.USAGE);
        assertThat(err()).isEqualTo("check: --batches must be 3–100, got 1: pass e.g. --batches 8\n");
        err.reset();
        assertThat(run("check", "fix-delay", "--api", "sql")).isEqualTo(ExitCodes.USAGE);
        assertThat(err().lines().count()).isEqualTo(1);
        assertThat(out()).isEmpty();
    }

    @Test
    void helpNamesTheOption() {
        assertThat(run("check", "--help")).isEqualTo(ExitCodes.OK);
        assertThat(out().replaceAll("\\s+", " ")).as("help columns wrap with the widest option").contains("--api").contains("structured: check the Structured Streaming version of");
    }

    @Test
    void runningAnExerciseAsAQueryStopsAtItsOpenGapOrAtKnobOptions() {
        assertThat(run("run", "fill-gaps", "--api", "structured")).isEqualTo(ExitCodes.FAILED);
        assertThat(err()).isEqualTo("ss-fill-gaps: gap 1 (trigger) is not filled yet. Hint: return Duration.ofSeconds(...) with the trigger interval"
                + " step 1 asks for\n");
        err.reset();
        assertThat(run("run", "fix-delay", "--api", "structured", "--solution", "--partitions", "4")).isEqualTo(ExitCodes.USAGE);
        assertThat(err()).startsWith("run: fix-delay sets its batch interval, partitions and cost in its code (the gaps): edit QueryFixDelaySolution.java");
        err.reset();
        assertThat(run("run", "ss-overload", "--solution")).isEqualTo(ExitCodes.USAGE);
        assertThat(err()).contains("the Structured Streaming lessons are not exercises").contains("bin/ssp run fill-gaps --api structured --solution");
        assertThat(out()).isEmpty();
    }
}
