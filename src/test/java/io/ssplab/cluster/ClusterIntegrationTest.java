package io.ssplab.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
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
                "--cores", "4", "--memory", "1g", "--timeout", "240s");
        System.out.printf("cluster start took %.1f s%n", (System.nanoTime() - t0) / 1e9);
        assertThat(start.code()).as(start.all()).isZero();
        assertThat(start.out()).contains("running, 1 worker ALIVE", "spark://127.0.0.1:" + port, "http://127.0.0.1:" + uiPort, "worker UI");
        state = ClusterState.load(layout).orElseThrow();
        masterUrl = state.masterUrl();
        everyPidSeen.addAll(state.pids());
    }

    @AfterAll
    void stopClusterAndRestore() {
        try {
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
        assertThat(status.out()).contains(masterUrl, "2 of 2 processes alive", "ALIVE, 0 of 4 cores in use", "running: no job");
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
        assertThat(accepted.capacity().cores()).isEqualTo(4);
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
        Path metrics = home.resolve("phase1.jsonl");
        TaskPlaces.reset();
        setProperty("spark.extraListeners", TaskPlaces.class.getName());
        Outcome run;
        try {
            run = ssp("run", "phase1", "--master", masterUrl, "--batches", "3", "--no-ui", "--metrics-out", metrics.toString());
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
        Path stderr = executorStderr();
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
        Path metrics = home.resolve("submitted.jsonl");
        Path output = home.resolve("spark-submit.out");
        long t0 = System.nanoTime();
        Process submit = sparkSubmit("io.ssplab.cli.Main", output, "run", "phase1", "--batches", "2", "--no-ui", "--metrics-out", metrics.toString());
        boolean ended = submit.waitFor(5, TimeUnit.MINUTES);
        if (!ended) submit.destroyForcibly();
        System.out.printf("spark-submit took %.1f s%n", (System.nanoTime() - t0) / 1e9);
        String out = Files.readString(output, StandardCharsets.UTF_8);
        assertThat(ended).as(out).isTrue();
        assertThat(submit.exitValue()).as(out).isZero();
        assertThat(out).contains("authenticating with spark.authenticate.secret from spark-submit's settings", "stopped: 2 batches measured");
        assertMeasured(home.resolve("submitted.summary.json"), JsonLines.read(metrics).batches(), 2);
    }

    /**
     * A job class's own main under plain spark-submit ({@code pipeline.Standalone}): no lab around it, lines
     * from a running source at HOST PORT, each batch's top words on the driver's output, until it is stopped.
     */
    @Test
    @Order(6)
    void aJobClassUnderPlainSparkSubmitPrintsEachBatchsTopWords() throws Exception {
        Path output = home.resolve("standalone.out");
        try (SocketSource source = SocketSource.start(new SourceConfig("127.0.0.1", 0, 140, 3, 50, 42, java.time.Duration.ZERO), line -> { })) {
            Process submit = sparkSubmit("io.ssplab.jobs.Phase1Baseline", output, "127.0.0.1", String.valueOf(source.port()));
            try {
                long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(4);
                String out = "";
                while (System.nanoTime() < deadline && submit.isAlive() && !out.contains("top 5 words: word")) {
                    Thread.sleep(500);
                    out = Files.readString(output, StandardCharsets.UTF_8);
                }
                assertThat(out).as(out).contains("top 5 words: word");
                assertThat(submit.isAlive()).as("a standalone job runs until it is stopped").isTrue();
                assertThat(source.linesSent()).as("the executors' receiver read from the source").isPositive();
            } finally {
                submit.destroy(); // SIGTERM: Spark's shutdown hook ends the application, the worker its executor
                if (!submit.waitFor(60, TimeUnit.SECONDS)) submit.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    /** {@code spark-submit --class MAIN --master OUR_MASTER --properties-file OUR_SECRET APP_JAR ARGS}, from the project's jars. */
    private Process sparkSubmit(String mainClass, Path output, String... args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(List.of(JavaModuleOptions.defaultModuleOptionArray()));
        command.addAll(List.of("-cp", Files.readString(PROJECT.resolve("target/classpath.txt")).strip(),
                "org.apache.spark.deploy.SparkSubmit", "--class", mainClass, "--master", masterUrl,
                "--properties-file", layout.sparkConf().toString(), AppJar.locate().toString()));
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

        static void reset() {
            executorsAdded.clear();
            tasksByExecutor.clear();
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

    private Path executorStderr() throws IOException {
        try (DirectoryStream<Path> apps = Files.newDirectoryStream(layout.workerDir(1), "app-*")) {
            for (Path app : apps) {
                Path stderr = app.resolve("0").resolve("stderr");
                if (Files.isRegularFile(stderr)) return stderr;
            }
        }
        throw new AssertionError("no executor log under " + layout.workerDir(1));
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
