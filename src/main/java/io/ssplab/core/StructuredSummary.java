package io.ssplab.core;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * What a Structured Streaming run's summary holds beside the DStream fields ({@link RunSummary#structured()},
 * the object {@code "structured"} in summary.json; absent for a DStream run). Computed in
 * {@code io.ssplab.metrics.StructuredSummarizer}; every number is over the judged batches, the last
 * {@code judgedBatches} after warm-up, as are the run summary's own medians.
 *
 * @param judgedBatches         batches the verdict and every number come from (the last ≤ 6 after warm-up)
 * @param rowsGrowthPerBatch    g: least-squares slope of the rows per batch over the judged batches, divided by
 *                              their mean: +0.25 means each batch takes in about 25% more rows than the one before
 * @param rowsGrowthErrorPerBatch SE of g: the standard error of that slope, over the same mean (0 below three batches)
 * @param inputToProcessedRatio ρ: median over the judged batches of Spark's inputRowsPerSecond / processedRowsPerSecond,
 *                              which is this batch's duration / the time since the previous batch started: the growth
 *                              factor of the duration while batches follow each other at once; D/T below 1 when on time
 * @param medianLatenessMs      median of how late the judged batches started against the trigger schedule
 * @param lastRows              rows of the last batch
 * @param lastDurationMs        duration of the last batch
 * @param measuredOverheadMs    o measured: median of (duration − batch cost − a × rows) over the judged batches,
 *                              a from the prediction; null without a prediction
 * @param predicted             what the model predicted for these knobs; null without a prediction
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record StructuredSummary(int judgedBatches, double rowsGrowthPerBatch, double rowsGrowthErrorPerBatch, double inputToProcessedRatio,
                                double medianLatenessMs, long lastRows, long lastDurationMs, Double measuredOverheadMs,
                                Predicted predicted) {

    /**
     * The model's numbers for a run ({@code io.ssplab.model.StructuredModel}), as the summary records them.
     *
     * @param verdict          the regime predicted: STABLE, FALLING_BEHIND or UNSTABLE
     * @param durationMs       the batch duration predicted: o + s + a·r·T when on time, the settled D* = (o + s)/(1 − a·r)
     *                         when falling behind; null when unstable (no settled value)
     * @param rowsPerBatch     rows per batch predicted: r·T, or r·D*; null when unstable
     * @param loadFactor       a·r: seconds of per-line cost per second of input (≥ 1: batches grow without bound)
     * @param perLineMs        a = cost × waves / P: what one more line adds to a batch, ms
     * @param overheadMs       o: Spark's own time per micro-batch used by the prediction
     * @param batchCostMs      s: the fixed cost per batch (the slow sink)
     * @param growthPerBatch   when unstable: the duration's growth factor from the first late batch on, a·r + (o + s)/D;
     *                         null otherwise
     * @param overheadSource   where o came from: "default", "given", "measured:ss-baseline", …
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Predicted(Verdict verdict, Double durationMs, Double rowsPerBatch, double loadFactor, double perLineMs,
                            double overheadMs, double batchCostMs, Double growthPerBatch, String overheadSource) {
    }
}
