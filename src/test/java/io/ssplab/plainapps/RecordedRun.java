package io.ssplab.plainapps;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;

import io.ssplab.cli.Main;
import io.ssplab.core.BatchMetrics;
import io.ssplab.metrics.JsonLines;
import io.ssplab.watch.SparkRest;

/**
 * One run of a plain app with everything a user could attach to it, attached at once: its event log, the
 * listener (by configuration only), {@code bin/ssp watch} on its UI, and (a DStream app) Spark's REST API polled
 * every second. Recorded once, so that a test class asserts everything — files against Spark's own numbers,
 * verdicts of watch, analyze and the listener, the fitted cost — on the same run, instead of one run per
 * assertion (each costs half a minute of Spark).
 */
final class RecordedRun {
    /** The listener's default folder, in the app's working directory. */
    static final String METRICS = "ssp-metrics";

    final PlainApp app;
    final Path dir;
    String appId;
    /** The largest answer of /streaming/batches (DStream apps): the UI retains 1000 batches, more than any run here. */
    final List<SparkRest.Batch> rest = new ArrayList<>();
    /** The last error of a REST poll (for a failed assertion's message). */
    String restError;
    /** The app's output; its exit code (a query: it ends by itself). */
    List<String> output;
    Integer appExit;
    Cli watch;
    /** {@code watch URL} without --metrics-dir on a running query: refused (null when not tried). */
    Cli watchWithoutFolder;

    private RecordedRun(PlainApp app, Path dir) {
        this.app = app;
        this.dir = dir;
    }

    Path metricsDir() {
        return dir.resolve(METRICS);
    }

    Path watched() {
        return dir.resolve("watched.jsonl");
    }

    Path eventLogDir() {
        return dir.resolve("events");
    }

    /**
     * A DStream app, watched and its REST API polled until the listener has written {@code batches} batches with
     * records (however long a busy machine takes to start it), then ended by its pid: a stable app by SIGTERM (its
     * shutdown hook stops Spark and closes the event log), an unstable one ({@code kill}) by SIGKILL at once, as a
     * crashed driver dies: its queued batches must not "complete" in a shutdown (PlainApp.Running#kill), and its
     * event log stays "in progress".
     */
    static RecordedRun dstream(PlainApp app, Path dir, int batches, boolean kill) throws Exception {
        RecordedRun run = new RecordedRun(app, dir);
        FutureTask<Cli> watch;
        try (PlainApp.Running r = app.start(dir)) {
            run.appId = r.awaitStarted(PlainApp.START_MS);
            watch = Cli.start("watch", r.url(), "--metrics-out", run.watched().toString());
            SparkRest api = new SparkRest(r.url());
            long deadline = System.currentTimeMillis() + PlainApp.START_MS + PlainApp.RUN_SLACK_MS;
            while (r.process.isAlive() && System.currentTimeMillis() < deadline && withRecords(r, run.metricsDir()) < batches) {
                try {
                    List<SparkRest.Batch> now = api.batches(run.appId);
                    if (now.size() >= run.rest.size()) {
                        run.rest.clear();
                        run.rest.addAll(now);
                    }
                } catch (IOException notYetOrGone) {
                    // the StreamingContext is not started yet, or the app is stopping
                    run.restError = notYetOrGone.toString();
                }
                Thread.sleep(1000);
            }
            assertThat(withRecords(r, run.metricsDir())).as("batches with records within %d s:\n%s", (PlainApp.START_MS + PlainApp.RUN_SLACK_MS) / 1000,
                    String.join("\n", r.output())).isGreaterThanOrEqualTo(batches);
            if (kill) r.kill();
            else r.close();
            run.output = r.output();
        } // the watch sees the UI go
        run.watch = watch.get(PlainApp.RUN_SLACK_MS, TimeUnit.MILLISECONDS);
        return run;
    }

    /** A query, watched through the listener's files until it ends by itself; with {@code tryWithoutFolder}, a watch without them too. */
    static RecordedRun query(PlainApp app, Path dir, boolean tryWithoutFolder) throws Exception {
        RecordedRun run = new RecordedRun(app, dir);
        FutureTask<Cli> watch;
        try (PlainApp.Running r = app.start(dir)) {
            run.appId = r.awaitStarted(PlainApp.START_MS);
            watch = Cli.start("watch", r.url(), "--metrics-dir", run.metricsDir().toString(), "--metrics-out", run.watched().toString());
            if (tryWithoutFolder) run.watchWithoutFolder = Cli.run("watch", r.url());
            // SECONDS, then on until enough micro-batches (PlainQueryApp)
            run.appExit = r.awaitExit(app.seconds * 1000 + PlainApp.QUERY_BATCHES_MS + PlainApp.RUN_SLACK_MS);
            run.output = r.output();
        }
        run.watch = watch.get(PlainApp.RUN_SLACK_MS, TimeUnit.MILLISECONDS);
        return run;
    }

    private static long withRecords(PlainApp.Running r, Path metricsDir) throws IOException {
        long n = 0;
        for (Path f : r.metricsFiles(metricsDir)) n += JsonLines.read(f).batches().stream().filter(b -> b.records() > 0).count();
        return n;
    }

    /** The listener's one file. */
    Path listenerFile() throws IOException {
        List<Path> files;
        try (var s = java.nio.file.Files.list(metricsDir())) {
            files = s.filter(f -> f.toString().endsWith(".jsonl")).toList();
        }
        assertThat(files).as("one file per stream or query in %s", metricsDir()).hasSize(1);
        return files.get(0);
    }

    List<BatchMetrics> listenerBatches() throws IOException {
        return JsonLines.read(listenerFile()).batches();
    }

    List<BatchMetrics> watchedBatches() throws IOException {
        return JsonLines.read(watched()).batches();
    }

    /** {@code bin/ssp ARGS} on this run's outputs, in this JVM. */
    Cli ssp(String... args) {
        return Cli.run(args);
    }

    /** What the app printed and the watch printed: for a failed assertion's message. */
    String story() {
        return String.join("\n", output == null ? List.of() : output) + "\n--- watch:\n" + (watch == null ? "" : watch.out() + watch.err())
                + "\n--- REST: " + rest.size() + " batches; last error: " + restError;
    }

    /** One {@code bin/ssp} command: its exit code and what it printed. */
    record Cli(int code, String out, String err) {
        static Cli run(String... args) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            int code = Main.run(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8), args);
            return new Cli(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        }

        /** In a thread of its own: {@code watch} blocks until the app ends. */
        static FutureTask<Cli> start(String... args) {
            FutureTask<Cli> task = new FutureTask<>(() -> run(args));
            Thread t = new Thread(task, "ssp-" + args[0]);
            t.setDaemon(true);
            t.start();
            return task;
        }

        /** The one line of a refusal. */
        List<String> errLines() {
            return err.strip().lines().toList();
        }
    }
}
