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

import io.ssplab.core.ExitCodes;

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
        assertRefused(ssp("run", "phase1", "--batch-interval", "0"), "run: --batch-interval must be from 100 ms to 10 min, got 0 ms: pass e.g. --batch-interval 2s");
        assertRefused(ssp("run", "phase1", "--batch-interval", "-2s"), "--batch-interval must be from 100 ms to 10 min, got -2 s");
        assertRefused(ssp("run", "phase1", "--partitions", "0"), "run: --partitions must be 1–1,024, got 0: pass e.g. --partitions 4");
        assertRefused(ssp("run", "phase1", "--cost", "-5ms"), "--cost must be from 0 ms to 1 s, got -5 ms: pass e.g. --cost 5ms");
        assertRefused(ssp("run", "phase1", "--rate", "0"), "--rate must be 0.01–100,000, got 0: pass e.g. --rate 140");
        assertRefused(ssp("run", "phase1", "--batches", "0"), "--batches must be 1–10,000, got 0");
        assertRefused(ssp("run", "phase1", "--duration", "0"), "--duration must be from 1 s to 24 h, got 0 ms");
        assertRefused(ssp("run", "phase1", "--ui-port", "70000"), "--ui-port must be 1–65,535, got 70,000");
        assertRefused(ssp("run", "phase1", "--master", "yarn"), "master 'yarn' is not understood: use local[N] (N from 2 to 64) or spark://HOST:PORT");
        assertRefused(ssp("run", "phase1", "--master", "local[100000]"), "local[100000]", "local[4]");
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
        Outcome closed = ssp("run", "phase1", "--source", "127.0.0.1:" + freePort);
        assertRefused(closed, "no source is listening at 127.0.0.1:" + freePort, "bin/ssp source --port " + freePort);
        assertThat(closed.err()).as("said once").containsOnlyOnce("no source is listening");
        assertRefused(ssp("run", "phase1", "--source", "nowhere"), "--source 'nowhere' is not 'embedded' or HOST:PORT");
        assertRefused(ssp("run", "phase1", "--source", "127.0.0.1:99999"), "--source port 99999 is not 1-65535");
        assertRefused(ssp("run", "phase1", "--source", "no.such.host.invalid:9999"), "no.such.host.invalid is not a known host");
        assertRefused(ssp("run", "phase1", "--source", ""), "--source '' is not 'embedded' or HOST:PORT");
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
        assertRefused(ssp("source", "--rate", "-1"), "source: --rate must be 0.01–100,000, got -1: pass e.g. --rate 140");
        assertRefused(ssp("source", "--rate", "abc"), "source: --rate 'abc' is not a number: pass e.g. --rate 140");
        assertRefused(ssp("source", "--words-per-line", "0"), "--words-per-line must be 1–100, got 0");
        assertRefused(ssp("source", "--port", "0"), "--port must be 1–65,535, got 0: pass e.g. --port 9999");
        // an address of another machine is refused as such, not reported as a port another source holds
        Outcome elsewhere = ssp("source", "--host", "8.8.8.8");
        assertRefused(elsewhere, "--host 8.8.8.8 is not an address of this machine", "127.0.0.1");
        assertThat(elsewhere.err()).doesNotContain("another source");
        assertRefused(ssp("source", "--host", "no.such.host.invalid"), "--host no.such.host.invalid is not a known address");
        try (ServerSocket taken = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            int port = taken.getLocalPort();
            Outcome o = ssp("source", "--port", String.valueOf(port));
            assertRefused(o, "cannot listen on 127.0.0.1:" + port + ", the port is taken", "is another source running?", "--port ");
            assertThat(o.out()).as("nothing was listening").isEmpty();
        }
    }

    @Test
    void demoRefusesTooFewBatchesAndAFileAsOut(@TempDir Path dir) throws Exception {
        assertRefused(ssp("demo", "--batches", "2"), "demo: --batches must be 3–1,000, got 2: pass e.g. --batches 10");
        Path file = Files.createFile(dir.resolve("f"));
        assertRefused(ssp("demo", "--out", file.toString()), "demo: --out " + file + " is a file: give a directory");
        assertRefused(ssp("demo", "--out", file.resolve("sub").toString()), file + " is a file, not a folder");
        assertRefused(ssp("demo", "--out", ""), "demo: --out is empty: give a path, e.g. --out runs/");
    }

    /** picocli's own refusals, in the lab's words: what was typed, what is wrong, what to type instead. */
    @Test
    void picocliRefusalsAreWordedByTheLab() {
        assertRefused(ssp("cluster", "frob"), "cluster: unknown command 'frob': choose one of start, status, stop (see 'bin/ssp cluster --help')");
        assertRefused(ssp("cluster", "strat"), "unknown command 'strat'", "(did you mean start?)");
        assertRefused(ssp("help", "frob"), "help: unknown command 'frob': choose one of demo, run,");
        assertRefused(ssp("help", "--frob"), "help: unknown option '--frob'");
        assertRefused(ssp("run", "phase1", "--no-ui=yes"), "run: --no-ui takes no value: write --no-ui alone, or leave it out");
        assertRefused(ssp("run", "phase1", "--rate", "NaN"), "run: --rate 'NaN' is not a number: pass e.g. --rate 140");
        assertRefused(ssp("run", "phase1", "--batches"), "run: --batches needs a value: pass e.g. --batches 10");
        assertRefused(ssp("run", "phase1", "--batchs", "5"), "unknown option '--batchs' (did you mean --batches?)");
        assertRefused(ssp("sweep", "--cores", "2,x"), "sweep: --cores 'x' is not a whole number in range: pass e.g. --cores 2,4,8");
        assertRefused(ssp("--lang"), "ssp: --lang needs a value: use --lang vi or --lang en");
        assertRefused(ssp("--lang", "vi", "run", "phase1", "--batches", "0"), "run: --batches phải trong khoảng 1–10.000, nhưng nhận được 0");
    }

    @Test
    void helpShowsTheHelpOfACommandAndOfASubcommand() {
        Outcome run = ssp("help", "run");
        assertThat(run.code()).isZero();
        assertThat(run.out()).startsWith("Usage: ssp run ").contains("--batches=N");
        Outcome start = ssp("help", "cluster", "start");
        assertThat(start.code()).isZero();
        assertThat(start.out()).startsWith("Usage: ssp cluster start ").contains("--workers=N", "(1–16)");
        assertThat(ssp("help").out()).startsWith("Usage: ssp ");
        assertRefused(ssp("help", "run", "demo"), "help: unexpected argument 'demo'");
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
