package io.ssplab.sweep;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.ssplab.core.Api;
import io.ssplab.core.BatchMetrics;
import io.ssplab.core.CostUnit;
import io.ssplab.core.Knobs;
import io.ssplab.core.Lang;
import io.ssplab.core.RunSummary;
import io.ssplab.core.Verdict;
import io.ssplab.jobs.structured.Overload;
import io.ssplab.metrics.RecordedQueries;
import io.ssplab.metrics.StructuredSummarizer;
import io.ssplab.metrics.StructuredWarmup;
import io.ssplab.model.Overhead;
import io.ssplab.model.StructuredModel;
import io.ssplab.model.StructuredPrediction;

/** {@code sweep --api structured} without Spark: the cells' predictions, rows and the sweep's numbers, on recorded query batches. */
class QuerySweepTest {
    /** The default grid's shared knobs: trigger 2 s, 140 lines/s. */
    private static final Knobs BASE_2S = Overload.KNOBS.withBatchInterval(Duration.ofSeconds(2)).withApi(Api.STRUCTURED);
    /** The recordings' trigger. */
    private static final Knobs BASE_3S = Overload.KNOBS.withApi(Api.STRUCTURED);

    private static Overhead o(double ms) {
        SweepCell c = QuerySweepRunner.WARM_UP_CELL;
        return StructuredModel.measuredBy("sweep warm-up", ms, StructuredModel.workload(QuerySweepRunner.specFor(BASE_2S, c), null, c.cores()));
    }

    private static RunSummary recorded(String name, SweepCell cell, StructuredPrediction p) {
        Knobs k = QuerySweepRunner.specFor(BASE_3S, cell);
        List<BatchMetrics> b = RecordedQueries.batches(name, k.job(), k.batchIntervalMs());
        return StructuredSummarizer.summarize(k, b, StructuredWarmup.batches(b, k.linesPerBatch()), p.forSummary());
    }

    private static QueryCellResult cell(String recording, SweepCell cell) {
        StructuredPrediction p = QuerySweepRunner.predict(o(1000), BASE_3S, cell);
        return new QueryCellResult(cell, p, recorded(recording, cell, p), 30);
    }

    @Test
    void aCellIsAQueryWithACostPerLine() {
        Knobs k = QuerySweepRunner.specFor(BASE_2S, new SweepCell(8, 8, Duration.ofMillis(16)));
        assertThat(k.master()).isEqualTo("local[8]");
        assertThat(k.partitions()).isEqualTo(8);
        assertThat(k.costUnit()).isEqualTo(CostUnit.LINE);
        assertThat(k.api()).isEqualTo(Api.STRUCTURED);
        assertThat(k.batchIntervalMs()).isEqualTo(2000);
        assertThat(k.batchCostMs()).isZero();
        assertThat(QuerySweepRunner.label(new SweepCell(2, 2, Duration.ofMillis(4)), Lang.EN)).isEqualTo("local[2] P=2 4ms/line");
        assertThat(QuerySweepRunner.label(new SweepCell(2, 2, Duration.ofNanos(4_500_000)), Lang.VI)).isEqualTo("local[2] P=2 4,5ms/dòng");
    }

    /** The default grid spans the three regimes for any o this machine measured, quiet or loaded (0.55–1.2 s at 3 task waves). */
    @Test
    void theDefaultGridSpansTheThreeRegimes() {
        for (double ms : new double[] {550, 800, 1000, 1200}) {
            List<Verdict> regimes = List.of(4, 11, 16).stream()
                    .map(c -> QuerySweepRunner.predict(o(ms), BASE_2S, new SweepCell(2, 2, Duration.ofMillis(c))).verdict()).toList();
            assertThat(regimes).as("o = " + ms + " ms").containsExactly(Verdict.STABLE, Verdict.FALLING_BEHIND, Verdict.UNSTABLE);
        }
        // a·r: 4 ms × 1 wave / P=2 × 140 = 0.28; 11 ms: 0.77; 16 ms: 1.12
        assertThat(QuerySweepRunner.predict(o(1000), BASE_2S, new SweepCell(2, 2, Duration.ofMillis(11))).loadFactor()).isCloseTo(0.77, within(1e-9));
        // falling behind: D* = o / (1 − a·r) = 1.0 / 0.23
        assertThat(QuerySweepRunner.predict(o(1000), BASE_2S, new SweepCell(2, 2, Duration.ofMillis(11))).durationMs()).isCloseTo(1000 / 0.23, within(1e-6));
    }

