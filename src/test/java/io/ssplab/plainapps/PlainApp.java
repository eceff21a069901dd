package io.ssplab.plainapps;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

import io.ssplab.InheritedJvmOptions;

/**
 * An app written the plain way (src/test/plain-apps: Spark only), run as a child JVM with the listener jar
 * added by configuration only, as a user would with spark-submit. For the tests of the listener, of
 * {@code bin/ssp watch} and of {@code bin/ssp analyze} (it leaves an event log in {@link Running#eventLogDir}).
 *
 * <p>No lab class can reach the app except through {@code target/ssp-listener.jar}: the apps are compiled
 * against Spark's jars alone ({@code target/spark-classpath.txt}, the provided scope), and run on those jars,
 * their own classes and the listener jar. Spark's Java 17 options come from the test JVM's (the pom's argLine).
 *
 * <p>Each app takes its per-record cost as an argument ({@link #costMs}): what a fit of the job's cost should find.
 */
public final class PlainApp {
    /** Timeouts only: how long a loaded machine may take to start a Spark app, or to end one; never a measured number. */
    public static final long START_MS = 300_000;
    public static final long RUN_SLACK_MS = 120_000;
    /** How long the query app runs on after its SECONDS until it has its micro-batches (PlainQueryApp's own limit). */
    public static final long QUERY_BATCHES_MS = 300_000;
    /** The DStream app: NAME BI_MS LINES_PER_SECOND COST_MS SECONDS [SWING]. */
    public static final String DSTREAM = "example.PlainDStreamApp";
    /** The Structured Streaming app: NAME TRIGGER_MS ROWS_PER_SECOND COST_MS SECONDS [MIN_BATCHES]. */
    public static final String QUERY = "example.PlainQueryApp";
    /** The listener jar and its configuration keys. */
    public static final String LISTENER_JAR = "target/ssp-listener.jar";
    public static final String DSTREAM_LISTENER = "io.ssplab.listener.StreamingBatchesListener";
    public static final String QUERY_LISTENER = "io.ssplab.listener.QueryProgressListener";

    private static final Path PROJECT = Path.of(System.getProperty("ssp.project.dir", "."));
    private static Path compiled;

    public final String mainClass;
    public final String name;
    public final long batchIntervalMs;
    public final double ratePerSecond;
    public final long costMs;
    public final long seconds;
    private final Map<String, String> conf = new LinkedHashMap<>();
    private final List<String> extraArgs = new ArrayList<>();

    private PlainApp(String mainClass, String name, long batchIntervalMs, double ratePerSecond, long costMs, long seconds) {
        this.mainClass = mainClass;
        this.name = name;
        this.batchIntervalMs = batchIntervalMs;
        this.ratePerSecond = ratePerSecond;
        this.costMs = costMs;
        this.seconds = seconds;
    }

    public static PlainApp dstream(String name, long biMs, double linesPerSecond, long costMs, long seconds) {
        return new PlainApp(DSTREAM, name, biMs, linesPerSecond, costMs, seconds).conf("spark.extraListeners", DSTREAM_LISTENER);
    }

    public static PlainApp query(String name, long triggerMs, long rowsPerSecond, long costMs, long seconds) {
        return new PlainApp(QUERY, name, triggerMs, rowsPerSecond, costMs, seconds)
                .conf("spark.sql.streaming.streamingQueryListeners", QUERY_LISTENER);
    }

