package io.ssplab.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.knowm.xchart.AnnotationLine;
import org.knowm.xchart.AnnotationText;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.markers.SeriesMarkers;

import io.ssplab.core.BatchMetrics;
import io.ssplab.core.Format;
import io.ssplab.core.Lang;
import io.ssplab.core.Messages;
import io.ssplab.core.StructuredSummary;
import io.ssplab.core.Verdict;
import io.ssplab.page.Png;
import io.ssplab.report.ChartData.Timeline;

/**
 * The numbers behind a Structured Streaming run's charts ({@link QueryChart}) and their drawing, in the
 * style of {@link ChartRenderer}: one point per micro-batch against the seconds since the first one, the
 * trigger T as the reference line, the batches before the judged ones set apart.
 */
public final class QueryCharts {
    static {
        System.setProperty("java.awt.headless", "true");
    }

    /** Spark's durationMs parts in the order a micro-batch runs them; others follow by name. The total, triggerExecution, is left out. */
    static final List<String> OPERATION_ORDER = List.of("latestOffset", "getOffset", "setOffsetRange", "getBatch", "queryPlanning",
            "walCommit", "addBatch", "commitOffsets", "commitBatch");
    static final String TOTAL = "triggerExecution";

    static final Color PROCESS_COLOR = ChartRenderer.PT_COLOR;
    static final Color ROWS_COLOR = ChartRenderer.TOTAL_COLOR;
    static final Color[] OPERATION_COLORS = {new Color(0x8c, 0x56, 0x4b), new Color(0xe3, 0x77, 0xc2), new Color(0xbc, 0xbd, 0x22),
            new Color(0x17, 0xbe, 0xcf), new Color(0x9e, 0xda, 0xe5), new Color(0xff, 0x7f, 0x0e), new Color(0x1f, 0x77, 0xb4),
            new Color(0x2c, 0xa0, 0x2c), new Color(0x98, 0xdf, 0x8a), new Color(0x7f, 0x7f, 0x7f)};

    private QueryCharts() {
    }

    /** Spark's input rows/s per micro-batch; the lab's input rate when Spark gave none (an older file). */
    public static Timeline inputRate(List<BatchMetrics> batches) {
        return series(batches, b -> b.inputRowsPerSecond() != null ? b.inputRowsPerSecond() : b.inputRatePerSec());
    }

    /** Spark's processed rows/s per micro-batch (rows / duration); rows over the duration when Spark gave none. */
    public static Timeline processRate(List<BatchMetrics> batches) {
        return series(batches, b -> b.processedRowsPerSecond() != null ? b.processedRowsPerSecond()
                : b.processingTimeMs() > 0 ? b.records() * 1000.0 / b.processingTimeMs() : 0);
    }

    /** Input rows per micro-batch. */
    public static Timeline inputRows(List<BatchMetrics> batches) {
        return series(batches, b -> b.records());
    }

    /** The micro-batch's duration (triggerExecution), in seconds. */
    public static Timeline batchDuration(List<BatchMetrics> batches) {
        return series(batches, b -> b.processingTimeMs() / 1000.0);
    }

    private static Timeline series(List<BatchMetrics> batches, java.util.function.ToDoubleFunction<BatchMetrics> value) {
        Timeline t = ChartData.timeline(batches, ChartData.Metric.PROCESSING_TIME);
        double[] y = batches.stream().mapToDouble(value).toArray();
        return new Timeline(t.x(), y);
    }

    /**
     * Spark's durationMs parts per micro-batch, in seconds, stacked in the order they run.
     *
     * @param names    the parts found in any batch, triggerExecution (their total) left out
     * @param batchIds the batches' ids (their position when a batch has none)
     * @param seconds  seconds[part][batch]; 0 where a batch did not report that part
     */
    public record Operations(List<String> names, long[] batchIds, double[][] seconds) {
        /** The sum of the parts of one batch, s. */
        public double total(int batch) {
            double sum = 0;
            for (double[] part : seconds) sum += part[batch];
            return sum;
        }
    }

