package io.ssplab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

import io.ssplab.core.ExitCodes;
import io.ssplab.core.Json;
import io.ssplab.report.RunChart;

/**
 * {@code bin/ssp run} end to end on real Spark: the live table, the summary, the metrics and summary
 * files, the report page beside them, and the exit code of {@code --expect} — when the verdict is the
 * one expected and when it is not.
 */
class RunCommandTest {

    @Test
    void runWritesMetricsAndSummaryAndHonoursExpect(@TempDir Path dir) throws Exception {
        Path metrics = dir.resolve("p1.jsonl");
        RefusalsTest.Outcome o = RefusalsTest.ssp("run", "phase1", "--batches", "3", "--no-ui", "--metrics-out", metrics.toString(),
                "--expect", "STABLE");
        assertThat(o.code()).as(o.out() + o.err()).isZero();
        assertThat(o.err()).as("nothing on stderr when the verdict is the expected one").isEmpty();
        assertThat(o.out()).contains("phase1 — baseline", "batch", "records", "PT", "SD", "queued",
                "running until 3 batches are measured after warm-up", "stopped: 3 batches measured", "verdict: STABLE");
        // --batches 3 (the fewest a verdict is given on): three batches measured after the warm-up; the file holds the warm-up
        // batches too, marked as such in the table.
        JsonNode summary = Json.MAPPER.readTree(dir.resolve("p1.summary.json").toFile());
        assertThat(summary.get("job").asText()).isEqualTo("phase1");
        int all = summary.get("batches").asInt();
        int warmup = summary.get("warmupBatches").asInt();
        assertThat(all - warmup).as("measured batches").isEqualTo(3);
        assertThat(warmup).as("the first batch is never full: at least it is warm-up").isPositive();
        assertThat(Files.readAllLines(metrics)).hasSize(all);
        assertThat(o.out().lines().filter(l -> l.contains("(warm-up)")).count()).as("warm-up rows in the live table").isEqualTo(warmup);
        assertThat(summary.get("verdict").asText()).isEqualTo("STABLE");
        // The report hook: charts and a page beside the metrics, and its path as the last line.
        List<String> lines = o.out().lines().toList();
        Path page = dir.resolve("p1.html").toAbsolutePath();
        assertThat(lines.get(lines.size() - 1)).isEqualTo("report: " + page);
        assertThat(Files.readString(page)).contains("<table id=\"comparison\">").contains("local[4], P=4, no cost, BI 2 s");
        for (RunChart chart : RunChart.values()) assertThat(dir.resolve("charts").resolve(chart.fileName("p1"))).isRegularFile();
    }

    /** A script that expects phase1 to fall behind is told it did not: exit code 1 and one line on stderr that says why. */
    @Test
    void anExpectationThatDoesNotHoldIsExitCode1AndOneLineThatSaysWhy() {
        RefusalsTest.Outcome o = RefusalsTest.ssp("run", "phase1", "--batches", "3", "--no-ui", "--expect", "UNSTABLE");
        assertThat(o.code()).as(o.out() + o.err()).isEqualTo(ExitCodes.FAILED);
        assertThat(o.out()).contains("stopped: 3 batches measured", "verdict: STABLE");
        String err = o.err().strip();
        assertThat(err.lines()).as("stderr: %s", o.err()).hasSize(1);
        assertThat(err).startsWith("run: expected UNSTABLE but the verdict is STABLE: median PT ").contains(" ≤ BI 2.00 s")
                .doesNotContain("Exception");
        assertThat(org.apache.spark.SparkContext$.MODULE$.getActive().isEmpty()).as("Spark stopped after the run").isTrue();
    }
}