    /*
     * The stable and unstable settings, with wide margins (a busy machine may double a batch's time and change nothing;
     * the cost is a sleep, so it can only make a batch slower, never an unstable setting stable), 1 s batches or triggers on
     * local[2]. The costs are 20 ms or more: a sleep wakes up late on a busy machine, by up to a millisecond or two, which
     * is under 10 % of them (at 2 ms a record it was 80 %), so a fitted cost can be held to 15 % of the known one.
     *
     * DStream: the receiver holds one of the 2 cores, the app spreads the lines over 2 partitions (a shuffle, so the
     * event log has the records of each task) and sleeps per line on the one free core. The line server's rate steps
     * through 0.25×, 1× and 1.75× its mean, 2 s each (SWING 0.75): batches, and so tasks, of very different sizes, which
     * is what a least-squares fit of task time on records needs (records per task from about 1 to 9 in the stable run,
     * 2 to 18 in the unstable one; tasks all of one size would only bound the cost from above).
     *   stable   = 10 lines/s × 20 ms = 0.2 s of work per 1 s batch (0.35 s at the peak);
     *   unstable = 20 lines/s × 80 ms = 1.6 s per 1 s batch (0.4 to 2.8 s): the queue grows whatever the machine.
     * Query: no receiver, 2 rate partitions on 2 cores, 20 rows/s.
     *   stable   = 40 × 20 ms / 2 = 0.4 s per 2 s trigger. Its tasks are all of one size, 20 rows (the rate source is even):
     *              the fit is the ratio Σt/Σn, an upper bound that holds each task's fixed time (a few ms over 20 rows: 1 %);
     *   unstable = 20 × 120 ms / 2 = 1.2 s per 1 s trigger (a·r = 1.2): each micro-batch takes in the rows that came
     *              while the previous one ran, so they grow by a fifth or more each time — sizes that differ, the fit is
     *              a least-squares one. Each micro-batch lasts about 1.2 × the one before, so the query's length is
     *              its first micro-batch's (codegen, the rows of a slow start) × (1.2^k − 1)/0.2: k = 8 made the test
     *              class take 146 s alone, k = 6 is 40 % shorter. 6 leave 5 after the warm-up (the first micro-batch: the ones
     *              after it only grow), one more than the verdict needs (StructuredSummarizer: at least 4, growing rows and
     *              durations, g ≥ 0.10 and ρ ≥ 1.10; a·r 1.12 measured g ≈ 0.2).
     */
    public static final long INTERVAL_MS = 1000;
    public static final double STABLE_DSTREAM_RATE = 10;
    public static final double UNSTABLE_DSTREAM_RATE = 20;
    public static final double SWING = 0.75;
    public static final long QUERY_RATE = 20;
    public static final long STABLE_COST_MS = 20;
    public static final long UNSTABLE_DSTREAM_COST_MS = 80;
    public static final long UNSTABLE_QUERY_COST_MS = 120;
    public static final int UNSTABLE_QUERY_BATCHES = 6;
    /**
     * The stable query's trigger: 2 s, so that its micro-batches (20 rows a task × 20 ms = 0.4 s, and Spark's own work)
     * leave it waiting for the next trigger by more than QueryProgressListener.FOLLOWED_AT_ONCE_MS even when a busy
     * machine triples them: analyze reads the trigger off the batches that waited.
     */
    public static final long STABLE_QUERY_TRIGGER_MS = 2000;
    /**
     * The stable query's micro-batches: 4 judged after a warm-up that a busy machine's slow first ones may lengthen (to 6:
     * the first and 5 draining). They cost the test nothing: the unstable query, beside it, runs longer.
     */
    public static final int STABLE_QUERY_BATCHES = 12;

    public static PlainApp stableDStream(String name, long seconds) {
        return dstream(name, INTERVAL_MS, STABLE_DSTREAM_RATE, STABLE_COST_MS, seconds).args(String.valueOf(SWING));
    }

    public static PlainApp unstableDStream(String name, long seconds) {
        return dstream(name, INTERVAL_MS, UNSTABLE_DSTREAM_RATE, UNSTABLE_DSTREAM_COST_MS, seconds).args(String.valueOf(SWING));
    }

    public static PlainApp stableQuery(String name, long seconds) {
        return query(name, STABLE_QUERY_TRIGGER_MS, QUERY_RATE, STABLE_COST_MS, seconds).args(String.valueOf(STABLE_QUERY_BATCHES));
    }

    public static PlainApp unstableQuery(String name, long seconds) {
        return query(name, INTERVAL_MS, QUERY_RATE, UNSTABLE_QUERY_COST_MS, seconds).args(String.valueOf(UNSTABLE_QUERY_BATCHES));
    }

