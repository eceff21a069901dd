package io.ssplab.grader;

import java.util.Locale;

import io.ssplab.metrics.BatchMetrics;
import io.ssplab.metrics.Stats;
import io.ssplab.metrics.Summarizer;

/** What every measured verdict needs first: enough batches after warm-up. */
final class RunCriteria {
    /** The least the measured criteria judge on, the same floor as the run summary's verdict. */
    static final int MIN_MEASURED_BATCHES = Summarizer.MIN_BATCHES_FOR_VERDICT;

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
}
