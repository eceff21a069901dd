package io.ssplab.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.apache.spark.launcher.JavaModuleOptions;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerApplicationStart;
import org.apache.spark.scheduler.SparkListenerExecutorAdded;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

import io.ssplab.cli.Main;
import io.ssplab.core.BatchMetrics;
import io.ssplab.metrics.JsonLines;
import io.ssplab.core.Master;
import io.ssplab.source.SocketSource;
import io.ssplab.source.SourceConfig;

/**
 * A real standalone cluster — one master and one worker JVM from the project's jars, on free ports —
 * shared by every test here, because each Spark JVM takes seconds to start and an application's executor
 * ~20 s more. The tests go through {@code bin/ssp}'s commands ({@link Main#run}) as a user would;
 * this class plays bin/ssp's part by setting {@code ssp.home} (a fresh project folder) and
 * {@code ssp.classpath}.
 *
 * <p>The three applications (bin/ssp's driver in this JVM, and two spark-submit processes) run on the
 * cluster at the same time, as a shared cluster's users would: the worker offers cores and memory for the
 * three executors at once, so their start-ups (mostly waiting for JVMs) overlap instead of adding up.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterIntegrationTest {
    private static final Path PROJECT = Path.of(System.getProperty("ssp.project.dir", ".")).toAbsolutePath();

    private final Map<String, String> savedProperties = new ConcurrentHashMap<>();
    private Path home;
    private ClusterLayout layout;
    private ClusterState state;
    private String masterUrl;
    private String classpath;
    private final List<Long> everyPidSeen = new ArrayList<>();
    private final List<Path> temporary = new ArrayList<>();
    /** The two spark-submit applications, started together by {@link #submittedApps()}. */
    private SubmittedApps submitted;

    /** phase1's own local[4]: the cores bin/ssp asks the cluster for, for it ({@code spark.cores.max}). */
    private static final int PHASE1_CORES = 4;
    /** The plain spark-submit job: its receiver and one task slot ({@code --total-executor-cores}). */
    private static final int STANDALONE_CORES = 2;
    /** Room for the three applications at once: phase1 in this JVM, phase1 under spark-submit, the standalone job. */
    private static final int WORKER_CORES = 2 * PHASE1_CORES + STANDALONE_CORES;
    /** One executor per application, each Spark's default 1 GiB ({@code spark.executor.memory}). */
    private static final String WORKER_MEMORY = "3g";
    /** phase1's batches here: what is tested is where they run, not how they compare with the interval. */
    private static final String BATCH_INTERVAL = "1s";

    @BeforeAll
    void startCluster() throws Exception {
        Assumptions.assumeTrue(ListeningSockets.supported(), "needs Linux /proc to check processes and sockets");
        home = Files.createTempDirectory("ssp-cluster-test");
        temporary.add(home);
        classpath = PROJECT.resolve("target/classes") + File.pathSeparator
                + Files.readString(PROJECT.resolve("target/classpath.txt")).strip();
        setProperty("ssp.home", home.toString());
        setProperty("ssp.classpath", classpath);
        layout = ClusterLayout.forProject();

        int port = freePort();
        int uiPort = freePort();
        long t0 = System.nanoTime();
        Outcome start = ssp("cluster", "start", "--port", String.valueOf(port), "--ui-port", String.valueOf(uiPort), "--workers", "1",
                "--cores", String.valueOf(WORKER_CORES), "--memory", WORKER_MEMORY, "--timeout", "240s");
        System.out.printf("cluster start took %.1f s%n", (System.nanoTime() - t0) / 1e9);
        assertThat(start.code()).as(start.all()).isZero();
        assertThat(start.out()).contains("running, 1 worker ALIVE", "spark://127.0.0.1:" + port, "http://127.0.0.1:" + uiPort, "worker UI");
        state = ClusterState.load(layout).orElseThrow();
        masterUrl = state.masterUrl();
        everyPidSeen.addAll(state.pids());
    }

    @AfterAll
    void stopClusterAndRestore() throws InterruptedException {
        try {
            if (submitted != null) submitted.close(); // only after a failure: each test stops its own
            if (layout != null && StandaloneCluster.status(layout).running()) StandaloneCluster.stop(layout); // only after a failure
        } finally {
            savedProperties.forEach((k, v) -> {
                if (v.isEmpty()) System.clearProperty(k);
                else System.setProperty(k, v);
            });
            for (Path dir : temporary) deleteQuietly(dir);
        }
    }

    private static void deleteQuietly(Path dir) {
        try (java.util.stream.Stream<Path> all = Files.walk(dir)) {
            all.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete()); // links go, not their targets
        } catch (IOException | java.io.UncheckedIOException ignored) {
            // a leftover temp folder is no failure
        }
    }

    @Test
    @Order(1)
    void statusAndASecondStartReportTheRunningCluster() throws Exception {
        Outcome status = ssp("cluster", "status");
        assertThat(status.code()).as(status.all()).isZero();
        assertThat(status.out()).contains(masterUrl, "2 of 2 processes alive", "ALIVE, 0 of " + WORKER_CORES + " cores in use",
                "running: no job");
        Outcome again = ssp("cluster", "start", "--port", String.valueOf(state.masterPort()), "--ui-port", String.valueOf(state.uiPort()));
        assertThat(again.code()).isZero();
        assertThat(again.out()).contains("already running", masterUrl);
        assertThat(ClusterState.load(layout)).contains(state);

        String secret = ClusterSecurity.read(layout.sparkConf()).get(ClusterSecurity.SECRET);
        assertThat(secret).hasSize(64);
        assertThat(ClusterSecurity.ownerOnly(layout.sparkConf())).isTrue();
        assertThat(Files.readString(layout.stateFile())).doesNotContain(secret);
        assertThat(Daemons.commandLine(state.masterPid()).orElseThrow()).as("the secret is on no command line").doesNotContain(secret);
    }

    @Test
    @Order(2)
    void everyDaemonListensOnLoopbackOnlyAndTheMasterRunsNoRestServer() throws Exception {
        List<InetSocketAddress> master = ListeningSockets.of(state.masterPid());
        assertThat(master).allSatisfy(a -> assertThat(a.getAddress().isLoopbackAddress()).as(a.toString()).isTrue());
        assertThat(master.stream().map(InetSocketAddress::getPort).collect(Collectors.toSet()))
                .as("RPC and web UI, nothing else: no REST server on 6066 or anywhere")
                .isEqualTo(Set.of(state.masterPort(), state.uiPort()));
        for (ClusterState.Worker w : state.workers()) {
            List<InetSocketAddress> worker = ListeningSockets.of(w.pid());
            assertThat(worker).isNotEmpty().allSatisfy(a -> assertThat(a.getAddress().isLoopbackAddress()).as(a.toString()).isTrue());
        }
        Map<String, String> secret = ClusterSecurity.driverSettings(ClusterSecurity.read(layout.sparkConf()).get(ClusterSecurity.SECRET));
        MasterProbe.Result accepted = MasterProbe.ask(Master.parse(masterUrl), secret);
        assertThat(accepted.answer()).isEqualTo(MasterProbe.Answer.ACCEPTED);
        assertThat(accepted.capacity().restEnabled()).as("the master's own word: no REST port").isFalse();
        assertThat(accepted.capacity().cores()).isEqualTo(WORKER_CORES);
    }

    @Test
    @Order(3)
    void aDriverWithoutTheSecretIsRefused() throws Exception {
        Master master = Master.parse(masterUrl);
        assertThat(MasterProbe.ask(master, Map.of()).answer()).isEqualTo(MasterProbe.Answer.REFUSED);
        assertThat(MasterProbe.ask(master, ClusterSecurity.driverSettings(ClusterSecurity.newSecret())).answer())
                .as("a wrong secret").isEqualTo(MasterProbe.Answer.REFUSED);

        // bin/ssp run from another project folder: it knows no secret for this cluster
        Assumptions.assumeTrue(System.getenv(ClusterSecurity.SECRET_ENV) == null, "SSP_CLUSTER_SECRET is set in this environment");
        Path elsewhere = Files.createTempDirectory("ssp-elsewhere");
        temporary.add(elsewhere);
        String ours = System.getProperty("ssp.home");
        System.setProperty("ssp.home", elsewhere.toString());
        try {
            Outcome o = ssp("run", "phase1", "--master", masterUrl, "--batches", "2", "--no-ui");
            assertThat(o.code()).as(o.all()).isEqualTo(2);
            assertThat(o.err()).contains("refused this driver", "requires the cluster's secret");
            assertThat(org.apache.spark.SparkContext$.MODULE$.getActive().isEmpty()).as("no SparkContext was started").isTrue();
        } finally {
            System.setProperty("ssp.home", ours);
        }
    }

    @Test
    @Order(4)
    void phase1RunsInAnExecutorJvmWithTheSecretPassedForUs() throws Exception {
        submittedApps(); // the two spark-submit applications start beside this one
        Path metrics = home.resolve("phase1.jsonl");
        TaskPlaces.reset();
        setProperty("spark.extraListeners", TaskPlaces.class.getName());
        Outcome run;
        try {
            run = ssp("run", "phase1", "--master", masterUrl, "--batch-interval", BATCH_INTERVAL, "--batches", "3", "--no-ui",
                    "--metrics-out", metrics.toString());
        } finally {
            restoreProperty("spark.extraListeners");
        }
        assertThat(run.code()).as(run.all()).isZero();
        assertThat(run.out()).contains("authenticating with its secret", "asking for 4 cores",
                "master " + masterUrl + " (4 task slots, 1 held by the receiver → 3 free)", "stopped: 3 batches measured");
        List<BatchMetrics> batches = JsonLines.read(metrics).batches();
        assertMeasured(home.resolve("phase1.summary.json"), batches, 3);
        assertThat(batches.stream().mapToLong(BatchMetrics::records).sum()).as("words reached the executors' receiver").isPositive();

        assertThat(TaskPlaces.executorsAdded).as("executors registered with the driver").isNotEmpty().doesNotContain("driver");
        assertThat(TaskPlaces.tasksByExecutor.keySet()).as("executors that ran tasks").isNotEmpty()
                .doesNotContain("driver").allSatisfy(id -> assertThat(TaskPlaces.executorsAdded).contains(id));

        // The executor is a JVM of its own, started by our worker: its log says which process it was.
        Path stderr = executorStderr(TaskPlaces.appId, TaskPlaces.executorsAdded.iterator().next());
        String log = Files.readString(stderr, StandardCharsets.UTF_8);
        Matcher pid = Pattern.compile("Started daemon with process name: (\\d+)@").matcher(log);
        assertThat(pid.find()).as(log).isTrue();
        long executorPid = Long.parseLong(pid.group(1));
        everyPidSeen.add(executorPid);
        assertThat(executorPid).isNotEqualTo(ProcessHandle.current().pid()).isNotIn(state.pids());
        assertThat(log).contains("Running task").containsPattern("Fetching spark://127\\.0\\.0\\.1:\\d+/jars/.*\\.jar"); // the app jar, shipped
    }

    /** The lab's own main class under spark-submit: {@code run JOB} with its table, summary and files, the secret from spark-submit's settings. */
    @Test
    @Order(5)
    void sparkSubmitFromOurJarsRunsAJobOnTheCluster() throws Exception {
        SubmittedApps apps = submittedApps();
        boolean ended = apps.run.waitFor(5, TimeUnit.MINUTES);
        if (!ended) apps.run.destroyForcibly();
        System.out.printf("spark-submit run phase1 ended after %.1f s%n", (System.nanoTime() - apps.started) / 1e9);
        String out = Files.readString(apps.runOutput, StandardCharsets.UTF_8);
        assertThat(ended).as(out).isTrue();
        assertThat(apps.run.exitValue()).as(out).isZero();
        assertThat(out).contains("authenticating with spark.authenticate.secret from spark-submit's settings", "stopped: 2 batches measured");
        assertMeasured(home.resolve("submitted.summary.json"), JsonLines.read(apps.runMetrics).batches(), 2);
    }

    /**
     * A job class's own main under plain spark-submit ({@code pipeline.Standalone}): no lab around it, lines
     * from a running source at HOST PORT, each batch's top words on the driver's output, until it is stopped.
     */
    @Test
    @Order(6)
    void aJobClassUnderPlainSparkSubmitPrintsEachBatchsTopWords() throws Exception {
        SubmittedApps apps = submittedApps();
        try {
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(4);
            String out = "";
            while (System.nanoTime() < deadline && apps.standalone.isAlive() && !out.contains("top 5 words: word")) {
                Thread.sleep(200);
                out = Files.readString(apps.standaloneOutput, StandardCharsets.UTF_8);
            }
            assertThat(out).as(out).contains("top 5 words: word");
            assertThat(apps.standalone.isAlive()).as("a standalone job runs until it is stopped").isTrue();
            assertThat(apps.source.linesSent()).as("the executors' receiver read from the source").isPositive();
        } finally {
            apps.stopStandalone();
        }
    }

    /**
     * {@code run phase1} of the lab's own main class, and {@code pipeline.Standalone}'s job class with lines from a
     * running source at HOST PORT, both under spark-submit: started once, by the first test that needs them.
     */
    private SubmittedApps submittedApps() throws IOException {
        if (submitted == null) submitted = new SubmittedApps();
        return submitted;
    }

    private final class SubmittedApps implements AutoCloseable {
        final long started = System.nanoTime();
        final Path runMetrics = home.resolve("submitted.jsonl");
        final Path runOutput = home.resolve("spark-submit.out");
        final Path standaloneOutput = home.resolve("standalone.out");
        final SocketSource source = SocketSource.start(new SourceConfig("127.0.0.1", 0, 140, 3, 50, 42, java.time.Duration.ZERO), line -> { });
        final Process run;
        final Process standalone;

        SubmittedApps() throws IOException {
            run = sparkSubmit("io.ssplab.cli.Main", runOutput, List.of(), "run", "phase1", "--batch-interval", BATCH_INTERVAL,
                    "--batches", "2", "--no-ui", "--metrics-out", runMetrics.toString());
            standalone = sparkSubmit("io.ssplab.jobs.Phase1Baseline", standaloneOutput,
                    List.of("--total-executor-cores", String.valueOf(STANDALONE_CORES)), "127.0.0.1", String.valueOf(source.port()));
        }

        /** SIGTERM: Spark's shutdown hook ends the application, the worker its executor. */
        void stopStandalone() throws InterruptedException {
            standalone.destroy();
            if (!standalone.waitFor(60, TimeUnit.SECONDS)) standalone.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            source.close();
        }

        @Override
        public void close() throws InterruptedException {
            if (run.isAlive()) run.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            if (standalone.isAlive()) stopStandalone();
            source.close();
        }
    }

    /** {@code spark-submit --class MAIN --master OUR_MASTER --properties-file OUR_SECRET [OPTIONS] APP_JAR ARGS}, from the project's jars. */
    private Process sparkSubmit(String mainClass, Path output, List<String> options, String... args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(List.of(JavaModuleOptions.defaultModuleOptionArray()));
        command.addAll(List.of("-cp", Files.readString(PROJECT.resolve("target/classpath.txt")).strip(),
                "org.apache.spark.deploy.SparkSubmit", "--class", mainClass, "--master", masterUrl,
                "--properties-file", layout.sparkConf().toString()));
        command.addAll(options);
        command.add(AppJar.locate().toString());
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).directory(home.toFile()).redirectErrorStream(true)
                .redirectOutput(output.toFile());
        pb.environment().remove(ClusterSecurity.SECRET_ENV);
        pb.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
        pb.environment().put("SSP_LANG", "en");
        return pb.start();
    }

    /** {@code --batches n}: n batches measured after the warm-up; the metrics file holds the warm-up batches too. */
    private static void assertMeasured(Path summaryFile, List<BatchMetrics> batches, int n) throws IOException {
        com.fasterxml.jackson.databind.JsonNode summary = io.ssplab.core.Json.MAPPER.readTree(summaryFile.toFile());
        assertThat(summary.get("batches").asInt() - summary.get("warmupBatches").asInt()).as(summary.toString()).isEqualTo(n);
        assertThat(batches).hasSize(summary.get("batches").asInt());
    }

    @Test
    @Order(7)
    void stopEndsExactlyItsProcessesAndLeavesNoneBehind() throws Exception {
        for (ClusterState.Worker w : state.workers()) Daemons.descendants(w.pid()).forEach(p -> everyPidSeen.add(p.pid()));
        Outcome stop = ssp("cluster", "stop");
        assertThat(stop.code()).as(stop.all()).isZero();
        assertThat(stop.out()).contains("stopped 2 processes");
        for (long pid : everyPidSeen) {
            assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).as("pid %d still alive", pid).isFalse();
        }
        assertThat(layout.stateFile()).doesNotExist();
        assertThat(layout.sparkConf()).as("the secret is gone with the cluster").doesNotExist();
        assertThat(layout.masterLog()).exists();
        assertThat(ssp("cluster", "status").code()).isEqualTo(1);
    }

    /** Records, in the driver, where every task ran: Spark instantiates it from spark.extraListeners. */
    public static final class TaskPlaces extends SparkListener {
        static final Set<String> executorsAdded = ConcurrentHashMap.newKeySet();
        static final Map<String, Integer> tasksByExecutor = new ConcurrentHashMap<>();
        static volatile String appId;

        static void reset() {
            executorsAdded.clear();
            tasksByExecutor.clear();
            appId = null;
        }

        @Override
        public void onApplicationStart(SparkListenerApplicationStart start) {
            if (start.appId().isDefined()) appId = start.appId().get();
        }

        @Override
        public void onExecutorAdded(SparkListenerExecutorAdded added) {
            executorsAdded.add(added.executorId());
        }

        @Override
        public void onTaskEnd(SparkListenerTaskEnd end) {
            tasksByExecutor.merge(end.taskInfo().executorId(), 1, Integer::sum);
        }
    }

    private static int freePort() throws IOException {
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
            return s.getLocalPort();
        }
    }

    /** The log of application {@code appId}'s executor {@code executorId}, in our worker's folder: three applications share it. */
    private Path executorStderr(String appId, String executorId) {
        Path stderr = layout.workerDir(1).resolve(String.valueOf(appId)).resolve(executorId).resolve("stderr");
        assertThat(stderr).as("the executor log of %s, executor %s", appId, executorId).isRegularFile();
        return stderr;
    }

    private void setProperty(String key, String value) {
        savedProperties.putIfAbsent(key, System.getProperty(key, ""));
        System.setProperty(key, value);
    }

    private void restoreProperty(String key) {
        String before = savedProperties.remove(key);
        if (before == null || before.isEmpty()) System.clearProperty(key);
        else System.setProperty(key, before);
    }

    record Outcome(int code, String out, String err) {
        String all() {
            return out + err;
        }
    }

    private static Outcome ssp(String... args) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
        long t0 = System.nanoTime();
        int code = Main.run(new java.io.PrintStream(out, true, StandardCharsets.UTF_8), new java.io.PrintStream(err, true, StandardCharsets.UTF_8), args);
        System.out.printf("ssp %s: exit %d after %.1f s%n", String.join(" ", args), code, (System.nanoTime() - t0) / 1e9);
        return new Outcome(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
}
