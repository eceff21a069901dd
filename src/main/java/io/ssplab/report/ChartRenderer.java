package io.ssplab.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.knowm.xchart.AnnotationLine;
import org.knowm.xchart.AnnotationText;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.AxesChartStyler;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

import io.ssplab.page.Png;
import io.ssplab.page.Bilingual;
import io.ssplab.core.Format;
import io.ssplab.core.Lang;
import io.ssplab.core.Messages;
import io.ssplab.core.RunSummary;
import io.ssplab.report.ChartData.Histogram;
import io.ssplab.report.ChartData.Metric;
import io.ssplab.report.ChartData.Timeline;

/**
 * Draws the charts with XChart as 1600×900 PNGs: slide size, with fonts large enough to read from
 * the back of a classroom. Titles name the job and its knobs; axes carry units. Every chart is drawn
 * in a given language — its titles, legends, annotations and numbers — and the report draws each
 * once per language of its page.
 */
public final class ChartRenderer {
    static {
        // Charts are drawn off-screen: on a server or in CI there is no display, and with one the JVM
        // must not open a window or a Dock icon. Set before any AWT class is touched.
        System.setProperty("java.awt.headless", "true");
    }

    public static final int WIDTH = 1600;
    public static final int HEIGHT = 900;

    static final Color PT_COLOR = new Color(0x1f, 0x77, 0xb4);
    static final Color BI_COLOR = new Color(0xd6, 0x27, 0x28);
    static final Color SD_COLOR = new Color(0xe6, 0x7e, 0x00);
    static final Color TOTAL_COLOR = new Color(0x7b, 0x4f, 0xa6);
    static final Color INPUT_COLOR = new Color(0x2c, 0x9c, 0x4a);
    static final Color GRID_COLOR = new Color(0xdd, 0xdd, 0xdd);
    static final Color NOTE_COLOR = new Color(0x66, 0x66, 0x66);

    private ChartRenderer() {
    }

    /**
     * Writes every {@link RunChart} of a run into {@code dir}, once per language of the page (English
     * "phase2-processing-time.png", Vietnamese "phase2-processing-time-vi.png"); returns the files,
     * language by language, each in {@link RunChart} order.
     */
    public static List<Path> renderRun(RecordedRun run, Path dir) throws IOException {
        List<Path> files = new ArrayList<>();
        for (Lang lang : Bilingual.LANGS) files.addAll(renderRun(run, dir, lang));
        return files;
    }

    /** Writes every {@link RunChart} of a run in {@code lang} into {@code dir}; returns the files, in {@link RunChart} order. */
    public static List<Path> renderRun(RecordedRun run, Path dir, Lang lang) throws IOException {
        // A Structured Streaming run: the charts of the Spark UI's Structured Streaming tab instead.
        if (run.structured()) return QueryCharts.render(run, dir, lang);
        Files.createDirectories(dir);
        List<Path> files = new ArrayList<>();
        for (RunChart c : RunChart.values()) {
            Path file = dir.resolve(c.fileName(run.name(), lang));
            write(BitmapEncoder.getBufferedImage(chart(run, c, lang)), file);
            files.add(file);
        }
        // Level 2: the cost stage's longest vs median task per batch, for runs that recorded them.
        if (TaskDurationChart.applies(run)) files.add(TaskDurationChart.render(run, dir, lang));
        // Kafka: the consumer lag per batch, for runs that recorded it.
        if (LagChart.applies(run)) files.add(LagChart.render(run, dir, lang));
        return files;
    }

    /** One chart of a run in {@code lang}, before it is drawn: its titles, series and annotations can be read. */
    static Chart<?, ?> chart(RecordedRun run, RunChart c, Lang lang) {
        return c.histogram ? histogram(run, c.metric, 1, lang) : timeline(run, c.metric, Double.NaN, 1, title(run, c.what(lang), lang), lang);
    }

    /**
     * The before/after pair on one slide, like the original lesson's two Spark UI screenshots: the
     * slow run on the left, the fixed one on the right, processing time above scheduling delay, each
     * row on one y scale so the heights compare honestly. In {@code lang}.
     */
    public static Path renderBeforeAfter(RecordedRun before, RecordedRun after, Path file, Lang lang) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        double scale = 0.62;
        int top = 110;
        int cellW = WIDTH / 2;
        int cellH = (HEIGHT - top) / 2;
        // Two queries: the Structured Streaming tab's batch duration against the trigger, and the input rows that grow with it.
        boolean queries = before.structured() && after.structured();
        double ptMax = queries ? QueryCharts.durationTop(before, after) : yMax(Metric.PROCESSING_TIME, before, after);
        double sdMax = queries ? QueryCharts.rowsTop(before, after) : yMax(Metric.SCHEDULING_DELAY, before, after);

