package io.ssplab.demo;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.ssplab.metrics.ConsoleTable;
import io.ssplab.metrics.RunSummary;
import io.ssplab.metrics.Summarizer;
import io.ssplab.metrics.Verdict;

/**
 * The three acts and the verdict each must reach for the classroom story to hold: phase 1 keeps up,
 * phase 2 falls behind, phase 3 keeps up again with the same cost.
 */
public final class Story {
    public static final Map<String, Verdict> EXPECTED = Map.of(
            "phase1", Verdict.STABLE,
            "phase2", Verdict.UNSTABLE,
            "phase3", Verdict.STABLE);

    private Story() {
    }

    /** One message per act that did not reach its expected verdict; empty when the story held. */
    public static List<String> failures(List<RunSummary> summaries) {
        List<String> failures = new ArrayList<>();
        for (RunSummary s : summaries) {
            Verdict expected = EXPECTED.get(s.job());
            if (expected != null && s.verdict() != expected) {
                failures.add(String.format(Locale.ROOT, "%s should be %s but was %s: %s", s.job(), expected, s.verdict(), s.reason()));
            }
        }
        return failures;
    }

    public static void printComparison(PrintStream out, List<RunSummary> summaries) {
        String format = "%-8s %-9s %3s %-11s %10s %6s %9s  %s%n";
        out.printf(Locale.ROOT, format, "job", "master", "P", "cost", "median PT", "PT/BI", "final SD", "verdict");
        for (RunSummary s : summaries) {
            out.printf(Locale.ROOT, format, s.job(), s.master(), s.partitions(),
                    ConsoleTable.trim(s.costMs()) + " ms/" + s.costUnit(), Summarizer.seconds(s.medianProcessingTimeMs()),
                    String.format(Locale.ROOT, "%.2f", s.processingToIntervalRatio()),
                    Summarizer.seconds(s.finalSchedulingDelayMs()), s.verdict());
        }
    }
}
