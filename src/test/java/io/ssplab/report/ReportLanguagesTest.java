package io.ssplab.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.internal.chartpart.AxisPair;
import org.knowm.xchart.internal.chartpart.AxisTickCalculator;
import org.knowm.xchart.internal.chartpart.Chart;

import io.ssplab.page.Png;
import io.ssplab.page.Bilingual;
import io.ssplab.core.BatchMetrics;
import io.ssplab.core.Lang;
import io.ssplab.metrics.Summarizer;

/**
 * The report in each of its languages: the page's Vietnamese elements in Vietnamese with decimal
 * commas, its English ones with points, nothing language-bound shared; every chart drawn per
 * language with its own titles, legends and axis numbers; the console lines in the command's language.
 */
class ReportLanguagesTest {
    @TempDir
    Path tmp;

    @AfterEach
    void backToEnglish() {
        Lang.use(Lang.EN);
    }

    private List<RecordedRun> demoRuns() throws IOException {
        return RunLoader.load(List.of(SyntheticRuns.demoDir(tmp.resolve("run"), 12))).runs();
    }

    private static String render(List<RecordedRun> runs, List<Note> problems) {
        return HtmlPage.render(new HtmlPage.Content(runs, BeforeAfter.choose(runs), problems, "charts", "bin/ssp report runs/x", Instant.EPOCH));
    }

    // ---- the page

    @Test
    void theVietnameseElementsWriteDecimalCommasAndTheEnglishOnesPoints() throws IOException {
        String html = render(demoRuns(), List.of());
        String vi = PageText.text(html, Lang.VI);
        String en = PageText.text(html, Lang.EN);
        // phase2: PT/BI 1.27, median PT 2.54 s, BI 2.00 s; phase3's knobs 5.4 ms/word
        assertThat(vi).contains("1,27").contains("2,54 s").contains("2,00 s").contains("5,4 ms/từ").contains("PT trung vị");
        assertThat(en).contains("1.27").contains("2.54 s").contains("2.00 s").contains("5.4 ms/word").contains("median PT");
        assertThat(PageText.POINT_DECIMAL.matcher(vi).results().map(r -> r.group()).toList()).as("decimal points in Vietnamese").isEmpty();
        assertThat(PageText.COMMA_DECIMAL.matcher(en).results().map(r -> r.group()).toList()).as("decimal commas in English").isEmpty();
        // what both languages share (job names, masters, verdict labels) holds no number that a language writes its own way
        String shared = PageText.shared(html);
        assertThat(PageText.POINT_DECIMAL.matcher(shared).find()).as("a decimal outside the language elements: %s", shared).isFalse();
        assertThat(PageText.COMMA_DECIMAL.matcher(shared).find()).as("a decimal outside the language elements: %s", shared).isFalse();
    }

    @Test
    void noEnglishSentenceInTheVietnameseElements() throws IOException {
        List<RecordedRun> runs = demoRuns();
        // a run without its summary, and problems: the notes come from the bundles too
        Path lonely = tmp.resolve("lonely.jsonl");
        SyntheticRuns.writeJsonl(lonely, SyntheticRuns.phase2(8));
        SyntheticRuns.append(lonely, "{\"job\":\"phase2\",\"batchTi");
        RunLoader.Loaded extra = RunLoader.load(List.of(lonely, tmp.resolve("missing.jsonl")));
        List<RecordedRun> all = new ArrayList<>(runs);
        all.addAll(extra.runs());
        String html = render(all, extra.problems());

        assertThat(PageText.englishWords(html, Lang.VI)).as("English words shown on the Vietnamese page").isEmpty();
        // and the other way round, a few Vietnamese words the English page must not show
        assertThat(PageText.text(html, Lang.EN)).doesNotContain("batch chờ").doesNotContain("trung vị").doesNotContain("không");
        String vi = PageText.text(html, Lang.VI);
        assertThat(vi).contains("Câu chuyện diễn ra đúng như dự kiến").contains("không có file summary bên cạnh (lonely.summary.json")
                .contains("lonely.jsonl:9: dòng cuối bị cắt cụt").contains("missing.jsonl: không có file hay thư mục này")
                .doesNotContain("khoảng interval");
        // every text of one language has its counterpart in the other
        assertThat(PageText.elements(html, Lang.VI)).hasSameSizeAs(PageText.elements(html, Lang.EN));
    }

    @Test
    void aStoryThatDidNotHoldIsToldInEachLanguageWithItsNumbers() throws IOException {
        List<RecordedRun> runs = demoRuns();
        List<BatchMetrics> fast = SyntheticRuns.simulate("phase2", 12, 2000, 1500, 50, 280, 9);
        RecordedRun stable = new RecordedRun("phase2", runs.get(1).metricsFile(), fast,
                Summarizer.summarize(SyntheticRuns.knobs("phase2", "local[4]", 4, 5.4, "word", 2000), fast), true, List.of());
        String html = render(List.of(runs.get(0), stable, runs.get(2)), List.of());
        assertThat(PageText.text(html, Lang.EN)).contains("The story did not hold: phase2 should be UNSTABLE but was STABLE.");
        assertThat(PageText.text(html, Lang.VI)).contains("Câu chuyện không diễn ra như dự kiến: phase2 lẽ ra UNSTABLE nhưng lại STABLE.");
    }

