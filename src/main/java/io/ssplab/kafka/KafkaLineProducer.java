package io.ssplab.kafka;

/** STUB of kafka-broker's class (contract API only): replaced by kafka-broker's on merge. */
public final class KafkaLineProducer implements AutoCloseable {
    public static KafkaLineProducer start(io.ssplab.source.SourceConfig config, String bootstrap, String topic) {
        throw new UnsupportedOperationException("stub");
    }

    public long sent() {
        return 0;
    }

    public io.ssplab.accounting.SentLines sentLines() {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public void close() {
    }
}
