package io.ssplab.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.XYChart;

import io.ssplab.core.Api;
import io.ssplab.core.BatchMetrics;
import io.ssplab.core.CostUnit;
import io.ssplab.core.Knobs;
import io.ssplab.core.Lang;
import io.ssplab.core.RunSummary;
import io.ssplab.core.StructuredSummary;
import io.ssplab.core.Verdict;
import io.ssplab.metrics.RecordedQueries;
import io.ssplab.metrics.StructuredSummarizer;
import io.ssplab.metrics.StructuredWarmup;

/**
 * A Structured Streaming run's charts, from micro-batches recorded on the lab's machine ({@link RecordedQueries}):
 * the numbers behind each chart, the reference lines with their words in both languages, and the page that shows
 * them instead of the DStream charts. No Spark.
 */
class QueryChartsTest {
    static Knobs knobs(String job, String master, int p, double costMs, long batchCostMs) {
        return new Knobs(job, master, Duration.ofSeconds(3), p, Duration.ofNanos(Math.round(costMs * 1e6)), CostUnit.LINE, 140, 3,
                Knobs.DEFAULT_BLOCK_INTERVAL, Api.STRUCTURED, Duration.ofMillis(batchCostMs));
    }

    static RecordedRun recorded(String recording, Knobs k, StructuredSummary.Predicted p) {
        List<BatchMetrics> b = RecordedQueries.batches(recording, k.job(), k.batchIntervalMs());
        RunSummary s = StructuredSummarizer.summarize(k, b, StructuredWarmup.batches(b, k.linesPerBatch()), p);
        return new RecordedRun(k.job(), Path.of(k.job() + ".jsonl"), b, s, true, List.of());
    }

    static RecordedRun overload() {
        return recorded("unstable-overload", knobs("ss-overload", "local[2]", 2, 16, 0), null);
    }

    static RecordedRun bottleneck() {
        // the model for 6 ms/line, 2 s per batch on P=2: a = 3 ms, a·r = 0.42; with o = 1 s, D* = 3 / 0.58 = 5.17 s
        return recorded("falling-behind", knobs("ss-bottleneck", "local[2]", 2, 6, 2000),
                new StructuredSummary.Predicted(Verdict.FALLING_BEHIND, 5172.4, 724.1, 0.42, 3, 1000, 2000, null, "given"));
    }

    static RecordedRun parallelism() {
        return recorded("stable-parallelism", knobs("ss-parallelism", "local[8]", 8, 16, 0), null);
    }

    @Test
    void theTimelinesAreSparksNumbersPerMicroBatch() {
        RecordedRun run = overload();
        List<BatchMetrics> b = run.batches();
        assertThat(run.structured()).isTrue();
        ChartData.Timeline rows = QueryCharts.inputRows(b);
        ChartData.Timeline in = QueryCharts.inputRate(b);
        ChartData.Timeline done = QueryCharts.processRate(b);
        ChartData.Timeline d = QueryCharts.batchDuration(b);
        assertThat(rows.x()[0]).isZero();
        for (int i = 0; i < b.size(); i++) {
            assertThat(rows.y()[i]).isEqualTo((double) b.get(i).records());
            assertThat(d.y()[i]).isEqualTo(b.get(i).processingTimeMs() / 1000.0);
            if (b.get(i).inputRowsPerSecond() != null) assertThat(in.y()[i]).isEqualTo(b.get(i).inputRowsPerSecond());
            if (b.get(i).processedRowsPerSecond() != null) assertThat(done.y()[i]).isEqualTo(b.get(i).processedRowsPerSecond());
        }
        // The overload: rows and durations climb, and the process rate stays below the input rate once batches are late.
        int last = b.size() - 1;
        assertThat(rows.y()[last]).isGreaterThan(2 * rows.y()[1]);
        assertThat(d.y()[last]).isGreaterThan(2 * 3.0);
        assertThat(done.y()[last]).isLessThan(in.y()[last]);
    }

    @Test
    void theOperationsAreStackedInTheOrderAMicroBatchRunsThem() {
        List<BatchMetrics> b = overload().batches();
        QueryCharts.Operations ops = QueryCharts.operations(b);
        assertThat(ops.names()).doesNotContain("triggerExecution").contains("addBatch", "walCommit", "queryPlanning", "commitOffsets");
        assertThat(ops.names().indexOf("walCommit")).isLessThan(ops.names().indexOf("addBatch"));
        assertThat(ops.names().indexOf("addBatch")).isLessThan(ops.names().indexOf("commitOffsets"));
        for (int i = 0; i < b.size(); i++) {
            assertThat(ops.batchIds()[i]).isEqualTo(b.get(i).batchId());
            // The parts add up to about the whole (Spark rounds each to a millisecond and times a few steps twice).
            assertThat(ops.total(i)).isCloseTo(b.get(i).processingTimeMs() / 1000.0, within(0.25 + 0.1 * b.get(i).processingTimeMs() / 1000.0));
        }
        int addBatch = ops.names().indexOf("addBatch");
        assertThat(ops.seconds()[addBatch][b.size() - 1]).as("the per-line cost is in addBatch").isGreaterThan(ops.seconds()[addBatch][1]);
    }

