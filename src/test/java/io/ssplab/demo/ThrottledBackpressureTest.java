package io.ssplab.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import io.ssplab.cli.Main;
import io.ssplab.core.Json;
import io.ssplab.core.RunSummary;
import io.ssplab.metrics.JsonLines;
import io.ssplab.metrics.Warmup;
import io.ssplab.run.RunOptions;

/**
 * The backpressure act on a machine too slow to take in half the source's rate: its rate controller
 * lets in fewer than half of the source's lines per interval, so by the source's rate no batch would ever be
 * "full". The run must still end after its measured batches ({@code --batches}), as the demo's 4th act
 * must: a throttled batch counts as full once it holds any record. Simulated on any machine with
 * phase 4 at 15 ms per word and batches of 1 s: 140 lines per interval, of which the job keeps up with
 * ≈ 38 (0.13 s + 2 waves × ¾ L words × 15 ms ≤ 1 s; fewer on a busy machine), far under the 70 of a "full"
 * batch, and the controller's initial 30 lines/s is under it too. Real Spark, about 15 s; the timeout turns the
 * old endless run into a failure.
 */
class ThrottledBackpressureTest {
    static final int BATCHES = 4;

    @Test
    @Timeout(value = 4, unit = TimeUnit.MINUTES)
    void aThrottledBackpressureRunStillEndsAfterItsMeasuredBatches(@TempDir Path dir) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Path metrics = dir.resolve("phase4.jsonl");
        int code = Main.run(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                "run", "phase4", "--cost", "15ms", "--batch-interval", "1s", "--batches", String.valueOf(BATCHES), "--no-ui",
                "--metrics-out", metrics.toString());
        String console = out.toString(StandardCharsets.UTF_8) + err.toString(StandardCharsets.UTF_8);
        assertThat(code).as(console).isZero();
        assertThat(console).contains("stopped: " + BATCHES + " batches measured");

        RunSummary s = Json.MAPPER.readValue(RunOptions.summaryPathFor(metrics).toFile(), RunSummary.class);
        assertThat(s.measuredBatches()).as(console).isEqualTo(BATCHES);
        // the scenario: throttled far below the source's 140 lines per interval, under the "full batch" share of it
        assertThat(s.knobs().linesPerBatch()).isEqualTo(140);
        assertThat(s.medianRecordsPerBatch()).as(console).isLessThan(Warmup.FULL_BATCH_SHARE * s.knobs().linesPerBatch());
        // and the file holds the very batches the summary counted
        assertThat(JsonLines.read(metrics).batches()).hasSize(s.batches());
    }
}
