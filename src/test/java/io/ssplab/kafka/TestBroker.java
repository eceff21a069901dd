package io.ssplab.kafka;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One real Kafka broker for a test class: started before its first test on a free loopback port, data in a
 * temporary folder, stopped by its PID after the last test (and the folder deleted).
 *
 * <pre>{@code
 * @RegisterExtension
 * static TestBroker broker = new TestBroker();
 * ... broker.bootstrap() ...
 * }</pre>
 */
public final class TestBroker implements BeforeAllCallback, AfterAllCallback {
    private KafkaBroker broker;
    private Path dir;

    @Override
    public void beforeAll(ExtensionContext context) throws IOException {
        dir = Files.createTempDirectory("ssp-kafka-" + context.getRequiredTestClass().getSimpleName() + "-");
        broker = KafkaBroker.startEmbedded(dir);
    }

    @Override
    public void afterAll(ExtensionContext context) throws IOException {
        try {
            if (broker != null) broker.close();
        } finally {
            if (dir != null) deleteTree(dir);
        }
    }

    /** {@code 127.0.0.1:PORT}: what clients pass as bootstrap.servers. */
    public String bootstrap() {
        return broker().bootstrap();
    }

    public KafkaBroker broker() {
        if (broker == null) throw new IllegalStateException("the broker starts before the class's first test: register TestBroker as a static field");
        return broker;
    }

    /** A new admin client on this broker; close it. */
    public KafkaAdmin admin() {
        return KafkaAdmin.connect(bootstrap());
    }

    static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) return;
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
