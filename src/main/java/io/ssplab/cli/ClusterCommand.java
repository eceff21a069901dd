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
        subcommands = {ClusterCommand.Start.class, ClusterCommand.Status.class, ClusterCommand.Stop.class})
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

    /** The labels' keys of the lines about a cluster ("  master UI   http://…"), in the reader's language: their width sets the column. */
    static final List<String> LABELS = List.of("cli.cluster.label.master", "cli.cluster.label.masterUi", "cli.cluster.label.workers",
            "cli.cluster.label.workerUi", "cli.cluster.label.cores", "cli.cluster.label.secret", "cli.cluster.label.logs");

    /** "  master UI   " in the reader's language, padded to the widest of {@link #LABELS}: {@code labelKey} is one of them. */
    static String line(String labelKey, String value) {
        List<String> all = LABELS.stream().map(Messages::get).toList();
        return "  " + Columns.label(Messages.get(labelKey), all) + value;
    }

    static void printUrls(PrintStream out, ClusterState state, MasterView view) {
        out.println(line("cli.cluster.label.master", Messages.get("cli.cluster.master", state.masterUrl(), state.masterPid())));
        out.println(line("cli.cluster.label.masterUi", state.masterUiUrl()));
        out.println(line("cli.cluster.label.workers", Messages.get("cli.cluster.workers", state.workers().size(),
                Messages.count(state.workers().isEmpty() ? 0 : state.workers().get(0).cores(), "noun.core"),
                state.workers().isEmpty() ? "-" : state.workers().get(0).memory(),
                String.join(", ", state.workers().stream().map(w -> String.valueOf(w.pid())).toList()))));
        if (view == null) return;
        // The master's view has each worker's UI; it cannot say which PID is which, and need not.
        for (MasterView.WorkerView w : view.workers()) {
            if (!w.alive()) continue;
            out.println(line("cli.cluster.label.workerUi", Messages.get("cli.cluster.workerUi", w.webUiAddress(), w.coresUsed(), Messages.count(w.cores(), "noun.core"))));
        }
    }

    @Command(name = "start", mixinStandardHelpOptions = true, sortOptions = false)
    static final class Start extends Subcommand {
        @Option(names = "--workers", paramLabel = "N", defaultValue = "" + ClusterSettings.DEFAULT_WORKERS)
        int workers;

        @Option(names = "--cores", paramLabel = "N", defaultValue = "" + ClusterSettings.DEFAULT_CORES)
        int cores;

        @Option(names = "--memory", paramLabel = "SIZE", defaultValue = ClusterSettings.DEFAULT_MEMORY)
        String memory;

        @Option(names = "--port", paramLabel = "PORT", defaultValue = "" + ClusterSettings.DEFAULT_MASTER_PORT)
        int port;

        @Option(names = "--ui-port", paramLabel = "PORT", defaultValue = "" + ClusterSettings.DEFAULT_UI_PORT)
        int uiPort;

        @Option(names = "--host", paramLabel = "ADDRESS", defaultValue = ClusterSettings.DEFAULT_HOST)
        String host;

        @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "180s", converter = DurationConverter.class)
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
            out.println(line("cli.cluster.label.secret", Messages.get("cli.cluster.secretStarted", ClusterLayout.display(layout.sparkConf()))));
            out.println(line("cli.cluster.label.logs", Messages.get("cli.cluster.logsStarted", ClusterLayout.display(layout.logs()), ClusterLayout.display(layout.work()))));
            List<String> next = List.of(Messages.get("cli.cluster.label.runJob"), Messages.get("cli.cluster.label.stopIt"));
            out.println(Columns.label(next.get(0), next) + Messages.get("cli.cluster.next.run", started.state().masterUrl()));
            out.println(Columns.label(next.get(1), next) + Messages.get("cli.cluster.next.stop"));
            return ExitCodes.OK;
        }
    }

    /** "2g" → 2048, "1536m" → 1536 (MB), within {@link Options#WORKER_MEMORY}. */
    static long memoryMb(String memory) {
        Matcher m = MEMORY.matcher(memory == null ? "" : memory.strip());
        if (!m.matches()) throw new BadInputException(Messages.get("bad.memoryNoUnit", memory));
        BigInteger mb = new BigInteger(m.group(1)).multiply(BigInteger.valueOf(m.group(2).equalsIgnoreCase("g") ? 1024 : 1));
        if (mb.bitLength() > 62 || !Options.WORKER_MEMORY.contains(mb.longValue()))
            throw new BadInputException(Messages.get("bad.memoryRange", memory, Options.WORKER_MEMORY.span()));
        return mb.longValue();
    }

    private static final Pattern MEMORY = Pattern.compile("(\\d+)\\s*([mMgG])");

    @Command(name = "status", mixinStandardHelpOptions = true)
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
                out.println(line("cli.cluster.label.cores", Messages.get("cli.cluster.coresInUse", view.coresUsed(), view.cores(),
                        apps.isEmpty() ? Messages.get("cli.cluster.noJob") : String.join(", ", apps))));
            }
            out.println(line("cli.cluster.label.secret", ClusterLayout.display(layout.sparkConf())));
            out.println(line("cli.cluster.label.logs", ClusterLayout.display(layout.logs()) + "/"));
            return ExitCodes.OK;
        }
    }

    @Command(name = "stop", mixinStandardHelpOptions = true)
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
