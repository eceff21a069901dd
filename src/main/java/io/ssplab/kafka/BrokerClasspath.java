package io.ssplab.kafka;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import io.ssplab.core.BadInputException;
import io.ssplab.core.Messages;

/**
 * The broker's own jars (Kafka 4.x server, its clients, log4j2), resolved by the build apart from the lab's
 * classpath: Spark's connectors need kafka-clients 3.9.2 in our JVM, the broker its own 4.x in its JVM
 * (see kafka/pom.xml). The build writes them as one classpath line to {@code target/kafka-broker-classpath.txt}.
 */
final class BrokerClasspath {
    static final String FILE = "kafka-broker-classpath.txt";
    /** Set to a classpath file to use another one (a test, a moved build). */
    static final String PROPERTY = "ssp.kafka.classpath";

    private BrokerClasspath() {
    }

    /** The file: {@code ssp.kafka.classpath}, else {@code target/} of the project (tests: ssp.project.dir; bin/ssp: ssp.home), else of the working directory. */
    static Path file() {
        String named = System.getProperty(PROPERTY);
        if (named != null && !named.isBlank()) return Path.of(named);
        for (String root : new String[]{System.getProperty("ssp.project.dir"), System.getProperty("ssp.home")}) {
            if (root == null) continue;
            Path candidate = Path.of(root, "target", FILE);
            if (Files.isRegularFile(candidate)) return candidate;
        }
        return Path.of("target", FILE);
    }

    /**
     * The classpath, every jar of it checked: a missing file or jar (a build that never ran, a cleaned Maven
     * repository) is refused with how to rebuild it, before any process starts.
     */
    static String read() {
        Path file = file();
        String classpath;
        try {
            classpath = Files.readString(file, StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw new BadInputException(Messages.get("kafka.noClasspath", KafkaLayout.display(file)));
        }
        for (String entry : classpath.split(File.pathSeparator)) {
            if (entry.isBlank() || !Files.isRegularFile(Path.of(entry)))
                throw new BadInputException(Messages.get("kafka.classpathStale", KafkaLayout.display(file), entry));
        }
        if (!classpath.contains("kafka_2.13-"))
            throw new BadInputException(Messages.get("kafka.classpathStale", KafkaLayout.display(file), "kafka_2.13"));
        return classpath;
    }
}
