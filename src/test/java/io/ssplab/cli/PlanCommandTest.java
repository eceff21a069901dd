package io.ssplab.cli;

import static org.assertj.core.api.Assertions.assertThat;


import org.apache.spark.SparkContext$;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.fasterxml.jackson.databind.JsonNode;

import io.ssplab.core.ExitCodes;
import io.ssplab.metrics.JsonLines;
import io.ssplab.model.Calibration;

/** bin/ssp plan: parsing, refusals, the text and the JSON — and that it never starts Spark (no calibration: the default overhead). */
class PlanCommandTest extends IsolatedCli {

    @AfterEach
    void neverStartsSpark() {
        assertThat(SparkContext$.MODULE$.getActive().isEmpty()).as("plan must not start Spark").isTrue();
    }

    private int plan(String... args) {
        return ssp("plan", args);
    }

    @Test
    void explainsPhase2ByDefault() {
        assertThat(plan()).isZero();
        assertThat(out()).contains("plan for phase2").contains("⌈4 / 3⌉ = 2").contains("predicted PT        2.35 s cost + 0.25 s overhead = 2.60 s")
                .contains("1.30 → UNSTABLE").contains("grows ≈ 0.60 s per batch")
                .contains("the lab's default").contains("bin/ssp calibrate")
                .contains("fewest cores").contains("local[4], P=3").contains("largest stable cost").contains("smallest stable BI");
    }

    @Test
    void jsonHasTheFieldsScriptsNeed() throws Exception {
        assertThat(plan("--job", "phase3", "--json")).isZero();
        JsonNode json = io.ssplab.core.Json.MAPPER.readTree(out());
        assertThat(json.get("predictedProcessingTimeMs").asDouble()).isEqualTo(1376.0);
        assertThat(json.get("ratio").asDouble()).isEqualTo(0.688);
        assertThat(json.get("taskWavesPerBatch").asInt()).isEqualTo(6);
        assertThat(json.get("stable").asBoolean()).isTrue();
        assertThat(json.get("waves").asInt()).isEqualTo(2);
        assertThat(json.get("freeSlots").asInt()).isEqualTo(7);
        assertThat(json.get("partialLastWave").asBoolean()).isTrue();
        assertThat(json.get("overheadCalibrated").asBoolean()).isFalse();
        assertThat(json.get("fixes")).hasSize(5);
        assertThat(json.get("backpressure").asBoolean()).isFalse();
        assertThat(json.get("fixes").get(1).get("setting").asText()).isEqualTo("P=7 on local[8]");
        assertThat(json.get("fixes").get(1).get("prediction").get("waves").asInt()).isEqualTo(1);
    }

    @Test
    void optionsOverrideTheJobsKnobs() throws Exception {
        assertThat(plan("--job", "phase1", "--master", "spark://127.0.0.1:7077", "--cores-max", "12", "--partitions", "11",
                "--cost", "5ms", "--cost-unit", "line", "--rate", "200", "--batch-interval", "1s", "--receivers", "1", "--json")).isZero();
        JsonNode json = io.ssplab.core.Json.MAPPER.readTree(out());
        assertThat(json.get("cores").asInt()).isEqualTo(12);
        assertThat(json.get("freeSlots").asInt()).isEqualTo(11);
        assertThat(json.get("costUnit").asText()).isEqualTo("line");
        // 200 lines / 11 partitions, one wave, 5 ms per line
        assertThat(json.get("costTimeMs").asDouble()).isCloseTo(200.0 / 11 * 5, org.assertj.core.data.Offset.offset(1e-9));
    }

    @Test
    void theRunItSuggestsMeasuresThePlanNotTheJobsDefaults() {
        assertThat(plan("--job", "phase3", "--master", "local[6]", "--partitions", "5", "--cost", "2.5ms", "--batch-interval", "1s")).isZero();
        assertThat(out()).contains("Check it for real: bin/ssp run phase3 --master 'local[6]' --batch-interval 1s --partitions 5 --cost 2.5ms --batches 10");
        out.reset();
        assertThat(plan("--receivers", "2")).isZero();
        assertThat(out()).contains("bin/ssp run phase2 --batches 10 (the lab's jobs have no --receivers");
    }

