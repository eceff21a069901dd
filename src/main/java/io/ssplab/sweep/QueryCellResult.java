package io.ssplab.sweep;

import java.util.LinkedHashMap;
import java.util.Map;

import io.ssplab.core.Format;
import io.ssplab.core.Lang;
import io.ssplab.core.Messages;
import io.ssplab.core.RunSummary;
import io.ssplab.core.Verdict;
import io.ssplab.metrics.Summarizer;
import io.ssplab.model.StructuredPrediction;

/**
 * One cell of {@code sweep --api structured}: the structured model's prediction (regime and settled batch
 * duration D), made before the run, next to what the query measured (median batch duration over the judged
 * batches, and its verdict).
 *
 * <p>A cell the model predicts UNSTABLE has no settled duration: it counts for the verdicts only, never for
 * the error on D.
 *
 * @param cell        the setting (cost per line)
 * @param prediction  the structured model's prediction for it
 * @param summary     the query's summary (median D over the judged batches, verdict)
 * @param wallSeconds how long the cell took, Spark start and stop included
 */
public record QueryCellResult(SweepCell cell, StructuredPrediction prediction, RunSummary summary, double wallSeconds) {

    /** The settled batch duration predicted: D on time or D*; NaN when the model predicts UNSTABLE. */
    public double predictedMs() {
        return prediction.durationMs();
    }

    public double measuredMs() {
        return summary.medianProcessingTimeMs();
    }

    /** Whether the model predicts a settled duration (STABLE or FALLING_BEHIND): only then is there an error on D. */
    public boolean predictsDuration() {
        return prediction.verdict() != Verdict.UNSTABLE && Double.isFinite(predictedMs());
    }

    /** Whether the query reached a verdict on enough batches. */
    public boolean judged() {
        return measuredMs() > 0 && summary.verdict() != Verdict.INCONCLUSIVE;
    }

    /** Whether this cell's error on the settled duration counts: a predicted duration and a judged query. */
    public boolean measured() {
        return predictsDuration() && judged();
    }

    /** (predicted − measured) / measured × 100 on the settled duration; NaN when it does not count. */
    public double errorPercent() {
        return measured() ? Summarizer.modelErrorPercent(predictedMs(), measuredMs()) : Double.NaN;
    }

    public double absErrorPercent() {
        return Math.abs(errorPercent());
    }

    /** Whether the measured verdict is the predicted regime (false when inconclusive). */
    public boolean verdictAgrees() {
        return summary.verdict() == prediction.verdict();
    }

    /** The predicted duration as the table prints it: "4.17 s", or "grows ×1.25" for UNSTABLE. */
    public String predictedText(Lang lang) {
        return predictsDuration() ? Format.seconds(lang, predictedMs())
                : Messages.in(lang, "ssweep.grows", Format.fixed(lang, prediction.growthPerBatch(), 2));
    }

    /** The error as the table prints it: "+4.2%", or a dash when it does not count. */
    public String errorText(Lang lang) {
        if (measured()) return Format.signed(lang, errorPercent(), 1) + "%";
        return Messages.in(lang, predictsDuration() ? "ssweep.error.notJudged" : "ssweep.error.verdictOnly");
    }

    /** The cell as flat JSON fields for sweep.json. */
    public Map<String, Object> fields() {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("cores", cell.cores());
        f.put("partitions", cell.partitions());
        f.put("costMsPerLine", cell.costMs());
        f.put("master", cell.master());
        f.put("perLineMs", prediction.perLineMs());
        f.put("loadFactor", prediction.loadFactor());
        f.put("overheadMs", prediction.overheadMs());
        f.put("predictedVerdict", prediction.verdict().name());
        f.put("predictedDurationMs", predictsDuration() ? predictedMs() : null);
        f.put("measuredDurationMs", measuredMs());
        f.put("measuredVerdict", summary.verdict().name());
        f.put("modelErrorPercent", measured() ? errorPercent() : null);
        f.put("verdictAgrees", verdictAgrees());
        f.put("countsForError", measured());
        f.put("wallSeconds", wallSeconds);
        f.put("summary", summary);
        return f;
    }
}
