package io.ssplab.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.apache.spark.SparkContext$;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.ssplab.core.ExitCodes;
import io.ssplab.core.Json;
import io.ssplab.jobs.kafka.KafkaSkew;

/**
 * {@code plan} on the Kafka lessons knows the direct stream's per-partition limit (docs/kafka.md): lesson 3's hot
 * partition falls behind with every batch on time, the fixes are a limit or a producer that fits it, and the
 * refusals happen before anything starts. No broker, no Spark: the arithmetic only.
 */
class KafkaPlanTest extends IsolatedCli {

    @AfterEach
    void neverStartsSpark() {
        assertThat(SparkContext$.MODULE$.getActive().isEmpty()).as("nothing here may start Spark").isTrue();
    }

    @Test
    void theSkewLessonsHotPartitionMakesItUnstableWithEveryBatchOnTime() {
        assertThat(ssp("plan", "--job", "kafka-skew")).isZero();
        assertThat(out()).contains("Kafka intake: maxRatePerPartition 80 lines/s on each of 4 partitions",
                "partition 1 receives 135.8 lines/s (67.9% of the lines), above the limit: a batch takes 400 of its 679 lines, so its lag grows by ≈ 279",
                "the batches take 144.2 of the 200 lines/s produced", "raise the limit", "--max-rate-per-partition 151", "--rate 106",
                "verdict predicted: UNSTABLE: every batch is on time");
        // the same arithmetic as the lesson's own banner (KafkaSkew.Arithmetic)
        KafkaSkew.Arithmetic lesson = KafkaSkew.Arithmetic.of(KafkaSkew.KNOBS, KafkaSkew.TOPIC_PARTITIONS, KafkaSkew.SPARK_CONF);
        assertThat(out()).contains("grows by ≈ " + Math.round(lesson.hotGrowthPerBatch()) + " lines per batch");
    }

    @Test
    void itsFixIsStable() {
        assertThat(ssp("plan", "--job", "kafka-skew", "--max-rate-per-partition", "200")).isZero();
        assertThat(out()).contains("every partition receives at most 135.8 lines/s (partition 1, the busiest) ≤ the limit 200",
                "verdict predicted: STABLE", "bin/ssp run kafka-skew --max-rate-per-partition 200 --batches 10");
    }

    @Test
    void jsonCarriesTheIntakeAndTheLagsVerdict() throws Exception {
        assertThat(ssp("plan", "--job", "kafka-rate-limit", "--json")).isZero();
        JsonNode j = Json.MAPPER.readTree(out());
        assertThat(j.get("verdict").asText()).isEqualTo("UNSTABLE");
        assertThat(j.get("stable").asBoolean()).isFalse();
        assertThat(j.get("ratio").asDouble()).as("every batch on time").isLessThan(0.5);
        JsonNode intake = j.get("kafkaIntake");
        // lesson 2: 140 lines/s produced, 50 × 2 taken: 40 lines/s × 5 s = 200 lines per batch left in the topic
        assertThat(intake.get("lagGrowthRecordsPerBatch").asDouble()).isCloseTo(200, within(1e-6));
        assertThat(intake.get("takenLinesPerSecond").asDouble()).isCloseTo(100, within(1e-6));
        assertThat(intake.get("lagGrows").asBoolean()).isTrue();
        assertThat(j.get("fixes").get(0).get("fix").asText()).isEqualTo("raiseRateLimit");
    }

    @Test
    void aQueryUnderMaxOffsetsPerTriggerHasBoundedBatchesAndAGrowingLag() throws Exception {
        assertThat(ssp("plan", "--job", "ss-kafka-rate-limit")).isZero();
        // 140 lines/s × 3 s = 420 per trigger, 150 taken: D = o + 150 × 8 ms, on time; 270 lines per batch left in the topic
        assertThat(out()).contains("140 lines/s × 3 words/line", "lines per trigger   50 lines/s × 3.00 s = 150 lines",
                "each batch holds at most 150 lines, so the topic's lag grows by ≈ 270 lines per batch",
                "raise maxOffsetsPerTrigger to at least the 420 lines a trigger brings",
                "regime predicted: UNSTABLE (every batch bounded, D/T 0.55, but the consumer lag grows by ≈ 270 lines per batch)");
        assertThat(ssp("plan", "--job", "ss-kafka-rate-limit", "--json")).isZero();
        String json = out().substring(out().lastIndexOf("\n{") + 1);
        JsonNode j = Json.MAPPER.readTree(json);
        assertThat(j.get("regime").asText()).isEqualTo("UNSTABLE");
        assertThat(j.get("kafkaLimit").get("lagGrowthRecordsPerBatch").asDouble()).isCloseTo(270, within(1e-6));
        // under the limit (40 × 3 = 120 ≤ 150) the limit never binds: STABLE
        assertThat(ssp("plan", "--job", "ss-kafka-rate-limit", "--rate", "40")).isZero();
        assertThat(out()).contains("regime predicted: STABLE (D/T 0.47)");
    }

    @Test
    void theLimitIsRefusedWithoutKafkaAndOnStructuredStreaming() {
        assertThat(ssp("plan", "--job", "phase1", "--max-rate-per-partition", "50")).isEqualTo(ExitCodes.USAGE);
        assertThat(err()).contains("--max-rate-per-partition 50 limits what a batch takes from each Kafka partition");
        assertThat(ssp("plan", "--job", "kafka-skew", "--max-rate-per-partition", "0")).isEqualTo(ExitCodes.USAGE);
        assertThat(ssp("plan", "--job", "ss-bottleneck", "--api", "structured", "--max-rate-per-partition", "50")).isEqualTo(ExitCodes.USAGE);
        assertThat(err()).contains("maxOffsetsPerTrigger");
    }
}