    @Test
    void aStableCellCountsForTheErrorOnD() {
        QueryCellResult r = cell("stable-parallelism", new SweepCell(8, 8, Duration.ofMillis(16)));
        assertThat(r.prediction().verdict()).isEqualTo(Verdict.STABLE);
        assertThat(r.summary().verdict()).isEqualTo(Verdict.STABLE);
        assertThat(r.measured()).isTrue();
        assertThat(r.verdictAgrees()).isTrue();
        // on time: o + a·r·T = 1.0 + 0.28 × 3 s
        assertThat(r.predictedMs()).isCloseTo(1840, within(1e-6));
        assertThat(r.errorPercent()).isCloseTo((r.predictedMs() - r.measuredMs()) / r.measuredMs() * 100, within(1e-9));
        assertThat(r.errorText(Lang.EN)).endsWith("%");
        assertThat(r.fields()).containsEntry("predictedVerdict", "STABLE").containsEntry("countsForError", true);
    }

    @Test
    void aCellPredictedUnstableCountsForTheVerdictOnly() {
        QueryCellResult r = cell("unstable-overload", new SweepCell(2, 2, Duration.ofMillis(16)));
        assertThat(r.prediction().verdict()).isEqualTo(Verdict.UNSTABLE);
        assertThat(r.summary().verdict()).isEqualTo(Verdict.UNSTABLE);
        assertThat(r.predictsDuration()).isFalse();
        assertThat(r.measured()).isFalse();
        assertThat(r.errorPercent()).isNaN();
        assertThat(r.verdictAgrees()).isTrue();
        assertThat(r.predictedText(Lang.EN)).startsWith("grows ×");
        assertThat(r.errorText(Lang.EN)).isEqualTo("— (verdict only)");
        assertThat(r.fields()).containsEntry("predictedDurationMs", null).containsEntry("modelErrorPercent", null);
    }

    @Test
    void aWrongRegimeIsAWrongVerdict() {
        // the overload's batches, predicted STABLE on local[8]: the verdict differs, the error on D still counts
        SweepCell cell = new SweepCell(8, 8, Duration.ofMillis(16));
        StructuredPrediction p = QuerySweepRunner.predict(o(1000), BASE_3S, cell);
        QueryCellResult r = new QueryCellResult(cell, p, recorded("unstable-overload", cell, p), 30);
        assertThat(r.verdictAgrees()).isFalse();
        assertThat(r.measured()).isTrue();
        assertThat(r.errorPercent()).isNegative();
    }

    @Test
    void theSweepsNumbersCountTheRightCells() {
        QueryCellResult stable = cell("stable-parallelism", new SweepCell(8, 8, Duration.ofMillis(16)));
        QueryCellResult baseline = cell("stable-baseline", new SweepCell(2, 2, Duration.ZERO));
        QueryCellResult unstable = cell("unstable-overload", new SweepCell(2, 2, Duration.ofMillis(16)));
        SweepGrid grid = new SweepGrid(List.of(2, 8), List.of(2, 8), List.of(Duration.ZERO, Duration.ofMillis(16)));
        QuerySweepResult s = new QuerySweepResult(grid, BASE_3S, 6, "measured:sweep warm-up", List.of(stable, baseline, unstable), "2026-01-01T00:00:00Z", 120, null);
        assertThat(s.complete()).as("3 of 8 cells").isFalse();
        assertThat(s.measuredCells()).containsExactly(stable, baseline);
        assertThat(s.verdictOnlyCells()).isEqualTo(1);
        assertThat(s.verdictAgreements()).isEqualTo(3);
        assertThat(s.medianAbsErrorPercent()).isCloseTo((stable.absErrorPercent() + baseline.absErrorPercent()) / 2, within(1e-9));
        assertThat(s.verdictLine(Lang.EN)).contains("over 2 cells").contains("verdict predicted right in 3 of 3 cells").contains("1 cell predicted UNSTABLE");
        assertThat(s.fields()).containsEntry("cellsMeasured", 2).containsEntry("cellsVerdictOnly", 1L).containsEntry("verdictAgreements", 3L);
        assertThat(s.table()).hasSize(4);
        List<String[]> vi = s.rows(Lang.VI);
        assertThat(vi.get(1)[1]).as("a·r in Vietnamese").isEqualTo("0,28");
        String page = QuerySweepPage.render(s);
        assertThat(page).contains("Sweep of queries").contains("Sweep các query").contains("— (verdict only)").contains("— (chỉ kết luận)");
    }
}
