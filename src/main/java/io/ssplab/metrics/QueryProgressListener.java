package io.ssplab.metrics;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

import org.apache.spark.sql.streaming.StreamingQueryListener;

import io.ssplab.core.Api;
import io.ssplab.core.BatchMetrics;

/**
 * Turns a Structured Streaming query's progress events into the lab's {@link BatchMetrics}, one per
 * executed micro-batch, and hands each to the sinks (live table, JSON Lines, summary, stop rule) — the
 * Structured Streaming twin of {@link BatchMetricsListener}. Add it to the session before starting
 * the query: {@code spark.streams().addListener(listener)}.
 *
 * <h2>Design: how a micro-batch fills the lab's batch fields</h2>
 * Every reader of the lab (table, summary, report, grader) knows DStream batches, so a micro-batch is
 * written in the same fields, each with the closest meaning, and Spark's own numbers beside them:
 * <pre>
 *   batchTimeMs        progress.timestamp: when the trigger started the batch
 *   batchIntervalMs    the ProcessingTime trigger T (the lab's BI knob)
 *   records            progress.numInputRows: lines taken from the source
 *   inputRatePerSec    progress.inputRowsPerSecond: rows / time since the previous batch started (0 when Spark has none)
 *   processingTimeMs   progress.durationMs.triggerExecution (= batchDuration): the whole micro-batch, offsets,
 *                      planning, the write-ahead log of offsets, foreachBatch (addBatch) and the commit
 *   schedulingDelayMs  how late the batch started against the trigger schedule (below)
 *   totalDelayMs       lateness + duration: from the slot the batch was due at to its end
 *   queuedBatches      0: a late micro-batch queues nothing, the next one starts at once and takes every row that
 *                      arrived meanwhile (the rows wait in the source, not batches in Spark)
 *   api, batchId, durationMs, inputRowsPerSecond, processedRowsPerSecond, skippedTriggers: Spark's own (new, optional)
 *   latencyP50Ms/P95Ms/MaxMs: end-to-end latency of the batch's stamped lines, filled by the runner ({@link #enrich})
 * </pre>
 *
 * <h2>Lateness: Structured Streaming's scheduling delay</h2>
 * Spark 4.2's ProcessingTime trigger runs a batch, then waits for {@code floor(now / T) · T + T}: the
 * trigger grid is aligned to the epoch, not to the first batch, and a batch that overran its slot is
 * followed at once by the next one (the slots it overran are skipped, nothing is queued). So the slot a
 * batch was due at is the first grid slot after the previous batch's <em>start</em>:
 * <pre>
 *   due       = floor(previous start / T) · T + T
 *   lateness  = start − due           when the previous batch ended after due and this one followed it at once
 *             = start mod T (≈ 0)     otherwise: it started on the grid (also after idle triggers, which run nothing)
 * </pre>
 * While batches follow each other, {@code lateness_k = lateness_(k−1) + D_(k−1) − T}: exactly how a DStream
 * batch's scheduling delay grows by PT − BI. A batch that keeps within T burns it off by T − D per batch.
 * So it is written as {@code schedulingDelayMs}, and every DStream rule that reads SD (warm-up, table)
 * reads it with the same meaning. The first batch after the query starts (batch 0) is off the grid and has none.
 *
 * <p>Events arrive in order on Spark's listener-bus thread, for every query of the session: the listener
 * keeps only those of the query named after its job ({@code writeStream().queryName(job)}).
 */
public final class QueryProgressListener extends StreamingQueryListener {
    /** A batch that starts within this long after the previous one ended followed it at once (no trigger wait between). */
    public static final long FOLLOWED_AT_ONCE_MS = 500;
    /** A start this close after a grid slot is on the grid. */
    static final long ON_GRID_MS = 50;

    private final String job;
    private final long triggerMs;
    private final List<Consumer<BatchMetrics>> sinks = new CopyOnWriteArrayList<>();
    private final List<Consumer<QueryProgress>> progressSinks = new CopyOnWriteArrayList<>();
    private final List<Consumer<String>> jsonSinks = new CopyOnWriteArrayList<>();
    private volatile UnaryOperator<BatchMetrics> enrich = UnaryOperator.identity();
    private volatile boolean closed;
    private volatile BooleanSupplier stopRequested = () -> false;
    private QueryProgress previous;

