package io.ssplab.jobs.kafka;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.streaming.StreamingQuery;
import org.apache.spark.sql.streaming.Trigger;

import io.ssplab.accounting.LatencyHistogram;
import io.ssplab.core.Columns;
import io.ssplab.core.Format;
import io.ssplab.core.Messages;
import io.ssplab.kafka.KafkaAdmin;
import io.ssplab.kafka.KafkaLineProducer;
import io.ssplab.kafka.LatencyProbe;
import io.ssplab.run.StopSignal;

/**
 * {@code bin/ssp kafka real-time}: the same stateless query ({@link RealTimeWords}) on the same broker, first
 * with a micro-batch trigger, then in real-time mode, at the same input rate; a consumer of each output
 * topic measures end-to-end latency ({@link LatencyProbe}); the two rows side by side, then why they differ.
 * If Spark refuses real-time mode for this setup, its row shows the refusal (the exception's first line)
 * instead of numbers.
 *
 * <p>Arithmetic, and what to expect. Micro-batch with {@code ProcessingTime(0)}: the next batch starts as soon
 * as the last one ends; a line waits for the batch that picks it up (up to one batch duration D), then the
 * whole batch (D): latency between D and 2·D, with D ≈ 0.3–1 s of fixed work per batch on a 2-core machine
 * (offsets, planning, the offset log and the commit in the checkpoint, task launch). Real-time mode: one
 * batch lasts {@value #REAL_TIME_INTERVAL}; its tasks keep running and pass each record on as it arrives, so
 * a line's latency is the poll and the send, milliseconds; at each batch boundary the checkpoint is written
 * and the tasks start again, and lines arriving then wait for that (the tail: p95 and max).
 */
public final class RealTimeAct {
    public static final Duration DEFAULT_MEASURE = Duration.ofSeconds(20);
    public static final int DEFAULT_RATE = 200;
    /** --duration, the measurement per mode: at least one real-time batch's worth, at most a coffee break. */
    public static final io.ssplab.core.Range MEASURE = io.ssplab.core.Range.ofMillis("--duration", 5_000, 600_000, "20s");
    /** Real-time mode's batch length: the checkpoint interval (Spark's default is 5 minutes; its minimum 5 s). */
    public static final String REAL_TIME_INTERVAL = "10 seconds";
    static final int PARTITIONS = 2;
    /** One slot per topic partition: real-time mode keeps a task running on each for the whole batch. */
    static final String MASTER = "local[" + PARTITIONS + "]";
    /** The first output record must come within this (a query's start on a busy machine). */
    static final Duration READY_TIMEOUT = Duration.ofSeconds(120);
    /**
     * After the producer stops, the probe waits until the output holds a line due in the producer's last
     * second and then no record came for {@link #QUIET_MS} (the rest of that batch), or {@link #DRAIN_MAX}:
     * a micro-batch on a busy machine may take several seconds to deliver its last batch.
     */
    static final long QUIET_MS = 1000;
    static final Duration DRAIN_MAX = Duration.ofSeconds(60);

    /** The two ways to run the query. */
    public enum Mode {
        MICRO_BATCH, REAL_TIME;

        Trigger trigger() {
            return this == REAL_TIME ? Trigger.RealTime(REAL_TIME_INTERVAL) : Trigger.ProcessingTime(0);
        }

        public String label() {
            return Messages.get(this == REAL_TIME ? "rt.mode.realTime" : "rt.mode.microBatch");
        }
    }

    /**
     * One mode's measurement.
     *
     * @param records  output records measured (one per word of the lines due during the measurement)
     * @param refusal  Spark's refusal (exception class and first line), or null when the query ran
     */
    public record Row(Mode mode, long records, Double p50Ms, Double p95Ms, Double maxMs, String refusal) {
    }

    private RealTimeAct() {
    }

    /** Runs both modes, prints the table and the explanation; the rows for a caller. */
    public static List<Row> run(String bootstrap, Duration measure, double rate, PrintStream out, StopSignal stop) throws Exception {
        out.println(Messages.get("rt.banner", bootstrap, Format.plain(rate), Format.duration(measure), PARTITIONS, MASTER));
        List<Row> rows = new ArrayList<>();
        SparkSession spark = KafkaSession.start("ssp-kafka-real-time", MASTER, PARTITIONS, -1);
        Runnable restoreLogging = silenceStopChatter();
        try {
            for (Mode mode : Mode.values()) {
                if (stop.requested()) break;
                rows.add(measure(spark, bootstrap, mode, measure, rate, out, stop));
            }
        } finally {
            spark.stop();
            restoreLogging.run();
        }
        print(rows, out);
        return rows;
    }

