package io.ssplab.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.ssplab.cli.Main;
import io.ssplab.demo.Story;
import io.ssplab.metrics.RunSummary;
import io.ssplab.metrics.Summarizer;
import io.ssplab.source.SourceConfig;

/** phase2 and phase4 side by side: the same overload, without and with Spark's backpressure. */
class BackpressureTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static RunSummary run(Path dir, String job) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream print = new PrintStream(out, true, StandardCharsets.UTF_8);
        Path metrics = dir.resolve(job + ".jsonl");
        int exit = Main.run(print, print, "run", job, "--format", "stamped", "--batches", "10", "--no-ui", "--metrics-out", metrics.toString());
        assertThat(exit).as(out.toString(StandardCharsets.UTF_8)).isZero();
        System.out.println(out.toString(StandardCharsets.UTF_8)); // the table and accounting, in the test's output file
        return io.ssplab.metrics.JsonLines.MAPPER.readValue(dir.resolve(job + ".summary.json").toFile(), RunSummary.class);
    }

    @Test
    void backpressureKeepsSchedulingDelayBoundedWherePhase2sKeepsGrowing(@TempDir Path dir) throws Exception {
        RunSummary phase2 = run(dir, "phase2");
        RunSummary phase4 = run(dir, "phase4");
        long bi = phase2.batchIntervalMs();

        // phase 2: the delay climbs batch after batch, and the lines pile up in Spark's queue.
        // (the verdict's own tolerance: on a busy machine the receiver may need several empty batches to start)
        assertThat(phase2.schedulingDelaySlopeMsPerBatch()).as("phase2 SD slope").isGreaterThan(Summarizer.SLOPE_TOLERANCE * bi);
        assertThat(phase2.accounting().queuedAtStopLines()).as("phase2 lines queued in Spark").isPositive();
        // phase 4: bounded, ingestion throttled below the source's rate, the excess waiting outside Spark.
        assertThat(Story.backpressureFailure(phase4, SourceConfig.DEFAULT_RATE)).isNull();
        assertThat(phase4.finalSchedulingDelayMs()).as("final SD, phase4 vs phase2").isLessThan(phase2.finalSchedulingDelayMs() / 2);
        // The excess waited outside Spark (TCP buffers, then the source): nothing received was dropped for it.
        assertThat(phase4.accounting().sentLines()).isGreaterThanOrEqualTo(phase4.accounting().receivedLines());
        assertThat(phase4.accounting().lostLines()).isZero();
        assertThat(phase2.accounting().lostLines()).isZero();
        assertThat(JSON.readTree(dir.resolve("phase4.summary.json").toFile()).at("/accounting/latencyP95Ms").asDouble()).isPositive();
    }
}
