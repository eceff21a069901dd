package io.ssplab.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;

import org.apache.spark.SparkContext$;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

import io.ssplab.model.StructuredModel;

import io.ssplab.core.ExitCodes;
import io.ssplab.core.Json;

/**
 * {@code --api structured} on plan (text and JSON, with the default overhead of 0.5 s at 3 task waves) and
 * the refusals of plan, run and demo that happen before anything starts.
 */
class StructuredPlanCommandTest extends IsolatedCli {
    @TempDir
    Path dir;

    @AfterEach
    void neverStartsSpark() {
        assertThat(SparkContext$.MODULE$.getActive().isEmpty()).as("nothing here may start Spark").isTrue();
    }

    private JsonNode json() throws Exception {
        return Json.MAPPER.readTree(out());
    }

    @Test
    void explainsTheBottleneckByDefault() {
        assertThat(ssp("plan", "--api", "structured")).isZero();
        assertThat(out()).contains("plan for ss-bottleneck (Structured Streaming)", "local[2], P=2, 4 ms/line, batch cost 2.50 s, trigger 3.00 s",
                "a (per line)        4 ms/line × 1 wave / P=2 = 2.00 ms per line",
                "a·r                 2.00 ms × 140 lines/s = 0.28 s of work per second of input",
                "overhead o          0.45 s per micro-batch (3 waves) — the lab's default for micro-batches",
                "batch cost s        2.50 s per batch",
                "D = o + s + a·r·T = 0.45 s + 2.50 s + 0.28 × 3.00 s = 3.79 s > T 3.00 s",
                "D* = (o + s) / (1 − a·r) = 2.95 s / 0.72 = 4.10 s → FALLING_BEHIND", "≈ 574 rows per batch", "after ≈ 2 batches",
                "smallest fixes", "fewest cores", "largest batch cost", "≤ 1.41 s per batch",
                "Spark's overhead with the batch cost alone (≈ 2.95 s) leaves too little of the 3.00 s trigger — lengthen the trigger",
                "regime predicted: FALLING_BEHIND (D/T 1.37). Check it for real: bin/ssp run ss-bottleneck --api structured --batches 8")
                .doesNotContain("receiver holds");
    }

    @Test
    void jsonCarriesTheRegimeAndTheSettledDuration() throws Exception {
        assertThat(ssp("plan", "--job", "ss-bottleneck", "--json")).isZero();
        JsonNode j = json();
        assertThat(j.get("api").asText()).isEqualTo("structured");
        assertThat(j.get("regime").asText()).isEqualTo("FALLING_BEHIND");
        assertThat(j.get("verdict").asText()).isEqualTo("FALLING_BEHIND");
        assertThat(j.get("predictedProcessingTimeMs").asDouble()).isCloseTo((StructuredModel.DEFAULT_PER_BATCH_MS + 2500) / 0.72, within(1e-6));
        assertThat(j.get("onTimeDurationMs").asDouble()).isCloseTo(StructuredModel.DEFAULT_PER_BATCH_MS + 2500 + 0.28 * 3000, within(1e-6));
        assertThat(j.get("loadFactor").asDouble()).isCloseTo(0.28, within(1e-12));
        assertThat(j.get("perLineMs").asDouble()).isEqualTo(2.0);
        assertThat(j.get("receivers").asInt()).isZero();
        assertThat(j.get("freeSlots").asInt()).isEqualTo(2);
        assertThat(j.get("batchCostMs").asDouble()).isEqualTo(2500);
        assertThat(j.get("predictedRowsPerBatch").asDouble()).isCloseTo(140 * ((StructuredModel.DEFAULT_PER_BATCH_MS + 2500) / 0.72) / 1000, within(1e-6));
        assertThat(j.get("fixes")).hasSize(6);
        assertThat(j.get("fixes").get(5).get("fix").asText()).isEqualTo("largestStableBatchCost");
        assertThat(j.get("fixes").get(5).get("prediction").get("regime").asText()).isEqualTo("STABLE");
    }

