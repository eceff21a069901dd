package io.ssplab.recovery;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

import org.apache.spark.api.java.function.Function0;
import org.apache.spark.streaming.api.java.JavaStreamingContext;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import io.ssplab.accounting.Journal;
import io.ssplab.jobs.InvalidSpecException;
import io.ssplab.jobs.JobSpec;
import io.ssplab.run.RunOptions;
import io.ssplab.run.SourceEndpoint;

/**
 * Driver recovery for {@code run … --checkpoint DIR [--wal]}: checks the combination before Spark
 * starts, keeps a small manifest in DIR, and builds the streaming context with
 * {@link JavaStreamingContext#getOrCreate} — a new one the first time, the checkpointed one after the
 * driver died.
 *
 * <p>Why a manifest: Spark's checkpoint holds the streaming graph with the knobs baked into its
 * closures (batch interval, partitions, cost, source address). Started with other knobs, Spark would
 * silently resume the old job, or fail deep inside. The manifest lets us say which knob differs, in
 * one line, before anything starts.
 */
public final class CheckpointPlan {
    public static final String MANIFEST = "ssp-checkpoint.json";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    /**
     * What must not change between driver runs on one checkpoint.
     *
     * @param runs driver runs started on this checkpoint so far
     */
    public record Manifest(String job, String master, long batchIntervalMs, int partitions, double costMs, String costUnit,
                           String source, boolean wal, int runs) {
        static Manifest of(JobSpec spec, SourceEndpoint source, boolean wal, int runs) {
            return new Manifest(spec.job(), spec.master(), spec.batchIntervalMs(), spec.partitions(), spec.costMs(),
                    spec.costUnit().label(), source.toString(), wal, runs);
        }

        /** "partitions 4 (checkpoint) ≠ 8 (now)", one entry per knob that differs. */
        List<String> differences(Manifest now) {
            List<String> d = new ArrayList<>();
            differ(d, "job", job, now.job);
            differ(d, "master", master, now.master);
            differ(d, "batch interval (ms)", batchIntervalMs, now.batchIntervalMs);
            differ(d, "partitions", partitions, now.partitions);
            differ(d, "cost (ms)", costMs, now.costMs);
            differ(d, "cost unit", costUnit, now.costUnit);
            differ(d, "source", source, now.source);
            differ(d, "write-ahead log", wal ? "--wal" : "no --wal", now.wal ? "--wal" : "no --wal");
            return d;
        }

        private static void differ(List<String> d, String what, Object then, Object now) {
            if (!then.equals(now)) d.add(what + " " + then + " (checkpoint) ≠ " + now + " (now)");
        }
    }

    private final Path dir;
    private final Manifest manifest;
    private final Journal.History earlier;
    private final boolean resuming;

    private CheckpointPlan(Path dir, Manifest manifest, Journal.History earlier, boolean resuming) {
        this.dir = dir;
        this.manifest = manifest;
        this.earlier = earlier;
        this.resuming = resuming;
    }

    /**
     * Refuses what cannot work and records this run in the manifest; null without --checkpoint.
     *
     * @throws InvalidSpecException with the reason and the fix, before Spark starts
     */
    public static CheckpointPlan prepare(JobSpec spec, RunOptions options) {
        Path dir = options.reliability().checkpoint();
        if (dir == null) {
            if (options.reliability().wal())
                throw new InvalidSpecException("--wal needs --checkpoint DIR: the receiver's write-ahead log and the driver's checkpoint live there");
            return null;
        }
        if (options.source().embedded())
            throw new InvalidSpecException("--checkpoint needs a source that outlives the driver: an embedded source dies with it, and the "
                    + "checkpointed job reconnects to the old address; start 'bin/ssp source --format stamped' and pass --source 127.0.0.1:9999");
        if (Files.exists(dir) && !Files.isDirectory(dir))
            throw new InvalidSpecException("--checkpoint " + dir + " is a file: give a directory (it is created if missing)");
        Path manifestFile = dir.resolve(MANIFEST);
        try {
            Manifest previous = null;
            if (Files.exists(manifestFile)) {
                try {
                    previous = JSON.readValue(manifestFile.toFile(), Manifest.class);
                } catch (IOException e) {
                    throw new InvalidSpecException("--checkpoint " + dir + ": its " + MANIFEST + " cannot be read (" + e.getMessage()
                            + "): use a new directory");
                }
            } else if (Files.isDirectory(dir) && !isEmpty(dir)) {
                throw new InvalidSpecException("--checkpoint " + dir + " holds files but no " + MANIFEST
                        + ", so it was not written by 'bin/ssp run': use an empty or new directory");
            }
            Manifest now = Manifest.of(spec, options.source(), options.reliability().wal(), previous == null ? 1 : previous.runs() + 1);
            if (previous != null) {
                List<String> d = previous.differences(now);
                if (!d.isEmpty())
                    throw new InvalidSpecException("--checkpoint " + dir + " was written by another job or other knobs: " + String.join(", ", d)
                            + ": a checkpoint resumes the job exactly as it was; run it with the same options, or use a new directory");
            }
            Files.createDirectories(dir);
            JSON.writeValue(manifestFile.toFile(), now);
            Journal.History earlier = Journal.read(dir, now.runs());
            return new CheckpointPlan(dir, now, earlier, hasSparkCheckpoint(dir));
        } catch (IOException e) {
            throw new InvalidSpecException("--checkpoint " + dir + " cannot be used: " + e.getMessage());
        }
    }

    /** Spark writes checkpoint-TIME files; a driver that died before the first one left nothing to resume. */
    private static boolean hasSparkCheckpoint(Path dir) throws IOException {
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.anyMatch(p -> p.getFileName().toString().startsWith("checkpoint-"));
        }
    }

    private static boolean isEmpty(Path dir) throws IOException {
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.findAny().isEmpty();
        }
    }

    /** This driver run's number on the checkpoint: 1 the first time. */
    public int run() {
        return manifest.runs();
    }

    public Path dir() {
        return dir;
    }

    public boolean wal() {
        return manifest.wal();
    }

    public Journal.History earlier() {
        return earlier;
    }

    public Journal openJournal() {
        try {
            return new Journal(dir, manifest.runs());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The checkpointed context if DIR holds one, else {@code create}'s. Spark rebuilds the Spark
     * configuration from the checkpoint but drops the driver's addresses and takes them from system
     * properties only: they are set here, so a recovered driver binds loopback like a new one.
     */
    public JavaStreamingContext getOrCreate(Function0<JavaStreamingContext> create) {
        String bind = System.getenv().getOrDefault("SPARK_LOCAL_IP", "127.0.0.1");
        System.setProperty("spark.driver.bindAddress", bind);
        System.setProperty("spark.driver.host", bind);
        return JavaStreamingContext.getOrCreate(dir.toAbsolutePath().toString(), create);
    }

    /** One line for the run's banner. */
    public String describe() {
        return String.format(Locale.ROOT, "  checkpoint %s, driver run %d%s%s", dir, manifest.runs(),
                manifest.wal() ? ", receiver write-ahead log on" : ", no write-ahead log (data received but not processed is lost if the driver dies)",
                resuming ? ": resuming from the checkpoint" : manifest.runs() > 1 ? ": no checkpoint written yet, starting afresh" : "");
    }
}
