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
 * The live table: one aligned row per completed batch, the numbers of the Spark UI's Streaming tab.
 * A row whose PT exceeds BI is marked, so an overload is visible without reading the numbers, and so
 * is a warm-up row ({@link Warmup}), so the reader sees which batches the summary leaves out.
 */
public final class ConsoleTable implements Consumer<BatchMetrics> {
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneId.systemDefault());
    static final String ROW = "%-10s %8s %9s %9s %9s %9s %7s";

    private final PrintStream out;
    private final double nominalLines;
    private final List<BatchMetrics> seen = new ArrayList<>();
    private boolean headerPrinted;

    /** @param nominalLines lines per batch the source sends (rate × BI), for the warm-up marks; NaN when unknown */
    public ConsoleTable(PrintStream out, double nominalLines) {
        this.out = out;
        this.nominalLines = nominalLines;
    }

    static String header() {
        return String.format(ROW, Messages.get("table.batch"), Messages.get("table.records"), Messages.get("table.rate"), "PT", "SD",
                Messages.get("table.total"), Messages.get("table.queued"));
    }

    @Override
    public synchronized void accept(BatchMetrics m) {
        if (!headerPrinted) {
            out.println(header());
            headerPrinted = true;
        }
        seen.add(m);
        boolean warmup = Warmup.batches(seen, nominalLines) == seen.size();
        out.println(row(m, warmup));
    }

    static String row(BatchMetrics m, boolean warmup) {
        String mark = (m.overBudget() ? "  " + Messages.get("table.overBudget") : "") + (warmup ? "  " + Messages.get("table.warmup") : "");
        return String.format(ROW, CLOCK.format(Instant.ofEpochMilli(m.batchTimeMs())), Format.integer(m.records()),
                Format.fixed(m.inputRatePerSec(), 1), Format.seconds(m.processingTimeMs()), Format.seconds(m.schedulingDelayMs()),
                Format.seconds(m.totalDelayMs()), Format.integer(m.queuedBatches())) + mark;
    }
}
