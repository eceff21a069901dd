package io.ssplab.metrics;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import org.apache.spark.streaming.scheduler.BatchInfo;
import org.apache.spark.streaming.scheduler.StreamingListener;
import org.apache.spark.streaming.scheduler.StreamingListenerBatchCompleted;
import org.apache.spark.streaming.scheduler.StreamingListenerBatchStarted;
import org.apache.spark.streaming.scheduler.StreamingListenerBatchSubmitted;
import org.apache.spark.streaming.scheduler.StreamingListenerReceiverError;
import org.apache.spark.streaming.scheduler.StreamingListenerReceiverStopped;

import io.ssplab.core.BatchMetrics;
import io.ssplab.core.Messages;

/**
 * Turns Spark's streaming events into {@link BatchMetrics}, one per completed batch, and hands each
 * to the sinks (console table, JSON Lines file, summary, …). Add it to any streaming context:
 *
 * <pre>{@code
 * ssc.addStreamingListener(new BatchMetricsListener("my-job", 2000, System.err::println)
 *         .onBatch(metrics -> System.out.println(metrics)));
 * }</pre>
 *
 * <p>Spark reports PT and SD per batch but not the backlog, so the listener counts it itself:
 * batches submitted (cut) minus batches started, at the moment a batch completes. Events arrive in
 * order on Spark's listener-bus thread.
 */
public final class BatchMetricsListener implements StreamingListener {
    private final String job;
    private final long batchIntervalMs;
    private final List<Consumer<BatchMetrics>> sinks = new CopyOnWriteArrayList<>();
    private final Set<Long> waiting = ConcurrentHashMap.newKeySet();
    private final Consumer<String> notices;
    private volatile boolean closed;
    private java.util.function.BooleanSupplier stopRequested = () -> false;
    private CostStageListener costStage;
    private java.util.function.UnaryOperator<BatchMetrics> enrich = java.util.function.UnaryOperator.identity();

    /**
     * @param notices receives one-line messages about receiver errors and stops
     */
    public BatchMetricsListener(String job, long batchIntervalMs, Consumer<String> notices) {
        this.job = job;
        this.batchIntervalMs = batchIntervalMs;
        this.notices = notices;
    }

    public BatchMetricsListener onBatch(Consumer<BatchMetrics> sink) {
        sinks.add(sink);
        return this;
    }

    /**
     * Closes right after the batch during which {@code stopRequested} became true (a sink counting to
     * {@code --batches N}, the grader's decision, Ctrl-C), on the listener-bus thread. Closing when the
     * job gets round to stopping would be too late: a queued batch starts as soon as its predecessor
     * ends and may complete in between. So every sink sees the same batches, and {@code --batches 8}
     * means 8.
     */
    public BatchMetricsListener closeOnStop(java.util.function.BooleanSupplier stopRequested) {
        this.stopRequested = stopRequested;
        return this;
    }

    /**
     * Adds each batch's cost-stage task metrics (longest and median task, most records per task) from
     * {@code tasks}, a listener on the same Spark context ({@link CostStageListener#attach}).
     */
    public BatchMetricsListener withCostStage(CostStageListener tasks) {
        this.costStage = tasks;
        return this;
    }

    /** Adds what only the run knows to each batch before the sinks see it (a Kafka run: the consumer lag at completion). */
    public BatchMetricsListener enrich(java.util.function.UnaryOperator<BatchMetrics> step) {
        this.enrich = step;
        return this;
    }

    /** Stops handing batches to the sinks: batches that complete while the job is being stopped are not reported. */
    public void close() {
        closed = true;
    }

    @Override
    public void onBatchSubmitted(StreamingListenerBatchSubmitted submitted) {
        waiting.add(submitted.batchInfo().batchTime().milliseconds());
    }

    @Override
    public void onBatchStarted(StreamingListenerBatchStarted started) {
        waiting.remove(started.batchInfo().batchTime().milliseconds());
    }

    @Override
    public void onBatchCompleted(StreamingListenerBatchCompleted completed) {
        BatchInfo info = completed.batchInfo();
        waiting.remove(info.batchTime().milliseconds());
        if (closed) return;
        BatchMetrics m = toMetrics(job, batchIntervalMs, info, waiting.size());
        if (costStage != null) m = costStage.complete(m);
        m = enrich.apply(m);
        for (Consumer<BatchMetrics> sink : sinks) sink.accept(m);
        if (stopRequested.getAsBoolean()) closed = true;
    }

    @Override
    public void onReceiverError(StreamingListenerReceiverError error) {
        if (closed) return; // a receiver stopped with its job reports errors of its own stopping
        notices.accept(Messages.get("listener.receiverError", error.receiverInfo().lastErrorMessage()));
    }

    @Override
    public void onReceiverStopped(StreamingListenerReceiverStopped stopped) {
        if (closed) return; // the driver stopping its own receiver is not news
        String why = stopped.receiverInfo().lastErrorMessage();
        if (why != null && !why.isEmpty()) notices.accept(Messages.get("listener.receiverStopped", why));
    }

    /** BatchInfo does not carry the batch interval, hence the parameter. */
    static BatchMetrics toMetrics(String job, long batchIntervalMs, BatchInfo info, int queued) {
        long pt = millis(info.processingDelay(), 0);
        long sd = millis(info.schedulingDelay(), 0);
        long total = millis(info.totalDelay(), pt + sd);
        return toMetrics(job, batchIntervalMs, info.batchTime().milliseconds(), info.numRecords(), pt, sd, total, queued);
    }

    /**
     * A DStream batch's numbers as the lab's batch, wherever they come from (a BatchInfo here, the REST API's
     * {@code /streaming/batches} in {@code bin/ssp watch}): the one place the input rate is derived.
     */
    public static BatchMetrics toMetrics(String job, long batchIntervalMs, long batchTimeMs, long records, long processingTimeMs,
                                         long schedulingDelayMs, long totalDelayMs, int queued) {
        double rate = records * 1000.0 / batchIntervalMs;
        return new BatchMetrics(job, batchTimeMs, batchIntervalMs, records, rate, processingTimeMs, schedulingDelayMs, totalDelayMs, queued);
    }

    private static long millis(scala.Option<Object> value, long fallback) {
        return value.isDefined() ? ((Number) value.get()).longValue() : fallback;
    }
}
