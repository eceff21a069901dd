package io.ssplab.core;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * What one completed batch measured — one JSON Lines object per batch in {@code --metrics-out}.
 * Field names are part of the file format: reports and other tools read them by name.
 *
 * @param job               job name
 * @param batchTimeMs       when the batch was cut (epoch ms); batches are batchIntervalMs apart
 * @param batchIntervalMs   BI
 * @param records           records (lines) the receiver put in this batch
 * @param inputRatePerSec   records / BI, the Spark UI's "Input Rate"
 * @param processingTimeMs  PT: from the batch's first job starting to its last job ending
 * @param schedulingDelayMs SD: how long the batch waited for earlier batches before starting
 * @param totalDelayMs      SD + PT: from the batch being cut to its results being ready
 * @param queuedBatches     batches cut but not started when this one completed (the backlog)
 * @param costStageTaskMaxMs         the longest task of the batch's cost stage (the stage that pays the per-record
 *                                   cost; the Spark UI's stage page, Summary Metrics, Duration "Max"); null when unknown
 * @param costStageTaskMedianMs      the median task of the same stage (Duration "Median"); null when unknown
 * @param costStageMaxRecordsPerTask the most records one task of that stage read; null when unknown
 */
public record BatchMetrics(String job, long batchTimeMs, long batchIntervalMs, long records, double inputRatePerSec,
                           long processingTimeMs, long schedulingDelayMs, long totalDelayMs, int queuedBatches,
                           @JsonInclude(JsonInclude.Include.NON_NULL) Long costStageTaskMaxMs,
                           @JsonInclude(JsonInclude.Include.NON_NULL) Long costStageTaskMedianMs,
                           @JsonInclude(JsonInclude.Include.NON_NULL) Long costStageMaxRecordsPerTask) {

    /** Without task-level metrics (a StreamingListener alone sees no tasks). */
    public BatchMetrics(String job, long batchTimeMs, long batchIntervalMs, long records, double inputRatePerSec,
                        long processingTimeMs, long schedulingDelayMs, long totalDelayMs, int queuedBatches) {
        this(job, batchTimeMs, batchIntervalMs, records, inputRatePerSec, processingTimeMs, schedulingDelayMs, totalDelayMs, queuedBatches,
                null, null, null);
    }

    /** The same batch with its cost stage's task metrics. */
    public BatchMetrics withCostStage(Long taskMaxMs, Long taskMedianMs, Long maxRecordsPerTask) {
        return new BatchMetrics(job, batchTimeMs, batchIntervalMs, records, inputRatePerSec, processingTimeMs, schedulingDelayMs, totalDelayMs,
                queuedBatches, taskMaxMs, taskMedianMs, maxRecordsPerTask);
    }

    /**
     * Skew of the cost stage: its longest task over its median one (1 when every task does the same
     * work; the hot key's task makes it large). NaN when unknown, or when the median task took no
     * measurable time.
     */
    public double costStageSkew() {
        if (costStageTaskMaxMs == null || costStageTaskMedianMs == null || costStageTaskMedianMs <= 0) return Double.NaN;
        return (double) costStageTaskMaxMs / costStageTaskMedianMs;
    }

    /** Whether this batch carries its cost stage's task metrics. */
    public boolean hasCostStage() {
        return costStageTaskMaxMs != null && costStageTaskMedianMs != null;
    }

    /** PT above BI: this batch could not finish before the next one was cut. */
    public boolean overBudget() {
        return processingTimeMs > batchIntervalMs;
    }
}
