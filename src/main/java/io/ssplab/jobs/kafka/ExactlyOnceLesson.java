package io.ssplab.jobs.kafka;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Stream;

import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.streaming.StreamingQuery;

import com.fasterxml.jackson.databind.JsonNode;

import io.ssplab.accounting.ExactlyOnceAccount;
import io.ssplab.accounting.SeqRanges;
import io.ssplab.core.BadInputException;
import io.ssplab.core.Format;
import io.ssplab.core.Json;
import io.ssplab.core.Lang;
import io.ssplab.core.Messages;
import io.ssplab.kafka.KafkaAdmin;
import io.ssplab.kafka.KafkaLineProducer;
import io.ssplab.kafka.TopicReadback;
import io.ssplab.run.StopSignal;
import io.ssplab.source.LineFormat;
import io.ssplab.source.SourceConfig;

/**
 * {@code bin/ssp kafka exactly-once --checkpoint DIR --out DIR}: produces a fixed number of stamped lines
 * into a topic of its own while {@link ExactlyOnceWordCount} counts them, stops once every line in the
 * topic is in a committed batch, then proves it: the output read back against the topic read back
 * ({@link ExactlyOnceAccount}). Killed with {@code kill -9} at any moment, the same command again
 * resumes: the checkpoint replays the unfinished batch, the producer sends only what the topic still
 * lacks (a new producer stream: the killed one's counters died with it, the topic did not), and the
 * summary covers every driver run.
 *
 * <p>The checkpoint directory holds, beside Spark's offsets/ and commits/, a small manifest: the topic
 * (drawn on the first run), the output directory, the line budget and the partitions. They must not
 * change between the runs of one checkpoint; another value is refused in one line before anything starts.
 */
public final class ExactlyOnceLesson {
    public static final String MANIFEST = "ssp-exactly-once.json";
    public static final String SUMMARY = "exactly-once.json";
    public static final long DEFAULT_LINES = 20_000;
    /** --lines: enough for a few batches, and few enough that the read-back stays seconds. */
    public static final io.ssplab.core.Range LINES = new io.ssplab.core.Range("--lines", 100, 1_000_000, "20000");
    public static final int DEFAULT_RATE = 500;
    public static final int DEFAULT_PARTITIONS = 2;
    /** Two task slots for a two-partition topic: one task per Kafka partition, no waiting. */
    static final String MASTER = "local[2]";
    /** After the producer is done, the query gets this long to commit the last line (a busy machine, a restart's backlog). */
    static final Duration CATCH_UP = Duration.ofMinutes(3);

    /**
     * @param lines      lines the topic holds in the end, over all runs
     * @param rate       lines per second the producer sends
     */
    public record Settings(String bootstrap, Path checkpoint, Path out, long lines, double rate, int partitions) {
    }

    /** What must stay the same over the runs of one checkpoint; {@code runs} counts them. */
    public record Manifest(String topic, String out, long lines, int partitions, int runs) {
    }

    /** The checked settings, this run's manifest, and what the checkpoint says about the last batch. */
    public record Plan(Settings settings, Manifest manifest, Long lastPlanned, Long lastCommitted) {
        /** The batch a killed driver left unfinished (planned, not committed): it runs again first. */
        public Long replayed() {
            return lastPlanned != null && !lastPlanned.equals(lastCommitted) ? lastPlanned : null;
        }
    }

    /** What the run found. */
    public record Result(ExactlyOnceAccount account, int driverRuns, Long replayedBatch, long producedThisRun, String topic) {
    }

    private ExactlyOnceLesson() {
    }

    /** Refuses what cannot work and records this run in the manifest: before Spark starts. */
    public static Plan prepare(Settings s) {
        Path dir = s.checkpoint();
        if (Files.exists(dir) && !Files.isDirectory(dir)) throw new BadInputException(Messages.get("eo.bad.checkpointFile", dir));
        Path file = dir.resolve(MANIFEST);
        String out = s.out().toAbsolutePath().normalize().toString();
        try {
            Manifest previous = null;
            if (Files.exists(file)) {
                try {
                    previous = Json.MAPPER.readValue(file.toFile(), Manifest.class);
                } catch (IOException e) {
                    throw new BadInputException(Messages.get("eo.bad.manifest", file, e.getMessage()));
                }
                if (!previous.out().equals(out)) throw new BadInputException(Messages.get("eo.bad.otherOut", dir, previous.out(), out));
                if (previous.lines() != s.lines())
                    throw new BadInputException(Messages.get("eo.bad.other", dir, "--lines", previous.lines(), s.lines()));
                if (previous.partitions() != s.partitions())
                    throw new BadInputException(Messages.get("eo.bad.other", dir, "--partitions", previous.partitions(), s.partitions()));
            } else if (Files.isDirectory(dir) && !isEmpty(dir)) {
                throw new BadInputException(Messages.get("eo.bad.notOurs", dir, MANIFEST));
            } else if (Files.isDirectory(s.out()) && !isEmpty(s.out())) {
                throw new BadInputException(Messages.get("eo.bad.outNotEmpty", s.out()));
            }
            String topic = previous != null ? previous.topic() : "ssp-exactly-once-" + UUID.randomUUID().toString().substring(0, 8);
            Manifest now = new Manifest(topic, out, s.lines(), s.partitions(), previous == null ? 1 : previous.runs() + 1);
            Files.createDirectories(dir);
            Files.createDirectories(s.out());
            Json.write(file, now);
            return new Plan(s, now, last(dir.resolve("offsets")), last(dir.resolve("commits")));
        } catch (IOException e) {
            throw new BadInputException(Messages.get("eo.bad.cannotUse", dir, e.getMessage()));
        }
    }

