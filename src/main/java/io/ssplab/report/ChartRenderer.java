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
import java.util.Locale;

import javax.imageio.ImageIO;

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

import io.ssplab.core.Format;
import io.ssplab.core.Lang;
import io.ssplab.report.ChartData.Histogram;
import io.ssplab.report.ChartData.Metric;
import io.ssplab.report.ChartData.Timeline;

/**
 * Draws the charts with XChart as 1600×900 PNGs: slide size, with fonts large enough to read from
 * the back of a classroom. Titles name the job and its knobs; axes carry units.
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

    /** Writes every {@link RunChart} of a run into {@code dir}; returns the files, in {@link RunChart} order. */
    public static List<Path> renderRun(RecordedRun run, Path dir) throws IOException {
        Files.createDirectories(dir);
        List<Path> files = new ArrayList<>();
        for (RunChart c : RunChart.values()) {
            Chart<?, ?> chart = c.histogram ? histogram(run, c.metric, 1) : timeline(run, c.metric, Double.NaN, 1, title(run, c.metric.label));
            Path file = dir.resolve(c.fileName(run.name()));
            write(BitmapEncoder.getBufferedImage(chart), file);
            files.add(file);
        }
        // Level 2: the cost stage's longest vs median task per batch, for runs that recorded them.
        if (TaskDurationChart.applies(run)) files.add(TaskDurationChart.render(run, dir, Lang.EN));
        return files;
    }

    /**
     * The before/after pair on one slide, like the original lesson's two Spark UI screenshots: the
     * slow run on the left, the fixed one on the right, processing time above scheduling delay, each
     * row on one y scale so the heights compare honestly.
     */
    public static Path renderBeforeAfter(RecordedRun before, RecordedRun after, Path file) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        double scale = 0.62;
        int top = 110;
        int cellW = WIDTH / 2;
        int cellH = (HEIGHT - top) / 2;
        double ptMax = yMax(Metric.PROCESSING_TIME, before, after);
        double sdMax = yMax(Metric.SCHEDULING_DELAY, before, after);

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
                String heading = String.format(Locale.ROOT, "%s: %s — %s", col == 0 ? "Before" : "After", run.job(), run.summary().verdict());
                String knobs = String.format(Locale.ROOT, "%s · median PT %s, PT/BI %.2f", run.knobsLabel(),
                        Format.seconds(Lang.EN, run.summary().medianProcessingTimeMs()), run.summary().processingToIntervalRatio());
                centered(g, heading, new Font(Font.SANS_SERIF, Font.BOLD, 32), col * cellW, cellW, 48, Color.BLACK);
                centered(g, knobs, new Font(Font.SANS_SERIF, Font.PLAIN, 22), col * cellW, cellW, 88, NOTE_COLOR);
                paint(g, timeline(run, Metric.PROCESSING_TIME, ptMax, scale, Metric.PROCESSING_TIME.label), col * cellW, top, cellW, cellH);
                paint(g, timeline(run, Metric.SCHEDULING_DELAY, sdMax, scale, Metric.SCHEDULING_DELAY.label), col * cellW, top + cellH, cellW, cellH);
            }
            g.setColor(GRID_COLOR);
            g.fillRect(cellW - 1, top, 2, HEIGHT - top);
        } finally {
            g.dispose();
        }
        write(image, file);
        return file;
    }

    private static void centered(Graphics2D g, String text, Font font, int x, int width, int baseline, Color color) {
        g.setFont(font);
        g.setColor(color);
        g.drawString(text, x + Math.max(0, (width - g.getFontMetrics().stringWidth(text)) / 2), baseline);
    }

    /** "phase2: Processing Time — local[4], P=4, 5.6 ms/word, BI 2 s". */
    static String title(RecordedRun run, String what) {
        return run.job() + ": " + what + " — " + run.knobsLabel();
    }

    private static void paint(Graphics2D g, Chart<?, ?> chart, int x, int y, int w, int h) {
        Graphics2D cell = (Graphics2D) g.create(x, y, w, h);
        try {
            chart.paint(cell, w, h);
        } finally {
            cell.dispose();
        }
    }

    private static void write(BufferedImage image, Path file) throws IOException {
        if (!ImageIO.write(image, "png", file.toFile())) throw new IOException("no PNG writer in this JVM");
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
     */
    static XYChart timeline(RecordedRun run, Metric metric, double yMax, double scale, String title) {
        Timeline t = ChartData.timeline(run.batches(), metric);
        XYChart chart = new XYChart(WIDTH, HEIGHT);
        chart.setTitle(title);
        chart.setXAxisTitle("Time since first batch (s)");
        chart.setYAxisTitle(metric.axisTitle());
        AxesChartStyler st = chart.getStyler();
        style(st, scale);
        double top = Double.isNaN(yMax) ? yMax(metric, run) : yMax;
        double right = Math.max(t.x()[t.size() - 1], run.summary().batchIntervalMs() / 1000.0);
        st.setYAxisMin(0.0);
        st.setYAxisMax(top);
        st.setXAxisMin(0.0);
        st.setXAxisMax(right);

        String name = switch (metric) {
            case SCHEDULING_DELAY -> String.format(Locale.ROOT, "%s (trend %+.0f ms/batch)", metric.label, run.summary().schedulingDelaySlopeMsPerBatch());
            default -> metric.label;
        };
        XYSeries series = chart.addSeries(name, t.x(), t.y());
        series.setMarker(SeriesMarkers.CIRCLE);
        series.setLineColor(color(metric));
        series.setMarkerColor(color(metric));
        series.setLineStyle(new BasicStroke((float) (4 * scale)));

        double bi = run.summary().batchIntervalMs() / 1000.0;
        if (metric == Metric.PROCESSING_TIME) {
            reference(chart, "BI " + Format.plain(Lang.EN, bi) + " s (stable line)", right, bi, BI_COLOR, scale);
        } else if (metric != Metric.INPUT_RATE) {
            // The interval as a yardstick: a delay above it means whole batches are waiting. (It also
            // keeps XChart from labelling only the two ends of the axis when every delay is 0.)
            reference(chart, "BI " + Format.plain(Lang.EN, bi) + " s", right, bi, NOTE_COLOR, scale);
        } else {
            // The summary's mean leaves the warm-up out, like every other number on the page.
            double mean = run.summary().meanInputRatePerSec();
            reference(chart, String.format(Locale.ROOT, "mean %.0f records/s%s", mean, run.summary().warmupBatches() > 0 ? " (after warm-up)" : ""),
                    right, mean, NOTE_COLOR, scale);
        }
        double warmup = ChartData.warmupBoundary(run.batches(), run.summary().warmupBatches());
        if (!Double.isNaN(warmup)) {
            chart.addAnnotation(new AnnotationLine(warmup, true, false));
            chart.addAnnotation(new AnnotationText("warm-up", warmup / 2, top * 0.94, false));
        }
        return chart;
    }

    /** A dashed horizontal line across the chart, named in the legend. */
    private static void reference(XYChart chart, String name, double right, double y, Color color, double scale) {
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
    static CategoryChart histogram(RecordedRun run, Metric metric, double scale) {
        double[] values = metric.of(run.batches());
        double bi = run.summary().batchIntervalMs() / 1000.0;
        boolean split = metric == Metric.PROCESSING_TIME;
        Histogram h = ChartData.histogram(values, split ? bi : Double.POSITIVE_INFINITY);
        CategoryChart chart = new CategoryChart(WIDTH, HEIGHT);
        chart.setTitle(title(run, metric.label + " histogram"));
        chart.setXAxisTitle(metric.axisTitle() + ", bins of " + Format.plain(Lang.EN, h.width()) + " " + metric.unit);
        chart.setYAxisTitle("Batches");
        var st = chart.getStyler();
        style(st, scale);
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
            labels.add(h.label(i));
            within.add(h.withinCount()[i]);
            over.add(h.overCount()[i]);
        }
        int overTotal = over.stream().mapToInt(Integer::intValue).sum();
        int withinTotal = h.total() - overTotal;
        if (split) {
            String bis = Format.plain(Lang.EN, bi) + " s";
            chart.addSeries("PT ≤ BI " + bis + ": " + batches(withinTotal), labels, within).setFillColor(PT_COLOR);
            chart.addSeries("PT > BI " + bis + ": " + batches(overTotal), labels, over).setFillColor(BI_COLOR);
        } else {
            chart.addSeries(batches(h.total()), labels, within).setFillColor(color(metric));
        }
        double maxCount = 0;
        for (int i = 0; i < h.bins(); i++) maxCount = Math.max(maxCount, h.count(i));
        st.setYAxisMax(Math.max(1, Math.ceil(maxCount * 1.15)));
        if (h.bins() > 8) st.setXAxisLabelRotation(30);
        return chart;
    }

    private static String batches(int n) {
        return n + (n == 1 ? " batch" : " batches");
    }

    private static Color color(Metric metric) {
        return switch (metric) {
            case PROCESSING_TIME -> PT_COLOR;
            case SCHEDULING_DELAY -> SD_COLOR;
            case TOTAL_DELAY -> TOTAL_COLOR;
            case INPUT_RATE -> INPUT_COLOR;
        };
    }

    /** Fonts and lines sized for a slide; {@code scale} shrinks them for the cells of a composite. */
    private static void style(AxesChartStyler st, double scale) {
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
        st.setLocale(Locale.ROOT);
        st.setDecimalPattern("#,##0.##");
        st.setAntiAlias(true);
    }

    private static int size(int points, double scale) {
        return Math.max(8, (int) Math.round(points * scale));
    }
}
