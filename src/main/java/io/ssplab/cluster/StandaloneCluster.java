package io.ssplab.cluster;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

import org.apache.spark.launcher.JavaModuleOptions;

import io.ssplab.core.BadInputException;
import io.ssplab.core.Format;
import io.ssplab.core.Messages;
import io.ssplab.core.ServerJvm;

/**
 * A real Spark standalone cluster on this machine: one master JVM and N worker JVMs, started from the
 * project's own jars, recorded in a {@link ClusterLayout} folder, checked and stopped by PID.
 */
public final class StandaloneCluster {
    static final String MASTER_CLASS = "org.apache.spark.deploy.master.Master";
    static final String WORKER_CLASS = "org.apache.spark.deploy.worker.Worker";
    /** Spark's own default heap for its daemons (SPARK_DAEMON_MEMORY). */
    private static final String DAEMON_HEAP = "-Xmx1g";
    private static final Duration STOP_GRACE = Duration.ofSeconds(20);

    private StandaloneCluster() {
    }

    /** What the state folder says, checked against the processes that really run. */
    public enum Condition { NOT_RUNNING, STALE, RUNNING }

    /**
     * @param state     the recorded state (null when NOT_RUNNING, or when the state file is unreadable)
     * @param alivePids recorded PIDs that are still our daemons
     */
    public record Status(Condition condition, ClusterState state, List<Long> alivePids) {
        public boolean running() {
            return condition == Condition.RUNNING;
        }

        public boolean masterAlive() {
            return state != null && alivePids.contains(state.masterPid());
        }
    }

    public record Started(ClusterState state, MasterView view, Duration took) {
    }

    /**
     * @param stopped   daemons ended with SIGTERM
     * @param killed    daemons that had to be killed after the grace period
     * @param executors executor JVMs of our workers that were still alive after their worker ended
     */
    public record Stopped(List<Long> stopped, List<Long> killed, List<Long> executors) {
    }

    /** Start failed: what happened, and the log lines that say why. */
    public static final class StartFailed extends Exception {
        private final List<String> details;

        StartFailed(String message, List<String> details) {
            super(message);
            this.details = List.copyOf(details);
        }

        public List<String> details() {
            return details;
        }
    }

    public static Status status(ClusterLayout layout) {
        if (!Files.exists(layout.stateFile())) return new Status(Condition.NOT_RUNNING, null, List.of());
        Optional<ClusterState> recorded = ClusterState.load(layout);
        if (recorded.isEmpty()) return new Status(Condition.STALE, null, List.of());
        ClusterState s = recorded.get();
        String marker = Daemons.marker(layout);
        List<Long> alive = new ArrayList<>();
        if (Daemons.isOurs(s.masterPid(), marker, MASTER_CLASS)) alive.add(s.masterPid());
        for (ClusterState.Worker w : s.workers()) {
            if (Daemons.isOurs(w.pid(), marker, WORKER_CLASS)) alive.add(w.pid());
        }
        return new Status(alive.isEmpty() ? Condition.STALE : Condition.RUNNING, s, alive);
    }

    /** The running cluster of this layout, if any. */
    public static Optional<ClusterState> running(ClusterLayout layout) {
        Status s = status(layout);
        return s.masterAlive() ? Optional.of(s.state()) : Optional.empty();
    }

    /**
     * Starts master and workers and waits until the master reports every worker ALIVE. On failure or
     * {@code cancelled}, stops whatever it started.
     *
     * <p>The Spark jars come from the classpath bin/ssp started this JVM with ({@code ssp.classpath}).
     *
     * @throws BadInputException when the settings cannot work or a port is taken (nothing started)
     * @throws IllegalStateException when a cluster of this layout is running
     */
    public static Started start(ClusterLayout layout, ClusterSettings settings, Consumer<String> progress,
                                BooleanSupplier cancelled) throws IOException, StartFailed {
        settings.validate();
        Status before = status(layout);
        if (before.running()) throw new IllegalStateException(Messages.get("cluster.alreadyRunning", ClusterLayout.display(layout.dir())));
        requireFree(settings.host(), settings.masterPort(), "--port");
        requireFree(settings.host(), settings.uiPort(), "--ui-port");
        List<Path> jars = SparkJars.jarsOf(SparkJars.currentClasspath());

        clean(layout, true);
        Files.createDirectories(layout.logs());
        Files.createDirectories(layout.work());
        String daemonClasspath = SparkJars.populate(layout.sparkHome(), jars);
        Map<String, String> conf = ClusterSecurity.clusterSettings(ClusterSecurity.newSecret(), settings.masterUrl(), settings.loopbackOnly());
        ClusterSecurity.writeOwnerOnly(layout.sparkConf(), """
                Written by 'bin/ssp cluster start': the settings of this cluster, its secret included, so owner-only.
                The master and workers read it; a driver can too: spark-submit --properties-file THIS_FILE …
                (bin/ssp run --master spark://… passes the secret by itself.)""", conf);

        long t0 = System.nanoTime();
        try {
            ClusterState state = launch(layout, settings, daemonClasspath, cancelled);
            progress.accept(Messages.get("cluster.started", state.masterPid(), Messages.count(settings.workers(), "noun.worker"),
                    String.join(", ", state.workers().stream().map(w -> String.valueOf(w.pid())).toList())));
            MasterView view = awaitWorkers(layout, state, settings.startTimeout(), progress, cancelled);
            return new Started(state, view, Duration.ofNanos(System.nanoTime() - t0));
        } catch (StartFailed | RuntimeException | IOException e) {
            stop(layout);
            throw e;
        }
    }

