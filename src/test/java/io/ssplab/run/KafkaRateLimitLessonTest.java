package io.ssplab.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.ssplab.core.Knobs;
import io.ssplab.jobs.kafka.KafkaRateLimit;
import io.ssplab.kafka.TestBroker;

/**
 * Kafka lesson 2 on a real broker: with maxRatePerPartition below the producer's rate every batch is on time and
 * the lag grows (UNSTABLE, said by the lag); with the producer under the limit the lag stays bounded (STABLE).
 * Margins: growth 200 lines per batch against a tolerance of 35; PT under BI for any overhead below 4.6 s.
 */
class KafkaRateLimitLessonTest {
    @RegisterExtension
    static TestBroker broker = new TestBroker();

    static RunResult run(Knobs knobs, String topic, ByteArrayOutputStream console) throws Exception {
        SourceEndpoint source = SourceEndpoint.parse("kafka://" + broker.bootstrap() + "/" + broker.topic(topic));
        RunOptions options = RunOptions.quiet(source, RunLimits.batches(3), new PrintStream(console, true, StandardCharsets.UTF_8))
                .withKafkaPartitions(KafkaRateLimit.TOPIC_PARTITIONS);
        return StreamingRunner.run(new KafkaRateLimit(), knobs, options, new StopSignal());
    }

    @Test
    void aLimitBelowTheRateKeepsBatchesOnTimeWhileTheLagGrows() throws Exception {
        ByteArrayOutputStream limited = new ByteArrayOutputStream();
        RunResult r = run(KafkaRateLimit.KNOBS, "over-limit", limited);
        String out = limited.toString(StandardCharsets.UTF_8);
        assertThat(r.summary().verdict()).as(out).isEqualTo(KafkaRateLimit.EXPECTED);
        assertThat(r.summary().lag().grows()).as(out).isTrue();
        assertThat(r.summary().processingToIntervalRatio()).as(out).isLessThan(1);
        // each measured batch takes at most the limit: 50 lines/s × 2 partitions × 5 s
        long cap = (long) KafkaRateLimit.MAX_RATE_PER_PARTITION * KafkaRateLimit.TOPIC_PARTITIONS * KafkaRateLimit.KNOBS.batchIntervalMs() / 1000;
        assertThat(r.batches()).as(out).allSatisfy(b -> assertThat(b.records()).isLessThanOrEqualTo(cap));

        ByteArrayOutputStream under = new ByteArrayOutputStream();
        RunResult bounded = run(KafkaRateLimit.KNOBS.withRate(KafkaRateLimit.RATE_UNDER_LIMIT), "under-limit", under);
        assertThat(bounded.summary().verdict()).as(under.toString(StandardCharsets.UTF_8)).isEqualTo(KafkaRateLimit.EXPECTED_UNDER_LIMIT);
        assertThat(bounded.summary().lag().grows()).as(under.toString(StandardCharsets.UTF_8)).isFalse();
    }
}
