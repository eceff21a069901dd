package io.ssplab.grader;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import io.ssplab.cli.Main;

/**
 * One real graded check of a DStream exercise: the fix-delay solution ({@code local[8]}, P = 8, 5 ms per line,
 * T 2 s: PT ≈ 0.46 s) passes on the command line, every received line counted, stopped by the one stop rule after
 * {@value GraderSparkTest#BATCHES} batches measured after warm-up (about half a minute). The grader's other real
 * runs, the ones that must fail or create a delay, are in {@link GraderSparkTest}.
 *
 * <p>In the quiet lane ({@code io.ssplab.AloneLaneTest}): its solution's batches must keep up with every 2 s
 * interval, and beside the other test JVMs at the same priority one batch stalled 5.4 s and the check failed.
 */
class FixDelayGraderSparkTest {
    @Test
    void theFixDelaySolutionPassesOnTheCommandLine() {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(buffer, true, StandardCharsets.UTF_8);
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(out, new PrintStream(err, true, StandardCharsets.UTF_8), "check", "fix-delay", "--solution",
                "--batches", String.valueOf(GraderSparkTest.BATCHES));
        String text = buffer.toString(StandardCharsets.UTF_8);
        assertThat(code).as(text).isZero();
        // the tap on the word counts found every received line's 3 words, in every batch that ran
        assertThat(text).containsPattern("PASS\\s+every received line counted\\s+([1-9][\\d,]*) of \\1 words \\([\\d,]+ lines × 3\\) in \\d+ batches")
                .contains("PASS — the delay is fixed");
        assertThat(text).contains("stopped: " + GraderSparkTest.BATCHES + " batches measured");
    }
}