    /**
     * Launches the master, then — once it answers — each worker, recording every PID at once so that {@code stop} finds
     * even a half-started cluster.
     */
    private static ClusterState launch(ClusterLayout layout, ClusterSettings settings, String daemonClasspath, BooleanSupplier cancelled)
            throws IOException {
        Map<String, String> env = daemonEnv(layout, settings);
        List<String> master = daemonCommand(layout, daemonClasspath, MASTER_CLASS, List.of("-Dspark.port.maxRetries=0"));
        master.addAll(List.of("--host", settings.host(), "--port", String.valueOf(settings.masterPort()),
                "--webui-port", String.valueOf(settings.uiPort()), "--properties-file", layout.sparkConf().toString()));
        long masterPid = Daemons.launch(master, env, layout.masterLog());
        ClusterState state = new ClusterState(settings.host(), settings.masterPort(), settings.uiPort(), masterPid, List.of(),
                Instant.now().toString());
        state.save(layout);
        awaitMaster(state, settings.startTimeout(), cancelled);
        for (int n = 1; n <= settings.workers(); n++) {
            Files.createDirectories(layout.workerDir(n));
            List<String> worker = daemonCommand(layout, daemonClasspath, WORKER_CLASS, List.of());
            // Worker UI on port 0: a free one; the master's /json/ tells which.
            worker.addAll(List.of("--host", settings.host(), "--webui-port", "0", "--cores", String.valueOf(settings.coresPerWorker()),
                    "--memory", settings.memoryPerWorker(), "--work-dir", layout.workerDir(n).toString(),
                    "--properties-file", layout.sparkConf().toString(), settings.masterUrl()));
            long pid = Daemons.launch(worker, env, layout.workerLog(n));
            state = state.withWorker(new ClusterState.Worker(n, pid, settings.coresPerWorker(), settings.memoryPerWorker()));
            state.save(layout);
        }
        return state;
    }

