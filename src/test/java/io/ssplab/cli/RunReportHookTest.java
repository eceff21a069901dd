package io.ssplab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.ssplab.report.RunChart;

/** A real (short) Spark run with --metrics-out ends with the charts and page beside the metrics. */
class RunReportHookTest {
    @TempDir
    Path tmp;

    @Test
    void runWithMetricsOutWritesAPageBesideTheFileAndPrintsItsPath() throws Exception {
        Path metrics = tmp.resolve("p1.jsonl");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                "run", "phase1", "--batches", "3", "--no-ui", "--metrics-out", metrics.toString());
        assertThat(code).as(err.toString(StandardCharsets.UTF_8)).isEqualTo(ExitCodes.OK);
        List<String> lines = out.toString(StandardCharsets.UTF_8).lines().toList();
        Path page = tmp.resolve("p1.html").toAbsolutePath();
        assertThat(lines.get(lines.size() - 1)).isEqualTo("report: " + page);
        String html = Files.readString(page);
        assertThat(html).contains("<table id=\"comparison\">").contains("local[4], P=4, no cost, BI 2 s");
        for (RunChart chart : RunChart.values()) assertThat(tmp.resolve("charts").resolve(chart.fileName("p1"))).isRegularFile();
    }
}
