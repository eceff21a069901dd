package io.ssplab.cli;

import java.io.PrintStream;
import java.net.InetAddress;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

import io.ssplab.core.BadInputException;
import io.ssplab.core.Columns;
import io.ssplab.core.ExitCodes;
import io.ssplab.core.Format;
import io.ssplab.core.Messages;
import io.ssplab.kafka.KafkaAdmin;
import io.ssplab.kafka.KafkaBroker;
import io.ssplab.kafka.KafkaLayout;
import io.ssplab.kafka.KafkaState;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code bin/ssp kafka start|status|stop}: a real Apache Kafka broker on this machine, on 127.0.0.1 unless asked. */
@Command(name = "kafka", mixinStandardHelpOptions = true,
        subcommands = {KafkaCommand.Start.class, KafkaCommand.Status.class, KafkaCommand.Stop.class})
public final class KafkaCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @ParentCommand
    Main main;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** What start, status and stop share: where to print, and this project's broker folder. */
    abstract static class Subcommand implements Callable<Integer> {
        @ParentCommand
        KafkaCommand kafka;

        final KafkaLayout layout = KafkaLayout.forProject();

        PrintStream out() {
            return kafka.main.out;
        }

        PrintStream err() {
            return kafka.main.err;
        }
    }

    /** The labels' keys of the lines about a broker ("  address   127.0.0.1:9092"): their width sets the column. */
    static final List<String> LABELS = List.of("cli.kafka.label.address", "cli.kafka.label.topics", "cli.kafka.label.data",
            "cli.kafka.label.logs", "cli.kafka.label.reach");

    static String line(String labelKey, String value) {
        List<String> all = LABELS.stream().map(Messages::get).toList();
        return "  " + Columns.label(Messages.get(labelKey), all) + value;
    }

    /** Who can reach the broker, and how to change it: the security note of start and status. */
    static String reach(KafkaState s) {
        return loopback(s.host()) ? Messages.get("cli.kafka.reachLocal") : Messages.get("cli.kafka.reachNetwork", s.host());
    }

    static boolean loopback(String host) {
        try {
            return InetAddress.getByName(host).isLoopbackAddress();
        } catch (java.net.UnknownHostException e) {
            return false;
        }
    }

    static void describe(PrintStream out, KafkaLayout layout, KafkaState s) {
        out.println(line("cli.kafka.label.address", Messages.get("cli.kafka.address", s.bootstrap(), s.pid())));
        out.println(line("cli.kafka.label.data", KafkaLayout.display(layout.data()) + "/"));
        out.println(line("cli.kafka.label.logs", KafkaLayout.display(layout.logs()) + "/"));
        out.println(line("cli.kafka.label.reach", reach(s)));
    }

    @Command(name = "start", mixinStandardHelpOptions = true, sortOptions = false)
    static final class Start extends Subcommand {
        @Option(names = "--port", paramLabel = "PORT", defaultValue = "" + KafkaBroker.DEFAULT_PORT)
        int port;

        @Option(names = "--bind", paramLabel = "ADDRESS", defaultValue = KafkaBroker.DEFAULT_HOST)
        String bind;

        @Override
        public Integer call() {
            PrintStream out = out();
            Options.KAFKA_PORT.check(port);
            // Clients connect to the address the broker advertises: every interface (0.0.0.0) cannot be advertised.
            Options.listenAddress("--bind", bind, false);
            String host = bind.strip();
            KafkaBroker.Status before = KafkaBroker.status(layout);
            if (before.running()) {
                KafkaState s = before.state();
                throw new BadInputException(Messages.get("kafka.alreadyRunning", s.bootstrap(), s.pid(), KafkaLayout.display(layout.dir())));
            }
            // A port someone holds is bad input like any other: refused before the first line that says we start.
            Options.requireFreePort("--port", host, port);
            if (before.condition() == KafkaBroker.Condition.STALE) {
                KafkaBroker.stop(layout);
                out.println("kafka: " + Messages.get("cli.kafka.staleCleaned", KafkaLayout.display(layout.stateFile())));
            }
            if (!loopback(host)) out.println("kafka: " + Messages.get("cli.kafka.warnBinding", host));
            out.println("kafka: " + Messages.get("cli.kafka.starting", host + ":" + port, KafkaLayout.display(layout.dir())));
            long t0 = System.nanoTime();
            KafkaBroker broker;
            try {
                broker = KafkaBroker.start(layout.dir(), host, port, line -> out.println("kafka: " + line));
            } catch (KafkaBroker.StartFailed failed) {
                err().println("kafka: " + failed.getMessage());
                failed.details().forEach(l -> err().println("  | " + l));
                return ExitCodes.FAILED;
            }
            out.println("kafka: " + Messages.get("cli.kafka.running", broker.bootstrap(), broker.pid(),
                    Format.fixed((System.nanoTime() - t0) / 1e9, 1) + " s"));
            describe(out, layout, broker.state());
            List<String> next = List.of(Messages.get("cli.kafka.label.useIt"), Messages.get("cli.kafka.label.stopIt"));
            out.println(Columns.label(next.get(0), next) + Messages.get("cli.kafka.next.use", broker.bootstrap()));
            out.println(Columns.label(next.get(1), next) + Messages.get("cli.kafka.next.stop"));
            return ExitCodes.OK;
        }
    }

    @Command(name = "status", mixinStandardHelpOptions = true)
    static final class Status extends Subcommand {
        @Override
        public Integer call() {
            PrintStream out = out();
            KafkaBroker.Status status = KafkaBroker.status(layout);
            switch (status.condition()) {
                case NOT_RUNNING -> {
                    out.println("kafka: " + Messages.get("cli.kafka.notRunning"));
                    return ExitCodes.FAILED;
                }
                case STALE -> {
                    long pid = status.state() == null ? -1 : status.state().pid();
                    KafkaBroker.stop(layout);
                    out.println("kafka: " + Messages.get("cli.kafka.notRunningStale", pid, KafkaLayout.display(layout.stateFile())));
                    return ExitCodes.FAILED;
                }
                default -> {
                }
            }
            KafkaState s = status.state();
            out.println("kafka: " + Messages.get("cli.kafka.runningSince", since(s.startedAt())));
            describe(out, layout, s);
            out.println(line("cli.kafka.label.topics", topics(s.bootstrap())));
            return ExitCodes.OK;
        }

        private static String topics(String bootstrap) {
            try (KafkaAdmin admin = KafkaAdmin.connect(bootstrap)) {
                List<String> names = List.copyOf(admin.topics());
                return names.isEmpty() ? Messages.get("cli.kafka.noTopics") : String.join(", ", names);
            } catch (BadInputException | IllegalStateException notAnswering) {
                return Messages.get("cli.kafka.notAnswering", notAnswering.getMessage());
            }
        }
    }

    @Command(name = "stop", mixinStandardHelpOptions = true)
    static final class Stop extends Subcommand {
        @Override
        public Integer call() {
            PrintStream out = out();
            KafkaBroker.Status status = KafkaBroker.status(layout);
            if (status.condition() == KafkaBroker.Condition.NOT_RUNNING) {
                out.println("kafka: " + Messages.get("cli.kafka.nothingToStop"));
                return ExitCodes.OK;
            }
            Optional<KafkaBroker.Stopped> stopped = KafkaBroker.stop(layout);
            if (stopped.isEmpty()) {
                out.println("kafka: " + Messages.get("cli.kafka.staleOnly", KafkaLayout.display(layout.stateFile())));
                return ExitCodes.OK;
            }
            out.println("kafka: " + Messages.get("cli.kafka.stopped", stopped.get().pid(),
                    stopped.get().killed() ? Messages.get("cli.kafka.killed") : "",
                    KafkaLayout.display(layout.data()), KafkaLayout.display(layout.logs())));
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
}
