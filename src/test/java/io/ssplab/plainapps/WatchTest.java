package io.ssplab.plainapps;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.ssplab.cli.Main;
import io.ssplab.core.BatchMetrics;
import io.ssplab.core.ExitCodes;
import io.ssplab.core.RunSummary;
import io.ssplab.core.Verdict;
import io.ssplab.metrics.JsonLines;
import io.ssplab.watch.Watcher;

/** {@code bin/ssp watch} on a plain app running with the listener: the same verdict as the listener's files; bad addresses get one line. */
class WatchTest {
    @Test
    void watchingARunningAppGivesTheListenersVerdict(@TempDir Path dir) throws Exception {
        PlainApp app = PlainApp.unstableDStream("plain-unstable", LONG_ENOUGH_S);
        Path watched = dir.resolve("watched.jsonl");
        Watch w;
        try (PlainApp.Running r = app.start(dir)) {
            r.awaitStarted(ListenerJarTest.START_MS);
            w = Watch.start("watch", r.url(), "--metrics-out", watched.toString());
            // 12 batches: the warm-up rule may take up to 5 (an app of unknown rate is warm once its SD stops
            // falling), and a busy machine's first batches are uneven; the verdict needs several measured ones.
            r.awaitListenerBatches(dir.resolve("ssp-metrics"), 12, ListenerJarTest.RUN_SLACK_MS);
            r.kill(); // by its pid, at once: the queued batches must not "complete" in a shutdown (PlainApp.kill)
        } // the watch sees its UI go
        int rc = w.exitCode();
        String printed = w.out();
        assertThat(rc).as(printed + w.err()).isEqualTo(ExitCodes.OK);
        assertThat(printed).contains("watching plain-unstable").contains("the app ended");

        List<BatchMetrics> fromListener = JsonLines.read(Files.list(dir.resolve("ssp-metrics")).toList().get(0)).batches();
        RunSummary listener = Watcher.summarize(fromListener);
        RunSummary watch = Watcher.summarize(JsonLines.read(watched).batches());
        assertThat(listener.verdict()).as(listener.reason() + " " + fromListener).isEqualTo(Verdict.UNSTABLE);
        assertThat(watch.verdict()).isEqualTo(listener.verdict());
        assertThat(printed).contains("UNSTABLE");
        assertThat(Files.exists(dir.resolve("watched.summary.json"))).isTrue();
        assertThat(Files.exists(dir.resolve("watched.html"))).as(printed + w.err()).isTrue();
    }

    @Test
    void watchingAQueryReadsTheListenersFiles(@TempDir Path dir) throws Exception {
        // Stable: an unstable query's micro-batches grow without end, too few would complete for a verdict.
        PlainApp app = PlainApp.stableQuery("plain-query-watched", LONG_ENOUGH_S);
        Path watched = dir.resolve("watched.jsonl");
        Path metrics = dir.resolve("ssp-metrics"); // the listener's default, in the app's working directory
        Watch w;
        try (PlainApp.Running r = app.start(dir)) {
            r.awaitStarted(ListenerJarTest.START_MS);
            w = Watch.start("watch", r.url(), "--metrics-dir", metrics.toString(), "--metrics-out", watched.toString());
            r.awaitListenerBatches(metrics, 8, ListenerJarTest.RUN_SLACK_MS);
        }
        int rc = w.exitCode();
        String printed = w.out();
        assertThat(rc).as(printed + w.err()).isEqualTo(ExitCodes.OK);
        assertThat(printed).contains("batches from the listener's files").contains("the app ended");
        RunSummary listener = Watcher.summarize(JsonLines.read(Files.list(metrics).toList().get(0)).batches());
        RunSummary watch = Watcher.summarize(JsonLines.read(watched).batches());
        assertThat(watch.batches()).isGreaterThanOrEqualTo(8);
        assertThat(watch.verdict()).isEqualTo(listener.verdict());
    }

    /** The app's own time limit: far more than any test waits; the test stops it once it has seen enough. */
    static final long LONG_ENOUGH_S = 900;

    /** {@code bin/ssp watch …} in a thread of the test JVM, as it blocks until the app ends. */
    record Watch(java.util.concurrent.FutureTask<Integer> task, ByteArrayOutputStream stdout, ByteArrayOutputStream stderr) {
        static Watch start(String... args) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            java.util.concurrent.FutureTask<Integer> task = new java.util.concurrent.FutureTask<>(() -> Main.run(
                    new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8), args));
            Thread t = new Thread(task, "watch");
            t.setDaemon(true);
            t.start();
            return new Watch(task, out, err);
        }

        int exitCode() throws Exception {
            return task.get(ListenerJarTest.RUN_SLACK_MS, java.util.concurrent.TimeUnit.MILLISECONDS);
        }

        String out() {
            return stdout.toString(StandardCharsets.UTF_8);
        }

        String err() {
            return stderr.toString(StandardCharsets.UTF_8);
        }
    }

    @Test
    void aQueryWithoutTheListenersFolderIsOneLineAndExitTwo(@TempDir Path dir) throws Exception {
        PlainApp app = PlainApp.stableQuery("plain-query-no-folder", 60);
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int rc;
        try (PlainApp.Running r = app.start(dir)) {
            r.awaitStarted(ListenerJarTest.START_MS);
            rc = Main.run(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                    new PrintStream(err, true, StandardCharsets.UTF_8), "watch", r.url());
        }
        assertThat(rc).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString(StandardCharsets.UTF_8).strip().lines()).hasSize(1)
                .allMatch(l -> l.contains("has no DStream StreamingContext") && l.contains("--metrics-dir"));
    }

    @Test
    void nothingAnsweringIsOneLineAndExitTwo() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int rc = Main.run(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                "watch", "http://127.0.0.1:" + PlainApp.freeUiPort());
        assertThat(rc).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString(StandardCharsets.UTF_8).strip().lines()).hasSize(1).allMatch(l -> l.contains("no Spark UI answers at"));
    }

    @Test
    void notAnAddressIsOneLineAndExitTwo() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int rc = Main.run(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                "watch", "localhost:4040");
        assertThat(rc).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString(StandardCharsets.UTF_8).strip().lines()).hasSize(1).allMatch(l -> l.contains("not a Spark UI address"));
    }
}