    @Test
    void theFixIsOnTimeAndTheOverloadGrows() throws Exception {
        // phase3 stands for ss-parallelism under --api structured
        assertThat(ssp("plan", "--api", "structured", "--job", "phase3", "--json")).isZero();
        JsonNode fix = json();
        assertThat(fix.get("job").asText()).isEqualTo("ss-parallelism");
        assertThat(fix.get("regime").asText()).isEqualTo("STABLE");
        assertThat(fix.get("predictedProcessingTimeMs").asDouble()).isCloseTo(StructuredModel.DEFAULT_PER_BATCH_MS + 0.28 * 3000, within(1e-6));
        out.reset();
        assertThat(ssp("plan", "--job", "ss-overload", "--json")).isZero();
        JsonNode overload = json();
        assertThat(overload.get("regime").asText()).isEqualTo("UNSTABLE");
        assertThat(overload.get("predictedProcessingTimeMs").isNull()).isTrue();
        assertThat(overload.get("loadFactor").asDouble()).isCloseTo(1.12, within(1e-12));
        assertThat(overload.get("growingDurationsMs").get(0).asDouble()).isCloseTo(3810, within(1e-6));
        out.reset();
        assertThat(ssp("plan", "--job", "ss-parallelism")).isZero();
        assertThat(out()).contains("compared with ss-overload:", "local[2], P=2, 16 ms/line: a = 8.00 ms, a·r 1.12 → UNSTABLE",
                "local[8], P=8, 16 ms/line: a = 2.00 ms, a·r 0.28 → STABLE");
        // the fixes speak of the trigger T and the duration D, not of the DStream's BI and PT
        assertThat(out()).contains("smallest stable trigger", "(0.9 × T − overhead)", "Spark's overhead is then 69% of D")
                .doesNotContainPattern("\\b(BI|PT)\\b");
    }

    @Test
    void knobsAndAGivenOverheadChangeThePrediction() throws Exception {
        assertThat(ssp("plan", "--api", "structured", "--overhead", "1s", "--batch-cost", "500ms", "--rate", "100", "--json")).isZero();
        JsonNode j = json();
        assertThat(j.get("overheadMs").asDouble()).isEqualTo(1000);
        assertThat(j.get("overheadSource").asText()).isEqualTo("given");
        // 1 s + 0.5 s + 2 ms × 100 lines/s × 3 s = 2.1 s ≤ 3 s: on time
        assertThat(j.get("regime").asText()).isEqualTo("STABLE");
        assertThat(j.get("predictedProcessingTimeMs").asDouble()).isCloseTo(2100, within(1e-6));
    }

    @Test
    void vietnamese() {
        assertThat(ssp("plan", "--api", "structured", "--lang", "vi")).isZero();
        assertThat(out()).contains("dự đoán cho ss-bottleneck", "hội tụ về", "4,10 s → FALLING_BEHIND", "tụt lại sau trigger nhưng bị chặn",
                "không có receiver", "chế độ dự đoán: FALLING_BEHIND");
    }

    @Test
    void refusalsBeforeAnythingStarts() {
        assertThat(ssp("plan", "--api", "structured", "--receivers", "2")).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("--receivers describes DStream receivers");
        assertThat(ssp("plan", "--job", "ss-baseline", "--api", "dstream")).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("ss-baseline is a Structured Streaming lesson");
        assertThat(ssp("plan", "--api", "structured", "--job", "fill-gaps")).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("fill-gaps has no Structured Streaming lesson");
        assertThat(ssp("plan", "--batch-cost", "1s")).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("--batch-cost is a Structured Streaming knob");
        assertThat(ssp("plan", "--api", "structured", "--batch-cost", "2m")).isEqualTo(ExitCodes.USAGE);
        assertThat(ssp("plan", "--api", "streaming")).isEqualTo(ExitCodes.USAGE);
        assertThat(ssp("run", "phase4", "--api", "structured")).isEqualTo(ExitCodes.USAGE);
        assertThat(ssp("run", "ss-baseline", "--checkpoint", dir.resolve("ckpt").toString())).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("Spark's socket source cannot recover");
        assertThat(ssp("run", "ss-baseline", "--solution")).isEqualTo(ExitCodes.USAGE);
        assertThat(ssp("run", "ss-overload", "--master", "spark://127.0.0.1:7077")).isEqualTo(ExitCodes.USAGE);
        assertThat(ssp("run", "ss-overload", "--api", "dstream")).isEqualTo(ExitCodes.USAGE);
        assertThat(ssp("demo", "--api", "structured", "--with-backpressure")).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("--with-backpressure adds DStream's phase4");
        // a query's regime needs 4 batches after warm-up: 3 would leave every act INCONCLUSIVE after minutes of running
        assertThat(ssp("demo", "--api", "structured", "--batches", "3")).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("--batches must be 4–1,000, got 3");
    }

    @Test
    void theLessonsAreNamedInTheHelp() {
        assertThat(ssp("run", "--help")).isZero();
        assertThat(out()).contains("ss-baseline", "ss-overload", "--api");
    }
}
