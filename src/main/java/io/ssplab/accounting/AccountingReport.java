package io.ssplab.accounting;

import java.io.PrintStream;

import io.ssplab.core.Format;
import io.ssplab.core.Messages;
import io.ssplab.core.RecordAccounting;

/** The accounting block printed after a run's summary, in the current language. */
public final class AccountingReport {
    private AccountingReport() {
    }

    public static void print(PrintStream out, RecordAccounting a) {
        out.println(Messages.get("acct.records", a.sentLines() == null ? Messages.get("acct.unknown") : Format.integer(a.sentLines()),
                Format.integer(a.receivedLines()), Format.integer(a.processedLines()),
                lines(a.lineFormat())));
        if (a.latencyP50Ms() != null)
            out.println(Messages.get("acct.latency", Format.seconds(a.latencyP50Ms()), Format.seconds(a.latencyP95Ms()), Format.seconds(a.latencyMaxMs())));
        if (a.sourceBlockedMs() != null && a.sourceBlockedMs() >= 500)
            out.println(Messages.get("acct.sourceBlocked", Format.fixed(a.sourceBlockedMs() / 1000.0, 1), Format.integer(a.sourceMaxBacklogLines())));
        for (String d : a.differences()) out.println("    · " + d);
        out.println(Messages.get("acct.question", a.answer()));
    }

    /** What kind of lines the job processed ({@link RecordAccounting#lineFormat()}: a value of summary.json), in words. */
    static String lines(String lineFormat) {
        return switch (lineFormat == null ? "" : lineFormat) {
            // Classic lines carry only words, so lines are counted but no latency can be measured: say how to get it.
            case "classic" -> Messages.get("acct.classicNoLatency");
            case "stamped" -> Messages.get("acct.lines.stamped");
            case "mixed" -> Messages.get("acct.lines.mixed");
            case "none" -> Messages.get("acct.lines.none");
            default -> Messages.get("acct.format", lineFormat);
        };
    }
}
