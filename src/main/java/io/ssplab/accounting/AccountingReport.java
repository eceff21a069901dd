package io.ssplab.accounting;

import java.io.PrintStream;
import java.util.Locale;

/** The accounting block printed after a run's summary. */
public final class AccountingReport {
    private AccountingReport() {
    }

    public static void print(PrintStream out, RecordAccounting a) {
        // Classic lines carry only words, so lines are counted but no latency can be measured: say how to get it.
        out.printf(Locale.ROOT, "  records: sent %s, received %,d, processed %,d (%s)%n",
                a.sentLines() == null ? "unknown" : String.format(Locale.ROOT, "%,d", a.sentLines()), a.receivedLines(),
                a.processedLines(), "classic".equals(a.lineFormat())
                        ? "classic lines: words only, so no per-line latency; stamped lines have it (--format stamped, of run or of bin/ssp source)" : a.lineFormat() + " lines");
        if (a.latencyP50Ms() != null)
            out.printf(Locale.ROOT, "  end-to-end latency (line due → batch done): p50 %.2f s, p95 %.2f s, max %.2f s%n",
                    a.latencyP50Ms() / 1000, a.latencyP95Ms() / 1000, a.latencyMaxMs() / 1000);
        if (a.sourceBlockedMs() != null && a.sourceBlockedMs() >= 500)
            out.printf(Locale.ROOT, "  source: writes waited %.1f s in all (a full connection, or a busy machine), backlog up to %,d lines%n",
                    a.sourceBlockedMs() / 1000.0, a.sourceMaxBacklogLines());
        for (String d : a.differences()) out.println("    · " + d);
        out.println("  did we lose anything? " + a.answer());
    }
}
