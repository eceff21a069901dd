package io.ssplab.listener;

import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.streaming.StreamingQuery;
import org.apache.spark.sql.streaming.StreamingQueryListener;

import io.ssplab.core.BatchMetrics;
import io.ssplab.metrics.QueryProgress;

/**
 * The lab's batch metrics of any Structured Streaming app, added by configuration only:
 * {@code --jars ssp-listener.jar --conf spark.sql.streaming.streamingQueryListeners=io.ssplab.listener.QueryProgressListener}.
 * One JSON Lines file per query in {@link MetricsFolder}, one line per progress event (an executed micro-batch),
 * filled as the lab's own query listener fills them ({@link io.ssplab.metrics.QueryProgressListener#toMetrics}:
 * reused, not copied).
 *
 * <p>job = the app's name for the app's first query; a second query of the same app is told apart by its name
 * (else its id): {@code app/query}. batchIntervalMs = the query's ProcessingTime trigger interval. Progress
 * events do not carry it, and no public API gives it: it is read from the running query
 * ({@code StreamingQueryWrapper.streamingQuery().trigger().intervalMs()}, by reflection, so a Spark without
 * them costs nothing but this field). When that fails, or the trigger has no interval (the default trigger
 * runs batches back to back), the interval is the time since the previous micro-batch started (the first
 * batch: its own duration): the field stays positive, so every reader of the lab can read the file.
 */
public final class QueryProgressListener extends StreamingQueryListener {
    private final MetricsFolder folder;
    private final String app;
    private final Map<UUID, Query> queries = new ConcurrentHashMap<>();

    public QueryProgressListener(SparkConf conf) {
        this(MetricsFolder.of(conf), conf.get("spark.app.name", ""));
    }

    QueryProgressListener(MetricsFolder folder, String app) {
        this.folder = folder;
        this.app = app;
    }

    /** What one query has seen so far: its job name, its trigger, its previous progress. */
    private static final class Query {
        final String job;
        final String appId;
        Long triggerMs;
        QueryProgress previous;

        Query(String job, String appId) {
            this.job = job;
            this.appId = appId;
        }
    }

    @Override
    public void onQueryStarted(QueryStartedEvent event) {
        try {
            queries.computeIfAbsent(event.id(), id -> new Query(jobName(event.name(), id), appId()));
        } catch (RuntimeException | LinkageError e) {
            folder.fail(e);
        }
    }

    @Override
    public void onQueryProgress(QueryProgressEvent event) {
        try {
            Query q = queries.computeIfAbsent(event.progress().id(), id -> new Query(jobName(event.progress().name(), id), appId()));
            QueryProgress p = QueryProgress.fromJson(event.progress().json());
            synchronized (q) {
                if (q.triggerMs == null) q.triggerMs = triggerMs(event.progress().id());
                long interval = q.triggerMs > 0 ? q.triggerMs
                        : Math.max(1, q.previous == null ? p.triggerExecutionMs() : p.timestampMs() - q.previous.timestampMs());
                BatchMetrics m = io.ssplab.metrics.QueryProgressListener.toMetrics(q.job, interval, q.previous, p);
                q.previous = p;
                folder.write(q.appId, m);
            }
        } catch (RuntimeException | LinkageError e) {
            folder.fail(e);
        }
    }

    @Override
    public void onQueryIdle(QueryIdleEvent event) {
    }

    @Override
    public void onQueryTerminated(QueryTerminatedEvent event) {
        // the file stays open: a restarted query (same id) goes on in it (MetricsFolder)
    }

    /** The app's name for its first query, {@code app/name} (or {@code app/id}) for the others. */
    private String jobName(String queryName, UUID id) {
        String base = app.isBlank() ? "app" : app;
        if (queries.isEmpty()) return base;
        return base + "/" + (queryName != null && !queryName.isBlank() ? queryName : id.toString().substring(0, 8));
    }

    private static String appId() {
        try {
            return SparkSession.active().sparkContext().applicationId();
        } catch (RuntimeException noSession) {
            return "app";
        }
    }

    /** The query's ProcessingTime trigger interval, read from the running query; 0 when unknown (class comment). */
    static long triggerMs(UUID id) {
        try {
            StreamingQuery query = SparkSession.active().streams().get(id);
            if (query == null) return 0;
            Object execution = call(query, "streamingQuery");
            Object trigger = call(execution, "trigger");
            Object ms = call(trigger, "intervalMs");
            return ms instanceof Number n ? n.longValue() : 0;
        } catch (ReflectiveOperationException | RuntimeException | LinkageError notThisSpark) {
            return 0;
        }
    }

    private static Object call(Object target, String method) throws ReflectiveOperationException {
        java.lang.reflect.Method m = target.getClass().getMethod(method);
        m.setAccessible(true);
        return m.invoke(target);
    }
}
