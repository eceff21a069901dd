package io.ssplab.watch;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.ssplab.core.BatchMetrics;
import io.ssplab.core.Json;
import io.ssplab.core.RunSummary;
import io.ssplab.core.Verdict;
import io.ssplab.metrics.BatchMetricsListener;
import io.ssplab.metrics.JsonLines;
import io.ssplab.report.ReportWriter;
import io.ssplab.run.RunOptions;

/** A foreign app's batches (no knobs the lab knows but the interval): summary printed, summary file, report page — no Spark needed. */
class WatchedRunReportTest {
    @Test
    void aWatchedAppsBatchesMakeASummaryAndAPage(@TempDir Path dir) throws Exception {
        List<BatchMetrics> batches = new ArrayList<>();
        for (int i = 0; i < 12; i++) // PT 1.6 s per 1 s batch, SD growing: unstable
            batches.add(BatchMetricsListener.toMetrics("someone-elses-app", 1000, 1_700_000_000_000L + i * 1000L, 20, 1600, 600L * i, 1600 + 600L * i, i));
        Path file = dir.resolve("watched.jsonl");
        try (JsonLines.Writer w = new JsonLines.Writer(file)) {
            batches.forEach(w);
        }
        RunSummary s = Watcher.summarize(batches);
        assertThat(s.verdict()).isEqualTo(Verdict.UNSTABLE);
        Json.write(RunOptions.summaryPathFor(file), s);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        WatchSummary.print(new PrintStream(out, true, StandardCharsets.UTF_8), s);
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("someone-elses-app: 12 batches watched").contains("verdict: UNSTABLE");
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Optional<Path> page = ReportWriter.tryWrite(List.of(file), dir, "watched.html", "bin/ssp report " + file,
                new PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(page).as(err.toString(StandardCharsets.UTF_8)).isPresent();
        assertThat(Files.readString(page.get())).contains("someone-elses-app");
    }
}
