package io.ssplab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

import io.ssplab.metrics.JsonLines;
import io.ssplab.report.RunChart;

/**
 * {@code bin/ssp run} end to end on real Spark, once: the live table, the summary, the metrics and
 * summary files, the report page beside them, and the exit code of {@code --expect}.
 */
class RunCommandTest {

    @Test
    void runWritesMetricsAndSummaryAndHonoursExpect(@TempDir Path dir) throws Exception {
        Path metrics = dir.resolve("p1.jsonl");
        RefusalsTest.Outcome o = RefusalsTest.ssp("run", "phase1", "--batches", "5", "--no-ui", "--metrics-out", metrics.toString(),
                "--expect", "STABLE");
        assertThat(o.code()).as(o.out() + o.err()).isZero();
        assertThat(o.out()).contains("phase1 — baseline", "batch", "records", "PT", "SD", "queued", "stopped: 5 batches completed",
                "verdict: STABLE");
        assertThat(Files.readAllLines(metrics)).hasSize(5);
        JsonNode summary = io.ssplab.core.Json.MAPPER.readTree(dir.resolve("p1.summary.json").toFile());
        assertThat(summary.get("job").asText()).isEqualTo("phase1");
        assertThat(summary.get("batches").asInt()).isEqualTo(5);
        assertThat(summary.get("verdict").asText()).isEqualTo("STABLE");
        // The report hook: charts and a page beside the metrics, and its path as the last line.
        List<String> lines = o.out().lines().toList();
        Path page = dir.resolve("p1.html").toAbsolutePath();
        assertThat(lines.get(lines.size() - 1)).isEqualTo("report: " + page);
        assertThat(Files.readString(page)).contains("<table id=\"comparison\">").contains("local[4], P=4, no cost, BI 2 s");
        for (RunChart chart : RunChart.values()) assertThat(dir.resolve("charts").resolve(chart.fileName("p1"))).isRegularFile();
    }
}