    @Test
    void knobsAndNotesAreRenderedPerLanguage() throws IOException {
        RecordedRun p3 = demoRuns().get(2);
        assertThat(p3.knobsLabel(Lang.EN)).isEqualTo("local[8], P=8, 5.4 ms/word, BI 2 s");
        assertThat(p3.knobsLabel(Lang.VI)).isEqualTo("local[8], P=8, 5,4 ms/từ, BI 2 s");
        Note cut = RunLoader.skippedNote("p.jsonl:13: last line is cut short or not a batch object — skipped");
        assertThat(cut.en()).isEqualTo("p.jsonl:13: last line is cut short or not a batch object — skipped");
        assertThat(cut.vi()).isEqualTo("p.jsonl:13: dòng cuối bị cắt cụt hoặc không phải đối tượng batch — đã bỏ qua");
        assertThat(RunLoader.skippedNote("p.jsonl:2: not a batch object — skipped").vi()).isEqualTo("p.jsonl:2: không phải đối tượng batch — đã bỏ qua");
        // a wording the report does not know is shown as it is, introduced in Vietnamese
        assertThat(RunLoader.skippedNote("p.jsonl:2: something else").vi()).isEqualTo("dòng bị bỏ qua: p.jsonl:2: something else");
        // the console's language
        Lang.use(Lang.VI);
        assertThat(Note.of("report.note.noRecords").text()).startsWith("mọi batch đều có 0 bản ghi");
    }

    // ---- the charts

    @Test
    void eachChartIsDrawnWithItsLanguagesTitlesLegendsAndAnnotations() throws IOException {
        RecordedRun p2 = demoRuns().get(1);
        for (RunChart c : RunChart.values()) {
            Chart<?, ?> en = ChartRenderer.chart(p2, c, Lang.EN);
            Chart<?, ?> vi = ChartRenderer.chart(p2, c, Lang.VI);
            assertThat(vi.getTitle()).as(c.name()).isNotEqualTo(en.getTitle()).contains("5,4 ms/từ");
            assertThat(en.getTitle()).contains("5.4 ms/word");
            assertThat(vi.getXAxisTitle()).as(c.name()).isNotEqualTo(en.getXAxisTitle());
            assertThat(((org.knowm.xchart.style.AxesChartStyler) vi.getStyler()).getLocale()).isEqualTo(Lang.VI.locale());
        }
        XYChart sd = (XYChart) ChartRenderer.chart(p2, RunChart.SCHEDULING_DELAY, Lang.VI);
        assertThat(sd.getXAxisTitle()).isEqualTo("Thời gian từ batch đầu tiên (s)");
        assertThat(sd.getSeriesMap().keySet()).containsExactly("Scheduling Delay (xu hướng +541 ms/batch)", "BI 2 s");
        XYChart rate = (XYChart) ChartRenderer.chart(p2, RunChart.INPUT_RATE, Lang.VI);
        assertThat(rate.getYAxisTitle()).isEqualTo("Input Rate (bản ghi/s)");
        assertThat(rate.getSeriesMap().keySet()).contains("trung bình 140 bản ghi/s (sau warm-up)");
        CategoryChart histogram = (CategoryChart) ChartRenderer.chart(p2, RunChart.PROCESSING_TIME_HISTOGRAM, Lang.VI);
        assertThat(histogram.getTitle()).startsWith("phase2: Histogram Processing Time — ");
        assertThat(histogram.getXAxisTitle()).isEqualTo("Processing Time (s), mỗi khoảng rộng 0,5 s");
        assertThat(histogram.getSeriesMap().keySet()).containsExactly("PT ≤ BI 2 s: 0 batch", "PT > BI 2 s: 12 batch");
        assertThat(histogram.getSeriesMap().values().iterator().next().getXData().stream().map(String::valueOf).toList()).contains("2,0–2,5");
        CategoryChart englishHistogram = (CategoryChart) ChartRenderer.chart(p2, RunChart.PROCESSING_TIME_HISTOGRAM, Lang.EN);
        assertThat(englishHistogram.getSeriesMap().keySet()).containsExactly("PT ≤ BI 2 s: 0 batches", "PT > BI 2 s: 12 batches");
        assertThat(englishHistogram.getSeriesMap().values().iterator().next().getXData().stream().map(String::valueOf).toList()).contains("2.0–2.5");
    }

    @Test
    void theAxisNumbersAreWrittenTheLanguagesWay() throws Exception {
        // phase2's processing time axis goes up to 3 s in steps of 0.5
        RecordedRun p2 = demoRuns().get(1);
        List<String> en = yTickLabels(ChartRenderer.chart(p2, RunChart.PROCESSING_TIME, Lang.EN));
        List<String> vi = yTickLabels(ChartRenderer.chart(p2, RunChart.PROCESSING_TIME, Lang.VI));
        assertThat(en).contains("2.5").doesNotContain("2,5");
        assertThat(vi).contains("2,5").doesNotContain("2.5");
    }

