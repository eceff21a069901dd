package io.ssplab.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

import io.ssplab.core.BatchMetrics;
import io.ssplab.core.Format;
import io.ssplab.core.Lang;
import io.ssplab.core.Messages;
import io.ssplab.page.Png;

/**
 * Level 2's chart (docs/level2.md): the cost stage's task durations per batch — its longest task against
 * its median one, as the Spark UI's stage page shows them (Summary Metrics, Duration Max and Median). Two
 * lines close together: even tasks; the longest far above the median: skew, one task holding a hot key.
 * Drawn only for runs whose batches carry task metrics; its texts come from the bundles (report.chart.costStageTasks.*).
 */
public final class TaskDurationChart {
    static final Color MAX_COLOR = new Color(0xd6, 0x27, 0x28);
    static final Color MEDIAN_COLOR = new Color(0x1f, 0x77, 0xb4);

    static {
        // Off-screen, as every chart of the report (see ChartRenderer).
        System.setProperty("java.awt.headless", "true");
    }

    private TaskDurationChart() {
    }

    /** Whether the run recorded task metrics to draw. */
    public static boolean applies(RecordedRun run) {
        return run.batches().stream().anyMatch(BatchMetrics::hasCostStage);
    }

    /** phase2 → "phase2-cost-stage-tasks.png" (in English; another language's file ends in -LANG). */
    public static String fileName(String runName, Lang lang) {
        return runName + "-cost-stage-tasks" + (lang == Lang.EN ? "" : "-" + lang.code()) + ".png";
    }

    /** "Cost stage tasks: longest vs median". */
    public static String what(Lang lang) {
        return Messages.in(lang, "report.chart.costStageTasks");
    }

    /** What the chart tells the reader. */
    public static String caption(Lang lang) {
        return Messages.in(lang, "report.caption.costStageTasks");
    }

    /** Draws the chart into {@code dir}; returns the file. */
    public static Path render(RecordedRun run, Path dir, Lang lang) throws IOException {
        Files.createDirectories(dir);
        List<BatchMetrics> known = run.batches().stream().filter(BatchMetrics::hasCostStage).toList();
        long first = run.batches().get(0).batchTimeMs();
        double[] x = known.stream().mapToDouble(b -> (b.batchTimeMs() - first) / 1000.0).toArray();
        double[] max = known.stream().mapToDouble(b -> b.costStageTaskMaxMs() / 1000.0).toArray();
        double[] median = known.stream().mapToDouble(b -> b.costStageTaskMedianMs() / 1000.0).toArray();

        XYChart chart = new XYChart(ChartRenderer.WIDTH, ChartRenderer.HEIGHT);
        chart.setTitle(run.job() + ": " + what(lang) + " — " + run.knobsLabel(lang));
        chart.setXAxisTitle(Messages.in(lang, "report.chart.costStageTasks.x"));
        chart.setYAxisTitle(Messages.in(lang, "report.chart.costStageTasks.y"));
        var st = chart.getStyler();
        st.setChartBackgroundColor(Color.WHITE);
        st.setPlotBackgroundColor(Color.WHITE);
        st.setPlotBorderVisible(false);
        st.setPlotGridLinesColor(ChartRenderer.GRID_COLOR);
        st.setChartTitleFont(new Font(Font.SANS_SERIF, Font.BOLD, 32));
        st.setAxisTitleFont(new Font(Font.SANS_SERIF, Font.PLAIN, 28));
        st.setAxisTickLabelsFont(new Font(Font.SANS_SERIF, Font.PLAIN, 24));
        st.setLegendFont(new Font(Font.SANS_SERIF, Font.PLAIN, 24));
        st.setLegendPosition(Styler.LegendPosition.OutsideS);
        st.setLegendLayout(Styler.LegendLayout.Horizontal);
        st.setMarkerSize(12);
        st.setChartPadding(20);
        st.setLocale(lang.locale());
        st.setDecimalPattern("#,##0.##");
        st.setYAxisMin(0.0);
        st.setXAxisMin(0.0);
        double top = 0;
        for (double v : max) top = Math.max(top, v);
        st.setYAxisMax(ChartData.niceCeiling(Math.max(top, run.summary().batchIntervalMs() / 1000.0) * 1.1));

        XYSeries longest = chart.addSeries(Messages.in(lang, "report.chart.costStageTasks.max"), x, max);
        longest.setMarker(SeriesMarkers.CIRCLE);
        longest.setLineColor(MAX_COLOR);
        longest.setMarkerColor(MAX_COLOR);
        longest.setLineStyle(new BasicStroke(4f));
        XYSeries middle = chart.addSeries(Messages.in(lang, "report.chart.costStageTasks.median"), x, median);
        middle.setMarker(SeriesMarkers.DIAMOND);
        middle.setLineColor(MEDIAN_COLOR);
        middle.setMarkerColor(MEDIAN_COLOR);
        middle.setLineStyle(new BasicStroke(4f));
        // BI as a yardstick: a task longer than it alone makes the batch late
        double bi = run.summary().batchIntervalMs() / 1000.0;
        double right = x.length == 0 ? bi : Math.max(x[x.length - 1], bi);
        XYSeries line = chart.addSeries(Messages.in(lang, "report.chart.costStageTasks.bi", Format.plain(lang, bi)), new double[] {0, right},
                new double[] {bi, bi});
        line.setMarker(SeriesMarkers.NONE);
        line.setLineColor(ChartRenderer.NOTE_COLOR);
        line.setLineStyle(new BasicStroke(3f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {16f, 10f}, 0f));

        Path file = dir.resolve(fileName(run.name(), lang));
        Png.write(BitmapEncoder.getBufferedImage(chart), file);
        return file;
    }
}
