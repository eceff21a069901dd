package io.ssplab.metrics;

import java.io.PrintStream;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import io.ssplab.core.BatchMetrics;
import io.ssplab.core.Columns;
import io.ssplab.core.Format;
import io.ssplab.core.Messages;

/**
 * The live table: one aligned row per completed batch, the numbers of the Spark UI's Streaming tab.
 * A row whose PT exceeds BI is marked, so an overload is visible without reading the numbers, and so
 * is a warm-up row ({@link Warmup}), so the reader sees which batches the summary leaves out.
 */
public final class ConsoleTable implements Consumer<BatchMetrics> {
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneId.systemDefault());
    /** The English layout's widths: batch time, records, rate/s, PT, SD, total, queued. */
    private static final int[] MIN_WIDTHS = {10, 8, 9, 9, 9, 9, 7};
    private static final List<Columns.Align> ALIGN = List.of(Columns.Align.LEFT, Columns.Align.RIGHT, Columns.Align.RIGHT,
            Columns.Align.RIGHT, Columns.Align.RIGHT, Columns.Align.RIGHT, Columns.Align.RIGHT);

    private final PrintStream out;
    private final double nominalLines;
    /** Whether rows end with the cost stage's longest over median task (a skewed run's). */
    private final boolean costStageColumn;
    /** Whether rows end with the Kafka consumer lag at the batch's completion (a Kafka run's: the lag is the delay). */
    private final boolean lagColumn;
    private final List<BatchMetrics> seen = new ArrayList<>();
    private boolean headerPrinted;

    /** @param nominalLines lines per batch the source sends (rate × BI), for the warm-up marks; NaN when unknown */
    public ConsoleTable(PrintStream out, double nominalLines) {
        this(out, nominalLines, false);
    }

    /**
     * @param costStageColumn whether to show the cost stage's longest task over its median one
     *                        ("task max/med", docs/level2.md): the skew of each batch
     */
    public ConsoleTable(PrintStream out, double nominalLines, boolean costStageColumn) {
        this(out, nominalLines, costStageColumn, false);
    }

    /** @param lagColumn whether to show the Kafka consumer lag after each batch (records behind the latest offset) */
    public ConsoleTable(PrintStream out, double nominalLines, boolean costStageColumn, boolean lagColumn) {
        this.out = out;
        this.nominalLines = nominalLines;
        this.costStageColumn = costStageColumn;
        this.lagColumn = lagColumn;
    }

    /** The lag column's header, after the others. */
    static String lagLabel() {
        return Messages.get("kafka.table.lag");
    }

    /** The lag column's value: records behind the latest offset, "—" when unknown. */
    static String lagValue(BatchMetrics m) {
        return m.lagRecords() == null ? "—" : Format.integer(m.lagRecords());
    }

    /** The per-partition lag's header, after the lag: a DStream run knows each partition's. */
    static String partitionLagLabel() {
        return Messages.get("kafka.table.lagByPartition");
    }

    /**
     * Each partition's lag, "0:12 1:2,340 …" (partition:records), so a hot key's partition stands out; empty when
     * unknown or for a topic of one partition (the lag column says it all).
     */
    static String partitionLagValue(BatchMetrics m) {
        List<Long> p = m.lagPartitionRecords();
        if (p == null || p.size() < 2) return "";
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < p.size(); i++) {
            if (i > 0) b.append(' ');
            b.append(i).append(':').append(p.get(i) == null ? "—" : Format.integer(p.get(i)));
        }
        return b.toString();
    }

    /** The header with the skew column. */
    static List<String> labels(boolean costStageColumn) {
        List<String> l = new ArrayList<>(labels());
        if (costStageColumn) l.add(Messages.get("table.costStageSkew"));
        return l;
    }

    static Columns columns(boolean costStageColumn) {
        if (!costStageColumn) return columns();
        List<Columns.Align> align = new ArrayList<>(ALIGN);
        align.add(Columns.Align.RIGHT);
        int[] widths = java.util.Arrays.copyOf(MIN_WIDTHS, MIN_WIDTHS.length + 1);
        widths[widths.length - 1] = 8;
        return new Columns(align, widths, " ").fit(labels(true));
    }

    /** A row with the skew column: the longest over the median task of the cost stage, "—" when unknown. */
    static String row(BatchMetrics m, boolean warmup, boolean costStageColumn) {
        if (!costStageColumn) return row(m, warmup);
        String mark = (m.overBudget() ? "  " + Messages.get("table.overBudget") : "") + (warmup ? "  " + Messages.get("table.warmup") : "");
        double skew = m.costStageSkew();
        return columns(true).line(List.of(CLOCK.format(Instant.ofEpochMilli(m.batchTimeMs())), Format.integer(m.records()),
                Format.fixed(m.inputRatePerSec(), 1), Format.seconds(m.processingTimeMs()), Format.seconds(m.schedulingDelayMs()),
                Format.seconds(m.totalDelayMs()), Format.integer(m.queuedBatches()),
                Double.isNaN(skew) ? "—" : Messages.get("table.costStageSkew.value", Format.fixed(skew, 1)))) + mark;
    }

    /** The header's labels in the current language. */
    static List<String> labels() {
        return List.of(Messages.get("table.batch"), Messages.get("table.records"), Messages.get("table.rate"), "PT", "SD",
                Messages.get("table.total"), Messages.get("table.queued"));
    }

    /** The columns of the current language: each at least as wide as its rendered label, so header and rows line up. */
    static Columns columns() {
        return new Columns(ALIGN, MIN_WIDTHS, " ").fit(labels());
    }

    static String header() {
        return columns().line(labels());
    }

    @Override
    public synchronized void accept(BatchMetrics m) {
        if (!headerPrinted) {
            out.println((costStageColumn ? columns(true).line(labels(true)) : header())
                    + (lagColumn ? " " + String.format("%9s", lagLabel()) + "  " + partitionLagLabel() : ""));
            headerPrinted = true;
        }
        seen.add(m);
        boolean warmup = Warmup.batches(seen, nominalLines) == seen.size();
        String row = row(m, warmup, costStageColumn);
        if (lagColumn) row = insertLag(row, m, warmup);
        out.println(row);
    }

    /** The lag after the columns, before the row's marks (over budget, warm-up). */
    static String insertLag(String row, BatchMetrics m, boolean warmup) {
        String marks = marks(m, warmup);
        String cells = row.substring(0, row.length() - marks.length());
        String partitions = partitionLagValue(m);
        return cells + " " + String.format("%9s", lagValue(m)) + (partitions.isEmpty() ? "" : "  " + partitions) + marks;
    }

    /** What follows a row's numbers: over budget, warm-up. */
    static String marks(BatchMetrics m, boolean warmup) {
        return (m.overBudget() ? "  " + Messages.get("table.overBudget") : "") + (warmup ? "  " + Messages.get("table.warmup") : "");
    }

    static String row(BatchMetrics m, boolean warmup) {
        String mark = (m.overBudget() ? "  " + Messages.get("table.overBudget") : "") + (warmup ? "  " + Messages.get("table.warmup") : "");
        return columns().line(List.of(CLOCK.format(Instant.ofEpochMilli(m.batchTimeMs())), Format.integer(m.records()),
                Format.fixed(m.inputRatePerSec(), 1), Format.seconds(m.processingTimeMs()), Format.seconds(m.schedulingDelayMs()),
                Format.seconds(m.totalDelayMs()), Format.integer(m.queuedBatches()))) + mark;
    }
}
