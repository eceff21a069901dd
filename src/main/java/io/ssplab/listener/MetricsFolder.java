package io.ssplab.listener;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.spark.SparkConf;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.ssplab.core.BatchMetrics;
import io.ssplab.core.Lang;
import io.ssplab.core.Messages;
import io.ssplab.metrics.JsonLines;

/**
 * Where the listeners of a foreign app write: the folder in {@value #DIR_CONF} (default {@value #DEFAULT_DIR}
 * in the driver's working directory), one JSON Lines file per stream or query, flushed per batch
 * ({@link JsonLines.Writer}).
 *
 * <p>It never throws into the app: a listener's exception would only be logged by Spark's listener bus, but
 * it would be logged at every batch. Here the first failure (an unwritable folder, a full disk) is logged
 * once, at WARN, and every later batch of the app is dropped quietly: the app runs on, its metrics are lost.
 *
 * <p>The files stay open until the driver exits, never closed on a query's or the app's end: every line is
 * flushed as it is written, so nothing waits in a buffer, and the events of one app come on several listener-bus
 * threads — a batch completing after the app's end (a queued DStream batch while the driver stops) must not
 * reopen, and so empty, a file already closed.
 */
public final class MetricsFolder {
    /** The Spark configuration key of the folder. */
    public static final String DIR_CONF = "spark.ssp.metrics.dir";
    /** The folder when {@value #DIR_CONF} is not set, relative to the driver's working directory. */
    public static final String DEFAULT_DIR = "ssp-metrics";
    /** A file's name: the job's name (letters, digits, '.', '_', '-'; the rest '_'), then the application id. */
    static final String FILE_PATTERN = "%s-%s.jsonl";

    private static final Logger LOG = LoggerFactory.getLogger(MetricsFolder.class);

    private final Path dir;
    private final Map<String, JsonLines.Writer> writers = new ConcurrentHashMap<>();
    private final AtomicBoolean failed = new AtomicBoolean();

    public MetricsFolder(Path dir) {
        this.dir = dir;
    }

    public static MetricsFolder of(SparkConf conf) {
        return new MetricsFolder(Path.of(conf.get(DIR_CONF, DEFAULT_DIR)));
    }

    public Path dir() {
        return dir;
    }

    /** The file of job {@code job} of application {@code appId}. */
    public static Path file(Path dir, String job, String appId) {
        return dir.resolve(String.format(FILE_PATTERN, safe(job), safe(appId)));
    }

    /** Appends {@code m} to its job's file; after the first failure, nothing. */
    public void write(String appId, BatchMetrics m) {
        if (failed.get()) return;
        try {
            writers.computeIfAbsent(m.job(), job -> open(file(dir, job, appId))).accept(m);
        } catch (RuntimeException | LinkageError e) {
            fail(e);
        }
    }

    /** Logs a listener's own failure once (also the folder's first one), never throws. */
    void fail(Throwable e) {
        if (failed.compareAndSet(false, true)) {
            String why = e.getCause() != null ? e.getCause().toString() : e.toString();
            LOG.warn(Messages.in(readerLanguage(), "listener.jar.cannotWrite", dir.toAbsolutePath(), why));
        }
    }

    /** The driver's user's language ({@value io.ssplab.core.Lang#ENV}, else the locale), English when unclear. */
    private static Lang readerLanguage() {
        try {
            return Lang.fromEnvironment(System.getenv());
        } catch (RuntimeException unclear) {
            return Lang.EN;
        }
    }

    private static JsonLines.Writer open(Path file) {
        try {
            return new JsonLines.Writer(file);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** A name as a file name: letters, digits, '.', '_' and '-' kept, anything else '_' (also for an application id). */
    public static String safe(String name) {
        return name == null || name.isBlank() ? "app" : name.replaceAll("[^A-Za-z0-9._-]", "_");
    }
}
