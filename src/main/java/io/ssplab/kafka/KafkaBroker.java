package io.ssplab.kafka;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import io.ssplab.cluster.Daemons;
import io.ssplab.core.BadInputException;
import io.ssplab.core.Messages;
import io.ssplab.core.ServerJvm;

/**
 * A real Apache Kafka broker (KRaft, one node that is broker and controller) in its own JVM, from the Kafka jars
 * the build resolved apart from ours ({@link BrokerClasspath}); recorded in a {@link KafkaLayout} folder, checked
 * and stopped by its PID.
 *
 * <pre>{@code
 * try (KafkaBroker broker = KafkaBroker.startEmbedded(tempDir)) {   // a free loopback port, for a test class
 *     String bootstrap = broker.bootstrap();                        // "127.0.0.1:41234"
 * }                                                                 // stopped: SIGTERM its PID, SIGKILL after a grace period
 * }</pre>
 *
 * <p>{@link #close()} stops only a broker this JVM started ({@link #start}, {@link #startEmbedded}); a broker found
 * with {@link #running} belongs to whoever ran {@code bin/ssp kafka start}, and {@link #close()} leaves it running
 * ({@link #stop(KafkaLayout)} ends it).
 */
public final class KafkaBroker implements AutoCloseable {
    public static final String DEFAULT_HOST = "127.0.0.1";
    public static final int DEFAULT_PORT = 9092;
    static final String MAIN_CLASS = "kafka.Kafka";
    static final String FORMAT_CLASS = "kafka.tools.StorageTool";
    /** On the broker's command line: tells our broker of this folder from any other process with the same PID later. */
    static final String MARKER_PROPERTY = "ssp.kafka";
    /** The line the broker logs once it serves (KafkaRaftServer, INFO). */
    static final String STARTED_LINE = "Kafka Server started";
    /** The spike measured 4–11 s to serve, 30 s once on a loaded 2-core machine: twice the worst, and more. */
    static final Duration START_TIMEOUT = Duration.ofSeconds(120);
    static final Duration FORMAT_TIMEOUT = Duration.ofSeconds(120);
    /** A clean stop took 0.4–4.4 s in the spike: SIGKILL only when it is clearly stuck. */
    static final Duration STOP_GRACE = Duration.ofSeconds(30);
    /** Heap of the broker: the spike's one-node broker used 74 MB of it; Kafka's own default is 1 GB. */
    static final String HEAP = "256m";
    /**
     * Kafka's own launch script's collector settings; two processors whatever the machine: a lab broker needs no more
     * threads; and the quick compiler only ({@link ServerJvm#QUICK_COMPILER}).
     */
    static final List<String> JVM_FLAGS = List.of("-XX:+UseG1GC", "-XX:MaxGCPauseMillis=20", "-XX:+ExplicitGCInvokesConcurrent",
            "-XX:ActiveProcessorCount=2", ServerJvm.QUICK_COMPILER);

    private final KafkaLayout layout;
    private final KafkaState state;
    /** Whether this JVM started it: then close() stops it. */
    private final boolean owned;
    private Thread shutdownHook;

    private KafkaBroker(KafkaLayout layout, KafkaState state, boolean owned) {
        this.layout = layout;
        this.state = state;
        this.owned = owned;
    }

    /** What the state folder says, checked against the process that really runs. */
    public enum Condition { NOT_RUNNING, STALE, RUNNING }

    /** @param state the recorded state (null when NOT_RUNNING, or when the state file is unreadable) */
    public record Status(Condition condition, KafkaState state) {
        public boolean running() {
            return condition == Condition.RUNNING;
        }
    }

    /** @param pid the broker that was stopped; killed: it had to be killed after the grace period */
    public record Stopped(long pid, boolean killed) {
    }

    /** Start failed: what happened, and the log lines that say why. */
    public static final class StartFailed extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final List<String> details;

        StartFailed(String message, List<String> details) {
            super(message);
            this.details = List.copyOf(details);
        }

