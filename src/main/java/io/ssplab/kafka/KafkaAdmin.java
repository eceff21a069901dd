package io.ssplab.kafka;

import java.util.Map;

/** STUB of kafka-broker's class (contract API only): replaced by kafka-broker's on merge. */
public final class KafkaAdmin implements AutoCloseable {
    public static KafkaAdmin connect(String bootstrap) {
        throw new UnsupportedOperationException("stub");
    }

    public void ensureTopic(String topic, int partitions) {
        throw new UnsupportedOperationException("stub");
    }

    public int partitions(String topic) {
        throw new UnsupportedOperationException("stub");
    }

    public Map<Integer, Long> endOffsets(String topic) {
        throw new UnsupportedOperationException("stub");
    }

    public Map<Integer, Long> committed(String group, String topic) {
        throw new UnsupportedOperationException("stub");
    }

    public void commit(String group, String topic, Map<Integer, Long> offsets) {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public void close() {
    }
}
