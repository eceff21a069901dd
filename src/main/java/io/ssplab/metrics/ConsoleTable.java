package io.ssplab.metrics;

import java.io.PrintStream;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * The live table: one aligned row per completed batch, the numbers of the Spark UI's Streaming tab.
 * A row whose PT exceeds BI is marked, so an overload is visible without reading the numbers.
 */
public final class ConsoleTable implements Consumer<BatchMetrics> {
    static final String HEADER = String.format(Locale.ROOT, "%-10s %8s %9s %9s %9s %9s %7s",
            "batch", "records", "rate/s", "PT", "SD", "total", "queued");
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneId.systemDefault());

    private final PrintStream out;
    private boolean headerPrinted;

    public ConsoleTable(PrintStream out) {
        this.out = out;
    }

    @Override
    public synchronized void accept(BatchMetrics m) {
        if (!headerPrinted) {
            out.println(HEADER);
            headerPrinted = true;
        }
        out.println(row(m));
    }

    static String row(BatchMetrics m) {
        String mark = m.overBudget() ? "  ▲ PT > BI" : "";
        return String.format(Locale.ROOT, "%-10s %8d %9.1f %9s %9s %9s %7d%s",
                CLOCK.format(Instant.ofEpochMilli(m.batchTimeMs())), m.records(), m.inputRatePerSec(),
                Summarizer.seconds(m.processingTimeMs()), Summarizer.seconds(m.schedulingDelayMs()),
                Summarizer.seconds(m.totalDelayMs()), m.queuedBatches(), mark);
    }

    /** The summary block printed at the end of a run. */
    public static void printSummary(PrintStream out, RunSummary s) {
        out.println();
        out.printf(Locale.ROOT, "%s summary: %d batches (%d warm-up left out), %s, P=%d, cost %s ms/%s, BI %s%n",
                s.job(), s.batches(), s.warmupBatches(), s.master(), s.partitions(), trim(s.costMs()), s.costUnit(),
                Summarizer.seconds(s.batchIntervalMs()));
        out.printf(Locale.ROOT, "  PT median %s, p95 %s, PT/BI %.2f; SD trend %+.0f ms/batch, final SD %s, max queued %d%n",
                Summarizer.seconds(s.medianProcessingTimeMs()), Summarizer.seconds(s.p95ProcessingTimeMs()),
                s.processingToIntervalRatio(), s.schedulingDelaySlopeMsPerBatch(),
                Summarizer.seconds(s.finalSchedulingDelayMs()), s.maxQueuedBatches());
        if (s.predictedProcessingTimeMs() != null && s.modelErrorPercent() != null) {
            out.printf(Locale.ROOT, "  model: predicted PT %s vs measured %s, error %+.0f%% (bin/ssp plan explains the prediction)%n",
                    Summarizer.seconds(s.predictedProcessingTimeMs()), Summarizer.seconds(s.medianProcessingTimeMs()), s.modelErrorPercent());
        }
        out.printf(Locale.ROOT, "  verdict: %s — %s%n", s.verdict(), s.reason());
    }

    /** 6 → "6", 5.5 → "5.5". */
    public static String trim(double v) {
        return v == Math.rint(v) ? String.valueOf((long) v) : String.format(Locale.ROOT, "%.2f", v).replaceAll("0+$", "");
    }
}
