package io.ssplab.kafka;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.function.Consumer;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import io.ssplab.cluster.Daemons;

/**
 * One real Kafka broker per test JVM, shared by every test class that registers this extension: started (on a free
 * loopback port, data in a temporary folder) before the first such class's first test, stopped by its PID when the
 * JVM exits, and its folder deleted. Surefire runs many classes in one reused JVM, and a broker start costs
 * seconds of a busy machine's time per class; a broker that serves one class serves the next as well.
 *
 * <p>Classes never see each other's data: each names its topics through {@link #topic(String)}, which prefixes them
 * with the class's name (consumer groups commit per topic, so a group shared by two classes' jobs holds separate
 * offsets). A class that must start and stop a broker itself (the {@code kafka start|stop} lifecycle) does not use
 * this one.
 *
 * <pre>{@code
 * @RegisterExtension
 * static TestBroker broker = new TestBroker();
 * ... broker.bootstrap() ... broker.topic("lines") ...
 * }</pre>
 */
public final class TestBroker implements BeforeAllCallback {
    /** Beside Kafka's own stop: a test broker's data is thrown away, so a broker that ignores SIGTERM this long is killed. */
    static final Duration STOP_GRACE = Duration.ofSeconds(10);

    private static KafkaBroker shared;
    private static Path sharedDir;

    /** The registering class's simple name: the prefix of its topics. */
    private String owner;
    /** The JVM's broker as this class found it. */
    private KafkaBroker broker;

    @Override
    public void beforeAll(ExtensionContext context) {
        owner = context.getRequiredTestClass().getSimpleName();
        broker = shared();
    }

    /**
     * The JVM's broker, started on first use; started again (in a new folder) if it died, so one class's
     * accident does not fail every later class of the JVM.
     */
    static synchronized KafkaBroker shared() {
        if (shared != null && shared.alive()) return shared;
        if (shared != null) stopAndDelete(shared.layout(), sharedDir);
        try {
            sharedDir = Files.createTempDirectory("ssp-kafka-test-" + ProcessHandle.current().pid() + "-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        shared = KafkaBroker.start(sharedDir, KafkaBroker.DEFAULT_HOST, 0, (Consumer<String>) null);
        KafkaLayout layout = shared.layout();
        Path dir = sharedDir;
        Runtime.getRuntime().addShutdownHook(new Thread(() -> stopAndDelete(layout, dir), "test-kafka-broker-stop"));
        return shared;
    }

    /** Ends exactly the broker this folder recorded (its PID, checked to still be our broker), then deletes the folder. */
    private static void stopAndDelete(KafkaLayout layout, Path dir) {
        KafkaBroker.Status status = KafkaBroker.status(layout);
        if (status.running()) ProcessHandle.of(status.state().pid()).ifPresent(p -> Daemons.stop(p, STOP_GRACE));
        try {
            deleteTree(dir);
        } catch (IOException | UncheckedIOException e) {
            // a temporary folder left behind is harmless; the process is what must not stay
        }
    }

    /** {@code 127.0.0.1:PORT}: what clients pass as bootstrap.servers. */
    public String bootstrap() {
        return broker().bootstrap();
    }

    public KafkaBroker broker() {
        if (broker == null) throw new IllegalStateException("the broker is joined before the class's first test: register TestBroker as a static field");
        return broker;
    }

    /** A topic of this class alone: {@code CLASS-name}, never one another class of the JVM uses. */
    public String topic(String name) {
        if (owner == null) throw new IllegalStateException("register TestBroker as a static field: its topics are named after the class");
        return owner + "-" + name;
    }

    /** A new admin client on this broker; close it. */
    public KafkaAdmin admin() {
        return KafkaAdmin.connect(bootstrap());
    }

    static void deleteTree(Path root) throws IOException {
        if (root == null || !Files.exists(root)) return;
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path d, IOException exc) throws IOException {
                Files.delete(d);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
