package io.ssplab.metrics;

import java.io.PrintStream;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import io.ssplab.core.BatchMetrics;
import io.ssplab.core.Format;
import io.ssplab.core.Messages;

/**
 * The live table of a Structured Streaming run: one row per micro-batch, with what matters on this API
 * ({@link ConsoleTable} is the DStream one). A late micro-batch queues nothing, so there is no backlog
 * column; what grows instead is the batch itself:
 * <pre>
 *   batch  id and start time
 *   rows   lines the batch took in: r × T on time, more when it started late
 *   in/s   Spark's inputRowsPerSecond: rows / time since the previous batch started (≈ the source's rate)
 *   done/s Spark's processedRowsPerSecond: rows / duration; below in/s, the batches grow
 *   D      the batch's duration (triggerExecution), and D/T against the trigger T
 *   late   how late it started against the trigger schedule (the schedulingDelayMs of the metrics)
 *   p50    median end-to-end latency of its stamped lines, when the lines carry a stamp
 * </pre>
 * A row whose duration exceeds the trigger is marked, and so is a warm-up row ({@link StructuredWarmup}).
 */
public final class QueryTable implements Consumer<BatchMetrics> {
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneId.systemDefault());
    static final String ROW = "%5s %-8s %7s %7s %7s %8s %5s %8s %8s";

    private final PrintStream out;
    private final double nominalLines;
    /** Whether rows end with the Kafka consumer lag (a Kafka run's: the lag is the delay). */
    private final boolean lagColumn;
    private final List<BatchMetrics> seen = new ArrayList<>();
    private boolean headerPrinted;

    /** @param nominalLines lines the source sends per trigger interval (rate × T), for the warm-up marks; NaN when unknown */
    public QueryTable(PrintStream out, double nominalLines) {
        this(out, nominalLines, false);
    }

    /** @param lagColumn whether to show the Kafka consumer lag after each micro-batch (records behind the latest offset) */
    public QueryTable(PrintStream out, double nominalLines, boolean lagColumn) {
        this.out = out;
        this.nominalLines = nominalLines;
        this.lagColumn = lagColumn;
    }

    static String header() {
        return String.format(ROW, Messages.get("ss.table.batch"), Messages.get("ss.table.start"), Messages.get("ss.table.rows"),
                Messages.get("ss.table.in"), Messages.get("ss.table.done"), "D", "D/T", Messages.get("ss.table.late"), "p50");
    }

    @Override
    public synchronized void accept(BatchMetrics m) {
        if (!headerPrinted) {
            out.println(header() + (lagColumn ? " " + String.format("%9s", ConsoleTable.lagLabel()) : ""));
            headerPrinted = true;
        }
        seen.add(m);
        boolean warmup = StructuredWarmup.batches(seen, nominalLines) == seen.size();
        out.println(lagColumn ? withLag(row(m, warmup), m, warmup) : row(m, warmup));
    }

    /** The lag after the columns, before the row's marks. */
    static String withLag(String row, BatchMetrics m, boolean warmup) {
        String marks = (m.overBudget() ? "  " + Messages.get("ss.table.overTrigger") : "") + (warmup ? "  " + Messages.get("table.warmup") : "");
        return row.substring(0, row.length() - marks.length()) + " " + String.format("%9s", ConsoleTable.lagValue(m)) + marks;
    }

    static String row(BatchMetrics m, boolean warmup) {
        String mark = (m.overBudget() ? "  " + Messages.get("ss.table.overTrigger") : "") + (warmup ? "  " + Messages.get("table.warmup") : "");
        return String.format(ROW, m.batchId() == null ? "?" : String.valueOf(m.batchId()), CLOCK.format(Instant.ofEpochMilli(m.batchTimeMs())),
                Format.integer(m.records()), rate(m.inputRowsPerSecond()), rate(m.processedRowsPerSecond()),
                Format.seconds(m.processingTimeMs()), Format.fixed((double) m.processingTimeMs() / m.batchIntervalMs(), 2),
                Format.seconds(m.schedulingDelayMs()), m.latencyP50Ms() == null ? "–" : Format.seconds(m.latencyP50Ms())) + mark;
    }

    private static String rate(Double r) {
        return r == null ? "–" : Format.fixed(r, 1);
    }
}
