package io.ssplab.metrics;

/**
 * The end-of-run summary of one job: what {@code summary.json} and {@code FILE.summary.json} hold.
 * Every number is computed in {@link Summarizer#summarize}; field names are part of the file format.
 *
 * @param job                            job name
 * @param master                         Spark master URL
 * @param partitions                     P
 * @param costMs                         wait per record, ms
 * @param costUnit                       "word" or "line"
 * @param batchIntervalMs                BI
 * @param batches                        completed batches, warm-up included
 * @param warmupBatches                  first batches left out of the verdict (Spark and the JIT warming up)
 * @param medianRecordsPerBatch          median records per batch after warm-up
 * @param meanInputRatePerSec            mean records/s after warm-up
 * @param medianProcessingTimeMs         median PT after warm-up
 * @param p95ProcessingTimeMs            95th percentile PT after warm-up
 * @param processingToIntervalRatio      median PT / BI (ρ): above 1 the job cannot keep up
 * @param schedulingDelaySlopeMsPerBatch least-squares slope of SD over the batches after warm-up
 * @param finalSchedulingDelayMs         SD of the last batch
 * @param maxQueuedBatches               largest backlog seen after warm-up
 * @param verdict                        STABLE, UNSTABLE or INCONCLUSIVE
 * @param reason                         one sentence with the numbers behind the verdict
 * @param accounting                     sent, received and processed lines, and why they differ
 *                                       (docs/reliability.md); null when the summary is computed from a metrics file
 * @param predictedProcessingTimeMs      PT the planner's model predicts for these knobs (bin/ssp plan); null when not predicted
 * @param modelErrorPercent              (predicted − median PT) / median PT × 100; null without a prediction or a measured PT
 */
public record RunSummary(String job, String master, int partitions, double costMs, String costUnit,
                         long batchIntervalMs, int batches, int warmupBatches, double medianRecordsPerBatch,
                         double meanInputRatePerSec, double medianProcessingTimeMs, double p95ProcessingTimeMs,
                         double processingToIntervalRatio, double schedulingDelaySlopeMsPerBatch,
                         long finalSchedulingDelayMs, int maxQueuedBatches, Verdict verdict, String reason,
                         io.ssplab.accounting.RecordAccounting accounting,
                         Double predictedProcessingTimeMs, Double modelErrorPercent) {

    // Record accounting (docs/reliability.md) — kept in one block so other fields merge easily.
    /** Without record accounting or a prediction: the summary of a metrics file, or of a run before its accounting is known. */
    public RunSummary(String job, String master, int partitions, double costMs, String costUnit,
                      long batchIntervalMs, int batches, int warmupBatches, double medianRecordsPerBatch,
                      double meanInputRatePerSec, double medianProcessingTimeMs, double p95ProcessingTimeMs,
                      double processingToIntervalRatio, double schedulingDelaySlopeMsPerBatch,
                      long finalSchedulingDelayMs, int maxQueuedBatches, Verdict verdict, String reason) {
        this(job, master, partitions, costMs, costUnit, batchIntervalMs, batches, warmupBatches, medianRecordsPerBatch,
                meanInputRatePerSec, medianProcessingTimeMs, p95ProcessingTimeMs, processingToIntervalRatio,
                schedulingDelaySlopeMsPerBatch, finalSchedulingDelayMs, maxQueuedBatches, verdict, reason, null, null, null);
    }

    public RunSummary withAccounting(io.ssplab.accounting.RecordAccounting a) {
        return new RunSummary(job, master, partitions, costMs, costUnit, batchIntervalMs, batches, warmupBatches,
                medianRecordsPerBatch, meanInputRatePerSec, medianProcessingTimeMs, p95ProcessingTimeMs,
                processingToIntervalRatio, schedulingDelaySlopeMsPerBatch, finalSchedulingDelayMs, maxQueuedBatches,
                verdict, reason, a, predictedProcessingTimeMs, modelErrorPercent);
    }
}