    public static Operations operations(List<BatchMetrics> batches) {
        Set<String> found = new TreeSet<>();
        for (BatchMetrics b : batches) if (b.durationMs() != null) found.addAll(b.durationMs().keySet());
        found.remove(TOTAL);
        Set<String> ordered = new LinkedHashSet<>();
        for (String op : OPERATION_ORDER) if (found.contains(op)) ordered.add(op);
        ordered.addAll(found);
        List<String> names = List.copyOf(ordered);
        long[] ids = new long[batches.size()];
        double[][] seconds = new double[names.size()][batches.size()];
        for (int i = 0; i < batches.size(); i++) {
            BatchMetrics b = batches.get(i);
            ids[i] = b.batchId() != null ? b.batchId() : i;
            Map<String, Long> d = b.durationMs();
            for (int k = 0; k < names.size(); k++) seconds[k][i] = d == null ? 0 : d.getOrDefault(names.get(k), 0L) / 1000.0;
        }
        return new Operations(names, ids, seconds);
    }

    /** The model's settled duration D* for a run predicted to fall behind; NaN otherwise. */
    static double settledSeconds(RecordedRun run) {
        StructuredSummary s = run.summary().structured();
        if (s == null || s.predicted() == null || s.predicted().verdict() != Verdict.FALLING_BEHIND || s.predicted().durationMs() == null)
            return Double.NaN;
        return s.predicted().durationMs() / 1000.0;
    }

    /** r·T: the rows an on-time micro-batch takes in; NaN when the rate is not recorded. */
    static double onTimeRows(RecordedRun run) {
        if (!run.knobsRecorded() || !(run.summary().knobs().linesPerSecond() > 0)) return Double.NaN;
        return run.summary().knobs().linesPerSecond() * run.summary().batchIntervalMs() / 1000.0;
    }

    /** Writes every {@link QueryChart} of a run in {@code lang} into {@code dir}; returns the files, in {@link QueryChart} order. */
    public static List<Path> render(RecordedRun run, Path dir, Lang lang) throws IOException {
        Files.createDirectories(dir);
        List<Path> files = new ArrayList<>();
        for (QueryChart c : QueryChart.values()) {
            Path file = dir.resolve(c.fileName(run.name(), lang));
            Png.write(BitmapEncoder.getBufferedImage(chart(run, c, lang)), file);
            files.add(file);
        }
        return files;
    }

    /** One chart of a run in {@code lang}, before it is drawn: its titles, series and annotations can be read. */
    static Chart<?, ?> chart(RecordedRun run, QueryChart c, Lang lang) {
        String title = ChartRenderer.title(run, c.label, lang);
        return switch (c) {
            case RATES -> rates(run, 1, title, lang);
            case INPUT_ROWS -> rows(run, Double.NaN, 1, title, lang);
            case BATCH_DURATION -> duration(run, Double.NaN, 1, title, lang);
            case OPERATION_DURATION -> operationsChart(run, title, lang);
        };
    }

    private static XYChart frame(RecordedRun run, String title, String yTitle, double top, double scale, Lang lang) {
        XYChart chart = new XYChart(ChartRenderer.WIDTH, ChartRenderer.HEIGHT);
        chart.setTitle(title);
        chart.setXAxisTitle(Messages.in(lang, "chart.axis.time"));
        chart.setYAxisTitle(yTitle);
        var st = chart.getStyler();
        ChartRenderer.style(st, scale, lang);
        st.setYAxisMin(0.0);
        st.setYAxisMax(top);
        st.setXAxisMin(0.0);
        st.setXAxisMax(right(run));
        return chart;
    }

    private static double right(RecordedRun run) {
        Timeline t = batchDuration(run.batches());
        return Math.max(t.x()[t.size() - 1], run.summary().batchIntervalMs() / 1000.0);
    }

    private static void points(XYChart chart, String name, Timeline t, Color color, double scale) {
        XYSeries s = chart.addSeries(name, t.x(), t.y());
        s.setMarker(SeriesMarkers.CIRCLE);
        s.setLineColor(color);
        s.setMarkerColor(color);
        s.setLineStyle(new BasicStroke((float) (4 * scale)));
    }

