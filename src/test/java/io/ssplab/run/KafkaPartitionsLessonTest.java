package io.ssplab.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.ssplab.core.Knobs;
import io.ssplab.jobs.kafka.KafkaPartitions;
import io.ssplab.kafka.TestBroker;

/**
 * Kafka lesson 1 on a real broker: a 2-partition topic on local[8] cannot keep up (the lag grows), the same job
 * on 8 partitions can (the lag bounded) — the verdicts the lesson's arithmetic promises with wide margins
 * ({@link KafkaPartitions}: ρ ≥ 1.26 for any overhead against ≈ 0.36 + o/5).
 *
 * <p>The capped run at half the lesson's BI (2.5 s): the work per batch halves with it, so ρ = (3.15 s + o) / 2.5 s
 * ≥ 1.26 still holds for any overhead, and the lag still grows by ≥ 5 times the lag rule's tolerance — in half the
 * time. The fixed run keeps the lesson's 5 s: its margin is the overhead it tolerates (3.4 s), which a shorter BI would cut.
 */
class KafkaPartitionsLessonTest {
    @RegisterExtension
    static TestBroker broker = new TestBroker();

    static final Knobs CAPPED_KNOBS = KafkaPartitions.KNOBS.withBatchInterval(KafkaPartitions.BATCH_INTERVAL.dividedBy(2));

    static RunResult run(int topicPartitions, Knobs knobs, ByteArrayOutputStream console) throws Exception {
        SourceEndpoint source = SourceEndpoint.parse("kafka://" + broker.bootstrap() + "/" + broker.topic("p" + topicPartitions));
        RunOptions options = RunOptions.quiet(source, RunLimits.batches(3), new PrintStream(console, true, StandardCharsets.UTF_8))
                .withKafkaPartitions(topicPartitions);
        return StreamingRunner.run(new KafkaPartitions(), knobs, options, new StopSignal());
    }

    @Test
    void twoPartitionsCapTheJobAndEightFixIt() throws Exception {
        ByteArrayOutputStream two = new ByteArrayOutputStream();
        RunResult capped = run(KafkaPartitions.TOPIC_PARTITIONS, CAPPED_KNOBS, two);
        assertThat(capped.summary().verdict()).as(two.toString(StandardCharsets.UTF_8)).isEqualTo(KafkaPartitions.EXPECTED);
        assertThat(capped.summary().lag().grows()).as(two.toString(StandardCharsets.UTF_8)).isTrue();
        assertThat(capped.summary().reason()).contains("lag grows by");

        ByteArrayOutputStream eight = new ByteArrayOutputStream();
        RunResult fixed = run(KafkaPartitions.FIXED_TOPIC_PARTITIONS, KafkaPartitions.KNOBS, eight);
        assertThat(fixed.summary().verdict()).as(eight.toString(StandardCharsets.UTF_8)).isEqualTo(KafkaPartitions.EXPECTED_FIXED);
        assertThat(fixed.summary().lag().grows()).as(eight.toString(StandardCharsets.UTF_8)).isFalse();
        assertThat(fixed.summary().reason()).contains("lag bounded at");
        // the banner's arithmetic: one task per topic partition, no receiver
        assertThat(two.toString(StandardCharsets.UTF_8)).contains("one input partition per topic partition = 2 partitions");
    }
}
