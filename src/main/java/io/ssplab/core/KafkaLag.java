package io.ssplab.core;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A Kafka run's consumer lag over its measured batches: records behind the latest offset when each batch
 * completed ({@link BatchMetrics#lagRecords()}). On Kafka the lag is the delay: a job that keeps up holds
 * it bounded, one that falls behind leaves a backlog in the topic that grows by the same amount every batch,
 * whether Spark's own scheduling delay shows it or not (a rate limit keeps every batch on time while the
 * topic fills up). Computed in one place, {@code io.ssplab.metrics.LagRule}.
 *
 * @param growthPerBatch     least-squares slope of the lag over the measured batches, records per batch
 * @param maxRecords         the largest lag of those batches
 * @param lastRecords        the lag after the last batch
 * @param maxPartitionRecords the largest lag of one partition (the furthest behind); null when unknown
 * @param grows              whether the growth is beyond the tolerance: the verdict is then UNSTABLE
 * @param hotPartition       the partition furthest behind after the last batch (DStream: each partition's lag is known,
 *                           {@link BatchMetrics#lagPartitionRecords()}); null when unknown
 * @param hotPartitionLastRecords      that partition's lag after the last batch; null when unknown
 * @param hotPartitionGrowthPerBatch   least-squares slope of that partition's lag, records per batch; null when unknown
 * @param otherPartitionsMaxRecords    the largest lag any other partition had over those batches; null when unknown
 *                                     (or a topic of one partition)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record KafkaLag(double growthPerBatch, long maxRecords, long lastRecords, Long maxPartitionRecords, boolean grows,
                       Integer hotPartition, Long hotPartitionLastRecords, Double hotPartitionGrowthPerBatch,
                       Long otherPartitionsMaxRecords) {

    /**
     * Lag growth per batch, as a fraction of a batch's lines, that still counts as bounded: the jitter of a lag read when
     * each batch completes. The measured rule ({@code io.ssplab.metrics.LagRule}) and the planner's prediction
     * ({@code io.ssplab.model.KafkaIntake}) both use it.
     */
    public static final double GROWTH_TOLERANCE = 0.05;

    /** The growth per batch that still counts as bounded for batches of {@code linesPerBatch} lines: at least one record. */
    public static double toleranceFor(double linesPerBatch) {
        return Math.max(1, GROWTH_TOLERANCE * linesPerBatch);
    }
}