    @Test
    void noRepartitionTakesItsPartitionsFromBlocks() throws Exception {
        assertThat(plan("--no-repartition", "--block-interval", "500ms", "--json")).isZero();
        JsonNode json = io.ssplab.core.Json.MAPPER.readTree(out());
        assertThat(json.get("partitions").asInt()).isEqualTo(4); // 2 s / 500 ms
        assertThat(json.get("repartitioned").asBoolean()).isFalse();
    }

    @Test
    void anOverheadCanBeGivenOrComeFromTheCalibration() throws Exception {
        assertThat(plan("--overhead", "400ms", "--json")).isZero();
        assertThat(io.ssplab.core.Json.MAPPER.readTree(out()).get("overheadMs").asDouble()).isEqualTo(400.0);
        out.reset();
        new Calibration(300, 350, 8, "local[4]", 4, 2000, 8, 25, 16, 500, 16, "2025-01-01T00:00:00Z", "4.1.0").save(Calibration.defaultPath());
        assertThat(plan()).isZero();
        assertThat(out()).contains("calibrated here (0.30 s at 8 waves").contains("2.35 s cost + 0.30 s overhead = 2.65 s");
    }

    @Test
    void phase4SaysWhereBackpressureSettles() throws Exception {
        assertThat(plan("--job", "phase4")).isZero();
        assertThat(out()).contains("1.30 → UNSTABLE").contains("backpressure is on").contains("≈ 104 of the 140 lines/s sent")
                .contains("largest stable rate").contains("≤ 92 lines/s");
        out.reset();
        assertThat(plan("--job", "phase4", "--json")).isZero();
        JsonNode json = io.ssplab.core.Json.MAPPER.readTree(out());
        assertThat(json.get("backpressure").asBoolean()).isTrue();
        assertThat(json.get("sustainableLinesPerSecond").asDouble()).isBetween(104.1, 104.2);
    }

    @Test
    void fixDelayOpenGapIsNotAttempted() {
        assertThat(plan("--job", "fix-delay")).isEqualTo(ExitCodes.FAILED);
        assertThat(err()).contains("gap 1 (batch interval) is not filled yet").contains("not attempted")
                .contains("bin/ssp plan --job fix-delay --solution");
        assertThat(out()).isEmpty();
    }

    @Test
    void fixDelaySolutionIsStableWithRoomToSpare() {
        assertThat(plan("--job", "fix-delay", "--solution")).isZero();
        assertThat(out()).contains("fix-delay (reference solution)").contains("280 / P=8 = 35.0 lines")
                .contains("⌈8 / 7⌉ = 2").contains("STABLE").contains("headroom").contains("fewest cores")
                .contains("local[2], P=1").contains("P=7 on local[8]");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "--partitions 0",
            "--master local[1]",
            "--master yarn",
            "--batch-interval 0",
            "--batch-interval 2",
            "--cost -1ms",
            "--rate 0",
            "--cores-max 8",
            "--master spark://127.0.0.1:7077 --cores-max 1",
            "--receivers -1",
            "--receivers 4",
            "--no-repartition --receivers 0",
            "--block-interval 0",
            "--words-per-line 0",
            "--overhead -5ms",
            "--target 1.5",
            "--target 0",
            "--job phase9",
            "--solution",
            "--job fix-delay --solution --partitions 3",
            "--job fill-gaps --solution --no-repartition",
            "--cost-unit byte",
            "--target 0.001",
            "--cores-max 0",
            "--master spark://127.0.0.1:7077 --cores-max 2000",
            "--words-per-line 101",
            "--overhead 2m",
            "--unknown"})
    void refusesBadInputWithExitCode2(String args) {
        assertThat(plan(args.split(" "))).as(args).isEqualTo(ExitCodes.USAGE);
        assertThat(err().strip()).as(args).isNotEmpty().doesNotContain("Exception").doesNotContain("\tat ");
        assertThat(err().strip().lines()).as(args).hasSize(1);
        assertThat(out()).as(args).isEmpty();
    }
}