        BufferedImage image = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, WIDTH, HEIGHT);
            RecordedRun[] runs = {before, after};
            for (int col = 0; col < 2; col++) {
                RecordedRun run = runs[col];
                String[] heading = pairHeading(run, col == 0, lang);
                centered(g, heading[0], new Font(Font.SANS_SERIF, Font.BOLD, 32), col * cellW, cellW, 48, Color.BLACK);
                centered(g, heading[1], new Font(Font.SANS_SERIF, Font.PLAIN, 22), col * cellW, cellW, 88, NOTE_COLOR);
                if (queries) {
                    paint(g, QueryCharts.duration(run, ptMax, scale, QueryChart.BATCH_DURATION.label, lang), col * cellW, top, cellW, cellH);
                    paint(g, QueryCharts.rows(run, sdMax, scale, QueryChart.INPUT_ROWS.label, lang), col * cellW, top + cellH, cellW, cellH);
                    continue;
                }
                paint(g, timeline(run, Metric.PROCESSING_TIME, ptMax, scale, Metric.PROCESSING_TIME.label, lang), col * cellW, top, cellW, cellH);
                paint(g, timeline(run, Metric.SCHEDULING_DELAY, sdMax, scale, Metric.SCHEDULING_DELAY.label, lang), col * cellW, top + cellH, cellW, cellH);
            }
            g.setColor(GRID_COLOR);
            g.fillRect(cellW - 1, top, 2, HEIGHT - top);
        } finally {
            g.dispose();
        }
        write(image, file);
        return file;
    }

    /**
     * The two APIs on the same knobs on one slide ({@code bin/ssp compare}): the DStream run on the left,
     * processing time against BI above its scheduling delay; the query on the right, its batch duration
     * against the trigger above its input rows per micro-batch. The top row shares one y scale (seconds on
     * both sides), so the heights compare honestly. In {@code lang}.
     */
    public static Path renderApis(TwoApis apis, Path file, Lang lang) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        double scale = 0.62;
        int top = 110;
        int cellW = WIDTH / 2;
        int cellH = (HEIGHT - top) / 2;
        RecordedRun d = apis.dstream();
        RecordedRun q = apis.query();
        // The query's D* from the model with the o its run measured (the recorded prediction used the default o).
        io.ssplab.model.StructuredPrediction model = apis.queryModel();
        double settled = model.verdict() == io.ssplab.core.Verdict.FALLING_BEHIND ? model.durationMs() / 1000.0 : Double.NaN;
        double timeMax = Math.max(yMax(Metric.PROCESSING_TIME, d), QueryCharts.durationTop(q));
        if (!Double.isNaN(settled)) timeMax = Math.max(timeMax, ChartData.niceCeiling(settled * 1.1));
        BufferedImage image = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, WIDTH, HEIGHT);
            Font big = new Font(Font.SANS_SERIF, Font.BOLD, 32);
            Font small = new Font(Font.SANS_SERIF, Font.PLAIN, 22);
            centered(g, Messages.in(lang, "chart.apis.dstream", d.job(), d.summary().verdict()), big, 0, cellW, 48, Color.BLACK);
            centered(g, pairHeading(d, true, lang)[1], small, 0, cellW, 88, NOTE_COLOR);
            centered(g, Messages.in(lang, "chart.apis.query", q.job(), q.summary().verdict()), big, cellW, cellW, 48, Color.BLACK);
            centered(g, pairHeading(q, false, lang)[1], small, cellW, cellW, 88, NOTE_COLOR);
            paint(g, timeline(d, Metric.PROCESSING_TIME, timeMax, scale, Metric.PROCESSING_TIME.label, lang), 0, top, cellW, cellH);
            paint(g, timeline(d, Metric.SCHEDULING_DELAY, Double.NaN, scale, Metric.SCHEDULING_DELAY.label, lang), 0, top + cellH, cellW, cellH);
            paint(g, QueryCharts.duration(q, timeMax, scale, QueryChart.BATCH_DURATION.label, lang, settled), cellW, top, cellW, cellH);
            double rowsTop = Math.max(QueryCharts.rowsTop(q), Double.isNaN(settled) ? 0
                    : ChartData.niceCeiling(settled * q.summary().knobs().linesPerSecond() * 1.1));
            paint(g, QueryCharts.rows(q, rowsTop, scale, QueryChart.INPUT_ROWS.label, lang, settled), cellW, top + cellH, cellW, cellH);
            g.setColor(GRID_COLOR);
            g.fillRect(cellW - 1, top, 2, HEIGHT - top);
        } finally {
            g.dispose();
        }
        write(image, file);
        return file;
    }

    /** The two lines above a column of the before/after slide: "Before: phase2 — UNSTABLE" and the knobs with median PT and PT/BI. */
    static String[] pairHeading(RecordedRun run, boolean before, Lang lang) {
        RunSummary s = run.summary();
        return new String[] {
                Messages.in(lang, "chart.pair.heading", Messages.in(lang, before ? "chart.pair.before" : "chart.pair.after"), run.job(), s.verdict()),
                Messages.in(lang, run.structured() ? "chart.pair.knobs.query" : "chart.pair.knobs", run.knobsLabel(lang), Format.seconds(lang, s.medianProcessingTimeMs()),
                        Format.fixed(lang, s.processingToIntervalRatio(), 2))};
    }

    static void centered(Graphics2D g, String text, Font font, int x, int width, int baseline, Color color) {
        // A long heading (a long job name, Vietnamese words) shrinks to its column rather than run into the next one.
        while (font.getSize() > 12 && g.getFontMetrics(font).stringWidth(text) > width - 24) font = font.deriveFont(font.getSize2D() - 1);
        g.setFont(font);
        g.setColor(color);
        g.drawString(text, x + Math.max(0, (width - g.getFontMetrics().stringWidth(text)) / 2), baseline);
    }

    /** "phase2: Processing Time — local[4], P=4, 5.6 ms/word, BI 2 s", in {@code lang}. */
    static String title(RecordedRun run, String what, Lang lang) {
        return Messages.in(lang, "chart.title", run.job(), what, run.knobsLabel(lang));
    }

    static void paint(Graphics2D g, Chart<?, ?> chart, int x, int y, int w, int h) {
        Graphics2D cell = (Graphics2D) g.create(x, y, w, h);
        try {
            chart.paint(cell, w, h);
        } finally {
            cell.dispose();
        }
    }

    private static void write(BufferedImage image, Path file) throws IOException {
        Png.write(image, file);
    }

    /**
     * Top of the y axis: a round number with room above the highest point. Times go up to BI at
     * least, so PT always shows its BI line and a flat scheduling delay looks flat against the interval
     * instead of filling the chart with millisecond noise.
     */
    static double yMax(Metric metric, RecordedRun... runs) {
        double max = 0;
        for (RecordedRun r : runs) {
            max = Math.max(max, ChartData.timeline(r.batches(), metric).maxY());
            if (metric != Metric.INPUT_RATE) max = Math.max(max, r.summary().batchIntervalMs() / 1000.0);
        }
        return ChartData.niceCeiling(max * 1.1);
    }

    /**
     * A timeline in the Spark UI's manner: one point per batch; PT with the batch interval as its
     * "stable" line, the input rate with its mean; the warm-up batches set apart by a vertical line.
     *
     * @param yMax  top of the y axis, or NaN to fit this run
     * @param title the chart's title
     * @param lang  the language of its words and numbers
     */
    static XYChart timeline(RecordedRun run, Metric metric, double yMax, double scale, String title, Lang lang) {
        Timeline t = ChartData.timeline(run.batches(), metric);
        XYChart chart = new XYChart(WIDTH, HEIGHT);
        chart.setTitle(title);
        chart.setXAxisTitle(Messages.in(lang, "chart.axis.time"));
        chart.setYAxisTitle(metric.axisTitle(lang));
        AxesChartStyler st = chart.getStyler();
        style(st, scale, lang);
        double top = Double.isNaN(yMax) ? yMax(metric, run) : yMax;
        double right = Math.max(t.x()[t.size() - 1], run.summary().batchIntervalMs() / 1000.0);
        st.setYAxisMin(0.0);
        st.setYAxisMax(top);
        st.setXAxisMin(0.0);
        st.setXAxisMax(right);

        String name = switch (metric) {
            case SCHEDULING_DELAY -> Messages.in(lang, "chart.series.sdTrend", metric.label, Format.signed(lang, run.summary().schedulingDelaySlopeMsPerBatch(), 0));
            default -> metric.label;
        };
        XYSeries series = chart.addSeries(name, t.x(), t.y());
        series.setMarker(SeriesMarkers.CIRCLE);
        series.setLineColor(color(metric));
        series.setMarkerColor(color(metric));
        series.setLineStyle(new BasicStroke((float) (4 * scale)));

        double bi = run.summary().batchIntervalMs() / 1000.0;
        String biText = Format.plain(lang, bi) + " s";
        if (metric == Metric.PROCESSING_TIME) {
            reference(chart, Messages.in(lang, "chart.series.biStable", biText), right, bi, BI_COLOR, scale);
        } else if (metric == Metric.CONSUMER_LAG) {
            // Records, not seconds: the yardstick is one batch of the source's lines (rate × BI).
            double perBatch = run.summary().knobs().linesPerSecond() * bi;
            reference(chart, Messages.in(lang, "kafka.chart.oneBatch", Format.fixed(lang, perBatch, 0)), right, perBatch, NOTE_COLOR, scale);
        } else if (metric != Metric.INPUT_RATE) {
            // The interval as a yardstick: a delay above it means whole batches are waiting. (It also
            // keeps XChart from labelling only the two ends of the axis when every delay is 0.)
            reference(chart, Messages.in(lang, "chart.series.bi", biText), right, bi, NOTE_COLOR, scale);
        } else {
            // The summary's mean leaves the warm-up out, like every other number on the page.
            double mean = run.summary().meanInputRatePerSec();
            reference(chart, Messages.in(lang, run.summary().warmupBatches() > 0 ? "chart.series.meanRateAfterWarmup" : "chart.series.meanRate",
                    Format.fixed(lang, mean, 0)), right, mean, NOTE_COLOR, scale);
        }
        double warmup = ChartData.warmupBoundary(run.batches(), run.summary().warmupBatches());
        if (!Double.isNaN(warmup)) {
            chart.addAnnotation(new AnnotationLine(warmup, true, false));
            chart.addAnnotation(new AnnotationText(Messages.in(lang, "chart.warmup"), warmup / 2, top * 0.94, false));
        }
        return chart;
    }

    /** A dashed horizontal line across the chart, named in the legend. */
    static void reference(XYChart chart, String name, double right, double y, Color color, double scale) {
        XYSeries line = chart.addSeries(name, new double[] {0, right}, new double[] {y, y});
        line.setMarker(SeriesMarkers.NONE);
        line.setLineColor(color);
        line.setLineStyle(new BasicStroke((float) (4 * scale), BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f,
                new float[] {(float) (16 * scale), (float) (10 * scale)}, 0f));
    }

    /**
     * A histogram as the Spark UI draws beside each timeline: batches per bin. For PT the bars are
     * split at BI, so the batches that took longer than the interval stand out in red.
     */
    static CategoryChart histogram(RecordedRun run, Metric metric, double scale, Lang lang) {
        double[] values = metric.of(run.batches());
        double bi = run.summary().batchIntervalMs() / 1000.0;
        boolean split = metric == Metric.PROCESSING_TIME;
        Histogram h = ChartData.histogram(values, split ? bi : Double.POSITIVE_INFINITY);
        CategoryChart chart = new CategoryChart(WIDTH, HEIGHT);
        chart.setTitle(title(run, Messages.in(lang, "chart.histogram", metric.label), lang));
        chart.setXAxisTitle(Messages.in(lang, "chart.axis.bins", metric.axisTitle(lang), Format.plain(lang, h.width()), metric.unit(lang)));
        chart.setYAxisTitle(Messages.in(lang, "chart.axis.batches"));
        var st = chart.getStyler();
        style(st, scale, lang);
        st.setStacked(true);
        st.setOverlapped(false);
        st.setAvailableSpaceFill(0.9);
        st.setYAxisMin(0.0);
        // Counts are whole numbers: leave the in-between ticks unlabelled rather than print 0.5.
        st.setyAxisTickLabelsFormattingFunction(v -> v == Math.rint(v) ? String.valueOf(v.longValue()) : "");
        List<String> labels = new ArrayList<>();
        List<Integer> within = new ArrayList<>();
        List<Integer> over = new ArrayList<>();
        for (int i = 0; i < h.bins(); i++) {
            labels.add(h.label(lang, i));
            within.add(h.withinCount()[i]);
            over.add(h.overCount()[i]);
        }
        int overTotal = over.stream().mapToInt(Integer::intValue).sum();
        int withinTotal = h.total() - overTotal;
        if (split) {
            String bis = Format.plain(lang, bi) + " s";
            chart.addSeries(Messages.in(lang, "chart.series.ptWithin", bis, Messages.count(lang, withinTotal, "noun.batch")), labels, within)
                    .setFillColor(PT_COLOR);
            chart.addSeries(Messages.in(lang, "chart.series.ptOver", bis, Messages.count(lang, overTotal, "noun.batch")), labels, over)
                    .setFillColor(BI_COLOR);
        } else {
            chart.addSeries(Messages.count(lang, h.total(), "noun.batch"), labels, within).setFillColor(color(metric));
        }
        double maxCount = 0;
        for (int i = 0; i < h.bins(); i++) maxCount = Math.max(maxCount, h.count(i));
        st.setYAxisMax(Math.max(1, Math.ceil(maxCount * 1.15)));
        if (h.bins() > 8) st.setXAxisLabelRotation(30);
        return chart;
    }

    private static Color color(Metric metric) {
        return switch (metric) {
            case PROCESSING_TIME -> PT_COLOR;
            case SCHEDULING_DELAY -> SD_COLOR;
            case TOTAL_DELAY -> TOTAL_COLOR;
            case CONSUMER_LAG -> SD_COLOR; // the lag is the delay of a Kafka run
            case INPUT_RATE -> INPUT_COLOR;
        };
    }

    /** Fonts and lines sized for a slide; {@code scale} shrinks them for the cells of a composite. */
    static void style(AxesChartStyler st, double scale, Lang lang) {
        st.setChartBackgroundColor(Color.WHITE);
        st.setPlotBackgroundColor(Color.WHITE);
        st.setPlotBorderVisible(false);
        st.setPlotGridLinesColor(GRID_COLOR);
        st.setChartTitleBoxVisible(false);
        st.setChartFontColor(Color.BLACK);
        st.setChartTitleFont(new Font(Font.SANS_SERIF, Font.BOLD, size(32, scale)));
        st.setAxisTitleFont(new Font(Font.SANS_SERIF, Font.PLAIN, size(28, scale)));
        st.setAxisTickLabelsFont(new Font(Font.SANS_SERIF, Font.PLAIN, size(24, scale)));
        st.setLegendFont(new Font(Font.SANS_SERIF, Font.PLAIN, size(24, scale)));
        st.setAnnotationTextFont(new Font(Font.SANS_SERIF, Font.ITALIC, size(22, scale)));
        st.setAnnotationTextFontColor(NOTE_COLOR);
        st.setAnnotationLineColor(NOTE_COLOR);
        st.setAnnotationLineStroke(new BasicStroke((float) (2 * scale), BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f,
                new float[] {(float) (6 * scale), (float) (6 * scale)}, 0f));
        // Below the plot: inside it, the legend would hide points and the warm-up mark.
        st.setLegendPosition(Styler.LegendPosition.OutsideS);
        st.setLegendLayout(Styler.LegendLayout.Horizontal);
        st.setYAxisTickMarkSpacingHint(size(90, scale));
        st.setXAxisTickMarkSpacingHint(size(110, scale));
        st.setPlotContentSize(0.95);
        st.setLegendBackgroundColor(new Color(255, 255, 255, 220));
        st.setLegendBorderColor(GRID_COLOR);
        st.setLegendSeriesLineLength(size(40, scale));
        st.setLegendPadding(size(18, scale)); // room between the entries of the horizontal legend
        st.setMarkerSize(size(12, scale));
        st.setChartPadding(size(20, scale));
        st.setPlotMargin(size(10, scale));
        st.setAxisTitlePadding(size(14, scale));
        st.setAxisTickPadding(size(8, scale));
        // Axis numbers in the chart's language: "2.5" and "1,000" in English, "2,5" and "1.000" in Vietnamese.
        st.setLocale(lang.locale());
        st.setDecimalPattern("#,##0.##");
        st.setAntiAlias(true);
    }

    private static int size(int points, double scale) {
        return Math.max(8, (int) Math.round(points * scale));
    }
}
