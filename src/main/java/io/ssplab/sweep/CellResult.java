package io.ssplab.sweep;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.ssplab.core.Format;
import io.ssplab.core.Lang;
import io.ssplab.core.Messages;
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
 * @param breakdown   where its measured batches' time went (sweep --breakdown); null without
 */
public record CellResult(SweepCell cell, Prediction prediction, RunSummary summary, double wallSeconds,
                         io.ssplab.metrics.BatchBreakdown.Summary breakdown) {

    public CellResult(SweepCell cell, Prediction prediction, RunSummary summary, double wallSeconds) {
        this(cell, prediction, summary, wallSeconds, null);
    }

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

    /** {@link #reasons(Lang)} in the current language: what the console prints. */
    public List<String> reasons() {
        return reasons(Lang.current());
    }

    /**
     * Why the model may have missed this cell, from what the cell itself shows: the batches' size,
     * how much of PT is overhead, how the partitions fall on the slots, how steady the batches were.
     * In {@code lang}; sweep.json keeps the English ones.
     */
    public List<String> reasons(Lang lang) {
        List<String> why = new ArrayList<>();
        BatchArithmetic a = prediction.arithmetic();
        if (measured() && absErrorPercent() >= OVERHEAD_MISS_PERCENT) {
            // The cost term is a scheduled wait, exact up to the batch's size: what is left of the miss is overhead.
            double implied = measuredMs() - a.costTimeMs();
            why.add(Messages.in(lang, "sweep.reason.overhead", Format.seconds(lang, prediction.overheadMs()),
                    Messages.count(lang, prediction.workload().tasksPerBatch(), "noun.task"), Format.seconds(lang, implied)));
            if (implied < prediction.overheadMs() && prediction.knobs().costMs() > 0)
                why.add(Messages.in(lang, "sweep.reason.hiddenOverhead"));
        }
        double nominal = a.linesPerBatch();
        double lines = summary.medianRecordsPerBatch();
        if (nominal > 0 && Math.abs(lines - nominal) > RECORDS_TOLERANCE * nominal)
            why.add(Messages.in(lang, "sweep.reason.lines", Format.integer(lang, Math.round(lines)), Format.integer(lang, Math.round(nominal))));
        if (summary.p95ProcessingTimeMs() > NOISY_P95 * measuredMs())
            why.add(Messages.in(lang, "sweep.reason.noisy", Format.seconds(lang, summary.p95ProcessingTimeMs()), Format.seconds(lang, measuredMs())));
        if (a.costTimeMs() < prediction.overheadMs())
            why.add(Messages.in(lang, "sweep.reason.mostlyOverhead", Format.seconds(lang, a.costTimeMs()), Format.seconds(lang, predictedMs())));
        if (a.waves() > 1 && a.recordsPerPartition() * a.partitions() > 0 && errorPercent() < 0)
            why.add(Messages.in(lang, "sweep.reason.uneven", Messages.count(lang, a.waves(), "noun.wave"), Messages.count(lang, a.freeSlots(), "noun.freeSlot"),
                    Format.fixed(lang, a.linesPerBatch() / a.partitions(), 1)));
        if (a.freeSlots() <= 2 && prediction.workload().tasksPerBatch() > 2 * Overhead.DEFAULT_REFERENCE_TASKS)
            why.add(Messages.in(lang, "sweep.reason.farFromCalibration", Messages.count(lang, prediction.workload().tasksPerBatch(), "noun.task"),
                    Messages.count(lang, a.freeSlots(), "noun.freeSlot"), Messages.count(lang, prediction.workload().taskWavesPerBatch(), "noun.wave")));
        if (Math.abs(prediction.ratio() - 1) < 0.1)
            why.add(Messages.in(lang, "sweep.reason.edge"));
        if (why.isEmpty()) why.add(Messages.in(lang, "sweep.reason.noise"));
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
        f.put("costUnit", prediction.knobs().costUnit().label());
        f.put("linesPerSecond", prediction.knobs().linesPerSecond());
        f.put("batchIntervalMs", prediction.knobs().batchIntervalMs());
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
        f.put("reasons", reasons(Lang.EN)); // sweep.json is the same in every language
        f.put("wallSeconds", wallSeconds);
        f.put("summary", summary);
        if (breakdown != null) {
            Map<String, Object> b = breakdown.fields();
            b.put("modelOverheadMs", prediction.overheadMs());
            f.put("breakdown", b);
        }
        return f;
    }
}
