package io.ssplab.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

/** summary.json: the knobs flat beside the measurements, and what older files still give. */
class KnobsJsonTest {
    private static final Knobs PHASE2 = new Knobs("phase2", "local[4]", Duration.ofSeconds(2), 4, Duration.ofNanos(5_600_000),
            CostUnit.WORD, 140, 3, Duration.ofMillis(200));
    private static final Set<String> KNOB_FIELDS = Set.of("job", "master", "batchIntervalMs", "partitions", "costMs", "costUnit",
            "linesPerSecond", "wordsPerLine", "blockIntervalMs", "skew", "costKind");

    private static RunSummary summary(Knobs knobs, RecordAccounting accounting) {
        return new RunSummary(knobs, 12, 2, 280, 140.0, 2600, 2710.5, 1.3, 598.25, 5400, 3, Verdict.UNSTABLE,
                "median PT 2.60 s > BI 2.00 s", accounting, 2602.0, 0.08, "measured:phase1");
    }

    private static RecordAccounting accounting() {
        return new RecordAccounting("stamped", 1700L, "the embedded source's own count", 1690, 1680, 0, 10L, 10, 1, 0, 0, 1200.0, 2100.0,
                2300.0, 0L, 12L, 0,
                List.of(new RecordAccounting.StreamAccount("abc:0", 1700L, 1680, 0, "", 1_700_000_000_000L, 1_700_000_012_000L)),
                List.of("sent − received = 10: …"), null, "nothing lost: sent 1,700, received 1,690, processed 1,680; every difference is explained");
    }

    @Test
    void aSummaryRoundTripsWithItsKnobsFlat(@TempDir Path dir) throws Exception {
        RunSummary s = summary(PHASE2, accounting());
        String json = Json.MAPPER.writeValueAsString(s);
        JsonNode node = Json.MAPPER.readTree(json);

        // flat: the knobs' fields at the top, no "knobs" object, durations in milliseconds
        assertThat(node.has("knobs")).isFalse();
        Set<String> fields = new TreeSet<>();
        node.fieldNames().forEachRemaining(fields::add);
        assertThat(fields).containsAll(KNOB_FIELDS).doesNotContain("batchInterval", "cost", "blockInterval");
        assertThat(node.get("job").asText()).isEqualTo("phase2");
        assertThat(node.get("master").asText()).isEqualTo("local[4]");
        assertThat(node.get("batchIntervalMs").asLong()).isEqualTo(2000);
        assertThat(node.get("partitions").asInt()).isEqualTo(4);
        assertThat(node.get("costMs").asDouble()).isEqualTo(5.6);
        assertThat(node.get("costUnit").asText()).isEqualTo("word");
        assertThat(node.get("linesPerSecond").asDouble()).isEqualTo(140);
        assertThat(node.get("wordsPerLine").asInt()).isEqualTo(3);
        assertThat(node.get("blockIntervalMs").asLong()).isEqualTo(200);
        // the measurements beside them, under their documented names
        assertThat(node.get("batches").asInt()).isEqualTo(12);
        assertThat(node.get("warmupBatches").asInt()).isEqualTo(2);
        assertThat(node.get("processingToIntervalRatio").asDouble()).isEqualTo(1.3);
        assertThat(node.get("verdict").asText()).isEqualTo("UNSTABLE");
        assertThat(node.get("overheadSource").asText()).isEqualTo("measured:phase1");
        assertThat(node.get("accounting").get("streams").get(0).get("stream").asText()).isEqualTo("abc:0");
        // locale-free whatever the reader's language
        assertThat(json).contains("\"costMs\" : 5.6").doesNotContain("5,6");

        assertThat(Json.MAPPER.readValue(json, RunSummary.class)).isEqualTo(s);
        Path file = dir.resolve("runs/phase2.summary.json");
        Json.write(file, s);
        RunSummary read = Json.read(file, RunSummary.class);
        assertThat(read).isEqualTo(s);
        assertThat(read.knobs()).isEqualTo(PHASE2);
        assertThat(read.knobs().cost()).isEqualTo(Duration.ofNanos(5_600_000));
        assertThat(read.job()).isEqualTo("phase2");
        assertThat(read.batchIntervalMs()).isEqualTo(2000);
        assertThat(read.measuredBatches()).isEqualTo(10);
    }