    /** Runs the lesson: prints its lines to {@code out}, writes OUT/exactly-once.json. */
    public static Result run(Plan plan, PrintStream out, StopSignal stop) throws Exception {
        Settings s = plan.settings();
        Manifest m = plan.manifest();
        long inTopic;
        try (KafkaAdmin admin = KafkaAdmin.connect(s.bootstrap())) {
            admin.ensureTopic(m.topic(), m.partitions());
            inTopic = sum(admin.endOffsets(m.topic()));
        }
        out.println(Messages.get("eo.banner", m.topic(), m.partitions(), s.bootstrap(), s.checkpoint(), m.runs(), s.out()));
        if (plan.replayed() != null) out.println(Messages.get("eo.replay", plan.replayed()));
        else if (plan.lastCommitted() != null) out.println(Messages.get("eo.resume", plan.lastCommitted()));
        long remaining = Math.max(0, m.lines() - inTopic);
        out.println(remaining > 0
                ? Messages.get("eo.producing", Format.integer(remaining), Format.plain(s.rate()), Format.integer(inTopic), Format.integer(m.lines()))
                : Messages.get("eo.nothingToProduce", Format.integer(inTopic)));
        out.println(Messages.get("eo.killHint", ProcessHandle.current().pid()));

        SparkSession spark = KafkaSession.start("ssp-kafka-exactly-once", MASTER, m.partitions(), -1);
        StreamingQuery query = null;
        KafkaLineProducer producer = null;
        long produced = 0;
        try {
            String outDir = s.out().toAbsolutePath().toString();
            query = ExactlyOnceWordCount.query(spark, s.bootstrap(), m.topic(), s.checkpoint().toAbsolutePath().toString(), outDir,
                    (id, n) -> out.println(Messages.get("eo.batch", id, Format.integer(n), ExactlyOnceWordCount.NAIVE,
                            ExactlyOnceWordCount.SEQS + "/" + ExactlyOnceWordCount.BATCH_DIR + id,
                            ExactlyOnceWordCount.COUNTS + "/" + ExactlyOnceWordCount.BATCH_DIR + id))).start();
            if (remaining > 0) producer = KafkaLineProducer.start(producerConfig(s.rate()), s.bootstrap(), m.topic(), remaining);
            long deadline = Long.MAX_VALUE;
            try (KafkaAdmin admin = KafkaAdmin.connect(s.bootstrap())) {
                while (true) {
                    String why = stop.await(250);
                    if (why != null) {
                        out.println(Messages.get("eo.stopped", why));
                        return null;
                    }
                    if (query.exception().isDefined()) throw query.exception().get();
                    if (producer != null && producer.awaitFinished(Duration.ZERO)) {
                        producer.close();
                        produced = producer.sent();
                        out.println(Messages.get("eo.produced", Format.integer(produced), producer.id() + ":0"));
                        producer = null;
                    }
                    if (producer != null) continue;
                    if (deadline == Long.MAX_VALUE) deadline = System.nanoTime() + CATCH_UP.toNanos();
                    Map<Integer, Long> end = admin.endOffsets(m.topic());
                    Map<Integer, Long> done = committedOffsets(s.checkpoint(), m.topic());
                    if (end.entrySet().stream().allMatch(e -> done.getOrDefault(e.getKey(), 0L) >= e.getValue())) break;
                    if (System.nanoTime() > deadline) throw new IllegalStateException(Messages.get("eo.notCaughtUp", CATCH_UP.toSeconds(),
                            Format.integer(sum(done)), Format.integer(sum(end))));
                }
            }
            query.stop();
            out.println(Messages.get("eo.caughtUp"));
            ExactlyOnceAccount.Side topic = TopicReadback.read(s.bootstrap(), m.topic());
            ExactlyOnceAccount account = ExactlyOnceAccount.of(topic, readSide(spark, s.out().resolve(ExactlyOnceWordCount.SEQS), s.out()),
                    batches(s.out().resolve(ExactlyOnceWordCount.SEQS)), readSide(spark, s.out().resolve(ExactlyOnceWordCount.NAIVE), null));
            Result result = new Result(account, m.runs(), plan.replayed(), produced, m.topic());
            Path summary = s.out().resolve(SUMMARY);
            Json.write(summary, result);
            out.println();
            for (String line : account.lines(Lang.current(), m.runs())) out.println(line);
            out.println(Messages.get("eo.summaryFile", summary));
            return result;
        } finally {
            if (producer != null) producer.close();
            if (query != null) {
                try {
                    query.stop();
                } catch (Exception ignored) {
                    // stopping a query that failed
                }
            }
            spark.stop();
        }
    }

