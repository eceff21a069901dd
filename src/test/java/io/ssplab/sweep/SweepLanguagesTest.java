package io.ssplab.sweep;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.ssplab.core.BadInputException;
import io.ssplab.core.BatchMetrics;
import io.ssplab.core.Knobs;
import io.ssplab.core.Lang;
import io.ssplab.core.RunSummary;
import io.ssplab.jobs.Phase2Bottleneck;
import io.ssplab.metrics.Summarizer;
import io.ssplab.model.Overhead;
import io.ssplab.model.Prediction;
import io.ssplab.model.ProcessingTimeModel;
import io.ssplab.model.Workload;
import io.ssplab.report.PageText;

/**
 * The sweep's outputs in each language: its page bilingual like the report's, the stability map drawn
 * once per language, refusals and reasons from the bundles — and sweep.json the same in every language.
 */
class SweepLanguagesTest {
    private static final ProcessingTimeModel MODEL = new ProcessingTimeModel(Overhead.defaults("test"));
    private static final Knobs BASE = new Phase2Bottleneck().defaults();

    @AfterEach
    void backToEnglish() {
        Lang.use(Lang.EN);
    }

    /** local[2] and local[8], P = 7, at 0.5 and 8 ms per word; each cell measured so that its error is the one given. */
    private static SweepResult sweep(String stopReason) {
        SweepGrid grid = new SweepGrid(List.of(2, 8), List.of(7), List.of(Duration.ofNanos(500_000), Duration.ofMillis(8)));
        double[] errors = {10.4, -20.2, 5.3, 40.7};
        List<CellResult> cells = new ArrayList<>();
        List<SweepCell> all = grid.cells();
        for (int i = 0; i < all.size(); i++) {
            Prediction p = MODEL.predict(Workload.of(SweepRunner.specFor(BASE, all.get(i))));
            long measured = Math.round(p.predictedProcessingTimeMs() / (1 + errors[i] / 100));
            List<BatchMetrics> batches = new ArrayList<>();
            for (int b = 0; b < 6; b++) batches.add(new BatchMetrics("sweep", 1_000_000 + b * 2000L, 2000, 280, 140, measured, 0, measured, 0));
            RunSummary summary = Summarizer.summarize(p.knobs(), batches, p.predictedProcessingTimeMs(), MODEL.overhead().token());
            cells.add(new CellResult(all.get(i), p, summary, 75));
        }
        return new SweepResult(grid, BASE, 6, "calibrated", cells, "2025-01-01T00:00:00Z", 3725, stopReason);
    }

    @Test
    void thePageCarriesBothLanguagesWithTheirOwnNumbersAndMaps() {
        String html = SweepPage.render(sweep("Ctrl-C"), "map.png");
        assertThat(html).contains("data-set-lang=\"vi\"").contains("html[data-lang=\"en\"] .vi").contains("ssp-report-lang");
        assertThat(html).contains("<img src=\"map.png\"").contains("<img src=\"map-vi.png\"");
        String en = PageText.text(html, Lang.EN);
        String vi = PageText.text(html, Lang.VI);
        assertThat(en).contains("Sweep: model estimate vs real").contains("Worst cells and why").contains("stopped early: Ctrl-C")
                .contains("local[8] P=7 8ms/word").contains("Overhead: this machine's calibration.");
        assertThat(vi).contains("Sweep: ước lượng của mô hình so với thực tế").contains("Các ô sai nhiều nhất và lý do")
                .contains("dừng sớm: Ctrl-C").contains("local[8] P=7 8ms/từ").contains("0,5 ms").contains("docs/planner.vi.md");
        assertThat(html).containsPattern("<span class=\"en\" lang=\"en\">[^<]*<b>\\d+\\.\\d%</b>")
                .containsPattern("<span class=\"vi\" lang=\"vi\">[^<]*<b>\\d+,\\d%</b>");
        assertThat(PageText.POINT_DECIMAL.matcher(vi).results().map(r -> r.group()).toList()).as("decimal points in Vietnamese").isEmpty();
        assertThat(PageText.COMMA_DECIMAL.matcher(en).results().map(r -> r.group()).toList()).as("decimal commas in English").isEmpty();
        String shared = PageText.shared(html);
        assertThat(PageText.POINT_DECIMAL.matcher(shared).find()).as("a decimal outside the language elements: %s", shared).isFalse();
        assertThat(PageText.COMMA_DECIMAL.matcher(shared).find()).as("a decimal outside the language elements: %s", shared).isFalse();
        assertThat(PageText.englishWords(html, Lang.VI)).as("English words shown on the Vietnamese page").isEmpty();
        assertThat(PageText.elements(html, Lang.VI)).hasSameSizeAs(PageText.elements(html, Lang.EN));
    }

