package io.ssplab.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.ssplab.cli.Main;
import io.ssplab.core.BadInputException;
import io.ssplab.core.ExitCodes;
import io.ssplab.kafka.KafkaAdmin;
import io.ssplab.kafka.TestBroker;

/**
 * Bad Kafka input against a live broker, refused in one line with exit code 2 before Spark starts: a missing
 * topic, a partition count that differs from the topic's. And the parsing of the Kafka source forms.
 */
class KafkaInputTest {
    @RegisterExtension
    static TestBroker broker = new TestBroker();

    private static int ssp(ByteArrayOutputStream err, String... args) {
        return Main.run(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), args);
    }

    @Test
    void aMissingTopicIsRefusedInOneLine() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        String missing = broker.topic("no-such-topic");
        int code = ssp(err, "run", "phase1", "--source", "kafka://" + broker.bootstrap() + "/" + missing, "--no-ui");
        String e = err.toString(StandardCharsets.UTF_8);
        assertThat(code).as(e).isEqualTo(ExitCodes.USAGE);
        assertThat(e.strip().lines()).as(e).hasSize(1);
        assertThat(e).contains(missing).contains("--kafka-partitions");
    }

    @Test
    void partitionsThatDifferFromTheTopicsAreRefused() {
        String three = broker.topic("three");
        try (KafkaAdmin admin = broker.admin()) {
            admin.ensureTopic(three, 3);
        }
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = ssp(err, "run", "phase1", "--source", "kafka://" + broker.bootstrap() + "/" + three, "--kafka-partitions", "2", "--no-ui");
        String e = err.toString(StandardCharsets.UTF_8);
        assertThat(code).as(e).isEqualTo(ExitCodes.USAGE);
        assertThat(e.strip().lines()).as(e).hasSize(1);
        assertThat(e).contains("3 partitions");
    }

    @Test
    void theKafkaSourceForms() {
        SourceEndpoint ours = SourceEndpoint.parse("kafka");
        assertThat(ours.kafka()).isTrue();
        assertThat(ours.bootstrap()).isNull();
        SourceEndpoint named = SourceEndpoint.parse("kafka://127.0.0.1:9092/lines");
        assertThat(named.bootstrap()).isEqualTo("127.0.0.1:9092");
        assertThat(named.topic()).isEqualTo("lines");
        assertThat(named.generatesLines()).isTrue();
        assertThat(named.toString()).isEqualTo("kafka://127.0.0.1:9092/lines");
        SourceEndpoint readOnly = SourceEndpoint.parse("kafka://127.0.0.1:9092/lines?read-only");
        assertThat(readOnly.readOnly()).isTrue();
        assertThat(readOnly.generatesLines()).isFalse();
        assertThat(SourceEndpoint.parse("embedded").kind()).isEqualTo(SourceEndpoint.Kind.EMBEDDED);
        assertThat(SourceEndpoint.parse("127.0.0.1:9999").kind()).isEqualTo(SourceEndpoint.Kind.SOCKET);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> SourceEndpoint.parse("kafka://127.0.0.1:9092/"))
                .isInstanceOf(BadInputException.class);
    }
}