    @Test
    void aLineCostAndSummaryWithoutAccountingOrPredictionRoundTripToo() throws Exception {
        Knobs exercise = new Knobs("fix-delay", "local[2]", Duration.ofMillis(1500), 8, Duration.ofMillis(5), CostUnit.LINE, 70.5, 4,
                Duration.ofMillis(100));
        RunSummary s = new RunSummary(exercise, 3, 1, 105, 70.5, 900, 950, 0.6, 0, 0, 0, Verdict.INCONCLUSIVE, "only 3", null, null, null, null);
        String json = Json.MAPPER.writeValueAsString(s);
        JsonNode node = Json.MAPPER.readTree(json);
        assertThat(node.get("costUnit").asText()).isEqualTo("line");
        assertThat(node.get("costMs").asDouble()).isEqualTo(5.0);
        assertThat(node.get("blockIntervalMs").asLong()).isEqualTo(100);
        assertThat(Json.MAPPER.readValue(json, RunSummary.class)).isEqualTo(s);
        // the knobs alone have the same flat shape
        JsonNode knobs = Json.MAPPER.readTree(Json.MAPPER.writeValueAsString(exercise));
        Set<String> fields = new TreeSet<>();
        knobs.fieldNames().forEachRemaining(fields::add);
        assertThat(fields).isEqualTo(new TreeSet<>(KNOB_FIELDS));
        assertThat(Json.MAPPER.treeToValue(knobs, Knobs.class)).isEqualTo(exercise);
    }

    @Test
    void anOldSummaryWithoutRateWordsBlockIntervalOrOverheadSourceStillReads() throws Exception {
        // as the lab wrote summary.json before the knobs carried the source rate, words per line and block interval
        String old = """
                {
                  "job" : "phase2",
                  "master" : "local[4]",
                  "partitions" : 4,
                  "costMs" : 5.4,
                  "costUnit" : "word",
                  "batchIntervalMs" : 2000,
                  "batches" : 10,
                  "warmupBatches" : 2,
                  "medianRecordsPerBatch" : 280.0,
                  "meanInputRatePerSec" : 140.0,
                  "medianProcessingTimeMs" : 2500.0,
                  "p95ProcessingTimeMs" : 2600.0,
                  "processingToIntervalRatio" : 1.25,
                  "schedulingDelaySlopeMsPerBatch" : 500.0,
                  "finalSchedulingDelayMs" : 4100,
                  "maxQueuedBatches" : 2,
                  "verdict" : "UNSTABLE",
                  "reason" : "median PT 2.50 s > BI 2.00 s",
                  "accounting" : null,
                  "predictedProcessingTimeMs" : 2602.0,
                  "modelErrorPercent" : 4.08,
                  "someFieldOfANewerLab" : true
                }
                """;
        RunSummary s = Json.MAPPER.readValue(old, RunSummary.class);
        Knobs k = s.knobs();
        assertThat(k.job()).isEqualTo("phase2");
        assertThat(k.master()).isEqualTo("local[4]");
        assertThat(k.batchInterval()).isEqualTo(Duration.ofSeconds(2));
        assertThat(k.partitions()).isEqualTo(4);
        assertThat(k.cost()).isEqualTo(Duration.ofNanos(5_400_000));
        assertThat(k.costUnit()).isEqualTo(CostUnit.WORD);
        // the defaults the lab always ran with
        assertThat(k.linesPerSecond()).isEqualTo(Knobs.DEFAULT_RATE).isEqualTo(140);
        assertThat(k.wordsPerLine()).isEqualTo(Knobs.DEFAULT_WORDS_PER_LINE).isEqualTo(3);
        assertThat(k.blockInterval()).isEqualTo(Knobs.DEFAULT_BLOCK_INTERVAL).isEqualTo(Duration.ofMillis(200));
        assertThat(k.linesPerBatch()).isEqualTo(280);
        assertThat(k.complete()).isTrue();
        assertThat(s.overheadSource()).isNull();
        assertThat(s.predictedProcessingTimeMs()).isEqualTo(2602.0);
        assertThat(s.verdict()).isEqualTo(Verdict.UNSTABLE);
        assertThat(s.warmupBatches()).isEqualTo(2);
        assertThat(s.measuredBatches()).isEqualTo(8);
        assertThat(s.accounting()).isNull();
    }