    @Test
    void theStabilityMapIsDrawnOncePerLanguage(@TempDir Path dir) throws Exception {
        SweepResult sweep = sweep(null);
        StabilityMap.write(sweep, dir.resolve("stability-map.png"));
        BufferedImage en = ImageIO.read(dir.resolve("stability-map.png").toFile());
        BufferedImage vi = ImageIO.read(dir.resolve("stability-map-vi.png").toFile());
        assertThat(vi.getWidth()).isEqualTo(en.getWidth()).isEqualTo(2 * StabilityMap.PANEL_WIDTH);
        assertThat(vi.getHeight()).isEqualTo(en.getHeight()).isEqualTo(StabilityMap.PANEL_HEIGHT + StabilityMap.CAPTION_HEIGHT);
        assertThat(Files.readAllBytes(dir.resolve("stability-map-vi.png"))).isNotEqualTo(Files.readAllBytes(dir.resolve("stability-map.png")));
        // the cells' values in each language's numbers (XChart itself would write them in the JVM's locale)
        Double[][] ratios = {{1.27}};
        assertThat(new StabilityMap.BoundaryHeatMap(new Boolean[][] {{true}}, new boolean[][] {{false}}, ratios, Lang.VI).value(0, 0)).isEqualTo("1,27");
        assertThat(new StabilityMap.BoundaryHeatMap(new Boolean[][] {{true}}, new boolean[][] {{false}}, ratios, Lang.EN).value(0, 0)).isEqualTo("1.27");
    }

    @Test
    void sweepJsonIsTheSameInEveryLanguage(@TempDir Path dir) throws Exception {
        SweepResult sweep = sweep(null);
        io.ssplab.core.Json.write(dir.resolve("en.json"), sweep.fields());
        Lang.use(Lang.VI);
        io.ssplab.core.Json.write(dir.resolve("vi.json"), sweep.fields());
        assertThat(Files.readString(dir.resolve("vi.json"))).isEqualTo(Files.readString(dir.resolve("en.json")));
        CellResult worst = sweep.worst(1).get(0);
        assertThat(worst.fields().get("reasons")).isEqualTo(worst.reasons(Lang.EN));
        // what the console prints follows the language, from the bundles
        assertThat(worst.reasons()).isEqualTo(worst.reasons(Lang.VI)).isNotEqualTo(worst.reasons(Lang.EN));
        assertThat(String.join(" ", worst.reasons(Lang.VI)).toLowerCase(java.util.Locale.ROOT).split("[^\\p{L}]+"))
                .doesNotContainAnyElementsOf(PageText.ENGLISH_ONLY);
    }

    @Test
    void cellLabelsAndRefusalsSpeakTheLanguageFileNamesDoNot() {
        SweepCell cell = new SweepCell(8, 16, Duration.ofNanos(5_500_000));
        assertThat(cell.label(Lang.VI)).isEqualTo("local[8] P=16 5,5ms/từ");
        assertThat(cell.label(Lang.EN)).isEqualTo("local[8] P=16 5.5ms/word");
        Lang.use(Lang.VI);
        assertThat(cell.fileName()).isEqualTo("c8-p16-5_5ms");
        assertThatThrownBy(() -> new SweepGrid(List.of(1), List.of(4), List.of(Duration.ofMillis(5))).validate())
                .isInstanceOf(BadInputException.class).hasMessage("--cores 1: local[1] không còn task slot trống nào khi receiver đã giữ một slot; mọi giá trị phải từ 2 trở lên");
        assertThatThrownBy(() -> new SweepGrid(List.of(2), List.of(4), List.of(Duration.ofMillis(-5))).validate())
                .hasMessage("--cost -5ms: chi phí không được âm");
        assertThatThrownBy(() -> new SweepGrid(List.of(), List.of(4), List.of(Duration.ofMillis(5))).validate())
                .hasMessage("--cores cần ít nhất một giá trị: hãy dùng ví dụ --cores 2,4,8");
        Lang.use(Lang.EN);
        assertThatThrownBy(() -> new SweepGrid(List.of(2), List.of(4, 4), List.of(Duration.ofMillis(5))).validate())
                .hasMessage("--partitions lists a value twice: give each value once");
    }
}
