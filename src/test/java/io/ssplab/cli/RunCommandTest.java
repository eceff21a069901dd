package io.ssplab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

import io.ssplab.metrics.JsonLines;

/** {@code bin/ssp run} end to end on real Spark: the live table, the summary, the files, the exit code. */
class RunCommandTest {

    @Test
    void runWritesMetricsAndSummaryAndHonoursExpect(@TempDir Path dir) throws Exception {
        Path metrics = dir.resolve("p1.jsonl");
        RefusalsTest.Outcome o = RefusalsTest.ssp("run", "phase1", "--batches", "4", "--no-ui", "--metrics-out", metrics.toString(),
                "--expect", "STABLE");
        assertThat(o.code()).as(o.out() + o.err()).isZero();
        assertThat(o.out()).contains("phase1 — baseline", "batch", "records", "PT", "SD", "queued", "stopped: 4 batches completed",
                "verdict: STABLE");
        assertThat(Files.readAllLines(metrics)).hasSize(4);
        JsonNode summary = JsonLines.MAPPER.readTree(dir.resolve("p1.summary.json").toFile());
        assertThat(summary.get("job").asText()).isEqualTo("phase1");
        assertThat(summary.get("batches").asInt()).isEqualTo(4);
        assertThat(summary.get("verdict").asText()).isEqualTo("STABLE");
    }
}
