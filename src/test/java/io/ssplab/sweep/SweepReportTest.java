package io.ssplab.sweep;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.ssplab.core.BadInputException;
import io.ssplab.core.Knobs;
import io.ssplab.jobs.Phase2Bottleneck;
import io.ssplab.core.BatchMetrics;
import io.ssplab.core.RunSummary;
import io.ssplab.core.Verdict;
import io.ssplab.metrics.Summarizer;
import io.ssplab.metrics.Warmup;
import io.ssplab.model.HandComputed;
import io.ssplab.model.Prediction;
import io.ssplab.model.ProcessingTimeModel;
import io.ssplab.model.Workload;

/** The sweep's grid, measurement and outputs, on recorded (made-up) batches: no Spark. */
class SweepReportTest {
    /** The hand computations' overhead (250 ms at 8 task waves, 25 ms per wave), not the lab's default. */
    private static final ProcessingTimeModel MODEL = HandComputed.MODEL;
    /** Phase 2's setting as the hand computations know it: 140 lines/s × 2 s × 3 words = 840 words per batch. */
    private static final Knobs BASE = HandComputed.PHASE2;

    @Test
    void gridIsEveryCombinationCostByCost() {
        SweepGrid grid = new SweepGrid(List.of(2, 8), List.of(4, 7), List.of(Duration.ofMillis(5), Duration.ofMillis(10))).validate();
        assertThat(grid.size()).isEqualTo(8);
        assertThat(grid.cells()).hasSize(8);
        assertThat(grid.cells().get(0)).isEqualTo(new SweepCell(2, 4, Duration.ofMillis(5)));
        assertThat(grid.cells().get(4)).isEqualTo(new SweepCell(2, 4, Duration.ofMillis(10)));
        assertThat(new SweepCell(8, 16, Duration.ofNanos(5_500_000)).label()).isEqualTo("local[8] P=16 5.5ms/word");
        assertThat(new SweepCell(8, 16, Duration.ofNanos(5_500_000)).fileName()).isEqualTo("c8-p16-5_5ms");
    }

    @Test
    void gridRefusesWhatCannotRun() {
        assertThatThrownBy(() -> new SweepGrid(List.of(1, 2), List.of(4), List.of(Duration.ofMillis(5))).validate())
                .isInstanceOf(BadInputException.class).hasMessageContaining("--cores 1");
        assertThatThrownBy(() -> new SweepGrid(List.of(2), List.of(0), List.of(Duration.ofMillis(5))).validate())
                .hasMessageContaining("--partitions 0");
        assertThatThrownBy(() -> new SweepGrid(List.of(2), List.of(4), List.of(Duration.ofMillis(-5))).validate())
                .hasMessageContaining("negative");
        assertThatThrownBy(() -> new SweepGrid(List.of(2, 2), List.of(4), List.of(Duration.ofMillis(5))).validate())
                .hasMessageContaining("twice");
        assertThatThrownBy(() -> new SweepGrid(List.of(), List.of(4), List.of(Duration.ofMillis(5))).validate())
                .hasMessageContaining("at least one value");
    }

    /** A cell's summary as its run makes it: the one warm-up rule, the run's prediction and overhead token. */
    static RunSummary cellSummary(Prediction p, List<BatchMetrics> batches) {
        return Summarizer.summarize(p.knobs(), batches, p.predictedProcessingTimeMs(), MODEL.overhead().token());
    }

    @Test
    void aCellsStartUpBatchesAreLeftOutByTheOneWarmUpRule() {
        // an empty batch, one under half of the nominal 280 lines, the first full one, then a short batch and a full one
        List<BatchMetrics> batches = List.of(batch(0, 0, 300), batch(1, 120, 900), batch(2, 280, 1000), batch(3, 100, 1000),
                batch(4, 281, 1100), batch(5, 280, 1200));
        Prediction p = MODEL.predict(Workload.of(SweepRunner.specFor(BASE, new SweepCell(4, 4, Duration.ofMillis(1)))));
        RunSummary s = cellSummary(p, batches);
        // up to and including the first full batch is warm-up (nothing queued, so no start-up backlog to drain);
        // a later short batch stays in
        assertThat(s.warmupBatches()).isEqualTo(Warmup.batches(batches, 280)).isEqualTo(3);
        assertThat(s.measuredBatches()).isEqualTo(3);
        assertThat(s.medianProcessingTimeMs()).isEqualTo(1100);
        assertThat(s.medianRecordsPerBatch()).isEqualTo(280);
        // with no full batch at all, nothing is measured and the cell says nothing about the model
        RunSummary none = cellSummary(p, batches.subList(0, 2));
        assertThat(none.measuredBatches()).isZero();
        assertThat(none.verdict()).isEqualTo(Verdict.INCONCLUSIVE);
        CellResult cell = new CellResult(new SweepCell(4, 4, Duration.ofMillis(1)), p, none, 10);
        assertThat(cell.measured()).isFalse();
        assertThat(cell.errorPercent()).isNaN();
        assertThat(cell.verdictAgrees()).isFalse();
    }

