package io.ssplab.watch;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

import io.ssplab.core.Api;
import io.ssplab.core.BadInputException;
import io.ssplab.core.BatchMetrics;
import io.ssplab.core.Knobs;
import io.ssplab.core.Messages;
import io.ssplab.core.RunSummary;
import io.ssplab.metrics.BatchMetricsListener;
import io.ssplab.metrics.StructuredSummarizer;
import io.ssplab.metrics.Summarizer;

/**
 * {@code bin/ssp watch}'s loop: finds the streaming app behind a Spark UI address and hands its completed
 * batches, as the lab's {@link BatchMetrics}, to a sink as they come, until the app ends or the user stops.
 *
 * <p>A DStream app is read from the REST API alone ({@code /streaming/statistics} for the batch interval,
 * {@code /streaming/batches} polled): the same numbers as the Streaming tab, mapped as the lab's listener maps
 * them ({@link BatchMetricsListener#toMetrics}); queuedBatches is the number of batches the same answer lists
 * as queued. Spark's REST API has nothing for Structured Streaming queries, so a query is read from the files
 * the lab's listener jar writes ({@link ListenerFiles}, {@code --metrics-dir}); the REST API then only tells
 * whether the app still runs.
 */
public final class Watcher {
    /** Polls at most this often (a DStream app: every half batch interval, not faster). */
    static final long MIN_POLL_MS = 200;
    static final long MAX_POLL_MS = 1000;

    /** Why the watch ended. */
    public enum End {
        /** The app's UI stopped answering: it ended (or stopped its StreamingContext). */
        APP_ENDED,
        /** The user stopped watching (Ctrl-C). */
        STOPPED
    }

    /**
     * The app being watched.
     *
     * @param batchIntervalMs a DStream app's BI; null for a query read from the listener's files
     * @param files           the listener's files of a query; null for a DStream app
     */
    public record Attached(SparkRest.App app, Long batchIntervalMs, ListenerFiles files) {
        public boolean dstream() {
            return batchIntervalMs != null;
        }
    }

    private final SparkRest rest;
    private final String url;

    public Watcher(String url) {
        this.url = url;
        this.rest = new SparkRest(url);
    }

    /**
     * The streaming app at the address: its DStream statistics, else (with {@code metricsDir}) its listener
     * files. Refused with one line: nothing answers, no app, no DStream app and no folder to read a query from.
     */
    public Attached attach(Path metricsDir) {
        try {
            List<SparkRest.App> apps = rest.applications();
            if (apps.isEmpty()) throw new BadInputException(Messages.get("watch.noApp", url));
            SparkRest.App app = apps.get(0); // a driver's UI serves its one application
            Long bi = rest.batchIntervalMs(app.id());
            if (bi != null && bi > 0) return new Attached(app, bi, null);
            if (metricsDir != null) return new Attached(app, null, new ListenerFiles(metricsDir, app.id()));
            throw new BadInputException(Messages.get("watch.notDStream", app.name(), app.id(), url));
        } catch (IOException | RuntimeException e) {
            if (e instanceof BadInputException bad) throw bad;
            throw new BadInputException(Messages.get("watch.unreachable", url, why(e)));
        }
    }

    /** Why nothing usable answered, in the reader's words (not an exception's class name). */
    private static String why(Exception e) {
        if (e instanceof java.net.ConnectException) return Messages.get("watch.why.refused");
        if (e instanceof java.net.http.HttpTimeoutException) return Messages.get("watch.why.timeout");
        String m = e.getMessage();
        return m != null && !m.isBlank() && !m.contains("Exception") && e instanceof IOException ? m : Messages.get("watch.why.other");
    }

    /** Hands every completed batch to {@code sink}, oldest first, until the app ends or {@code stop} says so. */
    public End watch(Attached a, Consumer<BatchMetrics> sink, BooleanSupplier stop) throws InterruptedException {
        long lastSeen = Long.MIN_VALUE;
        long pollMs = a.dstream() ? Math.max(MIN_POLL_MS, Math.min(MAX_POLL_MS, a.batchIntervalMs() / 2)) : MAX_POLL_MS / 2;
        while (!stop.getAsBoolean()) {
            try {
                List<BatchMetrics> fresh = a.dstream() ? restBatches(a, lastSeen) : filesAndAlive(a);
                for (BatchMetrics m : fresh) {
                    sink.accept(m);
                    lastSeen = Math.max(lastSeen, m.batchTimeMs());
                }
            } catch (java.net.http.HttpTimeoutException busy) {
                // a busy driver answered late: ask again (an app that ended refuses the connection instead)
            } catch (IOException | RuntimeException gone) {
                if (!a.dstream()) drain(a, sink);
                return End.APP_ENDED;
            }
            Thread.sleep(pollMs);
        }
        return End.STOPPED;
    }

    private List<BatchMetrics> restBatches(Attached a, long lastSeen) throws IOException {
        List<SparkRest.Batch> batches = rest.batches(a.app().id());
        int queued = (int) batches.stream().filter(SparkRest.Batch::queued).count();
        List<BatchMetrics> fresh = new ArrayList<>();
        for (SparkRest.Batch b : batches) {
            if (!b.completed() || b.batchTimeMs() <= lastSeen) continue;
            long pt = b.processingTimeMs() == null ? 0 : b.processingTimeMs();
            long sd = b.schedulingDelayMs() == null ? 0 : b.schedulingDelayMs();
            long total = b.totalDelayMs() == null ? pt + sd : b.totalDelayMs();
            fresh.add(BatchMetricsListener.toMetrics(a.app().name(), a.batchIntervalMs(), b.batchTimeMs(), b.inputSize(), pt, sd, total, queued));
        }
        return fresh;
    }

    private List<BatchMetrics> filesAndAlive(Attached a) throws IOException {
        List<BatchMetrics> fresh = a.files().next();
        rest.applications(); // throws once the app's UI is gone
        return fresh;
    }

    /** The lines the listener wrote before the app ended. */
    private static void drain(Attached a, Consumer<BatchMetrics> sink) {
        try {
            for (BatchMetrics m : a.files().next()) sink.accept(m);
        } catch (IOException ignored) {
            // what was read is what there is
        }
    }

    /** The verdict of batches as the lab judges a run of the same API: a query's by its own rules. */
    public static RunSummary summarize(List<BatchMetrics> batches) {
        BatchMetrics first = batches.get(0);
        Knobs knobs = Knobs.onlyInterval(first.job(), first.batchIntervalMs());
        return first.api() == Api.STRUCTURED ? StructuredSummarizer.summarize(knobs, batches) : Summarizer.summarize(knobs, batches);
    }
}
