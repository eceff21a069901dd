package io.ssplab.jobs;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.ssplab.core.Columns;
import io.ssplab.core.Format;
import io.ssplab.core.Knobs;
import io.ssplab.core.Lang;
import io.ssplab.core.Master;
import io.ssplab.core.Messages;
import io.ssplab.core.RecordAccounting;
import io.ssplab.core.RunSummary;
import io.ssplab.core.Verdict;

/**
 * The demo's acts and what each must show for the classroom story to hold: phase 1 keeps up, phase 2
 * falls behind, phase 3 keeps up again with the same cost (each class's {@code EXPECTED}). The optional
 * 4th act (phase 4, backpressure) must keep scheduling delay bounded with ingestion throttled: it
 * runs at PT ≈ BI by design, so it is judged on the delay, not on the verdict (see Phase4Backpressure).
 */
public final class Story {
    /** The three acts, in order. */
    public static final List<String> ACTS = List.of(Phase1Baseline.KNOBS.job(), Phase2Bottleneck.KNOBS.job(), Phase3Parallelism.KNOBS.job());
    /** The optional 4th act ({@code demo --with-backpressure}). */
    public static final String BACKPRESSURE_ACT = Phase4Backpressure.KNOBS.job();
    /** The act whose measured PT is the machine's overhead (it has no cost): the later acts are predicted with it. */
    public static final String CALIBRATING_ACT = Phase1Baseline.KNOBS.job();
    public static final Map<String, Verdict> EXPECTED = Map.of(
            Phase1Baseline.KNOBS.job(), Phase1Baseline.EXPECTED,
            Phase2Bottleneck.KNOBS.job(), Phase2Bottleneck.EXPECTED,
            Phase3Parallelism.KNOBS.job(), Phase3Parallelism.EXPECTED);
    /** The backpressure act's ingestion must stay below this share of the source's rate. */
    public static final double THROTTLED_SHARE = 0.9;

    private Story() {
    }

    /**
     * An act's knobs when the story runs over Kafka ({@code demo --source kafka}): one core fewer. No receiver
     * holds a slot there (the direct stream reads in the batch's own tasks), so {@code local[N-1]} leaves the
     * same N − 1 free slots as {@code local[N]} beside a socket receiver: the same waves, the same arithmetic,
     * the same verdicts. With all N cores, phase 2's 4 partitions would fit {@code local[4]} in one wave and
     * the bottleneck would not show.
     */
    public static Knobs onKafka(Knobs knobs) {
        Master master = Master.parse(knobs.master());
        return master.isLocal() ? knobs.withMaster("local[" + master.freeSlots(1) + "]") : knobs;
    }

    /** One message per act that did not show what it should, in {@code lang}; empty when the story held. */
    public static List<String> failures(List<RunSummary> summaries, Lang lang) {
        List<String> failures = new ArrayList<>();
        for (RunSummary s : summaries) {
            Verdict expected = EXPECTED.get(s.job());
            if (expected != null && s.verdict() != expected) {
                failures.add(Messages.in(lang, "story.wrongVerdict", s.job(), expected, s.verdict()));
            }
            if (s.job().equals(BACKPRESSURE_ACT)) {
                String unbounded = backpressureFailure(s, lang);
                if (unbounded != null) failures.add(unbounded);
            }
        }
        return failures;
    }

    /**
     * Null when the backpressure act held: scheduling delay at most one batch interval at the end, and
     * ingestion clearly below the source's rate. Not the SD trend: while the controller learns a machine
     * slower than the design numbers, SD rises in the first batches and then drains, and over a short
     * act that bump dominates the slope; an unbounded delay (phase 2's ≈ +0.41 s per batch) is past one
     * batch interval well before the act ends.
     */
    public static String backpressureFailure(RunSummary s, Lang lang) {
        double sourceRate = s.knobs().linesPerSecond();
        boolean bounded = s.finalSchedulingDelayMs() <= s.batchIntervalMs();
        boolean throttled = s.meanInputRatePerSec() < THROTTLED_SHARE * sourceRate;
        if (bounded && throttled) return null;
        return Messages.in(lang, "story.backpressureFailed", s.job(), Format.seconds(lang, s.finalSchedulingDelayMs()),
                Format.seconds(lang, s.batchIntervalMs()), Format.signed(lang, s.schedulingDelaySlopeMsPerBatch(), 0),
                Format.fixed(lang, s.meanInputRatePerSec(), 0), Format.fixed(lang, sourceRate, 0), Format.percent(lang, THROTTLED_SHARE));
    }