    public QueryProgressListener(String job, long triggerMs) {
        this.job = job;
        this.triggerMs = triggerMs;
    }

    /** Each batch's metrics, until {@link #close()}. */
    public QueryProgressListener onBatch(Consumer<BatchMetrics> sink) {
        sinks.add(sink);
        return this;
    }

    /** Each progress as read, also after {@link #close()} (record accounting keeps counting while a run drains). */
    public QueryProgressListener onProgress(Consumer<QueryProgress> sink) {
        progressSinks.add(sink);
        return this;
    }

    /** Spark's own JSON of each progress event, one line each, until {@link #close()}. */
    public QueryProgressListener onProgressJson(Consumer<String> sink) {
        jsonSinks.add(sink);
        return this;
    }

    /** Adds what only the runner knows (the latency of the batch's stamped lines) before the sinks see a batch. */
    public QueryProgressListener enrich(UnaryOperator<BatchMetrics> e) {
        this.enrich = e;
        return this;
    }

    /** Closes right after the batch during which {@code stop} became true, as {@link BatchMetricsListener#closeOnStop}. */
    public QueryProgressListener closeOnStop(BooleanSupplier stop) {
        this.stopRequested = stop;
        return this;
    }

    public void close() {
        closed = true;
    }

    @Override
    public void onQueryStarted(QueryStartedEvent event) {
    }

    @Override
    public void onQueryProgress(QueryProgressEvent event) {
        if (!job.equals(event.progress().name())) return; // another query of the session (the runner's warm-up)
        String json = event.progress().json();
        accept(QueryProgress.fromJson(json), json);
    }

    /** One progress, in order: what {@link #onQueryProgress} does with an event (tests feed recorded ones). */
    synchronized void accept(QueryProgress p, String json) {
        QueryProgress before = previous;
        previous = p;
        for (Consumer<QueryProgress> s : progressSinks) s.accept(p);
        if (closed) return;
        if (json != null) for (Consumer<String> s : jsonSinks) s.accept(json);
        BatchMetrics m = enrich.apply(toMetrics(job, triggerMs, before, p));
        for (Consumer<BatchMetrics> sink : sinks) sink.accept(m);
        if (stopRequested.getAsBoolean()) closed = true;
    }

    @Override
    public void onQueryIdle(QueryIdleEvent event) {
    }

    @Override
    public void onQueryTerminated(QueryTerminatedEvent event) {
    }

    /** A micro-batch as the lab's batch (see the class comment); {@code previous} is null for the query's first batch. */
    public static BatchMetrics toMetrics(String job, long triggerMs, QueryProgress previous, QueryProgress p) {
        long late = latenessMs(triggerMs, previous, p);
        long duration = p.triggerExecutionMs();
        double in = Double.isFinite(p.inputRowsPerSecond()) ? p.inputRowsPerSecond() : 0;
        return new BatchMetrics(job, p.timestampMs(), triggerMs, p.numInputRows(), in, duration, late, late + duration, 0,
                Api.STRUCTURED, p.batchId(), p.durationMs(), finiteOrNull(p.inputRowsPerSecond()), finiteOrNull(p.processedRowsPerSecond()),
                (int) (late / triggerMs), null, null, null, null, null, null);
    }

    /** How late {@code p} started against the trigger schedule (class comment); 0 for the query's first batch. */
    public static long latenessMs(long triggerMs, QueryProgress previous, QueryProgress p) {
        if (previous == null) return 0;
        long due = Math.floorDiv(previous.timestampMs(), triggerMs) * triggerMs + triggerMs;
        long offGrid = Math.floorMod(p.timestampMs(), triggerMs);
        boolean previousOverran = previous.endMs() > due;
        boolean followedAtOnce = p.timestampMs() - previous.endMs() < FOLLOWED_AT_ONCE_MS || offGrid > ON_GRID_MS;
        return previousOverran && followedAtOnce && p.timestampMs() >= due ? p.timestampMs() - due : offGrid;
    }

    private static Double finiteOrNull(double v) {
        return Double.isFinite(v) ? v : null;
    }
}
