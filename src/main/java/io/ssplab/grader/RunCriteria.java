package io.ssplab.grader;

import io.ssplab.core.BatchMetrics;
import io.ssplab.core.Format;
import io.ssplab.core.Messages;
import io.ssplab.core.Stats;
import io.ssplab.metrics.Summarizer;
import io.ssplab.model.BatchArithmetic;

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
    /** Below this much waiting per batch, Spark's own work (~0.06 s by the model's default) hides whether it is paid: not judged. */
    static final double MIN_JUDGED_WAITS_MS = 300;

    private RunCriteria() {
    }

    static Criterion enoughBatches(Evidence e) {
        int measured = e.measured().size();
        String name = Messages.get("crit.enough.name");
        String found = Messages.get("crit.enough.found", measured, e.wantedBatches(), e.batches().size(), e.stopReason());
        if (measured >= MIN_MEASURED_BATCHES) return Criterion.pass(name, found);
        if (!e.timeLimitReached()) return Criterion.fail(name, found, Messages.get("crit.enough.stopped", e.stopReason()));
        if (e.warmup() == e.batches().size()) {
            long most = e.batches().stream().mapToLong(BatchMetrics::records).max().orElse(0);
            return Criterion.fail(name, found, Messages.get("crit.enough.noFullBatch", most, Format.fixed(e.knobs().linesPerBatch(), 0)));
        }
        double medianPt = Stats.median(e.batches().stream().mapToDouble(BatchMetrics::processingTimeMs).toArray());
        return Criterion.fail(name, found, Messages.get("crit.enough.tooSlow", Format.seconds(medianPt), Format.seconds(e.batchIntervalMs()),
                LessonTerms.waves(e.knobs()), LessonTerms.sparkOverhead(e.knobs(), medianPt), LessonTerms.stepMasterNote(e.knobs(), e.lesson())));
    }

    /**
     * The wait the code declares ({@code sleepPerLine()}) is also the wait the batches take: a pipeline
     * that no longer pays it would otherwise pass step 2 with no load at all.
     */
    static Criterion waitPaid(Evidence e) {
        double medianPt = e.medianProcessingTimeMs();
        // The arithmetic's waits are for the nominal lines per batch; scale them to the lines that came.
        double waits = BatchArithmetic.of(e.knobs()).costTimeMs() * e.medianLinesPerBatch() / e.knobs().linesPerBatch();
        String name = Messages.get("crit.paid.name");
        String found = Messages.get("crit.paid.found", Format.seconds(medianPt), Format.seconds(waits));
        if (waits < MIN_JUDGED_WAITS_MS || medianPt >= PAID_SHARE * waits) return Criterion.pass(name, found);
        return Criterion.fail(name, found, Messages.get("crit.paid.hint", LessonTerms.waves(e.knobs()), Format.seconds(medianPt),
                Format.duration(e.knobs().cost())));
    }
}
