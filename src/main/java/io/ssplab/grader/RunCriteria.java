package io.ssplab.grader;

import java.util.Locale;

import io.ssplab.metrics.BatchMetrics;
import io.ssplab.model.BatchArithmetic;
import io.ssplab.metrics.Stats;
import io.ssplab.metrics.Summarizer;

/** What every measured verdict needs: enough batches after warm-up, and a wait that is really paid. */
final class RunCriteria {
    /** The least the measured criteria judge on, the same floor as the run summary's verdict. */
    static final int MIN_MEASURED_BATCHES = Summarizer.MIN_BATCHES_FOR_VERDICT;
    /**
     * A batch cannot finish before its waits (they are sleeps, scheduled per record): a median PT under
     * this share of them means the lines do not wait. The share leaves room for a receiver that
     * delivered a little less than the source's rate.
     */
    static final double PAID_SHARE = 0.8;
    /** Below this much waiting per batch, Spark's own work (~0.25 s) hides whether it is paid: not judged. */
    static final double MIN_JUDGED_WAITS_MS = 300;

    private RunCriteria() {
    }

    static Criterion enoughBatches(Evidence e) {
        int measured = e.measured().size();
        String name = "batches measured after warm-up";
        String found = String.format(Locale.ROOT, "%d of %d (%d completed in all; stopped: %s)",
                measured, e.wantedBatches(), e.batches().size(), e.stopReason());
        if (measured >= MIN_MEASURED_BATCHES) return Criterion.pass(name, found);
        if (!e.timeLimitReached()) {
            return Criterion.fail(name, found, "the run was stopped (" + e.stopReason() + ") before enough batches were measured "
                    + "to judge it: run the check again and let it finish.");
        }
        if (e.warmup() == e.batches().size()) {
            long most = e.batches().stream().mapToLong(BatchMetrics::records).max().orElse(0);
            return Criterion.fail(name, found, String.format(Locale.ROOT,
                    "no full batch arrived: the most lines in one batch were %d, the source sends %.0f per interval. "
                            + "The receiver could not keep up or connected late; run the check again, and if it repeats, "
                            + "look at what your code changed around the input.", most, e.nominalLinesPerBatch()));
        }
        double medianPt = Stats.median(e.batches().stream().mapToDouble(BatchMetrics::processingTimeMs).toArray());
        return Criterion.fail(name, found, String.format(Locale.ROOT,
                "batches complete far too slowly to measure (median PT %s per batch, BI %s): %s%s.%s",
                Summarizer.seconds(medianPt), Summarizer.seconds(e.batchIntervalMs()), LessonTerms.waves(e.spec()),
                LessonTerms.sparkOverhead(e.spec(), medianPt), LessonTerms.stepMasterNote(e.spec(), e.lesson())));
    }

    /**
     * The wait the code declares ({@code sleepPerLine()}) is also the wait the batches take: a pipeline
     * that no longer calls {@code RecordCost.pay} would otherwise pass step 2 with no load at all.
     */
    static Criterion waitPaid(Evidence e) {
        double medianPt = e.medianProcessingTimeMs();
        // The arithmetic's waits are for the nominal lines per batch; scale them to the lines that came.
        double lines = Stats.median(e.measured().stream().mapToDouble(BatchMetrics::records).toArray());
        double waits = BatchArithmetic.of(e.spec()).costTimeMs() * lines / e.nominalLinesPerBatch();
        String name = "the wait per line is paid";
        String found = String.format(Locale.ROOT, "median PT %s, its waits alone %s", Summarizer.seconds(medianPt), Summarizer.seconds(waits));
        if (waits < MIN_JUDGED_WAITS_MS || medianPt >= PAID_SHARE * waits) return Criterion.pass(name, found);
        return Criterion.fail(name, found, String.format(Locale.ROOT,
                "a batch cannot end before its lines have waited: %s. Your batches took %s, so most lines did not wait %s: "
                        + "sleepPerLine() says how long, but is RecordCost.pay(...) still called for every line in wordCounts?",
                LessonTerms.waves(e.spec()), Summarizer.seconds(medianPt), LessonTerms.duration(e.spec().cost())));
    }
}