    private static void warmup(XYChart chart, RecordedRun run, double top, Lang lang) {
        double warmup = ChartData.warmupBoundary(run.batches(), run.summary().warmupBatches());
        if (Double.isNaN(warmup)) return;
        chart.addAnnotation(new AnnotationLine(warmup, true, false));
        chart.addAnnotation(new AnnotationText(Messages.in(lang, "chart.warmup"), warmup / 2, top * 0.94, false));
    }

    static XYChart rates(RecordedRun run, double scale, String title, Lang lang) {
        Timeline in = inputRate(run.batches());
        Timeline done = processRate(run.batches());
        double top = ChartData.niceCeiling(Math.max(in.maxY(), done.maxY()) * 1.1);
        XYChart chart = frame(run, title, Messages.in(lang, "chart.axis.metric", Messages.in(lang, "chart.query.rate"),
                Messages.in(lang, "chart.unit.rowsPerSecond")), top, scale, lang);
        points(chart, "Input Rate", in, ChartRenderer.INPUT_COLOR, scale);
        points(chart, "Process Rate", done, PROCESS_COLOR, scale);
        if (run.knobsRecorded() && run.summary().knobs().linesPerSecond() > 0)
            ChartRenderer.reference(chart, Messages.in(lang, "chart.query.sourceRate", Format.plain(lang, run.summary().knobs().linesPerSecond())),
                    right(run), run.summary().knobs().linesPerSecond(), ChartRenderer.NOTE_COLOR, scale);
        warmup(chart, run, top, lang);
        return chart;
    }

    /** @param yMax top of the y axis, or NaN to fit this run */
    static XYChart rows(RecordedRun run, double yMax, double scale, String title, Lang lang) {
        return rows(run, yMax, scale, title, lang, settledSeconds(run));
    }

    /** @param settledS the model's D* to draw as r·D*, s; NaN for none */
    static XYChart rows(RecordedRun run, double yMax, double scale, String title, Lang lang, double settledS) {
        Timeline t = inputRows(run.batches());
        double onTime = onTimeRows(run);
        double settled = settledS * run.summary().knobs().linesPerSecond();
        double top = Double.isNaN(yMax) ? rowsTop(run) : yMax;
        XYChart chart = frame(run, title, Messages.in(lang, "chart.axis.metric", "Input Rows", Messages.in(lang, "chart.query.rows")), top, scale, lang);
        points(chart, "Input Rows", t, ROWS_COLOR, scale);
        if (!Double.isNaN(onTime))
            ChartRenderer.reference(chart, Messages.in(lang, "chart.query.onTimeRows", Format.integer(lang, Math.round(onTime))), right(run), onTime,
                    ChartRenderer.BI_COLOR, scale);
        if (!Double.isNaN(settled))
            ChartRenderer.reference(chart, Messages.in(lang, "chart.query.settledRows", Format.integer(lang, Math.round(settled))), right(run),
                    settled, ChartRenderer.NOTE_COLOR, scale);
        warmup(chart, run, top, lang);
        return chart;
    }

    static double rowsTop(RecordedRun... runs) {
        double max = 0;
        for (RecordedRun r : runs) {
            max = Math.max(max, inputRows(r.batches()).maxY());
            double onTime = onTimeRows(r);
            if (!Double.isNaN(onTime)) max = Math.max(max, onTime);
            double settled = settledSeconds(r) * r.summary().knobs().linesPerSecond();
            if (!Double.isNaN(settled)) max = Math.max(max, settled);
        }
        return ChartData.niceCeiling(max * 1.1);
    }

    /** @param yMax top of the y axis, or NaN to fit this run */
    static XYChart duration(RecordedRun run, double yMax, double scale, String title, Lang lang) {
        return duration(run, yMax, scale, title, lang, settledSeconds(run));
    }