    /**
     * Waits until the master answers on its web UI (its RPC port is bound before the UI starts), at most {@code timeout}.
     * Why: a worker started beside the master finds no one to register with, and Spark's worker tries again only after
     * 5 to 15 s (a random interval, not a setting): most of a cluster's start. Returns early when the master died or the
     * start was cancelled, and at the timeout, launching the workers anyway: {@link #awaitWorkers} reports all three.
     */
    private static void awaitMaster(ClusterState state, Duration timeout, BooleanSupplier cancelled) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline && !cancelled.getAsBoolean() && Daemons.isAlive(state.masterPid())) {
            try {
                if (MasterView.fetch(state.masterUiUrl()).alive()) return;
            } catch (IOException notYet) {
                // the UI is not up yet
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private static MasterView awaitWorkers(ClusterLayout layout, ClusterState state, Duration timeout, Consumer<String> progress,
                                           BooleanSupplier cancelled) throws StartFailed {
        long t0 = System.nanoTime();
        long deadline = t0 + timeout.toNanos();
        String marker = Daemons.marker(layout);
        boolean masterUp = false;
        MasterView last = null;
        while (true) {
            if (cancelled.getAsBoolean()) throw new StartFailed(Messages.get("cluster.startCancelled"), List.of());
            // Just launched, a daemon may still show its parent's command line (between fork and exec,
            // which takes longer on a busy machine): only a process that is gone has died.
            if (!Daemons.isOurs(state.masterPid(), marker, MASTER_CLASS) && !Daemons.isAlive(state.masterPid()))
                throw died(Messages.get("cluster.theMaster"), layout.masterLog());
            for (ClusterState.Worker w : state.workers()) {
                if (!Daemons.isOurs(w.pid(), marker, WORKER_CLASS) && !Daemons.isAlive(w.pid()))
                    throw died(Messages.get("cluster.theWorker", w.number()), layout.workerLog(w.number()));
            }
            try {
                last = MasterView.fetch(state.masterUiUrl());
                if (last.alive() && !masterUp) {
                    masterUp = true;
                    progress.accept(Messages.get("cluster.masterAlive", Format.fixed((System.nanoTime() - t0) / 1e9, 1)));
                }
                if (last.alive() && last.aliveWorkers() >= state.workers().size()) return last;
            } catch (IOException notYet) {
                // the UI is not up yet
            }
            if (System.nanoTime() > deadline) {
                long alive = last == null ? 0 : last.aliveWorkers();
                throw new StartFailed(Messages.get("cluster.timedOut", Format.integer(timeout.toSeconds()), alive, state.workers().size(),
                        Format.option(timeout.multipliedBy(2))),
                        Daemons.tail(state.workers().isEmpty() ? layout.masterLog() : layout.workerLog(1), 12));
            }
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new StartFailed(Messages.get("cluster.startInterrupted"), List.of());
            }
        }
    }

    private static StartFailed died(String who, Path log) {
        return new StartFailed(Messages.get("cluster.died", who, ClusterLayout.display(log)), Daemons.tail(log, 15));
    }

    /**
     * Ends exactly the processes this layout's cluster started: workers first (each ends its executors),
     * then the master; executors still alive after their worker ended are ended too. Cleans the folder,
     * keeping the logs. Recorded PIDs that are no longer ours are never touched.
     */
    public static Stopped stop(ClusterLayout layout) {
        Status status = status(layout);
        List<Long> stopped = new ArrayList<>();
        List<Long> killed = new ArrayList<>();
        List<Long> executors = new ArrayList<>();
        if (status.state() != null) {
            ClusterState s = status.state();
            String marker = Daemons.marker(layout);
            List<ClusterState.Worker> lastFirst = new ArrayList<>(s.workers());
            java.util.Collections.reverse(lastFirst);
            for (ClusterState.Worker w : lastFirst) {
                if (!Daemons.isOurs(w.pid(), marker, WORKER_CLASS)) continue;
                List<ProcessHandle> children = Daemons.descendants(w.pid());
                ProcessHandle.of(w.pid()).ifPresent(p -> (Daemons.stop(p, STOP_GRACE) ? killed : stopped).add(w.pid()));
                for (ProcessHandle c : children) {
                    if (c.isAlive()) {
                        Daemons.stop(c, Duration.ofSeconds(5));
                        executors.add(c.pid());
                    }
                }
            }
            if (Daemons.isOurs(s.masterPid(), marker, MASTER_CLASS)) {
                ProcessHandle.of(s.masterPid()).ifPresent(p -> (Daemons.stop(p, STOP_GRACE) ? killed : stopped).add(s.masterPid()));
            }
        }
        try {
            clean(layout, false);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(Messages.get("cluster.cannotClean", ClusterLayout.display(layout.dir()), e.getMessage()), e);
        }
        return new Stopped(stopped, killed, executors);
    }

    /** Removes the state, the secret, the jar links and the work folders; the logs too if {@code removeLogs}. */
    static void clean(ClusterLayout layout, boolean removeLogs) throws IOException {
        Files.deleteIfExists(layout.stateFile());
        Files.deleteIfExists(layout.sparkConf());
        deleteTree(layout.sparkHome());
        deleteTree(layout.work());
        if (removeLogs) deleteTree(layout.logs());
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root, java.nio.file.LinkOption.NOFOLLOW_LINKS)) return;
        // walkFileTree does not follow links: the jars' links go, the jars they point to stay.
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException exc) throws IOException {
                Files.delete(dir);
                return FileVisitResult.CONTINUE;
            }
        });
    }

    private static Map<String, String> daemonEnv(ClusterLayout layout, ClusterSettings settings) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("SPARK_HOME", layout.sparkHome().toString());
        // Spark's launcher needs it to find SPARK_HOME/jars when it builds an executor's command.
        String scalaVersion = scala.util.Properties.versionNumberString();
        env.put("SPARK_SCALA_VERSION", scalaVersion.substring(0, scalaVersion.lastIndexOf('.')));
        env.put("SPARK_LOCAL_IP", settings.host());
        return env;
    }

    private static List<String> daemonCommand(ClusterLayout layout, String classpath, String mainClass, List<String> extraJvm) {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add(DAEMON_HEAP);
        cmd.add(ServerJvm.QUICK_COMPILER); // the daemons schedule; the executors they launch keep the full JIT
        for (String o : JavaModuleOptions.defaultModuleOptionArray()) {
            // Only MLlib's BLAS uses the vector module, and it prints an incubator warning per JVM (see bin/ssp).
            if (!o.startsWith("--add-modules=jdk.incubator.vector")) cmd.add(o);
        }
        cmd.add(Daemons.marker(layout));
        cmd.addAll(extraJvm);
        cmd.add("-cp");
        cmd.add(classpath);
        cmd.add(mainClass);
        return cmd;
    }

    private static void requireFree(String host, int port, String option) {
        try (ServerSocket probe = new ServerSocket()) {
            probe.setReuseAddress(true);
            probe.bind(new InetSocketAddress(InetAddress.getByName(host), port));
        } catch (IOException taken) {
            throw new BadInputException(Messages.get("cluster.portTaken", option, port, host, taken.getMessage()));
        }
    }
}