    private static Row measure(SparkSession spark, String bootstrap, Mode mode, Duration measure, double rate, PrintStream out, StopSignal stop)
            throws Exception {
        String id = UUID.randomUUID().toString().substring(0, 8);
        String in = "ssp-real-time-in-" + id;
        String outTopic = "ssp-real-time-out-" + id;
        try (KafkaAdmin admin = KafkaAdmin.connect(bootstrap)) {
            admin.ensureTopic(in, PARTITIONS);
            admin.ensureTopic(outTopic, PARTITIONS);
        }
        out.println(Messages.get("rt.starting", mode.label(), in, outTopic));
        Path checkpoint = Files.createTempDirectory("ssp-real-time-");
        StreamingQuery query = null;
        long lastDueMs;
        try (LatencyProbe probe = LatencyProbe.start(bootstrap, outTopic)) {
            try {
                query = RealTimeWords.query(spark, bootstrap, in, outTopic, mode.trigger(), checkpoint.toString()).start();
            } catch (Exception refused) {
                return refused(mode, refused, out);
            }
            try (KafkaLineProducer producer = KafkaLineProducer.start(ExactlyOnceLesson.producerConfig(rate), bootstrap, in)) {
                long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
                while (probe.seen() == 0) {
                    if (query.exception().isDefined()) return refused(mode, query.exception().get(), out);
                    if (System.nanoTime() > deadline) throw new IllegalStateException(Messages.get("rt.notReady", mode.label(), READY_TIMEOUT.toSeconds()));
                    if (stop.await(100) != null) return new Row(mode, 0, null, null, null, stop.reason());
                }
                probe.measureFrom(System.currentTimeMillis());
                out.println(Messages.get("rt.measuring", mode.label(), Format.duration(measure)));
                stop.await(measure.toMillis());
                lastDueMs = System.currentTimeMillis() - 1000;
            }
            long drainEnd = System.nanoTime() + DRAIN_MAX.toNanos();
            while (System.nanoTime() < drainEnd && !stop.requested()
                    && (probe.maxSentMs() < lastDueMs || System.nanoTime() - probe.lastSeenNanos() < QUIET_MS * 1_000_000L)) Thread.sleep(100);
            if (query.exception().isDefined()) return refused(mode, query.exception().get(), out);
            LatencyHistogram l = probe.latency();
            return new Row(mode, l.count(), nullIfNaN(l.percentile(50)), nullIfNaN(l.percentile(95)), nullIfNaN(l.max()), null);
        } finally {
            if (query != null) stopQuietly(query);
            deleteTree(checkpoint);
        }
    }

    /** The refusal as evidence: the exception's class and the first line of its message. */
    static Row refused(Mode mode, Throwable e, PrintStream out) {
        String msg = e.getMessage() == null ? "" : e.getMessage().strip();
        int nl = msg.indexOf('\n');
        String line = e.getClass().getSimpleName() + ": " + (nl < 0 ? msg : msg.substring(0, nl));
        out.println(Messages.get("rt.refusedNow", mode.label(), line));
        return new Row(mode, 0, null, null, null, line);
    }

    static void print(List<Row> rows, PrintStream out) {
        List<String> header = List.of(Messages.get("rt.col.mode"), Messages.get("rt.col.records"), "p50", "p95", Messages.get("rt.col.max"));
        List<List<String>> cells = new ArrayList<>();
        for (Row r : rows) {
            cells.add(r.refusal() != null ? List.of(r.mode().label(), Messages.get("rt.refused", r.refusal()))
                    : List.of(r.mode().label(), Format.integer(r.records()), ms(r.p50Ms()), ms(r.p95Ms()), ms(r.maxMs())));
        }
        Columns c = new Columns(List.of(Columns.Align.LEFT, Columns.Align.RIGHT, Columns.Align.RIGHT, Columns.Align.RIGHT, Columns.Align.RIGHT),
                new int[] {12, 8, 8, 8, 8}, "  ").fit(header);
        cells.stream().filter(row -> row.size() == header.size()).forEach(c::fit);
        out.println();
        out.println(Messages.get("rt.tableTitle"));
        out.println(c.line(header));
        for (List<String> row : cells) out.println(c.line(row));
        out.println();
        Row mb = rows.stream().filter(r -> r.mode() == Mode.MICRO_BATCH).findFirst().orElse(null);
        Row rt = rows.stream().filter(r -> r.mode() == Mode.REAL_TIME).findFirst().orElse(null);
        out.println(Messages.get("rt.explain.microBatch"));
        if (rt != null && rt.refusal() != null) {
            out.println(Messages.get("rt.explain.refused", rt.refusal()));
        } else {
            out.println(Messages.get("rt.explain.realTime", REAL_TIME_INTERVAL));
            if (mb != null && mb.p50Ms() != null && rt != null && rt.p50Ms() != null && rt.p50Ms() > 0)
                out.println(Messages.get("rt.explain.ratio", Format.fixed(mb.p50Ms() / rt.p50Ms(), 0)));
        }
        out.println(Messages.get("rt.explain.rules"));
    }

    private static String ms(Double v) {
        return v == null ? "–" : Messages.get("rt.ms", Format.integer(Math.round(v)));
    }

    private static Double nullIfNaN(double v) {
        return Double.isNaN(v) ? null : v;
    }

    /**
     * Loggers that report the tasks a stop cancels on purpose (a real-time batch's tasks never end by
     * themselves: stopping interrupts them, and Spark logs each abort as an ERROR with a stack trace, also
     * after stop() returned). Off while the act runs: a real failure still ends the query, and its
     * exception is what the act reports.
     */
    static final List<String> STOP_CHATTER = List.of("org.apache.spark.sql.execution.datasources.v2.WriteToDataSourceV2Exec",
            "org.apache.spark.sql.execution.datasources.v2.DataWritingSparkTask", "org.apache.spark.util.Utils",
            "org.apache.spark.scheduler.TaskSchedulerImpl");

    private static void stopQuietly(StreamingQuery q) {
        try {
            q.stop();
        } catch (Exception ignored) {
            // a query that failed or was interrupted: its tasks are gone either way
        }
    }

    /** Turns {@link #STOP_CHATTER} off; the returned action puts the levels back. */
    private static Runnable silenceStopChatter() {
        java.util.Map<String, org.apache.logging.log4j.Level> before = new java.util.HashMap<>();
        for (String name : STOP_CHATTER) {
            before.put(name, org.apache.logging.log4j.LogManager.getLogger(name).getLevel());
            org.apache.logging.log4j.core.config.Configurator.setLevel(name, org.apache.logging.log4j.Level.OFF);
        }
        return () -> before.forEach(org.apache.logging.log4j.core.config.Configurator::setLevel);
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> all = Files.walk(dir)) {
            all.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