    @Test
    void theCellsPredictionIsTheOneItsRunRecords() {
        // the sweep predicts each cell before it runs; the run's summary predicts it again (predictRun): they must agree
        for (SweepCell c : new SweepGrid(List.of(2, 4, 8), List.of(4, 7), List.of(Duration.ZERO, Duration.ofMillis(5))).validate().cells()) {
            Knobs knobs = SweepRunner.specFor(BASE, c);
            Prediction cell = MODEL.predict(Workload.of(knobs));
            Prediction run = MODEL.predictRun(knobs, new Phase2Bottleneck().sparkConf(), new Phase2Bottleneck().designedCores());
            assertThat(run.predictedProcessingTimeMs()).as(c.label()).isEqualTo(cell.predictedProcessingTimeMs());
            assertThat(run.knobs()).isEqualTo(knobs);
        }
    }

    @Test
    void cellSummaryCarriesThePredictionAndItsError() {
        Prediction p = MODEL.predict(Workload.of(SweepRunner.specFor(BASE, new SweepCell(8, 7, Duration.ofMillis(5)))));
        // 840 / 7 = 120 words × 5 ms = 600 ms + overhead (10 + 7 + 7 = 24 tasks: 250 + 6 × 5 = 280) = 880 ms
        assertThat(p.predictedProcessingTimeMs()).isCloseTo(880, within(1e-6));
        List<BatchMetrics> batches = new ArrayList<>();
        batches.add(batch(0, 0, 500));
        for (int i = 1; i <= 6; i++) batches.add(batch(i, 280, 950));
        RunSummary summary = cellSummary(p, batches);
        // the empty batch and the first full one are warm-up: 5 measured
        assertThat(summary.batches()).isEqualTo(7);
        assertThat(summary.warmupBatches()).isEqualTo(2);
        assertThat(summary.measuredBatches()).isEqualTo(5);
        assertThat(summary.predictedProcessingTimeMs()).isCloseTo(880, within(1e-6));
        assertThat(summary.modelErrorPercent()).isCloseTo(100.0 * (880 - 950) / 950, within(1e-9));
        assertThat(summary.overheadSource()).isEqualTo(MODEL.overhead().token());
        // the summary files (summary.json, FILE.summary.json) carry both, by these names
        var json = io.ssplab.core.Json.MAPPER.valueToTree(summary);
        assertThat(json.get("predictedProcessingTimeMs").asDouble()).isEqualTo(880.0);
        assertThat(json.get("modelErrorPercent").asDouble()).isCloseTo(100.0 * (880 - 950) / 950, within(0.01));
        assertThat(json.get("master").asText()).isEqualTo("local[8]");
        assertThat(json.get("partitions").asInt()).isEqualTo(7);
        assertThat(json.get("costMs").asDouble()).isEqualTo(5.0);
        // a summary without a prediction says so with nulls, not with made-up numbers
        var plain = Summarizer.summarize(p.knobs(), batches);
        assertThat(plain.predictedProcessingTimeMs()).isNull();
        assertThat(plain.modelErrorPercent()).isNull();
        assertThat(plain.overheadSource()).isNull();
        CellResult cell = new CellResult(new SweepCell(8, 7, Duration.ofMillis(5)), p, summary, 20);
        assertThat(cell.verdictAgrees()).isTrue();
        assertThat(cell.errorPercent()).isCloseTo(-7.37, within(0.01));
    }

