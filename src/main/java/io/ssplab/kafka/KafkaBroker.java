package io.ssplab.kafka;

import java.nio.file.Path;
import java.util.Optional;

/** STUB of kafka-broker's class (contract API only): replaced by kafka-broker's on merge. */
public final class KafkaBroker implements AutoCloseable {
    public static KafkaBroker start(Path dataDir, String bindHost, int port, java.io.PrintStream progress) {
        throw new UnsupportedOperationException("stub");
    }

    public static KafkaBroker startEmbedded(Path dataDir) {
        throw new UnsupportedOperationException("stub");
    }

    public static Optional<KafkaBroker> running(Path runDir) {
        return Optional.empty();
    }

    public String bootstrap() {
        throw new UnsupportedOperationException("stub");
    }

    public long pid() {
        return -1;
    }

    @Override
    public void close() {
    }
}