    /** The app's optional arguments, after the five every app takes. */
    public PlainApp args(String... more) {
        extraArgs.addAll(List.of(more));
        return this;
    }

    /** A Spark setting, as {@code --conf KEY=VALUE} would give it (a system property of the driver). */
    public PlainApp conf(String key, String value) {
        conf.put(key, value);
        return this;
    }

    /** Starts the app in {@code dir} (its working directory: the listener's default ssp-metrics/ lands there). */
    public Running start(Path dir) throws IOException {
        Path classes = compile();
        Path events = Files.createDirectories(dir.resolve("events"));
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        // Spark's module options, and the test JVM's compiler setting: with C2 the apps' compilations at start took the
        // CPU their neighbours in the quiet lane needed (a stable app fell 3.4 s behind); C1 changes no phenomenon here
        command.addAll(InheritedJvmOptions.ofThisJvm());
        command.add("-Xmx512m");
        command.add("-cp");
        command.add(String.join(java.io.File.pathSeparator, classes.toString(), PROJECT.resolve(LISTENER_JAR).toString(), sparkClasspath()));
        Map<String, String> all = new LinkedHashMap<>();
        all.put("spark.master", "local[2]");
        all.put("spark.driver.host", "127.0.0.1");
        all.put("spark.driver.bindAddress", "127.0.0.1");
        // Port 0: the UI binds a port the system picks, at once (a port picked here and bound later raced other test JVMs'
        // processes for it); the app prints its UI's address when it starts.
        all.put("spark.ui.port", "0");
        all.put("spark.eventLog.enabled", "true");
        all.put("spark.eventLog.dir", events.toUri().toString());
        all.putAll(conf);
        for (Map.Entry<String, String> e : all.entrySet()) command.add("-D" + e.getKey() + "=" + e.getValue());
        command.add(mainClass);
        command.addAll(List.of(name, String.valueOf(batchIntervalMs), plain(ratePerSecond), String.valueOf(costMs), String.valueOf(seconds)));
        command.addAll(extraArgs);
        Path log = dir.resolve("app.log");
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
        pb.environment().put("SSP_LANG", "en");
        return new Running(pb.start(), dir, log, events);
    }

    /** A started app: its process (ended by its own pid), output, UI and event log. */
    public static final class Running implements AutoCloseable {
        public final Process process;
        public final Path dir;
        public final Path log;
        public final Path eventLogDir;

        Running(Process process, Path dir, Path log, Path eventLogDir) {
            this.process = process;
            this.dir = dir;
            this.log = log;
            this.eventLogDir = eventLogDir;
        }

        /** The UI's address on the loopback, from the app's "STARTED APP_ID UI_URL" line (after {@link #awaitStarted}). */
        public String url() {
            String started = output().stream().filter(l -> l.startsWith("STARTED ")).findFirst()
                    .orElseThrow(() -> new IllegalStateException("the app has not started"));
            String ui = started.strip().split("\\s+")[2];
            return "http://127.0.0.1:" + ui.substring(ui.lastIndexOf(':') + 1);
        }

