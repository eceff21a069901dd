package io.ssplab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.apache.spark.SparkContext;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** Every bad input: one line that says what is wrong and how to fix it, exit code 2, and no Spark started. */
class RefusalsTest {

    record Outcome(int code, String out, String err) {
    }

    static Outcome ssp(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8), args);
        return new Outcome(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private static void assertRefused(Outcome o, String... fragments) {
        assertThat(o.code()).as("exit code; stderr: %s", o.err()).isEqualTo(ExitCodes.USAGE);
        assertThat(o.err().strip().lines()).as("one line: %s", o.err()).hasSize(1);
        for (String f : fragments) assertThat(o.err()).contains(f);
        assertThat(org.apache.spark.SparkContext$.MODULE$.getActive().isEmpty()).as("no SparkContext was started").isTrue();
    }

    @Test
    void localOneHasNoSlotBesideTheReceiver() {
        assertRefused(ssp("run", "phase1", "--master", "local[1]"), "receiver", "local[2]");
        assertRefused(ssp("run", "phase1", "--master", "local"), "receiver");
    }

    @Test
    void badKnobs() {
        assertRefused(ssp("run", "phase1", "--batch-interval", "0"), "batch interval must be positive", "--batch-interval 2s");
        assertRefused(ssp("run", "phase1", "--batch-interval", "-2s"), "batch interval");
        assertRefused(ssp("run", "phase1", "--partitions", "0"), "partitions must be at least 1");
        assertRefused(ssp("run", "phase1", "--cost", "-5ms"), "cost must not be negative");
        assertRefused(ssp("run", "phase1", "--rate", "0"), "rate");
        assertRefused(ssp("run", "phase1", "--batches", "0"), "--batches");
        assertRefused(ssp("run", "phase1", "--duration", "0"), "--duration");
        assertRefused(ssp("run", "phase1", "--ui-port", "70000"), "--ui-port");
        assertRefused(ssp("run", "phase1", "--master", "yarn"), "not understood", "local[N]");
    }

    @ParameterizedTest
    @ValueSource(strings = {"--partitions=four", "--batch-interval=2", "--cost=fast", "--rate=lots", "--batches=x"})
    void malformedValues(String option) {
        assertRefused(ssp("run", "phase1", option), "bin/ssp run --help");
    }

    @Test
    void unknownJobAndOptions() {
        assertRefused(ssp("run", "phase9"), "unknown job 'phase9'", "phase1");
        assertRefused(ssp("run", "phase1", "--turbo"), "--turbo");
        assertRefused(ssp("run", "phase1", "--solution"), "--solution is only for the exercises");
        assertRefused(ssp("chek", "fill-gaps"), "unknown command 'chek'", "check, report", "did you mean check?");
    }

    @Test
    void unreachableSourceIsNamedInsteadOfRetriedForever() throws Exception {
        int freePort;
        try (ServerSocket s = new ServerSocket(0)) {
            freePort = s.getLocalPort();
        }
        assertRefused(ssp("run", "phase1", "--source", "127.0.0.1:" + freePort), "no source is listening at 127.0.0.1:" + freePort, "bin/ssp source");
        assertRefused(ssp("run", "phase1", "--source", "nowhere"), "HOST:PORT");
        assertRefused(ssp("run", "phase1", "--source", "127.0.0.1:99999"), "not 1..65535");
    }

    @Test
    void exerciseKnobsLiveInTheCode() {
        assertRefused(ssp("run", "fill-gaps", "--solution", "--partitions", "8"), "FillGapsSolution.java");
    }

    @Test
    void metricsOutMustBeAFile(@TempDir Path dir) {
        assertRefused(ssp("run", "phase1", "--metrics-out", dir.toString()), "is a directory");
    }

    @Test
    void sourceRefusesBadOptionsAndATakenPort() throws Exception {
        assertRefused(ssp("source", "--rate", "-1"), "--rate");
        assertRefused(ssp("source", "--words-per-line", "0"), "--words-per-line");
        try (ServerSocket taken = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            assertRefused(ssp("source", "--port", String.valueOf(taken.getLocalPort())), "cannot listen", "--port");
        }
    }

    @Test
    void demoRefusesTooFewBatchesAndAFileAsOut(@TempDir Path dir) throws Exception {
        assertRefused(ssp("demo", "--batches", "2"), "--batches");
        Path file = Files.createFile(dir.resolve("f"));
        assertRefused(ssp("demo", "--out", file.toString()), "is a file");
    }

    @Test
    void untouchedExerciseIsNotAttemptedNotAUsageError() {
        Outcome o = ssp("run", "fill-gaps");
        assertThat(o.code()).isEqualTo(ExitCodes.FAILED);
        assertThat(o.err()).contains("gap 1 (batch interval) is not filled yet", "Hint:");
        assertThat(org.apache.spark.SparkContext$.MODULE$.getActive().isEmpty()).isTrue();
    }

    @Test
    void helpIsThereForEveryCommand() {
        for (String cmd : new String[] {"run", "demo", "source"}) {
            Outcome o = ssp(cmd, "--help");
            assertThat(o.code()).isZero();
            assertThat(o.out()).contains("Usage: ssp " + cmd);
        }
        assertThat(ssp("--help").out()).contains("demo", "run", "source");
    }
}