        public List<String> details() {
            return details;
        }
    }

    public String bootstrap() {
        return state.bootstrap();
    }

    public long pid() {
        return state.pid();
    }

    public KafkaState state() {
        return state;
    }

    public KafkaLayout layout() {
        return layout;
    }

    /** Whether its process is still our broker. */
    public boolean alive() {
        return isOurs(layout, state.pid());
    }

    /** Stops the broker if this JVM started it; a broker found with {@link #running} is left running. */
    @Override
    public void close() {
        if (!owned) return;
        if (shutdownHook != null) {
            try {
                Runtime.getRuntime().removeShutdownHook(shutdownHook);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running or will: it stops the broker
            }
        }
        stop(layout);
    }

    // ---- finding one

    public static Status status(KafkaLayout layout) {
        if (!Files.exists(layout.stateFile())) return new Status(Condition.NOT_RUNNING, null);
        Optional<KafkaState> recorded = KafkaState.load(layout);
        if (recorded.isEmpty()) return new Status(Condition.STALE, null);
        return new Status(isOurs(layout, recorded.get().pid()) ? Condition.RUNNING : Condition.STALE, recorded.get());
    }

    /** The broker {@code bin/ssp kafka start} (or another start) left in {@code dir}, if it is alive; closing it leaves it running. */
    public static Optional<KafkaBroker> running(Path dir) {
        KafkaLayout layout = new KafkaLayout(dir);
        Status s = status(layout);
        return s.running() ? Optional.of(new KafkaBroker(layout, s.state(), false)) : Optional.empty();
    }

    /** The project's broker ({@code runs/kafka}, what {@code bin/ssp kafka start} started), if it is alive. */
    public static Optional<KafkaBroker> runningForProject() {
        return running(KafkaLayout.forProject().dir());
    }

    static boolean isOurs(KafkaLayout layout, long pid) {
        if (!Daemons.isAlive(pid)) return false;
        return Daemons.commandLine(pid).map(cmd -> cmd.contains(marker(layout)) && cmd.contains(MAIN_CLASS)).orElse(false);
    }

    static String marker(KafkaLayout layout) {
        return "-D" + MARKER_PROPERTY + "=" + layout.dir();
    }

    // ---- starting

    /**
     * Starts a broker with its folder {@code dir} and waits until it serves: formats the data folder the first
     * time, launches {@code kafka.Kafka} in its own JVM, detached from the terminal, and records it.
     *
     * @param bindHost an address of this machine (checked by the caller: the CLI refuses others)
     * @param port     the client port, 1–65535, or 0 for a free one
     * @param progress where to say what happens; null for silence
     * @throws BadInputException when a broker of this folder runs, or the port is taken (nothing started)
     * @throws StartFailed when the broker died or did not serve in time (it is stopped; the details are its log's last lines)
     */
    public static KafkaBroker start(Path dir, String bindHost, int port, PrintStream progress) {
        return start(dir, bindHost, port, progress == null ? (Consumer<String>) null : progress::println);
    }

    /** {@link #start(Path, String, int, PrintStream)}, each progress line handed to {@code progress} (null: silence). */
    public static KafkaBroker start(Path dir, String bindHost, int port, Consumer<String> progress) {
        KafkaLayout layout = new KafkaLayout(dir);
        if (port < 0 || port > 65_535) throw new BadInputException(Messages.get("kafka.badPort", port));
        Status before = status(layout);
        if (before.running())
            throw new BadInputException(Messages.get("kafka.alreadyRunning", before.state().bootstrap(), before.state().pid(), KafkaLayout.display(layout.dir())));
        String classpath = BrokerClasspath.read();
        String host = bindHost.strip();
        int clientPort = port == 0 ? freePort(host) : port;
        requireFree(host, clientPort);
        // The controller only talks to this broker: always on loopback, on a port nobody asked for.
        int controllerPort = freePort(DEFAULT_HOST);
        try {
            Files.deleteIfExists(layout.stateFile());
            Files.createDirectories(layout.logs());
            Files.createDirectories(layout.data());
            ServerProperties.write(layout, host, clientPort, controllerPort);
            try (InputStream in = KafkaBroker.class.getResourceAsStream("/kafka/broker-log4j2.properties")) {
                if (in == null) throw new IllegalStateException("kafka/broker-log4j2.properties missing from the classpath");
                Files.copy(in, layout.log4jConfig(), StandardCopyOption.REPLACE_EXISTING);
            }
            if (!Files.isRegularFile(layout.formatted())) {
                say(progress, Messages.get("kafka.formatting", KafkaLayout.display(layout.data())));
                format(layout, classpath);
            }
            long logStart = Files.exists(layout.serverLog()) ? Files.size(layout.serverLog()) : 0;
            long pid = Daemons.launch(command(layout, classpath, MAIN_CLASS, List.of(layout.serverProperties().toString())),
                    java.util.Map.of(), layout.consoleLog());
            KafkaState state = new KafkaState(host, clientPort, controllerPort, pid, Instant.now().toString());
            state.save(layout);
            say(progress, Messages.get("kafka.launched", pid, state.bootstrap()));
            try {
                awaitServing(layout, state, logStart);
            } catch (RuntimeException | Error e) {
                stop(layout); // whatever went wrong while waiting, no broker is left behind
                throw e;
            }
            return new KafkaBroker(layout, state, true);
        } catch (IOException e) {
            throw new UncheckedIOException(Messages.get("kafka.cannotWrite", KafkaLayout.display(layout.dir()), e.getMessage()), e);
        }
    }

    /**
     * A broker for one test class: a free loopback port, everything in {@code dataDir}; stopped by {@link #close()},
     * or when this JVM exits. A command that needs a broker asks {@link BrokerHandle#findOrStart}, which also deletes
     * the folder it made.
     */
    public static KafkaBroker startEmbedded(Path dataDir) {
        KafkaBroker broker = start(dataDir, DEFAULT_HOST, 0, (Consumer<String>) null);
        KafkaLayout layout = broker.layout;
        broker.shutdownHook = new Thread(() -> stop(layout), "kafka-broker-stop");
        Runtime.getRuntime().addShutdownHook(broker.shutdownHook);
        return broker;
    }

    /** The JVM command of a broker-side class: our java, a small heap, the broker's classpath, its logging, our marker. */
    private static List<String> command(KafkaLayout layout, String classpath, String mainClass, List<String> args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-Xms" + HEAP);
        cmd.add("-Xmx" + HEAP);
        cmd.addAll(JVM_FLAGS);
        cmd.add("-Djava.awt.headless=true");
        cmd.add(marker(layout));
        cmd.add("-Dlog4j2.configurationFile=" + layout.log4jConfig());
        cmd.add("-Dkafka.logs.dir=" + layout.logs());
        cmd.add("-cp");
        cmd.add(classpath);
        cmd.add(mainClass);
        cmd.addAll(args);
        return cmd;
    }

    /** Formats the data folder once (a new cluster id), as Kafka's own {@code kafka-storage.sh format} does. */
    private static void format(KafkaLayout layout, String classpath) throws IOException {
        String clusterId = org.apache.kafka.common.Uuid.randomUuid().toString();
        List<String> cmd = command(layout, classpath, FORMAT_CLASS,
                List.of("format", "-t", clusterId, "-c", layout.serverProperties().toString()));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(layout.formatLog().toFile())).start();
        boolean done;
        try {
            done = p.waitFor(FORMAT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            p.destroyForcibly();
            throw new StartFailed(Messages.get("kafka.startInterrupted"), List.of());
        }
        if (!done) {
            p.destroyForcibly();
            throw new StartFailed(Messages.get("kafka.formatTimedOut", FORMAT_TIMEOUT.toSeconds()), Daemons.tail(layout.formatLog(), 12));
        }
        if (p.exitValue() != 0 || !Files.isRegularFile(layout.formatted()))
            throw new StartFailed(Messages.get("kafka.formatFailed", p.exitValue(), KafkaLayout.display(layout.formatLog())),
                    Daemons.tail(layout.formatLog(), 12));
    }

    /**
     * Waits for the broker's "started" line in the part of server.log this start wrote (the file is appended
     * across restarts), then for an admin client's answer: the line comes a moment before clients are served.
     */
    private static void awaitServing(KafkaLayout layout, KafkaState state, long logStart) {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        boolean started = false;
        while (true) {
            // Just launched, the process may still show its parent's command line: only a process that is gone has died.
            if (!Daemons.isAlive(state.pid()))
                throw new StartFailed(Messages.get("kafka.died", KafkaLayout.display(layout.serverLog()), KafkaLayout.display(layout.consoleLog())),
                        lastLines(layout));
            if (!started) started = logSays(layout.serverLog(), logStart, STARTED_LINE);
            if (started && KafkaAdmin.answers(state.bootstrap(), Duration.ofSeconds(5))) return;
            if (System.nanoTime() > deadline)
                throw new StartFailed(Messages.get("kafka.timedOut", START_TIMEOUT.toSeconds(), state.bootstrap()), lastLines(layout));
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new StartFailed(Messages.get("kafka.startInterrupted"), List.of());
            }
        }
    }

    /** The broker's log's last lines, and its console's when the log is empty (a JVM that could not start). */
    static List<String> lastLines(KafkaLayout layout) {
        List<String> lines = new ArrayList<>();
        if (Files.exists(layout.serverLog())) lines.addAll(Daemons.tail(layout.serverLog(), 12));
        if (Files.exists(layout.consoleLog())) lines.addAll(Daemons.tail(layout.consoleLog(), lines.isEmpty() ? 15 : 5));
        return lines;
    }

    private static boolean logSays(Path log, long from, String text) {
        if (!Files.exists(log)) return false;
        try (var ch = Files.newByteChannel(log)) {
            long size = ch.size();
            if (size <= from) return false;
            ch.position(from);
            java.nio.ByteBuffer buf = java.nio.ByteBuffer.allocate((int) Math.min(size - from, 4 << 20));
            while (buf.hasRemaining() && ch.read(buf) > 0) {
                // read what there is
            }
            return new String(buf.array(), 0, buf.position(), StandardCharsets.UTF_8).contains(text);
        } catch (IOException e) {
            return false;
        }
    }

    // ---- stopping

    /**
     * Ends exactly the broker this folder recorded: SIGTERM (Kafka's controlled shutdown), SIGKILL after
     * {@link #STOP_GRACE}. A recorded PID that is no longer our broker is never touched. Removes the state
     * file; keeps the data and the logs.
     *
     * @return what was stopped; empty when no broker of this folder was running
     */
    public static Optional<Stopped> stop(KafkaLayout layout) {
        Status status = status(layout);
        Optional<Stopped> stopped = Optional.empty();
        if (status.running()) {
            long pid = status.state().pid();
            Optional<ProcessHandle> p = ProcessHandle.of(pid);
            if (p.isPresent()) stopped = Optional.of(new Stopped(pid, Daemons.stop(p.get(), STOP_GRACE)));
        }
        try {
            Files.deleteIfExists(layout.stateFile());
        } catch (IOException e) {
            throw new UncheckedIOException(Messages.get("kafka.cannotWrite", KafkaLayout.display(layout.dir()), e.getMessage()), e);
        }
        return stopped;
    }

    // ---- ports

    private static void requireFree(String host, int port) {
        try (ServerSocket probe = new ServerSocket()) {
            probe.setReuseAddress(true);
            probe.bind(new InetSocketAddress(InetAddress.getByName(host), port));
        } catch (IOException e) {
            throw new BadInputException(Messages.get("kafka.portTaken", port, host, e.getMessage()));
        }
    }

    /** A port free on {@code host} now (the system's choice). */
    static int freePort(String host) {
        try (ServerSocket probe = new ServerSocket()) {
            probe.setReuseAddress(true);
            probe.bind(new InetSocketAddress(InetAddress.getByName(host), 0));
            return probe.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void say(Consumer<String> progress, String line) {
        if (progress != null) progress.accept(line);
    }
}