    /** One line per act: did it lose anything, and where did the lines it did not process wait. */
    public static void printAccounting(PrintStream out, List<RunSummary> summaries) {
        for (RunSummary s : summaries) {
            RecordAccounting a = s.accounting();
            if (a == null) continue;
            out.println(Messages.get("story.accounting", pad(s.job(), 8), a.sentLines() == null ? "?" : Format.integer(a.sentLines()),
                    Format.integer(a.receivedLines()), Format.integer(a.processedLines()), Format.integer(a.lostLines()),
                    a.inFlightAtStopLines() != null && a.inFlightAtStopLines() > 0
                            ? Messages.get("story.accounting.inFlight", Format.integer(a.inFlightAtStopLines())) : "",
                    a.queuedAtStopLines() > 0 ? Messages.get("story.accounting.queued", Format.integer(a.queuedAtStopLines())) : ""));
        }
    }

    /** The English layout's widths: job, master, P, cost, median PT, model error, PT/BI, final SD; the verdict ends the line. */
    private static final int[] COMPARISON_WIDTHS = {8, 9, 3, 11, 10, 8, 6, 9};
    private static final List<Columns.Align> COMPARISON_ALIGN = List.of(Columns.Align.LEFT, Columns.Align.LEFT, Columns.Align.RIGHT,
            Columns.Align.LEFT, Columns.Align.RIGHT, Columns.Align.RIGHT, Columns.Align.RIGHT, Columns.Align.RIGHT);

    /** One row per act under a header in the reader's language; every column as wide as its widest cell. */
    public static void printComparison(PrintStream out, List<RunSummary> summaries) {
        List<String> header = List.of(Messages.get("story.col.job"), Messages.get("story.col.master"), "P", Messages.get("story.col.cost"),
                Messages.get("story.col.medianPt"), Messages.get("story.col.predicted"), "PT/BI", Messages.get("story.col.finalSd"));
        List<List<String>> rows = new ArrayList<>();
        List<String> verdicts = new ArrayList<>();
        for (RunSummary s : summaries) {
            Knobs k = s.knobs();
            rows.add(List.of(s.job(), k.master(), String.valueOf(k.partitions()), Format.plain(k.costMs()) + " ms/" + k.costUnit().inWords(),
                    Format.seconds(s.medianProcessingTimeMs()),
                    s.modelErrorPercent() == null ? "—" : Format.signed(s.modelErrorPercent(), 0) + "%",
                    Format.fixed(s.processingToIntervalRatio(), 2), Format.seconds(s.finalSchedulingDelayMs())));
            verdicts.add(s.verdict().name());
        }
        Columns columns = new Columns(COMPARISON_ALIGN, COMPARISON_WIDTHS, " ").fit(header);
        rows.forEach(columns::fit);
        // the verdict ends the line, two spaces after the last column
        out.println(columns.line(header) + "  " + Messages.get("story.col.verdict"));
        for (int i = 0; i < rows.size(); i++) out.println(columns.line(rows.get(i)) + "  " + verdicts.get(i));
        RunSummary zeroCost = measuredTheOverhead(summaries);
        if (zeroCost != null)
            out.println(Messages.get("story.note.zeroCost", zeroCost.job(), Format.seconds(zeroCost.predictedProcessingTimeMs()),
                    Format.seconds(zeroCost.medianProcessingTimeMs())));
    }

    /**
     * The act with no cost whose PT became the overhead of the acts after it (the demo's phase 1), when it was predicted;
     * null otherwise. Its model column reads low by design: the model predicts costed batches, and a batch with nothing to
     * wait for pays all of Spark's own work (docs/planner.md, "The overhead"), so the table says why under it.
     */
    static RunSummary measuredTheOverhead(List<RunSummary> summaries) {
        for (RunSummary s : summaries) {
            String token = io.ssplab.model.Overhead.measuredToken(s.job());
            if (s.modelErrorPercent() != null && s.knobs().costMs() == 0
                    && summaries.stream().anyMatch(later -> token.equals(later.overheadSource()))) return s;
        }
        return null;
    }

    private static String pad(String s, int width) {
        return s.length() >= width ? s : s + " ".repeat(width - s.length());
    }
}