        public List<String> output() {
            try {
                return Files.exists(log) ? Files.readAllLines(log, StandardCharsets.UTF_8) : List.of();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /** The application id the app printed ("STARTED app-…"), waiting for it. */
        public String awaitStarted(long timeoutMs) throws InterruptedException {
            return awaitLine("STARTED ", timeoutMs).substring("STARTED ".length()).strip().split("\\s+")[0];
        }

        public String awaitLine(String prefix, long timeoutMs) throws InterruptedException {
            long deadline = System.nanoTime() + timeoutMs * 1_000_000L;
            while (System.nanoTime() < deadline) {
                for (String line : output()) if (line.startsWith(prefix)) return line;
                if (!process.isAlive()) break;
                Thread.sleep(200);
            }
            throw new AssertionError("no line '" + prefix + "…' within " + timeoutMs + " ms (alive: " + process.isAlive() + "):\n"
                    + String.join("\n", output()));
        }

        /** Waits for the app to end by itself; kills it after the timeout. */
        public int awaitExit(long timeoutMs) throws InterruptedException {
            if (!process.waitFor(timeoutMs, TimeUnit.MILLISECONDS)) {
                close();
                throw new AssertionError("the app did not end within " + timeoutMs + " ms:\n" + String.join("\n", output()));
            }
            return process.exitValue();
        }

        /**
         * Waits until the listener's file in {@code metricsDir} holds {@code n} batches with records: how a test
         * lets an app run long enough on a machine of any speed, then stops it ({@link #close()}).
         */
        public void awaitListenerBatches(Path metricsDir, int n, long timeoutMs) throws IOException, InterruptedException {
            long deadline = System.nanoTime() + timeoutMs * 1_000_000L;
            while (System.nanoTime() < deadline && process.isAlive()) {
                long withRecords = 0;
                for (Path f : metricsFiles(metricsDir))
                    withRecords += io.ssplab.metrics.JsonLines.read(f).batches().stream().filter(b -> b.records() > 0).count();
                if (withRecords >= n) return;
                Thread.sleep(500);
            }
            throw new AssertionError("fewer than " + n + " batches with records in " + metricsDir + " within " + timeoutMs + " ms (alive: "
                    + process.isAlive() + "):\n" + String.join("\n", output()));
        }

        /** The listener's files in {@code metricsDir}. */
        public List<Path> metricsFiles(Path metricsDir) throws IOException {
            if (!Files.isDirectory(metricsDir)) return List.of();
            try (Stream<Path> files = Files.list(metricsDir)) {
                return files.filter(f -> f.toString().endsWith(".jsonl")).sorted().toList();
            }
        }

        /**
         * Kills the app at once by its pid (SIGKILL), as a crashed driver dies: no shutdown, so no batch
         * "completes" after it. (A SIGTERM stops a DStream app gracelessly: its queued batches then complete
         * in milliseconds, their sleeps interrupted, and would pass for a fast app in the listener's file.)
         */
        public void kill() throws InterruptedException {
            ProcessHandle h = process.toHandle();
            if (!h.isAlive()) return;
            h.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }

        /** Ends the app by its pid: SIGTERM, then SIGKILL. */
        @Override
        public void close() throws InterruptedException {
            ProcessHandle h = process.toHandle();
            if (!h.isAlive()) return;
            h.destroy();
            if (!process.waitFor(15, TimeUnit.SECONDS)) {
                h.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    /** Compiles src/test/plain-apps against Spark's jars alone, once per test JVM. */
    public static synchronized Path compile() throws IOException {
        if (compiled != null) return compiled;
        Path out = Files.createDirectories(PROJECT.resolve("target/plain-apps"));
        List<String> sources;
        try (Stream<Path> files = Files.walk(PROJECT.resolve("src/test/plain-apps"))) {
            sources = files.filter(f -> f.toString().endsWith(".java")).map(Path::toString).toList();
        }
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        List<String> args = new ArrayList<>(List.of("--release", "17", "-proc:none", "-d", out.toString(), "-classpath", sparkClasspath()));
        args.addAll(sources);
        java.io.ByteArrayOutputStream errors = new java.io.ByteArrayOutputStream();
        int rc = javac.run(null, errors, errors, args.toArray(String[]::new));
        if (rc != 0) throw new IllegalStateException("the plain apps do not compile:\n" + errors.toString(StandardCharsets.UTF_8));
        compiled = out;
        return out;
    }

    /** Spark and what it brings, nothing of the lab (the pom's spark-classpath execution). */
    public static String sparkClasspath() throws IOException {
        return Files.readString(PROJECT.resolve("target/spark-classpath.txt"), StandardCharsets.UTF_8).strip();
    }

    /** A loopback port nothing listens on now (for a watch that must find nothing answering). */
    static int freeUiPort() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String plain(double v) {
        return v == Math.rint(v) ? String.valueOf((long) v) : String.valueOf(v);
    }
}
