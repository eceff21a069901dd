package io.ssplab.cli;

import java.io.PrintStream;
import java.math.BigInteger;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.ssplab.core.Columns;
import io.ssplab.core.BadInputException;
import io.ssplab.core.ExitCodes;
import io.ssplab.core.Format;
import io.ssplab.core.Lang;
import io.ssplab.core.Messages;
import io.ssplab.cluster.ClusterLayout;
import io.ssplab.cluster.ClusterSettings;
import io.ssplab.cluster.ClusterState;
import io.ssplab.cluster.MasterView;
import io.ssplab.cluster.StandaloneCluster;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code bin/ssp cluster start|status|stop}: a real Spark standalone cluster on this machine, closed by default. */
@Command(name = "cluster", mixinStandardHelpOptions = true,
        description = {"A real Spark standalone cluster on this machine — a master and worker JVMs from the project's own jars, no Spark download.",
                "Closed by default: authentication with a secret generated at start, no REST submission server, everything on 127.0.0.1.",
                "Its state (PIDs, ports, secret, logs) lives in runs/cluster/."},
        subcommands = {ClusterCommand.Start.class, ClusterCommand.Status.class, ClusterCommand.Stop.class},
        footer = {"", "Then: bin/ssp run phase1 --master spark://127.0.0.1:7077", "(the secret is passed for you). See docs/cluster.md."})
