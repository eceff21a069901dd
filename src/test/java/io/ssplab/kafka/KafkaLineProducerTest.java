package io.ssplab.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.ssplab.accounting.SentLines;
import io.ssplab.core.BadInputException;
import io.ssplab.source.LineFormat;
import io.ssplab.source.LineGenerator;
import io.ssplab.source.LineStamp;
import io.ssplab.source.SourceConfig;

/** The producer and the admin client against one real broker (TestBroker): lines in, the same lines out, counts that agree. */
class KafkaLineProducerTest {
    @RegisterExtension
    static TestBroker broker = new TestBroker();

    @Test
    void producesTheSocketSourcesStampedLinesOnceEachAndCountsThem() throws Exception {
        String topic = broker.topic("lines");
        SourceConfig config = SourceConfig.embedded(400).withFormat(LineFormat.STAMPED).withSkew(1.2);
        try (KafkaAdmin admin = broker.admin()) {
            admin.ensureTopic(topic, 2);
            admin.ensureTopic(topic, 2); // again: it exists with the count asked for
            assertThat(admin.partitions(topic)).isEqualTo(2);
            assertThat(admin.topics()).contains(topic);

            KafkaLineProducer producer = KafkaLineProducer.start(config, broker.bootstrap(), topic, 600);
            assertThat(producer.awaitFinished(Duration.ofSeconds(60))).as("600 lines at 400/s").isTrue();
            producer.close();
            assertThat(producer.sent()).isEqualTo(600);
            assertThat(producer.failed()).isZero();

            Map<Integer, Long> end = admin.endOffsets(topic);
            assertThat(end.values().stream().mapToLong(Long::longValue).sum()).as("each line once: idempotent producer").isEqualTo(600);
            assertThat(end).hasSize(2);

            List<String> lines = consumeAll(topic, end);
            // The same lines the socket source sends its first client, in sequence order once sorted by stamp.
            LineGenerator same = new LineGenerator(LineGenerator.clientSeed(config.seed(), 0), config.wordsPerLine(), config.vocabulary(), config.skew());
            Map<Long, String> bySeq = new HashMap<>();
            for (String l : lines) {
                LineStamp stamp = LineStamp.parse(l);
                assertThat(stamp).as(l).isNotNull();
                assertThat(stamp.stream()).isEqualTo(producer.id() + ":0");
                assertThat(bySeq.put(stamp.seq(), stamp.words(l))).as("seq %d twice", stamp.seq()).isNull();
            }
            assertThat(bySeq).hasSize(600);
            for (long s = 0; s < 600; s++) assertThat(bySeq.get(s)).isEqualTo(same.next());

            SentLines sent = producer.sentLines();
            assertThat(sent.total()).isEqualTo(600L);
            assertThat(sent.perStream()).containsEntry(producer.id() + ":0", 600L);

            // Offsets committed for a group are read back, as Kafka's own tools would show them.
            admin.commit("ssp-test", topic, end);
            assertThat(admin.committed("ssp-test", topic)).isEqualTo(end);
            assertThat(admin.groups()).contains("ssp-test");
        }
    }

    @Test
    void refusesAMissingTopicAnUnreachableBrokerAndAnotherPartitionCountInOneLine() {
        try (KafkaAdmin admin = broker.admin()) {
            String missing = broker.topic("no-such-topic");
            assertThatThrownBy(() -> admin.partitions(missing)).isInstanceOf(BadInputException.class)
                    .hasMessageContaining(missing).hasMessageNotContaining("\n");
            String three = broker.topic("three");
            admin.ensureTopic(three, 3);
            assertThatThrownBy(() -> admin.ensureTopic(three, 2)).isInstanceOf(BadInputException.class)
                    .hasMessageContaining("3 partition");
        }
        int nobody = KafkaBroker.freePort("127.0.0.1");
        long t0 = System.nanoTime();
        assertThatThrownBy(() -> KafkaAdmin.connect("127.0.0.1:" + nobody)).isInstanceOf(BadInputException.class)
                .hasMessageContaining("127.0.0.1:" + nobody);
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).as("fails fast").isLessThan(Duration.ofSeconds(30));
        assertThatThrownBy(() -> KafkaAdmin.connect("localhost")).isInstanceOf(BadInputException.class).hasMessageContaining("HOST:PORT");
    }

    private List<String> consumeAll(String topic, Map<Integer, Long> end) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrap());
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        List<String> lines = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(p, new StringDeserializer(), new StringDeserializer())) {
            List<TopicPartition> parts = end.keySet().stream().map(n -> new TopicPartition(topic, n)).toList();
            consumer.assign(parts);
            consumer.seekToBeginning(parts);
            long want = end.values().stream().mapToLong(Long::longValue).sum();
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (lines.size() < want && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(500))) lines.add(r.value());
            }
        }
        return lines;
    }
}
