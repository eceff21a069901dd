package io.ssplab.kafka;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

import io.ssplab.core.Messages;

/**
 * The broker one command uses, found or started: the one named ({@code kafka://HOST:PORT/…},
 * {@code --bootstrap-server}), else the one {@code bin/ssp kafka start} left running, else one started now for the
 * command in a temporary folder ({@value #TEMP_PREFIX}…). The one place that decides; {@code run}, {@code demo} and
 * the Kafka lessons all ask it.
 *
 * <pre>{@code
 * try (BrokerHandle broker = BrokerHandle.findOrStart(null, BrokerHandle.Announcement.RUN, out)) {
 *     ... broker.bootstrap() ...
 * }   // a broker started here is stopped by its pid and its folder deleted; a broker found is left running
 * }</pre>
 *
 * <p>Why a handle that knows what it started: a broker found running belongs to whoever started it (stopped by
 * {@code bin/ssp kafka stop}); one started for the command must leave nothing behind, neither its process nor its
 * data (≈ 1.5 MB a folder, one per run). The same cleanup runs when the JVM exits before {@link #close()} (a
 * second Ctrl-C), and is registered before the broker starts, so a start cut short leaves nothing either.
 */
public final class BrokerHandle implements AutoCloseable {
    /** The name of the temporary folder of a broker started for one command begins with this. */
    public static final String TEMP_PREFIX = "ssp-kafka-";

    /**
     * What a command says when it starts a broker of its own: two message keys, the first given the folder, the
     * second the broker's address and pid.
     */
    public record Announcement(String startingKey, String startedKey) {
        /** {@code run} and {@code demo}: "[kafka] … starting one for this run in DIR". */
        public static final Announcement RUN = new Announcement("kafka.run.starting", "kafka.run.started");
        /** The Kafka lessons ({@code bin/ssp kafka real-time}, …): "starting one for this command in DIR". */
        public static final Announcement COMMAND = new Announcement("kafka.lesson.embedded", "kafka.lesson.embeddedServing");
    }

    private final String bootstrap;
    /** The broker's folder when this handle started it, else null: then close() does nothing. */
    private final Path startedIn;
    private final long pid;
    private final Thread cleanupAtExit;
    private boolean closed;

    private BrokerHandle(String bootstrap, Path startedIn, long pid, Thread cleanupAtExit) {
        this.bootstrap = bootstrap;
        this.startedIn = startedIn;
        this.pid = pid;
        this.cleanupAtExit = cleanupAtExit;
    }

    /**
     * @param bootstrap the broker named ({@code HOST:PORT[,…]}), or null for the project's running one or a new one
     * @param say       what to print when a broker is started here
     * @param out       where
     * @throws KafkaBroker.StartFailed when a broker had to be started and did not serve (nothing is left behind)
     */
    public static BrokerHandle findOrStart(String bootstrap, Announcement say, PrintStream out) {
        if (bootstrap != null) return new BrokerHandle(bootstrap, null, 0, null);
        var running = KafkaBroker.runningForProject();
        if (running.isPresent()) return new BrokerHandle(running.get().bootstrap(), null, 0, null);
        Path dir;
        try {
            dir = Files.createTempDirectory(TEMP_PREFIX);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Thread cleanup = new Thread(() -> stopAndDelete(dir), "kafka-broker-cleanup");
        Runtime.getRuntime().addShutdownHook(cleanup);
        out.println(Messages.get(say.startingKey(), dir));
        KafkaBroker broker;
        try {
            // a free loopback port (the system's choice), everything in dir
            broker = KafkaBroker.start(dir, KafkaBroker.DEFAULT_HOST, 0, (java.util.function.Consumer<String>) null);
        } catch (RuntimeException | Error e) {
            removeHook(cleanup);
            stopAndDelete(dir);
            throw e;
        }
        out.println(Messages.get(say.startedKey(), broker.bootstrap(), broker.pid()));
        return new BrokerHandle(broker.bootstrap(), dir, broker.pid(), cleanup);
    }

    /** {@code HOST:PORT}: what clients pass as bootstrap.servers. */
    public String bootstrap() {
        return bootstrap;
    }

    /** Whether this handle started the broker (then {@link #close()} stops it). */
    public boolean started() {
        return startedIn != null;
    }

    /** The pid of the broker this handle started; 0 for one it found. */
    public long pid() {
        return pid;
    }

    /** The temporary folder of the broker this handle started; null for one it found. */
    public Path folder() {
        return startedIn;
    }

    /** Stops the broker this handle started, by its pid, and deletes its folder; a broker found is left running. */
    @Override
    public synchronized void close() {
        if (startedIn == null || closed) return;
        closed = true;
        removeHook(cleanupAtExit);
        stopAndDelete(startedIn);
    }

    /** Ends exactly the broker recorded in {@code dir} (its pid, checked to be our broker), then deletes the folder. */
    private static void stopAndDelete(Path dir) {
        try {
            KafkaBroker.stop(new KafkaLayout(dir));
        } finally {
            deleteTree(dir);
        }
    }

    private static void removeHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the hook runs now or will: it cleans up
        }
    }

    private static void deleteTree(Path dir) {
        if (!Files.exists(dir)) return;
        try (Stream<Path> all = Files.walk(dir)) {
            all.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            // a temporary folder left behind is no reason to fail the command
        }
    }
}