    /** The y axis's tick labels as XChart lays them out when it draws the chart. */
    private static List<String> yTickLabels(Chart<?, ?> chart) throws Exception {
        BitmapEncoder.getBufferedImage(chart);
        Field pairField = Chart.class.getDeclaredField("axisPair");
        pairField.setAccessible(true);
        AxisPair<?, ?> pair = (AxisPair<?, ?>) pairField.get(chart);
        Method yAxis = AxisPair.class.getDeclaredMethod("getYAxis");
        yAxis.setAccessible(true);
        Object axis = yAxis.invoke(pair);
        AxisTickCalculator ticks = (AxisTickCalculator) axis.getClass().getMethod("getAxisTickCalculator").invoke(axis);
        return ticks.getTickLabels();
    }

    @Test
    void theReportWritesEveryChartOncePerLanguageAndTheVietnameseOnesDiffer() throws IOException {
        Path dir = SyntheticRuns.demoDir(tmp.resolve("run"), 8);
        RunLoader.Loaded loaded = RunLoader.load(List.of(dir));
        Path page = ReportWriter.write(loaded.runs(), loaded.problems(), dir, "index.html", "bin/ssp report " + dir);
        Path charts = dir.resolve(ReportWriter.CHARTS_DIR);
        List<String> english = new ArrayList<>();
        for (String run : List.of("phase1", "phase2", "phase3")) for (RunChart c : RunChart.values()) english.add(c.fileName(run));
        english.add("before-after-phase2-phase3.png");
        try (Stream<Path> files = Files.list(charts)) {
            assertThat(files).hasSize(2 * english.size());
        }
        String html = Files.readString(page);
        for (String name : english) {
            String vi = Bilingual.file(name, Lang.VI);
            assertThat(vi).endsWith("-vi.png");
            byte[] enBytes = Files.readAllBytes(charts.resolve(name));
            byte[] viBytes = Files.readAllBytes(charts.resolve(vi));
            assertThat(viBytes).as(vi).isNotEqualTo(enBytes);
            assertThat(javax.imageio.ImageIO.read(charts.resolve(vi).toFile()).getWidth()).isEqualTo(ChartRenderer.WIDTH);
            // each shown in its language's figure
            assertThat(html).contains("<figure class=\"vi").contains("src=\"charts/" + vi + "\"").contains("src=\"charts/" + name + "\"");
        }
        java.util.List<String> viFigures = PageText.elements(html, Lang.VI).stream().filter(f -> f.contains("<img")).toList();
        java.util.List<String> enFigures = PageText.elements(html, Lang.EN).stream().filter(f -> f.contains("<img")).toList();
        assertThat(viFigures).as("the Vietnamese figures").isNotEmpty().hasSameSizeAs(enFigures).allMatch(f -> f.contains("-vi.png"));
        assertThat(enFigures).as("the English figures").noneMatch(f -> f.contains("-vi.png"));
    }

    @Test
    void pngsAreReadBackPixelForPixel() throws IOException {
        java.awt.image.BufferedImage image = BitmapEncoder.getBufferedImage(ChartRenderer.chart(demoRuns().get(1), RunChart.TOTAL_DELAY, Lang.VI));
        Path file = tmp.resolve("x.png");
        Png.write(image, file);
        java.awt.image.BufferedImage back = javax.imageio.ImageIO.read(file.toFile());
        assertThat(back.getWidth()).isEqualTo(image.getWidth());
        assertThat(back.getHeight()).isEqualTo(image.getHeight());
        for (int y = 0; y < image.getHeight(); y++)
            for (int x = 0; x < image.getWidth(); x++)
                if ((back.getRGB(x, y) & 0xffffff) != (image.getRGB(x, y) & 0xffffff)) throw new AssertionError("pixel " + x + "," + y + " differs");
    }

    // ---- the console

    @Test
    void theReportLinesSpeakTheCommandsLanguage() throws IOException {
        Path dir = Files.createDirectory(tmp.resolve("empty"));
        Files.createFile(dir.resolve("phase1.jsonl"));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream err = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        Lang.use(Lang.VI);
        assertThat(ReportWriter.tryWrite(List.of(dir), dir, "index.html", "x", err)).isEmpty();
        assertThat(bytes.toString(StandardCharsets.UTF_8).lines()).containsExactly(
                "báo cáo: " + dir.resolve("phase1.jsonl").toAbsolutePath()
                        + ": rỗng — lần chạy không ghi được batch nào hoàn tất (dừng trước batch đầu tiên?); không có gì để vẽ",
                "báo cáo: không có gì để vẽ, không ghi trang nào");
        assertThat(ReportWriter.writtenLine(Path.of("/r/index.html"))).isEqualTo("báo cáo: /r/index.html");
        assertThat(ReportWriter.failedLine(Path.of("/r"), new IOException("x"))).isEqualTo("báo cáo: không ghi được biểu đồ và trang vào /r: IOException: x");
        Lang.use(Lang.EN);
        assertThat(ReportWriter.writtenLine(Path.of("/r/index.html"))).isEqualTo("report: /r/index.html");
    }
}
