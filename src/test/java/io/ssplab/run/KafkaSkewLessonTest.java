package io.ssplab.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.ssplab.core.BatchMetrics;
import io.ssplab.core.Knobs;
import io.ssplab.core.Stats;
import io.ssplab.jobs.kafka.KafkaSkew;
import io.ssplab.kafka.TestBroker;

/**
 * Kafka lesson 3 on a real broker: a hot key fills partition 1; with maxRatePerPartition = 80 (320 lines/s allowed in
 * all, 200 produced) partition 1's lag grows while the others' stays flat; with a limit above its rate (200) the lag
 * stays bounded. BI 3 s instead of the lesson's 5 s to keep the class short: every ratio of the lesson is the same
 * (growth 167 records per batch against a tolerance of 30, and a cold partition's lag flat).
 */
class KafkaSkewLessonTest {
    @RegisterExtension
    static TestBroker broker = new TestBroker();

    static final Knobs KNOBS = KafkaSkew.KNOBS.withBatchInterval(Duration.ofSeconds(3));

    static RunResult run(String topic, Map<String, String> sparkConf, ByteArrayOutputStream console) throws Exception {
        SourceEndpoint source = SourceEndpoint.parse("kafka://" + broker.bootstrap() + "/" + broker.topic(topic));
        RunOptions options = RunOptions.quiet(source, RunLimits.batches(3), new PrintStream(console, true, StandardCharsets.UTF_8))
                .withKafkaPartitions(KafkaSkew.TOPIC_PARTITIONS).withSparkConf(sparkConf);
        return StreamingRunner.run(new KafkaSkew(), KNOBS, options, new StopSignal());
    }

    /** The slope of one partition's lag over the measured batches, records per batch. */
    static double slope(RunResult r, int partition) {
        List<BatchMetrics> measured = r.batches().subList(r.summary().warmupBatches(), r.batches().size());
        return Stats.slopePerIndex(measured.stream().mapToDouble(b -> b.lagPartitionRecords().get(partition)).toArray());
    }

    @Test
    void anEvenLimitLeavesTheHotPartitionBehindAndALimitAboveItsRateKeepsUp() throws Exception {
        KafkaSkew.Arithmetic a = KafkaSkew.Arithmetic.of(KNOBS, KafkaSkew.TOPIC_PARTITIONS, KafkaSkew.SPARK_CONF);
        int hot = a.hotPartition();

        ByteArrayOutputStream skewed = new ByteArrayOutputStream();
        RunResult r = run("skewed", Map.of(), skewed);
        String out = skewed.toString(StandardCharsets.UTF_8);
        assertThat(r.summary().verdict()).as(out).isEqualTo(KafkaSkew.EXPECTED);
        assertThat(r.summary().lag().grows()).as(out).isTrue();
        assertThat(r.summary().lag().hotPartition()).as(out).isEqualTo(hot);
        assertThat(r.summary().reason()).as(out).contains("partition " + hot + " holds it");
        assertThat(out).contains("lag by partition", "grows by ≈ " + Math.round(a.hotGrowthPerBatch()) + " per batch");
        // the hot partition's lag grows by at least half of the arithmetic's 167 per batch; every other partition's stays flat
        double hotSlope = slope(r, hot);
        assertThat(hotSlope).as(out).isGreaterThan(0.5 * a.hotGrowthPerBatch());
        for (int p = 0; p < KafkaSkew.TOPIC_PARTITIONS; p++)
            if (p != hot) assertThat(Math.abs(slope(r, p))).as(out + "\npartition " + p).isLessThan(0.2 * hotSlope);

        ByteArrayOutputStream fixed = new ByteArrayOutputStream();
        RunResult f = run("fixed", Map.of(KafkaSource.MAX_RATE_PER_PARTITION, String.valueOf(KafkaSkew.FIXED_MAX_RATE_PER_PARTITION)), fixed);
        String fixedOut = fixed.toString(StandardCharsets.UTF_8);
        assertThat(f.summary().lag().grows()).as(fixedOut).isFalse();
        assertThat(slope(f, hot)).as(fixedOut).isLessThan(0.2 * a.hotGrowthPerBatch());
        assertThat(fixedOut).contains("≤ the limit " + KafkaSkew.FIXED_MAX_RATE_PER_PARTITION);
    }
}