    @Test
    void writesTheMapThePageAndTheJson(@TempDir Path dir) throws Exception {
        SweepResult sweep = syntheticSweep();
        assertThat(sweep.complete()).isTrue();
        // |errors|: 10, 20, 5, 40 → median 15
        assertThat(sweep.medianAbsErrorPercent()).isCloseTo(15, within(0.1));
        assertThat(sweep.maxAbsErrorPercent()).isCloseTo(40, within(0.1));
        assertThat(sweep.worst(1).get(0).cell()).isEqualTo(new SweepCell(8, 7, Duration.ofMillis(8)));
        assertThat(sweep.verdictAgreements()).isEqualTo(4);

        StabilityMap.write(sweep, dir.resolve("map.png"));
        BufferedImage png = ImageIO.read(dir.resolve("map.png").toFile());
        assertThat(png.getWidth()).isEqualTo(2 * StabilityMap.PANEL_WIDTH);
        assertThat(png.getHeight()).isEqualTo(StabilityMap.PANEL_HEIGHT + StabilityMap.CAPTION_HEIGHT);

        SweepPage.write(sweep, dir.resolve("index.html"), "map.png");
        String html = Files.readString(dir.resolve("index.html"));
        assertThat(html).contains("model estimate vs real").containsPattern("<b>1[45]\\.\\d%</b>").contains("<img src=\"map.png\"")
                .contains("Worst cells and why").contains("local[8] P=7 8ms/word").containsPattern("\\+(39|40)\\.\\d%");

        io.ssplab.core.Json.write(dir.resolve("sweep.json"), sweep.fields());
        var json = io.ssplab.core.Json.MAPPER.readTree(dir.resolve("sweep.json").toFile());
        assertThat(json.get("medianAbsErrorPercent").asDouble()).isCloseTo(15, within(0.1));
        assertThat(json.get("cells")).hasSize(4);
        assertThat(json.get("cells").get(0).get("predictedProcessingTimeMs").isNumber()).isTrue();
        assertThat(json.get("cells").get(0).get("summary").get("verdict").asText()).isEqualTo("STABLE");
        assertThat(json.get("cells").get(2).get("summary").get("verdict").asText()).isEqualTo("UNSTABLE");
        assertThat(json.get("cells").get(0).get("summary").get("warmupBatches").asInt()).isEqualTo(1);
    }

    @Test
    void anInterruptedSweepStillDrawsWhatItHas(@TempDir Path dir) throws Exception {
        SweepResult full = syntheticSweep();
        SweepResult cut = new SweepResult(full.grid(), full.base(), full.batchesPerCell(), full.overheadSource(), full.cells().subList(0, 1),
                full.startedAt(), 10, "Ctrl-C");
        assertThat(cut.complete()).isFalse();
        StabilityMap.write(cut, dir.resolve("map.png"));
        assertThat(ImageIO.read(dir.resolve("map.png").toFile())).isNotNull();
        assertThat(SweepPage.render(cut, "map.png")).contains("stopped early: Ctrl-C");
    }

    /** local[2] and local[8], P = 7, at 0.5 and 8 ms per word; each cell measured so that its error is the one given. */
    private static SweepResult syntheticSweep() {
        SweepGrid grid = new SweepGrid(List.of(2, 8), List.of(7), List.of(Duration.ofNanos(500_000), Duration.ofMillis(8)));
        double[] errors = {10, -20, 5, 40}; // per cell, in grid order
        List<CellResult> cells = new ArrayList<>();
        List<SweepCell> all = grid.cells();
        for (int i = 0; i < all.size(); i++) {
            SweepCell c = all.get(i);
            Prediction p = MODEL.predict(Workload.of(SweepRunner.specFor(BASE, c)));
            long measured = Math.round(p.predictedProcessingTimeMs() / (1 + errors[i] / 100));
            List<BatchMetrics> batches = new ArrayList<>();
            for (int b = 0; b < 6; b++) batches.add(batch(b, 280, measured));
            RunSummary summary = cellSummary(p, batches);
            assertThat(summary.measuredBatches()).isEqualTo(5); // the first (full) batch is warm-up
            cells.add(new CellResult(c, p, summary, 30));
        }
        // local[2] P=7 at 8 ms: 7 waves × 120 words × 8 ms = 6.7 s per 2 s batch
        assertThat(cells.get(2).summary().verdict()).isEqualTo(Verdict.UNSTABLE);
        assertThat(cells.get(3).summary().verdict()).isEqualTo(Verdict.STABLE);
        return new SweepResult(grid, BASE, 6, "test", cells, "2025-01-01T00:00:00Z", 120, null);
    }

    private static BatchMetrics batch(int i, long records, long pt) {
        return new BatchMetrics("sweep", 1_000_000 + i * 2000L, 2000, records, records / 2.0, pt, 0, pt, 0);
    }
}