    @Test
    void aBatchWithoutABreakdownStacksNothing() {
        BatchMetrics dstreamLike = new BatchMetrics("ss-x", 0, 3000, 420, 140, 900, 0, 900, 0);
        QueryCharts.Operations ops = QueryCharts.operations(List.of(dstreamLike));
        assertThat(ops.names()).isEmpty();
        assertThat(ops.batchIds()).containsExactly(0L);
    }

    @Test
    void batchDurationHasTheTriggerLineAndTheModelsSettledDuration() {
        RecordedRun run = bottleneck();
        XYChart en = (XYChart) QueryCharts.chart(run, QueryChart.BATCH_DURATION, Lang.EN);
        assertThat(en.getSeriesMap()).containsKeys("Batch Duration", "Trigger 3 s", "D* 5.17 s (model)");
        assertThat(en.getTitle()).isEqualTo("ss-bottleneck: Batch Duration — local[2], P=2, 6 ms/line, trigger 3 s, 2 s per batch");
        XYChart vi = (XYChart) QueryCharts.chart(run, QueryChart.BATCH_DURATION, Lang.VI);
        assertThat(vi.getSeriesMap()).containsKeys("Batch Duration", "Trigger 3 s", "D* 5,17 s (mô hình)");
        XYChart rows = (XYChart) QueryCharts.chart(run, QueryChart.INPUT_ROWS, Lang.EN);
        assertThat(rows.getSeriesMap()).containsKeys("Input Rows", "r·T = 420 rows (on time)", "r·D* = 724 rows (model)");
        XYChart rates = (XYChart) QueryCharts.chart(run, QueryChart.RATES, Lang.VI);
        assertThat(rates.getSeriesMap()).containsKeys("Input Rate", "Process Rate", "source 140 dòng/s");
        CategoryChart ops = (CategoryChart) QueryCharts.chart(run, QueryChart.OPERATION_DURATION, Lang.EN);
        assertThat(ops.getSeriesMap()).containsKey("addBatch").doesNotContainKey("triggerExecution");
    }

    @Test
    void aStableRunHasNoSettledLine() {
        XYChart en = (XYChart) QueryCharts.chart(parallelism(), QueryChart.BATCH_DURATION, Lang.EN);
        assertThat(en.getSeriesMap().keySet()).containsExactly("Batch Duration", "Trigger 3 s");
    }

    @Test
    void theReportDrawsTheQueryChartsInBothLanguagesAndThePageShowsThem(@TempDir Path dir) throws IOException {
        List<RecordedRun> runs = List.of(overload(), parallelism());
        Path page = ReportWriter.write(runs, List.of(), dir, "index.html", "bin/ssp report DIR");
        for (QueryChart c : QueryChart.values()) {
            for (Lang l : Lang.values()) assertThat(dir.resolve("charts").resolve(c.fileName("ss-overload", l))).isNotEmptyFile();
        }
        assertThat(dir.resolve("charts/ss-overload-batch-duration-vi.png")).isNotEmptyFile();
        assertThat(dir.resolve("charts/ss-overload-processing-time.png")).doesNotExist();
        Optional<BeforeAfter> pair = BeforeAfter.choose(runs);
        assertThat(pair).isPresent();
        assertThat(pair.get().before().job()).isEqualTo("ss-overload");
        assertThat(dir.resolve("charts").resolve(pair.get().fileName(Lang.VI))).isNotEmptyFile();

        String html = Files.readString(page);
        assertThat(html).contains("charts/ss-overload-rates.png", "charts/ss-overload-input-rows-vi.png", "charts/ss-parallelism-operation-duration.png",
                "charts/before-after-ss-overload-ss-parallelism.png", "rows per batch change +", "số dòng mỗi batch thay đổi +",
                "local[2], P=2, 16 ms/line, trigger 3 s", "Lateness against the trigger schedule (s)", "Độ muộn so với lịch trigger (s)",
                "Process Rate (rows/s)", "Input Rows (dòng)");
        assertThat(html).doesNotContain("ss-overload-processing-time-histogram");
    }

    @Test
    void theExplanationOfAQueryHasNoReceiver() {
        Explanation why = Explanation.of(overload());
        assertThat(why.english()).contains("ss-overload ran as a Structured Streaming query on local[2] with P=2 and 16 ms/line", "No receiver",
                "all 2 task slots", "take 1 wave", "a = 8 ms", "a·r = 1.12 s", "Verdict: UNSTABLE — ").doesNotContain("The receiver keeps");
        assertThat(why.vietnamese()).contains("Không có receiver", "a·r = 1,12 s", "Kết luận: UNSTABLE — ");
    }

    @Test
    void aDStreamRunKeepsItsCharts() {
        RecordedRun phase2 = SyntheticRuns.recorded("phase2", "local[4]", 4, 5.6, "word", SyntheticRuns.phase2(8));
        assertThat(phase2.structured()).isFalse();
        String html = HtmlPage.render(new HtmlPage.Content(List.of(phase2), Optional.empty(), List.of(), "charts", "x", Instant.EPOCH));
        assertThat(html).contains("charts/phase2-processing-time-histogram.png").doesNotContain("phase2-batch-duration");
    }
}
