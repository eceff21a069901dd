package io.ssplab.sweep;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.ssplab.core.RunSummary;
import io.ssplab.metrics.Summarizer;
import io.ssplab.core.Verdict;
import io.ssplab.model.BatchArithmetic;
import io.ssplab.model.Overhead;
import io.ssplab.model.Prediction;

/**
 * One cell of a sweep: the model's prediction, made before the run, next to what the run measured.
 *
 * @param cell        the setting
 * @param prediction  the model's prediction for it
 * @param summary     the run's summary (median PT after warm-up, verdict)
 * @param wallSeconds how long the cell took, Spark start and stop included
 */
public record CellResult(SweepCell cell, Prediction prediction, RunSummary summary, double wallSeconds) {

    /** Measured lines per batch that differ from the nominal ones by more than this are called out. */
    static final double RECORDS_TOLERANCE = 0.05;
    /** From this |error| on, the reasons start with how far the overhead was off. */
    static final double OVERHEAD_MISS_PERCENT = 5;
    /** A p95 PT this many times the median means the batches varied a lot (a busy machine). */
    static final double NOISY_P95 = 1.3;

    public double predictedMs() {
        return prediction.predictedProcessingTimeMs();
    }

    public double measuredMs() {
        return summary.medianProcessingTimeMs();
    }

    public boolean measured() {
        return measuredMs() > 0 && summary.verdict() != Verdict.INCONCLUSIVE;
    }

    /** (predicted − measured) / measured × 100; NaN when nothing was measured. */
    public double errorPercent() {
        return measured() ? Summarizer.modelErrorPercent(predictedMs(), measuredMs()) : Double.NaN;
    }

    public double absErrorPercent() {
        return Math.abs(errorPercent());
    }

    /** Whether the measured verdict is the predicted one (false when inconclusive). */
    public boolean verdictAgrees() {
        return measured() && prediction.stable() == (summary.verdict() == Verdict.STABLE);
    }

    /**
     * Why the model may have missed this cell, from what the cell itself shows: the batches' size,
     * how much of PT is overhead, how the partitions fall on the slots, how steady the batches were.
     */
    public List<String> reasons() {
        List<String> why = new ArrayList<>();
        BatchArithmetic a = prediction.arithmetic();
        if (measured() && absErrorPercent() >= OVERHEAD_MISS_PERCENT) {
            // The cost term is a scheduled wait, exact up to the batch's size: what is left of the miss is overhead.
            double implied = measuredMs() - a.costTimeMs();
            why.add(String.format(Locale.ROOT, "the overhead: predicted %.2f s for %d task waves, measured ≈ %.2f s (PT − cost time)",
                    prediction.overheadMs() / 1000, prediction.workload().taskWavesPerBatch(), implied / 1000));
            if (implied < prediction.overheadMs() && prediction.knobs().costMs() > 0)
                why.add("part of Spark's per-task time hides in the cost schedule: a task that starts within one cost period of its slot's previous record waits that much less");
        }
        double nominal = a.linesPerBatch();
        double lines = summary.medianRecordsPerBatch();
        if (nominal > 0 && Math.abs(lines - nominal) > RECORDS_TOLERANCE * nominal)
            why.add(String.format(Locale.ROOT, "batches held %.0f lines, not the nominal %.0f", lines, nominal));
        if (summary.p95ProcessingTimeMs() > NOISY_P95 * measuredMs())
            why.add(String.format(Locale.ROOT, "PT varied between batches (p95 %.2f s vs median %.2f s): the machine was busy",
                    summary.p95ProcessingTimeMs() / 1000, measuredMs() / 1000));
        if (a.costTimeMs() < prediction.overheadMs())
            why.add(String.format(Locale.ROOT, "mostly Spark overhead (cost %.2f s of %.2f s predicted), which moves with machine load",
                    a.costTimeMs() / 1000, predictedMs() / 1000));
        if (a.waves() > 1 && a.recordsPerPartition() * a.partitions() > 0 && errorPercent() < 0)
            why.add(String.format(Locale.ROOT, "%d waves on %d free slot%s: repartition spreads lines unevenly (%.1f lines per partition on average), and the largest partition of each wave sets its end",
                    a.waves(), a.freeSlots(), a.freeSlots() == 1 ? "" : "s", a.linesPerBatch() / a.partitions()));
        if (a.freeSlots() <= 2 && prediction.workload().taskWavesPerBatch() > 2 * Overhead.DEFAULT_REFERENCE_WAVES)
            why.add(String.format(Locale.ROOT, "%d tasks per batch queue on %d free slot%s (%d waves): the overhead is far from the calibrated setting, where its linear model is least sure",
                    prediction.workload().tasksPerBatch(), a.freeSlots(), a.freeSlots() == 1 ? "" : "s", prediction.workload().taskWavesPerBatch()));
        if (Math.abs(prediction.ratio() - 1) < 0.1)
            why.add("right at the edge (predicted PT/BI within 10% of 1): a small error flips the verdict");
        if (why.isEmpty()) why.add("no specific cause visible: run-to-run noise");
        return why;
    }

    /** The cell as flat JSON fields for sweep.json. */
    public Map<String, Object> fields() {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("cores", cell.cores());
        f.put("partitions", cell.partitions());
        f.put("costMs", cell.costMs());
        f.put("costKind", cell.costKind().label());
        f.put("skew", cell.skew());
        f.put("master", cell.master());
        f.put("waves", prediction.arithmetic().waves());
        f.put("freeSlots", prediction.arithmetic().freeSlots());
        f.put("cpuCores", prediction.workload().cpuCores());
        f.put("largestPartitionRecords", prediction.arithmetic().largestPartitionRecords());
        f.put("predictedProcessingTimeMs", predictedMs());
        f.put("predictedRatio", prediction.ratio());
        f.put("predictedStable", prediction.stable());
        f.put("measuredProcessingTimeMs", measuredMs());
        f.put("measuredRatio", summary.processingToIntervalRatio());
        f.put("measuredVerdict", summary.verdict().name());
        f.put("modelErrorPercent", measured() ? errorPercent() : null);
        f.put("verdictAgrees", verdictAgrees());
        f.put("reasons", reasons());
        f.put("wallSeconds", wallSeconds);
        f.put("summary", summary);
        return f;
    }
}
