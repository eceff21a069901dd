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
import io.ssplab.jobs.Phase2Bottleneck;
import io.ssplab.model.Calibration;
import io.ssplab.model.Overhead;
import io.ssplab.model.Prediction;
import io.ssplab.model.ProcessingTimeModel;
import io.ssplab.model.SmallestFixes;
import io.ssplab.model.Workload;

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
        // no calibration in the isolated ssp.home: phase 2's knobs with the lab's default overhead, every line of the model's explanation
        ProcessingTimeModel model = new ProcessingTimeModel(Overhead.defaults(""));
        Workload phase2 = Workload.of(Phase2Bottleneck.KNOBS);
        Prediction p = model.predict(phase2);
        assertThat(p.overheadMs()).as("phase 2 has the reference setting's 18 tasks").isEqualTo(Overhead.DEFAULT_PER_BATCH_MS);
        assertThat(out()).contains("plan for phase2").contains("⌈4 / 3⌉ = 2").contains("→ UNSTABLE")
                .contains("the lab's default").contains("bin/ssp calibrate")
                .contains("fewest cores").contains(new SmallestFixes(model).fewestCores(phase2).setting())
                .contains("largest stable cost").contains("smallest stable BI");
        for (String line : p.explain()) assertThat(out()).contains("  " + line);
    }

    @Test
    void explainsTheArithmeticWithTheOverheadGiven() {
        // the hand computation's knobs and overhead, whatever the job's and the lab's defaults:
        // 2 waves × 210 words × 5.6 ms = 2.35 s, + 0.25 s = 2.60 s; ρ 1.30; SD grows 0.60 s per batch
        assertThat(plan("--cost", "5.6ms", "--rate", "140", "--overhead", "250ms")).isZero();
        assertThat(out()).contains("predicted PT        2.35 s cost + 0.25 s overhead = 2.60 s")
                .contains("1.30 → UNSTABLE").contains("grows ≈ 0.60 s per batch").contains("given with --overhead (0.25 s for this setting)");
    }

    @Test
    void jsonHasTheFieldsScriptsNeed() throws Exception {
        // phase 3 at 5.6 ms per word: 2 waves × 105 words × 5.6 ms = 1176 ms, + 200 ms of overhead (given) = 1376 ms; ρ 0.688
        assertThat(plan("--job", "phase3", "--cost", "5.6ms", "--rate", "140", "--overhead", "200ms", "--json")).isZero();
        JsonNode json = io.ssplab.core.Json.MAPPER.readTree(out());
        assertThat(json.get("predictedProcessingTimeMs").asDouble()).isEqualTo(1376.0);
        assertThat(json.get("ratio").asDouble()).isEqualTo(0.688);
        assertThat(json.get("taskWavesPerBatch").asInt()).isEqualTo(6);
        assertThat(json.get("stable").asBoolean()).isTrue();
        assertThat(json.get("waves").asInt()).isEqualTo(2);
        assertThat(json.get("freeSlots").asInt()).isEqualTo(7);
        assertThat(json.get("partialLastWave").asBoolean()).isTrue();
        assertThat(json.get("overheadCalibrated").asBoolean()).isFalse();
        assertThat(json.get("overheadSource").asText()).isEqualTo("given");
        assertThat(json.get("fixes")).hasSize(5);
        assertThat(json.get("backpressure").asBoolean()).isFalse();
        assertThat(json.get("fixes").get(1).get("setting").asText()).isEqualTo("P=7 on local[8]");
        assertThat(json.get("fixes").get(1).get("prediction").get("waves").asInt()).isEqualTo(1);
        // without --overhead: the lab's default, at phase 3's 10 + 8 + 8 = 26 tasks
        out.reset();
        assertThat(plan("--job", "phase3", "--json")).isZero();
        json = io.ssplab.core.Json.MAPPER.readTree(out());
        assertThat(json.get("overheadSource").asText()).isEqualTo("default");
        assertThat(json.get("overheadMs").asDouble()).isEqualTo(Overhead.DEFAULT_PER_BATCH_MS + 8 * Overhead.PER_TASK_MS);
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
        new Calibration(300, 350, 8, "local[4]", 4, 2000, 28, 5, 16, 420, 52, "2025-01-01T00:00:00Z", "4.1.0", null, null, 1.0, null, null,
                Overhead.INPUT_TASK_WEIGHT).save(Calibration.defaultPath());
        assertThat(plan("--cost", "5.6ms", "--rate", "140")).isZero(); // 2 waves × 210 words × 5.6 ms = 2.35 s
        assertThat(out()).contains("calibrated here (0.30 s at 28 counted tasks (an input task counts 2), +5.0 ms per task").contains("2.35 s cost + 0.30 s overhead = 2.65 s");
    }

    @Test
    void phase4SaysWhereBackpressureSettles() throws Exception {
        // 2.35 s of waits at 140 lines/s = 16.8 ms per line/s; overhead 0.25 s (given): PT = BI at (2000 − 250) / 16.8 = 104.2 lines/s,
        // PT/BI ≤ 0.9 up to (1800 − 250) / 16.8 = 92.3 lines/s
        String[] pinned = {"--job", "phase4", "--cost", "5.6ms", "--rate", "140", "--overhead", "250ms"};
        assertThat(plan(pinned)).isZero();
        assertThat(out()).contains("1.30 → UNSTABLE").contains("backpressure is on").contains("≈ 104 of the 140 lines/s sent")
                .contains("largest stable rate").contains("≤ 92 lines/s");
        out.reset();
        String[] json = java.util.Arrays.copyOf(pinned, pinned.length + 1);
        json[pinned.length] = "--json";
        assertThat(plan(json)).isZero();
        JsonNode node = io.ssplab.core.Json.MAPPER.readTree(out());
        assertThat(node.get("backpressure").asBoolean()).isTrue();
        assertThat(node.get("sustainableLinesPerSecond").asDouble()).isBetween(104.1, 104.2);
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
        // overhead 0.20 s at step 2's 26 tasks (given); local[2], P=1 runs 10 + 1 + 1 = 12 tasks: 200 − 14 × 2.4 ≈ 166 ms,
        // + 280 lines × 5 ms = 1.40 s in series ≈ 1.57 s, ρ 0.78 ≤ 0.9: stable even on the smallest master
        assertThat(plan("--job", "fix-delay", "--solution", "--overhead", "200ms")).isZero();
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