public final class ClusterCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @ParentCommand
    Main main;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** What start, status and stop share: where to print, and this project's cluster folder and its condition. */
    abstract static class Subcommand implements Callable<Integer> {
        @ParentCommand
        ClusterCommand cluster;

        final ClusterLayout layout = ClusterLayout.forProject();

        PrintStream out() {
            return cluster.main.out;
        }

        StandaloneCluster.Status status() {
            return StandaloneCluster.status(layout);
        }
    }

    /** The labels of the lines about a cluster ("  master UI   http://…"), in the reader's language: their width sets the column. */
    static final List<String> LABELS = List.of("master", "masterUi", "workers", "workerUi", "cores", "secret", "logs");

    /** "  master UI   " in the reader's language, padded to the widest of {@link #LABELS}. */
    static String line(String label, String value) {
        List<String> all = LABELS.stream().map(l -> Messages.get("cli.cluster.label." + l)).toList();
        return "  " + Columns.label(Messages.get("cli.cluster.label." + label), all) + value;
    }

    static void printUrls(PrintStream out, ClusterState state, MasterView view) {
        out.println(line("master", Messages.get("cli.cluster.master", state.masterUrl(), state.masterPid())));
        out.println(line("masterUi", state.masterUiUrl()));
        out.println(line("workers", Messages.get("cli.cluster.workers", state.workers().size(),
                Messages.count(state.workers().isEmpty() ? 0 : state.workers().get(0).cores(), "noun.core"),
                state.workers().isEmpty() ? "-" : state.workers().get(0).memory(),
                String.join(", ", state.workers().stream().map(w -> String.valueOf(w.pid())).toList()))));
        if (view == null) return;
        // The master's view has each worker's UI; it cannot say which PID is which, and need not.
        for (MasterView.WorkerView w : view.workers()) {
            if (!w.alive()) continue;
            out.println(line("workerUi", Messages.get("cli.cluster.workerUi", w.webUiAddress(), w.coresUsed(), Messages.count(w.cores(), "noun.core"))));
        }
    }

    @Command(name = "start", mixinStandardHelpOptions = true, sortOptions = false,
            description = "Start a master and worker(s) on 127.0.0.1 and wait until every worker is ALIVE.",
            footer = {"", "Examples:", "  bin/ssp cluster start              # 1 worker × 4 cores, 2g: the original's",
                    "  bin/ssp cluster start --workers 2  # 8 cores, for phase3's 8 task slots"})
    static final class Start extends Subcommand {
        @Option(names = "--workers", paramLabel = "N", defaultValue = "" + ClusterSettings.DEFAULT_WORKERS, description = "Worker JVMs (" + Options.WORKERS_SPAN + "). Default: ${DEFAULT-VALUE}.")
        int workers;

        @Option(names = "--cores", paramLabel = "N", defaultValue = "" + ClusterSettings.DEFAULT_CORES,
                description = "Task slots per worker (" + Options.WORKER_CORES_SPAN + "; slots, not CPUs: the lab's costs are waits). Default: ${DEFAULT-VALUE}.")
        int cores;

        @Option(names = "--memory", paramLabel = "SIZE", defaultValue = ClusterSettings.DEFAULT_MEMORY,
                description = "Memory per worker for executors, e.g. 2g or 1536m (" + Options.WORKER_MEMORY_SPAN + ": an executor takes 1g). Default: ${DEFAULT-VALUE}.")
        String memory;

        @Option(names = "--port", paramLabel = "PORT", defaultValue = "" + ClusterSettings.DEFAULT_MASTER_PORT, description = "Master port (" + Options.PORT_SPAN + "). Default: ${DEFAULT-VALUE}.")
        int port;

        @Option(names = "--ui-port", paramLabel = "PORT", defaultValue = "" + ClusterSettings.DEFAULT_UI_PORT, description = "Master web UI port (" + Options.PORT_SPAN + "). Default: ${DEFAULT-VALUE}.")
        int uiPort;

        @Option(names = "--host", paramLabel = "ADDRESS", defaultValue = ClusterSettings.DEFAULT_HOST,
                description = "Address of this machine every daemon binds. Default: ${DEFAULT-VALUE} (this machine only). Another address opens the cluster to the network, protected by its secret only: see docs/cluster.md first.")
        String host;

        @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "180s", converter = DurationConverter.class,
                description = "How long to wait for every worker to be ALIVE (" + Options.START_TIMEOUT_SPAN + "). Default: ${DEFAULT-VALUE}.")
        Duration timeout;

        /** Every option within its range and the address one of this machine's: refused here, before any JVM starts. */
        void checkOptions() {
            Options.WORKERS.check(workers);
            Options.WORKER_CORES.check(cores);
            memoryMb(memory);
            Options.MASTER_PORT.check(port);
            Options.MASTER_UI_PORT.check(uiPort);
            Options.START_TIMEOUT.check(timeout);
            if (workers * cores < 2) throw new BadInputException(Messages.get("bad.clusterOneSlot", workers, cores));
            if (port == uiPort) throw new BadInputException(Messages.get("bad.samePorts", port));
            Options.listenAddress("--host", host, false);
        }

        @Override
        public Integer call() throws Exception {
            PrintStream out = out();
            checkOptions();
            ClusterSettings settings = new ClusterSettings(host.strip(), port, uiPort, workers, cores, memory.strip(), timeout).validate();
            StandaloneCluster.Status before = status();
            if (before.running()) {
                ClusterState s = before.state();
                out.println("cluster: " + Messages.get("cli.cluster.alreadyRunning",
                        Messages.count(s.workers().size(), "noun.worker"), Messages.count(s.totalCores(), "noun.core")));
                printUrls(out, s, view(s));
                return ExitCodes.OK;
            }
            if (before.condition() == StandaloneCluster.Condition.STALE)
                out.println("cluster: " + Messages.get("cli.cluster.staleCleaned", ClusterLayout.display(layout.dir())));
            // A port someone holds is bad input like any other: refused before the first line that says we start.
            Options.requireFreePort("--port", host, port);
            Options.requireFreePort("--ui-port", host, uiPort);
            if (!settings.loopbackOnly())
                out.println("cluster: " + Messages.get("cli.cluster.warnBinding", host));
            out.println("cluster: " + Messages.get("cli.cluster.starting", settings.masterUrl(), Messages.count(workers, "noun.worker"),
                    Messages.count(cores, "noun.core"), memory));
            AtomicBoolean cancelled = new AtomicBoolean();
            StandaloneCluster.Started started;
            try (CtrlC ignored = CtrlC.onFirstPress(() -> cancelled.set(true))) {
                started = StandaloneCluster.start(layout, settings,
                        line -> out.println("cluster: " + line), cancelled::get);
            } catch (StandaloneCluster.StartFailed failed) {
                cluster.main.err.println("cluster: " + failed.getMessage());
                failed.details().forEach(l -> cluster.main.err.println("  | " + l));
                return ExitCodes.FAILED;
            }
            out.println("cluster: " + Messages.get("cli.cluster.running", Messages.count(started.view().aliveWorkers(), "noun.worker"),
                    Format.fixed(started.took().toMillis() / 1000.0, 1) + " s"));
            printUrls(out, started.state(), started.view());
            out.println(line("secret", Messages.get("cli.cluster.secretStarted", ClusterLayout.display(layout.sparkConf()))));
            out.println(line("logs", Messages.get("cli.cluster.logsStarted", ClusterLayout.display(layout.logs()), ClusterLayout.display(layout.work()))));
            List<String> next = List.of(Messages.get("cli.cluster.label.runJob"), Messages.get("cli.cluster.label.stopIt"));
            out.println(Columns.label(next.get(0), next) + "bin/ssp run phase1 --master " + started.state().masterUrl() + " --batches 10");
            out.println(Columns.label(next.get(1), next) + "bin/ssp cluster stop");
            return ExitCodes.OK;
        }
    }

    /** "2g" → 2048, "1536m" → 1536 (MB), within {@link Options#WORKER_MEMORY_SPAN}. */
    static long memoryMb(String memory) {
        Matcher m = MEMORY.matcher(memory == null ? "" : memory.strip());
        if (!m.matches()) throw new BadInputException(Messages.get("bad.memoryNoUnit", memory));
        BigInteger mb = new BigInteger(m.group(1)).multiply(BigInteger.valueOf(m.group(2).equalsIgnoreCase("g") ? 1024 : 1));
        if (mb.compareTo(BigInteger.valueOf(Options.MIN_WORKER_MEMORY_MB)) < 0 || mb.compareTo(BigInteger.valueOf(Options.MAX_WORKER_MEMORY_MB)) > 0)
            throw new BadInputException(Messages.get("bad.memoryRange", memory, Options.WORKER_MEMORY_SPAN));
        return mb.longValue();
    }

    private static final Pattern MEMORY = Pattern.compile("(\\d+)\\s*([mMgG])");

    @Command(name = "status", mixinStandardHelpOptions = true,
            description = {"Show whether this project's cluster runs: its URLs, workers and jobs.", "Exit code 0 when it runs, 1 when it does not."})
    static final class Status extends Subcommand {
        @Override
        public Integer call() {
            PrintStream out = out();
            StandaloneCluster.Status status = status();
            switch (status.condition()) {
                case NOT_RUNNING -> {
                    out.println("cluster: " + Messages.get("cli.cluster.notRunning"));
                    return ExitCodes.FAILED;
                }
                case STALE -> {
                    StandaloneCluster.stop(layout);
                    out.println("cluster: " + Messages.get("cli.cluster.notRunningStale", ClusterLayout.display(layout.dir())));
                    return ExitCodes.FAILED;
                }
                default -> {
                }
            }
            ClusterState s = status.state();
            MasterView view = view(s);
            int expected = s.pids().size();
            out.println("cluster: " + Messages.get("cli.cluster.runningSince", since(s.startedAt()), status.alivePids().size(),
                    Messages.count(expected, "noun.process")) + (status.alivePids().size() < expected ? Messages.get("cli.cluster.degraded") : ""));
            printUrls(out, s, view);
            if (view == null) {
                out.println("  " + Messages.get("cli.cluster.uiDown", s.masterUiUrl()));
            } else {
                List<String> apps = view.activeApps().stream().map(a -> a.name() + " (" + Messages.count(a.cores(), "noun.core") + ")").toList();
                out.println(line("cores", Messages.get("cli.cluster.coresInUse", view.coresUsed(), view.cores(),
                        apps.isEmpty() ? Messages.get("cli.cluster.noJob") : String.join(", ", apps))));
            }
            out.println(line("secret", ClusterLayout.display(layout.sparkConf())));
            out.println(line("logs", ClusterLayout.display(layout.logs()) + "/"));
            return ExitCodes.OK;
        }
    }

    @Command(name = "stop", mixinStandardHelpOptions = true,
            description = "Stop exactly the processes 'cluster start' started (workers, their executors, the master) and clean runs/cluster/ (logs are kept).")
    static final class Stop extends Subcommand {
        @Override
        public Integer call() {
            PrintStream out = out();
            StandaloneCluster.Status status = status();
            if (status.condition() == StandaloneCluster.Condition.NOT_RUNNING) {
                out.println("cluster: " + Messages.get("cli.cluster.nothingToStop"));
                return ExitCodes.OK;
            }
            StandaloneCluster.Stopped stopped = StandaloneCluster.stop(layout);
            if (status.condition() == StandaloneCluster.Condition.STALE) {
                out.println("cluster: " + Messages.get("cli.cluster.staleOnly", ClusterLayout.display(layout.dir())));
                return ExitCodes.OK;
            }
            int executors = stopped.executors().size();
            out.println("cluster: " + Messages.get("cli.cluster.stopped", Messages.count(stopped.stopped().size() + stopped.killed().size(), "noun.process"),
                    stopped.killed().isEmpty() ? "" : Messages.get("cli.cluster.killed", stopped.killed().size()),
                    executors == 0 ? "" : Messages.get("cli.cluster.leftover", executors, Messages.noun(Lang.current(), executors, "noun.executor")),
                    ClusterLayout.display(layout.logs())));
            return ExitCodes.OK;
        }
    }

    private static String since(String instant) {
        try {
            return java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
                    .format(java.time.Instant.parse(instant).atZone(java.time.ZoneId.systemDefault()));
        } catch (java.time.DateTimeException e) {
            return instant;
        }
    }

    private static MasterView view(ClusterState s) {
        try {
            return MasterView.fetch(s.masterUiUrl());
        } catch (java.io.IOException down) {
            return null;
        }
    }
}
