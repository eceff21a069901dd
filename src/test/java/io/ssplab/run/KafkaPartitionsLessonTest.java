package io.ssplab.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.ssplab.jobs.kafka.KafkaPartitions;
import io.ssplab.kafka.TestBroker;

/**
 * Kafka lesson 1 on a real broker: a 2-partition topic on local[8] cannot keep up (the lag grows), the same job
 * on 8 partitions can (the lag bounded) — the verdicts the lesson's arithmetic promises with wide margins
 * ({@link KafkaPartitions}: ρ ≥ 1.26 for any overhead against ≈ 0.36 + o/5).
 */
class KafkaPartitionsLessonTest {
    @RegisterExtension
    static TestBroker broker = new TestBroker();

    static RunResult run(int topicPartitions, ByteArrayOutputStream console) throws Exception {
        SourceEndpoint source = SourceEndpoint.parse("kafka://" + broker.bootstrap() + "/lesson-p" + topicPartitions);
        RunOptions options = RunOptions.quiet(source, RunLimits.batches(3), new PrintStream(console, true, StandardCharsets.UTF_8))
                .withKafkaPartitions(topicPartitions);
        return StreamingRunner.run(new KafkaPartitions(), KafkaPartitions.KNOBS, options, new StopSignal());
    }

    @Test
    void twoPartitionsCapTheJobAndEightFixIt() throws Exception {
        ByteArrayOutputStream two = new ByteArrayOutputStream();
        RunResult capped = run(KafkaPartitions.TOPIC_PARTITIONS, two);
        assertThat(capped.summary().verdict()).as(two.toString(StandardCharsets.UTF_8)).isEqualTo(KafkaPartitions.EXPECTED);
        assertThat(capped.summary().lag().grows()).as(two.toString(StandardCharsets.UTF_8)).isTrue();
        assertThat(capped.summary().reason()).contains("lag grows by");

        ByteArrayOutputStream eight = new ByteArrayOutputStream();
        RunResult fixed = run(KafkaPartitions.FIXED_TOPIC_PARTITIONS, eight);
        assertThat(fixed.summary().verdict()).as(eight.toString(StandardCharsets.UTF_8)).isEqualTo(KafkaPartitions.EXPECTED_FIXED);
        assertThat(fixed.summary().lag().grows()).as(eight.toString(StandardCharsets.UTF_8)).isFalse();
        assertThat(fixed.summary().reason()).contains("lag bounded at");
        // the banner's arithmetic: one task per topic partition, no receiver
        assertThat(two.toString(StandardCharsets.UTF_8)).contains("one input partition per topic partition = 2 partitions");
    }
}
