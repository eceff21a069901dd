package io.ssplab.jobs.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.apache.kafka.clients.producer.internals.BuiltInPartitioner;
import org.junit.jupiter.api.Test;

import io.ssplab.core.KeyDistribution;
import io.ssplab.kafka.KafkaLineProducer;
import io.ssplab.run.KafkaSource;

/** Kafka lesson 3's arithmetic: where the hot key lands, and what an even per-partition limit takes from it. */
class KafkaSkewArithmeticTest {
    static final KafkaSkew.Arithmetic LESSON = KafkaSkew.Arithmetic.of(KafkaSkew.KNOBS, KafkaSkew.TOPIC_PARTITIONS, KafkaSkew.SPARK_CONF);

    @Test
    void theProducersPartitionIsKafkasOwn() {
        for (int k = 0; k < KeyDistribution.DEFAULT_VOCABULARY; k++) {
            String key = KeyDistribution.word(k);
            for (int n = 1; n <= 8; n++)
                assertThat(KafkaLineProducer.partitionOf(key, n)).as(key + " on " + n)
                        .isEqualTo(BuiltInPartitioner.partitionForKey(key.getBytes(StandardCharsets.UTF_8), n));
        }
        assertThat(KafkaLineProducer.keyOf("word3 word0 word7")).isEqualTo("word3");
        assertThat(KafkaLineProducer.keyOf("word3")).isEqualTo("word3");
    }

    @Test
    void theHotKeyFillsOnePartition() {
        assertThat(KafkaSkew.KNOBS.keys().hotShare()).isCloseTo(0.615, within(0.001));
        double[] shares = LESSON.shares();
        assertThat(shares).hasSize(4);
        assertThat(java.util.Arrays.stream(shares).sum()).isCloseTo(1, within(1e-9));
        assertThat(LESSON.hotPartition()).isEqualTo(KafkaLineProducer.partitionOf("word0", 4)).isEqualTo(1);
        assertThat(shares[1]).isCloseTo(0.679, within(0.001));
        assertThat(LESSON.hotRate()).isCloseTo(135.8, within(0.1));
        assertThat(LESSON.coldMaxRate()).isCloseTo(41.7, within(0.1));
    }

    @Test
    void theTotalAllowedIsAmpleYetTheHotPartitionLags() {
        assertThat(LESSON.limit()).isEqualTo(KafkaSkew.MAX_RATE_PER_PARTITION);
        // the margins the lesson is designed with
        assertThat(LESSON.allowedTotalRate()).isEqualTo(320).isGreaterThan(1.5 * KafkaSkew.KNOBS.linesPerSecond());
        assertThat(LESSON.coldMaxRate()).isLessThan(0.6 * LESSON.limit());
        assertThat(LESSON.hotPartitionLags()).isTrue();
        assertThat(LESSON.hotTakenPerBatch()).isEqualTo(400);
        assertThat(LESSON.hotGrowthPerBatch()).isCloseTo(279, within(1.0));
        // 5.6 times the lag rule's tolerance (5% of rate × BI)
        assertThat(LESSON.hotGrowthPerBatch()).isGreaterThan(5 * io.ssplab.metrics.LagRule.GROWTH_TOLERANCE * KafkaSkew.KNOBS.linesPerBatch());
    }

    @Test
    void aLimitAboveTheHotPartitionsRateKeepsUp() {
        KafkaSkew.Arithmetic fixed = KafkaSkew.Arithmetic.of(KafkaSkew.KNOBS, KafkaSkew.TOPIC_PARTITIONS,
                Map.of(KafkaSource.MAX_RATE_PER_PARTITION, String.valueOf(KafkaSkew.FIXED_MAX_RATE_PER_PARTITION)));
        assertThat(fixed.hotPartitionLags()).isFalse();
        assertThat(fixed.hotGrowthPerBatch()).isZero();
        assertThat(fixed.hotRate()).isLessThan(0.7 * fixed.limit()); // 30% of headroom
        KafkaSkew.Arithmetic unlimited = KafkaSkew.Arithmetic.of(KafkaSkew.KNOBS, KafkaSkew.TOPIC_PARTITIONS, Map.of());
        assertThat(unlimited.hotPartitionLags()).isFalse();
        assertThat(unlimited.allowedTotalRate()).isInfinite();
    }

    @Test
    void evenKeysAreNotEvenPartitions() {
        KafkaSkew.Arithmetic even = KafkaSkew.Arithmetic.of(KafkaSkew.KNOBS.withSkew(0), KafkaSkew.TOPIC_PARTITIONS, KafkaSkew.SPARK_CONF);
        assertThat(even.shares()).containsExactly(new double[] {0.24, 0.38, 0.18, 0.20}, within(1e-9));
        assertThat(even.hotPartitionLags()).isFalse(); // 76 lines/s, just under 80
    }

    @Test
    void theBannerSaysItInBothLanguages() {
        assertThat(String.join("\n", LESSON.lines())).contains("partition 1", "67.9%", "61.5%", "135.8 lines/s > the limit 80", "320 lines/s allowed ≥ 200",
                "grows by ≈ 279 per batch", "41.7 lines/s ≤ 80");
        io.ssplab.core.Lang before = io.ssplab.core.Lang.current();
        try {
            io.ssplab.core.Lang.use(io.ssplab.core.Lang.VI);
            assertThat(String.join("\n", LESSON.lines())).contains("partition 1", "67,9%", "135,8 dòng/s > giới hạn 80", "tăng ≈ 279 mỗi batch");
        } finally {
            io.ssplab.core.Lang.use(before);
        }
    }
}
