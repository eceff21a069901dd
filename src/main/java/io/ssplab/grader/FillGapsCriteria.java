package io.ssplab.grader;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

import io.ssplab.exercises.WordCountExercise;
import io.ssplab.jobs.InvalidSpecException;
import io.ssplab.jobs.JobSpec;
import io.ssplab.metrics.Summarizer;
import io.ssplab.run.Master;

/**
 * Step 1 — create the delay. Passes when every gap holds the value step 1 asks for (BI 2 s, 15 ms per
 * line, repartition 4, reduceByKey 4, top 5) on the master it ships with ({@code local[4]}), and the
 * run shows the overload: PT above BI in most batches and scheduling delay growing.
 *
 * <p>Margins: the reference solution runs 2 waves × 70 lines × 15 ms = 2.10 s of waits plus Spark's
 * ≈ 0.25 s, so PT/BI ≈ 1.1–1.2 and SD grows by ≈ 200–400 ms per batch. "Most" is a strict majority
 * of the measured batches; "growing" is a slope of at least {@value #MIN_GROWTH_SHARE_OF_BI} × BI
 * (100 ms per batch at BI 2 s), the run summary's own "no longer flat" line — half the smallest
 * growth the solution shows, and far above the few ms a job that keeps up shows.
 */
final class FillGapsCriteria {
    static final Duration BATCH_INTERVAL = Duration.ofSeconds(2);
    static final Duration WAIT_PER_LINE = Duration.ofMillis(15);
    static final int PARTITIONS = 4;
    static final int REDUCE_PARTITIONS = 4;
    static final int TOP_WORDS = 5;
    static final double MIN_GROWTH_SHARE_OF_BI = Summarizer.SLOPE_TOLERANCE;

    private FillGapsCriteria() {
    }

    static List<Criterion> fromCode(WordCountExercise e) {
        List<Criterion> c = new ArrayList<>();
        c.add(gap(1, "batch interval", LessonTerms.duration(e.batchInterval()), LessonTerms.duration(BATCH_INTERVAL),
                e.batchInterval().equals(BATCH_INTERVAL), "BI is the time budget of one batch; the overload is built against 2 s"));
        c.add(gap(2, "wait per line", LessonTerms.duration(e.sleepPerLine()), LessonTerms.duration(WAIT_PER_LINE),
                e.sleepPerLine().equals(WAIT_PER_LINE), "the wait is what keeps the task slots busy: lines per partition × wait per line"));
        c.add(gap(3, "repartition", e.repartitionTo(), PARTITIONS, e.repartitionTo() == PARTITIONS,
                "4 partitions on the 3 free task slots of local[4] need 2 waves, and that second wave is what pushes PT over BI"));
        c.add(gap(4, "reduceByKey partitions", e.reducePartitions(), REDUCE_PARTITIONS, e.reducePartitions() == REDUCE_PARTITIONS,
                "step 1 keeps reduceByKey at the same parallelism as the repartition"));
        c.add(gap(5, "top words printed", e.topWordsToPrint(), TOP_WORDS, e.topWordsToPrint() == TOP_WORDS,
                "each batch prints its 5 most frequent words, as the Python original did with pprint(5)"));
        c.add(master(e));
        return c;
    }

    /**
     * Not a gap, but the exercise ships with it and the overload depends on it: with more task slots
     * the same 4 partitions fit in one wave and no delay can build up, whatever the machine.
     */
    private static Criterion master(WordCountExercise e) {
        String asked = Lesson.FILL_GAPS.stepMaster();
        String yours = e.master();
        boolean ok = yours.equals(asked);
        String why = "";
        if (!ok) {
            try {
                JobSpec spec = e.defaults();
                why = ": " + LessonTerms.waves(spec) + ", so the waits alone no longer exceed BI";
            } catch (InvalidSpecException unreadable) {
                why = "";
            }
        }
        return Criterion.of(ok, "master (not a gap)", yours + (ok ? "" : " (step 1: " + asked + ")"),
                "step 1 runs on " + asked + " (" + LessonTerms.count(Master.parse(asked).freeSlots(1), "free task slot")
                        + "), your code on " + yours + why
                        + ". Keep master() as it was shipped.");
    }

    private static Criterion gap(int number, String what, Object yours, Object asked, boolean ok, String why) {
        String name = "gap " + number + ": " + what;
        String found = Objects.toString(yours) + (ok ? "" : " (step 1: " + asked + ")");
        return Criterion.of(ok, name, found, "step 1 asks for " + asked + ", your code returns " + yours + ": " + why + ".");
    }

    static List<Criterion> fromRun(Evidence e) {
        int n = e.measured().size();
        int over = e.batchesOverBudget();
        double medianPt = e.medianProcessingTimeMs();
        long bi = e.batchIntervalMs();
        String pt = Summarizer.seconds(medianPt);
        String biText = Summarizer.seconds(bi);
        String arithmetic = LessonTerms.waves(e.spec()) + LessonTerms.sparkOverhead(e.spec(), medianPt);

        boolean most = over * 2 > n;
        Criterion overload = Criterion.of(most, "PT > BI in most batches",
                String.format(Locale.ROOT, "%d of %d batches; median PT %s, BI %s", over, n, pt, biText),
                String.format(Locale.ROOT, "PT %s %s BI %s: %s — each batch is done before the next one is cut, "
                                + "so nothing waits.%s Step 1 is meant to take longer than BI.",
                        pt, medianPt > bi ? ">" : "≤", biText, arithmetic, LessonTerms.stepMasterNote(e.spec(), e.lesson())));

        double slope = e.schedulingDelaySlopeMsPerBatch();
        boolean growing = slope >= MIN_GROWTH_SHARE_OF_BI * bi;
        Criterion delay = Criterion.of(growing, "scheduling delay grows",
                String.format(Locale.ROOT, "%+.0f ms/batch (needs ≥ %+.0f); final SD %s, max %d queued",
                        slope, MIN_GROWTH_SHARE_OF_BI * bi, Summarizer.seconds(e.finalSchedulingDelayMs()), e.maxQueuedBatches()),
                String.format(Locale.ROOT, "SD grows by PT − BI per batch only while PT > BI (each batch then starts when the one "
                        + "before ends, PT − BI later than planned). Median PT − BI here is %+.0f ms: %s.",
                        medianPt - bi, medianPt > bi ? "some batches still finished in time, so the delay drained between them"
                                : "every batch had time to spare, so the next one started on time"));
        return List.of(overload, delay);
    }
}
