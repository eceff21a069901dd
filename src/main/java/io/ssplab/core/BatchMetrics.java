package io.ssplab.core;

import java.util.Map;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * What one completed batch measured — one JSON Lines object per batch in {@code --metrics-out}.
 * Field names are part of the file format: reports and other tools read them by name.
 *
 * <p>A Structured Streaming run writes the same fields, so every reader keeps working, and a few more
 * (null, and left out of the file, for a DStream run; an older file reads with them null). How its
 * micro-batch fills the DStream fields ({@code io.ssplab.metrics.QueryProgressListener} says it in full):
 * batchTimeMs is the trigger's start, records the input rows (lines), inputRatePerSec Spark's
 * inputRowsPerSecond, processingTimeMs the batch duration (triggerExecution), schedulingDelayMs how late the
 * batch started against the trigger schedule, totalDelayMs the two added, queuedBatches always 0 (a late
 * micro-batch queues nothing: the rows wait in the source instead).
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
 * @param api               Structured Streaming: "structured"; null for DStream
 * @param batchId           Structured Streaming: the micro-batch's id (0, 1, …)
 * @param durationMs        Structured Streaming: Spark's breakdown of the batch's time (latestOffset, getBatch,
 *                          queryPlanning, walCommit, addBatch, commitOffsets, triggerExecution), ms
 * @param inputRowsPerSecond     Structured Streaming: rows / time since the previous batch started (Spark's)
 * @param processedRowsPerSecond Structured Streaming: rows / this batch's duration (Spark's)
 * @param skippedTriggers   Structured Streaming: trigger slots that passed while the previous batch ran (lateness / trigger)
 * @param latencyP50Ms      Structured Streaming, stamped lines: median end-to-end latency of this batch's lines
 *                          (line due at the source → the batch's word count done)
 * @param latencyP95Ms      the same, 95th percentile
 * @param latencyMaxMs      the same, largest
 * @param costStageTaskMaxMs         the longest task of the batch's cost stage (the stage that pays the per-record
 *                                   cost; the Spark UI's stage page, Summary Metrics, Duration "Max"); null when unknown
 * @param costStageTaskMedianMs      the median task of the same stage (Duration "Median"); null when unknown
 * @param costStageMaxRecordsPerTask the most records one task of that stage read; null when unknown
 * @param lagRecords        Kafka source: the consumer lag when the batch completed, records behind the latest offset
 *                          summed over the topic's partitions (DStream: the end offsets at completion minus the batch's
 *                          untilOffsets; Structured Streaming: the source's avgOffsetsBehindLatest × partitions); null
 *                          for a socket source. Lag is the delay of a Kafka job: it grows when the job falls behind.
 * @param lagMaxPartitionRecords Kafka source: the lag of the partition furthest behind (Structured Streaming:
 *                          maxOffsetsBehindLatest); a skewed partition shows here first; null for a socket source
 * @param lagPartitionRecords Kafka source, DStream: each partition's lag, in partition order (element i is partition i),
 *                          the same subtraction per partition; null when unknown (Structured Streaming reports no partition's
 *                          own, a socket source has none). A hot key's partition is the one whose lag grows.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record BatchMetrics(String job, long batchTimeMs, long batchIntervalMs, long records, double inputRatePerSec,
                           long processingTimeMs, long schedulingDelayMs, long totalDelayMs, int queuedBatches,
                           Api api, Long batchId, Map<String, Long> durationMs, Double inputRowsPerSecond,
                           Double processedRowsPerSecond, Integer skippedTriggers, Long latencyP50Ms, Long latencyP95Ms,
                           Long latencyMaxMs, Long costStageTaskMaxMs, Long costStageTaskMedianMs, Long costStageMaxRecordsPerTask,
                           Long lagRecords, Long lagMaxPartitionRecords, java.util.List<Long> lagPartitionRecords) {

    /**
     * The name of the RDD that pays the per-record cost in the pipelines that record task metrics: the
     * pipeline names it (io.ssplab.pipeline.SkewPipeline), the listener finds the cost stage by it
     * (io.ssplab.metrics.CostStageListener). One constant, so the two cannot drift apart.
     */
    public static final String COST_STAGE_RDD = "ssp-cost";

    @JsonCreator
    public BatchMetrics {
        if (durationMs != null) durationMs = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(durationMs)); // sorted: stable files
        if (lagPartitionRecords != null) lagPartitionRecords = java.util.List.copyOf(lagPartitionRecords);
    }

    /** A batch without each partition's lag: every field before the skewed-key lesson. */
    public BatchMetrics(String job, long batchTimeMs, long batchIntervalMs, long records, double inputRatePerSec,
                        long processingTimeMs, long schedulingDelayMs, long totalDelayMs, int queuedBatches,
                        Api api, Long batchId, Map<String, Long> durationMs, Double inputRowsPerSecond,
                        Double processedRowsPerSecond, Integer skippedTriggers, Long latencyP50Ms, Long latencyP95Ms,
                        Long latencyMaxMs, Long costStageTaskMaxMs, Long costStageTaskMedianMs, Long costStageMaxRecordsPerTask,
                        Long lagRecords, Long lagMaxPartitionRecords) {
        this(job, batchTimeMs, batchIntervalMs, records, inputRatePerSec, processingTimeMs, schedulingDelayMs, totalDelayMs,
                queuedBatches, api, batchId, durationMs, inputRowsPerSecond, processedRowsPerSecond, skippedTriggers, latencyP50Ms,
                latencyP95Ms, latencyMaxMs, costStageTaskMaxMs, costStageTaskMedianMs, costStageMaxRecordsPerTask, lagRecords,
                lagMaxPartitionRecords, null);
    }

    /** A batch without Kafka lag: every field before the Kafka source. */
    public BatchMetrics(String job, long batchTimeMs, long batchIntervalMs, long records, double inputRatePerSec,
                        long processingTimeMs, long schedulingDelayMs, long totalDelayMs, int queuedBatches,
                        Api api, Long batchId, Map<String, Long> durationMs, Double inputRowsPerSecond,
                        Double processedRowsPerSecond, Integer skippedTriggers, Long latencyP50Ms, Long latencyP95Ms,
                        Long latencyMaxMs, Long costStageTaskMaxMs, Long costStageTaskMedianMs, Long costStageMaxRecordsPerTask) {
        this(job, batchTimeMs, batchIntervalMs, records, inputRatePerSec, processingTimeMs, schedulingDelayMs, totalDelayMs,
                queuedBatches, api, batchId, durationMs, inputRowsPerSecond, processedRowsPerSecond, skippedTriggers, latencyP50Ms,
                latencyP95Ms, latencyMaxMs, costStageTaskMaxMs, costStageTaskMedianMs, costStageMaxRecordsPerTask, null, null, null);
    }

    /** A DStream batch: the fields the lab always had (a StreamingListener alone sees no tasks; the lag is added by {@link #withLag}). */
    public BatchMetrics(String job, long batchTimeMs, long batchIntervalMs, long records, double inputRatePerSec,
                        long processingTimeMs, long schedulingDelayMs, long totalDelayMs, int queuedBatches) {
        this(job, batchTimeMs, batchIntervalMs, records, inputRatePerSec, processingTimeMs, schedulingDelayMs, totalDelayMs,
                queuedBatches, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null);
    }

    /** The same batch with its cost stage's task metrics. */
    public BatchMetrics withCostStage(Long taskMaxMs, Long taskMedianMs, Long maxRecordsPerTask) {
        return new BatchMetrics(job, batchTimeMs, batchIntervalMs, records, inputRatePerSec, processingTimeMs, schedulingDelayMs, totalDelayMs,
                queuedBatches, api, batchId, durationMs, inputRowsPerSecond, processedRowsPerSecond, skippedTriggers, latencyP50Ms,
                latencyP95Ms, latencyMaxMs, taskMaxMs, taskMedianMs, maxRecordsPerTask, lagRecords, lagMaxPartitionRecords, lagPartitionRecords);
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

    /** The same batch with the end-to-end latency of its stamped lines (null values: no stamped line). */
    public BatchMetrics withLatency(Long p50Ms, Long p95Ms, Long maxMs) {
        return new BatchMetrics(job, batchTimeMs, batchIntervalMs, records, inputRatePerSec, processingTimeMs, schedulingDelayMs,
                totalDelayMs, queuedBatches, api, batchId, durationMs, inputRowsPerSecond, processedRowsPerSecond, skippedTriggers,
                p50Ms, p95Ms, maxMs, costStageTaskMaxMs, costStageTaskMedianMs, costStageMaxRecordsPerTask, lagRecords, lagMaxPartitionRecords, lagPartitionRecords);
    }

    /** The same batch with its Kafka consumer lag (records behind the latest offset: all partitions, the furthest one). */
    public BatchMetrics withLag(Long totalRecords, Long maxPartitionRecords) {
        return withLag(totalRecords, maxPartitionRecords, null);
    }

    /** The same batch with its Kafka consumer lag, and each partition's ({@code perPartition}: element i is partition i; null when unknown). */
    public BatchMetrics withLag(Long totalRecords, Long maxPartitionRecords, java.util.List<Long> perPartition) {
        return new BatchMetrics(job, batchTimeMs, batchIntervalMs, records, inputRatePerSec, processingTimeMs, schedulingDelayMs,
                totalDelayMs, queuedBatches, api, batchId, durationMs, inputRowsPerSecond, processedRowsPerSecond, skippedTriggers,
                latencyP50Ms, latencyP95Ms, latencyMaxMs, costStageTaskMaxMs, costStageTaskMedianMs, costStageMaxRecordsPerTask,
                totalRecords, maxPartitionRecords, perPartition);
    }

    /** Whether this batch carries a Kafka consumer lag. */
    public boolean hasLag() {
        return lagRecords != null;
    }
}