    @Test
    void anUnknownCostUnitReadsAsUnknownNotAsAnError() throws Exception {
        RunSummary s = Json.MAPPER.readValue("{\"job\":\"x\",\"batchIntervalMs\":1000,\"costUnit\":\"furlong\",\"verdict\":\"STABLE\"}",
                RunSummary.class);
        assertThat(s.knobs().costUnit()).isNull();
        assertThat(s.knobs().complete()).isFalse();
        assertThat(CostUnit.parse(" LINE ")).isEqualTo(CostUnit.LINE);
        assertThat(CostUnit.WORD.label()).isEqualTo("word");
    }

    @Test
    void theKnobsArithmeticLivesInOnePlace() {
        // 140 lines/s × 2 s = 280 lines, × 3 words when the cost is per word
        assertThat(PHASE2.linesPerBatch()).isEqualTo(280);
        assertThat(PHASE2.costedRecordsPerBatch()).isEqualTo(840);
        assertThat(PHASE2.withCostUnit(CostUnit.LINE).costedRecordsPerBatch()).isEqualTo(280);
        assertThat(PHASE2.withBatchInterval(Duration.ofMillis(1500)).withRate(70).linesPerBatch()).isEqualTo(105);
        assertThat(PHASE2.costMs()).isEqualTo(5.6);
        assertThat(PHASE2.withBlockInterval(Duration.ofMillis(50)).blockIntervalMs()).isEqualTo(50);
        Knobs bare = Knobs.onlyInterval("phase2", 2000);
        assertThat(bare.complete()).isFalse();
        assertThat(bare.costMs()).isNaN();
        assertThat(bare.batchIntervalMs()).isEqualTo(2000);
        Knobs over = PHASE2.withOverrides("local[8]", null, 8, null, 100.0);
        assertThat(over).isEqualTo(PHASE2.withMaster("local[8]").withPartitions(8).withRate(100));
        assertThat(PHASE2.withOverrides(null, null, null, null, null)).isEqualTo(PHASE2);
    }

    @Test
    void validateRefusesKnobsOutsideTheirRanges() {
        assertThat(PHASE2.validate()).isSameAs(PHASE2);
        assertThatThrownBy(() -> PHASE2.withPartitions(0).validate()).isInstanceOf(BadInputException.class)
                .hasMessage("--partitions must be 1–1,024, got 0: pass e.g. --partitions 4");
        assertThatThrownBy(() -> PHASE2.withBatchInterval(Duration.ofMillis(50)).validate()).isInstanceOf(BadInputException.class)
                .hasMessageContaining("--batch-interval");
        assertThatThrownBy(() -> PHASE2.withCost(Duration.ofSeconds(2)).validate()).isInstanceOf(BadInputException.class)
                .hasMessageContaining("--cost");
        assertThatThrownBy(() -> PHASE2.withRate(0).validate()).isInstanceOf(BadInputException.class).hasMessageContaining("--rate");
        assertThatThrownBy(() -> PHASE2.withMaster("local[1]").validate()).isInstanceOf(BadInputException.class);
        assertThatThrownBy(() -> PHASE2.withMaster("local[65]").validate()).isInstanceOf(BadInputException.class)
                .hasMessageContaining("64");
        assertThatThrownBy(() -> PHASE2.withBlockInterval(Duration.ofMillis(5)).validate()).isInstanceOf(BadInputException.class)
                .hasMessageContaining("--block-interval");
    }
}