    /** @param settled the model's D* to draw, s; NaN for none */
    static XYChart duration(RecordedRun run, double yMax, double scale, String title, Lang lang, double settled) {
        Timeline t = batchDuration(run.batches());
        double trigger = run.summary().batchIntervalMs() / 1000.0;
        double top = Double.isNaN(yMax) ? durationTop(run) : yMax;
        XYChart chart = frame(run, title, Messages.in(lang, "chart.axis.metric", "Batch Duration", Messages.in(lang, "chart.unit.seconds")), top,
                scale, lang);
        points(chart, "Batch Duration", t, PROCESS_COLOR, scale);
        ChartRenderer.reference(chart, Messages.in(lang, "chart.query.trigger", Format.plain(lang, trigger) + " s"), right(run), trigger,
                ChartRenderer.BI_COLOR, scale);
        if (!Double.isNaN(settled))
            ChartRenderer.reference(chart, Messages.in(lang, "chart.query.settled", Format.fixed(lang, settled, 2) + " s"), right(run), settled,
                    ChartRenderer.NOTE_COLOR, scale);
        warmup(chart, run, top, lang);
        return chart;
    }

    static double durationTop(RecordedRun... runs) {
        double max = 0;
        for (RecordedRun r : runs) {
            max = Math.max(max, Math.max(batchDuration(r.batches()).maxY(), r.summary().batchIntervalMs() / 1000.0));
            double settled = settledSeconds(r);
            if (!Double.isNaN(settled)) max = Math.max(max, settled);
        }
        return ChartData.niceCeiling(max * 1.1);
    }

    /** addBatch, the batch's own work, in the processing-time blue; the fixed parts each in a colour of its own. */
    static Color operationColor(String operation, int index) {
        return switch (operation) {
            case "addBatch" -> PROCESS_COLOR;
            case "walCommit" -> new Color(0x17, 0xbe, 0xcf);
            case "commitOffsets" -> new Color(0xff, 0x7f, 0x0e);
            case "queryPlanning" -> new Color(0xbc, 0xbd, 0x22);
            case "latestOffset" -> new Color(0x8c, 0x56, 0x4b);
            case "getBatch" -> new Color(0xe3, 0x77, 0xc2);
            default -> OPERATION_COLORS[index % OPERATION_COLORS.length];
        };
    }

    static CategoryChart operationsChart(RecordedRun run, String title, Lang lang) {
        Operations ops = operations(run.batches());
        CategoryChart chart = new CategoryChart(ChartRenderer.WIDTH, ChartRenderer.HEIGHT);
        chart.setTitle(title);
        chart.setXAxisTitle(Messages.in(lang, "chart.query.batchId"));
        chart.setYAxisTitle(Messages.in(lang, "chart.axis.metric", "Operation Duration", Messages.in(lang, "chart.unit.seconds")));
        var st = chart.getStyler();
        ChartRenderer.style(st, 1, lang);
        st.setStacked(true);
        st.setOverlapped(false);
        st.setAvailableSpaceFill(0.8);
        st.setYAxisMin(0.0);
        double max = 0;
        for (int i = 0; i < ops.batchIds().length; i++) max = Math.max(max, ops.total(i));
        st.setYAxisMax(ChartData.niceCeiling(Math.max(max, run.summary().batchIntervalMs() / 1000.0) * 1.1));
        List<String> labels = new ArrayList<>();
        for (long id : ops.batchIds()) labels.add(Long.toString(id));
        if (ops.names().isEmpty()) {
            // An older file without Spark's breakdown: the whole duration as one bar per batch.
            List<Double> whole = new ArrayList<>();
            for (BatchMetrics b : run.batches()) whole.add(b.processingTimeMs() / 1000.0);
            chart.addSeries(TOTAL, labels, whole).setFillColor(PROCESS_COLOR);
            return chart;
        }
        for (int k = 0; k < ops.names().size(); k++) {
            List<Double> values = new ArrayList<>();
            for (double v : ops.seconds()[k]) values.add(v);
            chart.addSeries(ops.names().get(k), labels, values).setFillColor(operationColor(ops.names().get(k), k));
        }
        if (labels.size() > 20) st.setXAxisLabelRotation(90);
        return chart;
    }
}
