package io.ssplab.report;

import java.nio.file.Path;
import java.util.List;

import io.ssplab.core.Format;
import io.ssplab.core.Lang;
import io.ssplab.core.Messages;
import io.ssplab.core.BatchMetrics;
import io.ssplab.core.RunSummary;

/**
 * One run as found on disk, ready to chart: its batches in time order and its summary.
 *
 * @param name          the metrics file's base name (phase2.jsonl → phase2): names its charts and its section
 * @param metricsFile   where the batches came from
 * @param batches       the completed batches, oldest first (never empty)
 * @param summary       recomputed from {@code batches} with the recorded knobs, so the numbers on the
 *                      page always match the charts
 * @param knobsRecorded whether a summary file gave master, partitions and cost; when false those
 *                      fields of {@code summary} are unknown (null master, 0 partitions, NaN cost)
 * @param notes         what the reader should know about this input (skipped lines, unknown knobs, …)
 */
public record RecordedRun(String name, Path metricsFile, List<BatchMetrics> batches, RunSummary summary,
                          boolean knobsRecorded, List<Note> notes) {

    /** Whether it is a Structured Streaming run (its batches are micro-batches of a query): it gets the query's charts. */
    public boolean structured() {
        return batches.get(0).api() == io.ssplab.core.Api.STRUCTURED
                || summary.knobs() != null && summary.knobs().api() == io.ssplab.core.Api.STRUCTURED;
    }

    public String job() {
        return summary.job();
    }

    /** "local[4], P=4, 5.6 ms/word, BI 2 s" — or what is known of it — in the current language. */
    public String knobsLabel() {
        return knobsLabel(Lang.current());
    }

    /** The knobs label in {@code lang}: "local[4], P=4, 5,6 ms/từ, BI 2 s" in Vietnamese. */
    public String knobsLabel(Lang lang) {
        String bi = Format.plain(lang, summary.batchIntervalMs() / 1000.0) + " s";
        if (!knobsRecorded) return "BI " + bi + Messages.in(lang, "report.knobsNotRecorded");
        if (structured()) {
            String label = Messages.in(lang, "report.knobs.query", summary.knobs().master(), summary.knobs().partitions(), costLabel(lang), bi);
            double s = summary.knobs().batchCostMs();
            return s > 0 ? label + Messages.in(lang, "report.knobs.batchCost", Format.plain(lang, s / 1000.0) + " s") : label;
        }
        return Messages.in(lang, "report.knobs", summary.knobs().master(), summary.knobs().partitions(), costLabel(lang), bi);
    }

    /** "5.6 ms/word", "no cost", or "?" when not recorded, in the current language. */
    public String costLabel() {
        return costLabel(Lang.current());
    }

    public String costLabel(Lang lang) {
        if (!knobsRecorded) return "?";
        if (summary.knobs().costMs() == 0) return Messages.in(lang, "report.noCost");
        return Format.plain(lang, summary.knobs().costMs()) + " ms/" + Messages.in(lang, "unit." + summary.knobs().costUnit().label());
    }
}