    /** Our generator's stamped lines, at the lesson's rate. */
    static SourceConfig producerConfig(double rate) {
        return new SourceConfig(SourceConfig.DEFAULT_HOST, 0, rate, SourceConfig.DEFAULT_WORDS_PER_LINE, SourceConfig.DEFAULT_VOCABULARY,
                SourceConfig.DEFAULT_SEED, Duration.ZERO, LineFormat.STAMPED);
    }

    /**
     * The sink's rows read back: per producer stream the sequence numbers, the rows (repeats counted), and,
     * with {@code countsOf} the output directory, the per-batch word counts summed.
     */
    static ExactlyOnceAccount.Side readSide(SparkSession spark, Path dir, Path countsOf) {
        Map<String, SeqRanges> streams = new TreeMap<>();
        Map<String, Long> words = new HashMap<>();
        long rows = 0;
        if (Files.isDirectory(dir)) {
            Iterator<Row> it = spark.read().schema(ExactlyOnceWordCount.SEQ_SCHEMA).json(dir.toString()).select(ExactlyOnceWordCount.STREAM, ExactlyOnceWordCount.SEQ).toLocalIterator();
            while (it.hasNext()) {
                Row r = it.next();
                rows++;
                if (!r.isNullAt(1) && r.getLong(1) >= 0) streams.computeIfAbsent(r.getString(0), k -> new SeqRanges()).add(r.getLong(1));
            }
        }
        Path counts = countsOf == null ? null : countsOf.resolve(ExactlyOnceWordCount.COUNTS);
        if (counts != null && Files.isDirectory(counts)) {
            List<Row> summed = spark.read().schema(ExactlyOnceWordCount.COUNT_SCHEMA).json(counts.toString()).groupBy(ExactlyOnceWordCount.WORD).sum(ExactlyOnceWordCount.COUNT).collectAsList();
            for (Row r : summed) words.put(r.getString(0), r.getLong(1));
        }
        return new ExactlyOnceAccount.Side(streams, rows, words);
    }

    /** Batch directories under seqs/. */
    static int batches(Path seqs) throws IOException {
        if (!Files.isDirectory(seqs)) return 0;
        try (Stream<Path> d = Files.list(seqs)) {
            return (int) d.filter(p -> p.getFileName().toString().startsWith(ExactlyOnceWordCount.BATCH_DIR)).count();
        }
    }

    /**
     * Per Kafka partition, the end of the last committed batch's range: offsets/N of the highest N that
     * has commits/N. Spark's log format: a version line, the batch's metadata, then one JSON line per source
     * ({@code {"topic":{"0":123,"1":118}}}).
     */
    static Map<Integer, Long> committedOffsets(Path checkpoint, String topic) throws IOException {
        Long n = last(checkpoint.resolve("commits"));
        Map<Integer, Long> offsets = new TreeMap<>();
        if (n == null) return offsets;
        List<String> lines = Files.readAllLines(checkpoint.resolve("offsets").resolve(String.valueOf(n)));
        JsonNode source = Json.MAPPER.readTree(lines.get(lines.size() - 1)).path(topic);
        source.fields().forEachRemaining(e -> offsets.put(Integer.valueOf(e.getKey()), e.getValue().asLong()));
        return offsets;
    }

    /** The highest batch number logged in a checkpoint's offsets/ or commits/, or null. */
    static Long last(Path log) {
        if (!Files.isDirectory(log)) return null;
        try (Stream<Path> files = Files.list(log)) {
            Optional<Long> max = files.map(p -> p.getFileName().toString()).filter(n -> n.matches("\\d+")).map(Long::valueOf).max(Long::compare);
            return max.orElse(null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static long sum(Map<Integer, Long> offsets) {
        return offsets.values().stream().mapToLong(Long::longValue).sum();
    }

    private static boolean isEmpty(Path dir) throws IOException {
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.findAny().isEmpty();
        }
    }
}
