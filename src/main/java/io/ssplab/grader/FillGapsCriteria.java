package io.ssplab.grader;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import io.ssplab.core.BadInputException;
import io.ssplab.core.Format;
import io.ssplab.core.Master;
import io.ssplab.core.Messages;
import io.ssplab.exercises.WordCountExercise;
import io.ssplab.metrics.Summarizer;
import io.ssplab.model.BatchArithmetic;

/**
 * Step 1 — create the delay. Passes when every gap holds the value of the reference solution (BI 2 s,
 * 15 ms per line, repartition 4, reduceByKey 4, top 5) on the master it ships with ({@code local[4]}),
 * and the run shows the overload: PT above BI in most batches and scheduling delay growing.
 *
 * <p>Margins: the reference solution runs 2 waves × 70 lines × 15 ms = 2.10 s of waits plus Spark's
 * overhead: the model predicts PT 2.16 s, PT/BI 1.08 and SD growing by 0.16 s per batch (runs measured
 * PT/BI ≈ 1.1–1.2 and SD growing by ≈ 200–400 ms per batch). "Most" is a strict majority
 * of the measured batches; "growing" is a slope of at least {@link Summarizer#SLOPE_TOLERANCE} × BI
 * (100 ms per batch at BI 2 s), the run summary's own "no longer flat" line — half the smallest
 * growth the solution shows, and far above the few ms a job that keeps up shows.
 */
final class FillGapsCriteria {
    static final double MIN_GROWTH_SHARE_OF_BI = Summarizer.SLOPE_TOLERANCE;

    private FillGapsCriteria() {
    }

    /** Each gap against the solution's value: what step 1 asks for is what its solution does. */
    static List<Criterion> fromCode(WordCountExercise e, WordCountExercise solution) {
        // Why each value: the solution's own arithmetic, so the hints quote the numbers the step is built on.
        BatchArithmetic a = BatchArithmetic.of(solution.defaults());
        Object[] why = {Format.duration(solution.batchInterval()), Messages.count(a.partitions(), "noun.partition"),
                Messages.count(a.freeSlots(), "noun.freeTaskSlot"), solution.master(), Messages.count(a.waves(), "noun.wave"), solution.topWordsToPrint()};
        List<Criterion> c = new ArrayList<>();
        c.add(gap(1, Format.duration(e.batchInterval()), Format.duration(solution.batchInterval()),
                e.batchInterval().equals(solution.batchInterval()), why));
        c.add(gap(2, Format.duration(e.sleepPerLine()), Format.duration(solution.sleepPerLine()), e.sleepPerLine().equals(solution.sleepPerLine()), why));
        c.add(gap(3, e.repartitionTo(), solution.repartitionTo(), e.repartitionTo() == solution.repartitionTo(), why));
        c.add(gap(4, e.reducePartitions(), solution.reducePartitions(), e.reducePartitions() == solution.reducePartitions(), why));
        c.add(gap(5, e.topWordsToPrint(), solution.topWordsToPrint(), e.topWordsToPrint() == solution.topWordsToPrint(), why));
        c.add(master(e, solution));
        return c;
    }

    /**
     * Not a gap, but the exercise ships with it and the overload depends on it: with more task slots
     * the same 4 partitions fit in one wave and no delay can build up, whatever the machine.
     */
    private static Criterion master(WordCountExercise e, WordCountExercise solution) {
        String asked = solution.master();
        String yours = e.master();
        boolean ok = yours.equals(asked);
        String why = "";
        if (!ok) {
            try {
                why = Messages.get("crit.fill.masterWhy", LessonTerms.waves(e.defaults()));
            } catch (BadInputException unreadable) {
                why = "";
            }
        }
        return Criterion.of(ok, Messages.get("crit.fill.master.name"), yours + (ok ? "" : Messages.get("crit.fill.stepValue", asked)),
                Messages.get("crit.fill.master.hint", asked, Messages.count(Master.parse(asked).freeSlots(1), "noun.freeTaskSlot"), yours, why));
    }

    private static Criterion gap(int number, Object yours, Object asked, boolean ok, Object[] why) {
        String name = Messages.get("crit.fill.gap.name", number, Messages.get("exercise.fill-gaps.gap" + number + ".name"));
        String found = Objects.toString(yours) + (ok ? "" : Messages.get("crit.fill.stepValue", asked));
        return Criterion.of(ok, name, found, Messages.get("crit.fill.gap.hint", asked, yours, Messages.get("crit.fill.gap" + number + ".why", why)));
    }

    static List<Criterion> fromRun(Evidence e) {
        int n = e.measured().size();
        int over = e.batchesOverBudget();
        double medianPt = e.medianProcessingTimeMs();
        long bi = e.batchIntervalMs();
        String pt = Format.seconds(medianPt);
        String biText = Format.seconds(bi);
        String arithmetic = LessonTerms.waves(e.knobs()) + LessonTerms.sparkOverhead(e.knobs(), medianPt);

        boolean most = over * 2 > n;
        Criterion overload = Criterion.of(most, Messages.get("crit.fill.overload.name"),
                Messages.get("crit.batchesOfPt", over, n, pt, biText),
                Messages.get("crit.fill.overload.hint", pt, medianPt > bi ? ">" : "≤", biText, arithmetic, LessonTerms.stepMasterNote(e.knobs(), e.lesson())));

        double slope = e.schedulingDelaySlopeMsPerBatch();
        boolean growing = slope >= MIN_GROWTH_SHARE_OF_BI * bi;
        Criterion delay = Criterion.of(growing, Messages.get("crit.fill.grows.name"),
                Messages.get("crit.fill.grows.found", Format.signed(slope, 0), Format.signed(MIN_GROWTH_SHARE_OF_BI * bi, 0),
                        Format.seconds(e.finalSchedulingDelayMs()), e.maxQueuedBatches()),
                Messages.get("crit.fill.grows.hint", Format.signed(medianPt - bi, 0),
                        Messages.get(medianPt > bi ? "crit.fill.grows.drained" : "crit.fill.grows.onTime")));
        return List.of(overload, delay);
    }
}
