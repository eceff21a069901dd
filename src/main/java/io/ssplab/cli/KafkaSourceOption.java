package io.ssplab.cli;

import io.ssplab.core.BadInputException;
import io.ssplab.core.Messages;
import io.ssplab.run.KafkaSource;
import io.ssplab.run.SourceEndpoint;

/**
 * {@code --source} of the commands that run on their own embedded socket source or on Kafka ({@code demo},
 * {@code check}): parsed as {@code run} parses it ({@link SourceEndpoint#parse}) and checked as {@code run} checks
 * a Kafka source ({@link KafkaSource#check}: a malformed address, a broker that does not answer, a missing topic),
 * all before Spark starts. Anything else — {@code HOST:PORT} of a socket source, a blank value — is refused in
 * one line: these commands start their own source.
 */
final class KafkaSourceOption {
    private KafkaSourceOption() {
    }

    /**
     * @param source     the option's value, null when absent
     * @param kafkaPartitions {@code --kafka-partitions}, null when absent (refused without a Kafka source)
     * @param refusalKey the command's message for a source it does not take (placeholder: the value)
     * @return the Kafka source to run on, or null for the embedded source (absent or {@code embedded})
     */
    static SourceEndpoint embeddedOrKafka(String source, Integer kafkaPartitions, String refusalKey) {
        if (source == null) {
            KafkaSource.check(SourceEndpoint.EMBEDDED, kafkaPartitions);
            return null;
        }
        if (source.isBlank()) throw new BadInputException(Messages.get(refusalKey, source));
        SourceEndpoint endpoint = SourceEndpoint.parse(source);
        if (!endpoint.embedded() && !endpoint.kafka()) throw new BadInputException(Messages.get(refusalKey, source));
        KafkaSource.check(endpoint, kafkaPartitions);
        if (endpoint.embedded()) return null;
        return endpoint;
    }
}
