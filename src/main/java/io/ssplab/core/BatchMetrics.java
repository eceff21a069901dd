package io.ssplab.core;

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
 */
public record BatchMetrics(String job, long batchTimeMs, long batchIntervalMs, long records, double inputRatePerSec,
                           long processingTimeMs, long schedulingDelayMs, long totalDelayMs, int queuedBatches) {

    /** PT above BI: this batch could not finish before the next one was cut. */
    public boolean overBudget() {
        return processingTimeMs > batchIntervalMs;
    }
}
