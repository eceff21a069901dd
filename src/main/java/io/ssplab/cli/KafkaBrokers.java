package io.ssplab.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Optional;
import java.util.stream.Stream;

import io.ssplab.core.BadInputException;
import io.ssplab.core.Messages;
import io.ssplab.kafka.KafkaAdmin;
import io.ssplab.kafka.KafkaBroker;

/** Which broker a Kafka lesson uses: the one named, else the one {@code kafka start} left running, else (when it may) one of its own. */
final class KafkaBrokers {
    private KafkaBrokers() {
    }

    /** A broker for the lesson's lifetime; closing stops it only if it was started for the lesson. */
    interface Use extends AutoCloseable {
        String bootstrap();

        @Override
        void close();
    }

    /**
     * A broker that outlives this process (the exactly-once lesson kills its driver and starts it again):
     * the one named, or the running one; never an embedded one, which would die with the driver. Checked
     * to answer, in one line, before Spark starts.
     */
    static String outliving(String bootstrap) {
        String b = bootstrap != null ? bootstrap
                : KafkaBroker.runningForProject().map(KafkaBroker::bootstrap).orElseThrow(() -> new BadInputException(Messages.get("eo.bad.noBroker")));
        requireAnswer(b);
        return b;
    }

    /** The broker named, or the running one, or an embedded one started now and stopped (by its pid) on close. */
    static Use any(String bootstrap, PrintStream out) {
        Optional<String> known = bootstrap != null ? Optional.of(bootstrap) : KafkaBroker.runningForProject().map(KafkaBroker::bootstrap);
        if (known.isPresent()) {
            requireAnswer(known.get());
            return use(known.get(), () -> { });
        }
        try {
            Path dir = Files.createTempDirectory("ssp-kafka-");
            out.println(Messages.get("kafka.lesson.embedded", dir));
            KafkaBroker broker = KafkaBroker.startEmbedded(dir);
            out.println(Messages.get("kafka.lesson.embeddedServing", broker.bootstrap(), broker.pid()));
            return use(broker.bootstrap(), () -> {
                broker.close();
                deleteTree(dir);
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void requireAnswer(String bootstrap) {
        // a host that does not resolve is a typo, not a broker that is down: said as such (Kafka's client would throw at creation)
        for (String one : bootstrap.split(",")) {
            int colon = one.lastIndexOf(':');
            String host = colon > 0 ? one.substring(0, colon).strip() : one.strip();
            try {
                if (!host.isEmpty()) java.net.InetAddress.getByName(host);
            } catch (java.net.UnknownHostException | SecurityException e) {
                throw new BadInputException(Messages.get("kafka.lesson.unknownHost", bootstrap, host));
            }
        }
        try (KafkaAdmin reachable = KafkaAdmin.connect(bootstrap)) {
            // connect() refuses a malformed address or a broker that does not answer, in one line
        }
    }

    private static Use use(String bootstrap, Runnable stop) {
        return new Use() {
            @Override
            public String bootstrap() {
                return bootstrap;
            }

            @Override
            public void close() {
                stop.run();
            }
        };
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> all = Files.walk(dir)) {
            all.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temporary folder left behind is no reason to fail the lesson
        }
    }
}
