package io.ssplab.recovery;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.apache.spark.api.java.function.Function0;
import org.apache.spark.streaming.api.java.JavaStreamingContext;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.ssplab.accounting.Journal;
import io.ssplab.core.BadInputException;
import io.ssplab.core.Format;
import io.ssplab.core.Json;
import io.ssplab.core.Knobs;
import io.ssplab.core.Messages;

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
    private static final ObjectMapper JSON = Json.MAPPER;

    /**
     * What must not change between driver runs on one checkpoint: the knobs, the source, the log.
     *
     * @param runs driver runs started on this checkpoint so far
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Manifest(@JsonUnwrapped Knobs knobs, String source, boolean wal, int runs) {

        /** Flat in the file, like a summary: the knobs' fields beside source, wal and runs. */
        @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
        static Manifest fromJson(JsonNode node) throws IOException {
            return new Manifest(JSON.treeToValue(node, Knobs.class), node.path("source").asText(null), node.path("wal").asBoolean(),
                    node.path("runs").asInt());
        }

        /** "partitions 4 (checkpoint) ≠ 8 (now)", one entry per knob that differs, in the current language. */
        List<String> differences(Manifest now) {
            List<String> d = new ArrayList<>();
            Knobs a = knobs;
            Knobs b = now.knobs;
            differ(d, "job", a.job(), b.job(), String::valueOf);
            differ(d, "master", a.master(), b.master(), String::valueOf);
            differ(d, "batchInterval", a.batchInterval(), b.batchInterval(), Format::duration);
            differ(d, "partitions", a.partitions(), b.partitions(), String::valueOf);
            differ(d, "cost", a.cost(), b.cost(), Format::duration);
            differ(d, "costUnit", a.costUnit(), b.costUnit(), u -> u == null ? "–" : u.inWords());
            differ(d, "rate", a.linesPerSecond(), b.linesPerSecond(), Format::plain);
            differ(d, "wordsPerLine", a.wordsPerLine(), b.wordsPerLine(), String::valueOf);
            differ(d, "blockInterval", a.blockInterval(), b.blockInterval(), Format::duration);
            differ(d, "source", source, now.source, String::valueOf);
            differ(d, "wal", wal, now.wal, on -> on ? "--wal" : Messages.get("checkpoint.noWal"));
            return d;
        }

        /**
         * @param knob  names its label, message {@code checkpoint.knob.KNOB}
         * @param shown how a value is written for people (the values themselves are compared)
         */
        private static <T> void differ(List<String> d, String knob, T then, T now, java.util.function.Function<T, String> shown) {
            if (!java.util.Objects.equals(then, now))
                d.add(Messages.get("checkpoint.differs", Messages.get("checkpoint.knob." + knob), then == null ? "–" : shown.apply(then),
                        now == null ? "–" : shown.apply(now)));
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
     * @throws BadInputException with the reason and the fix, before Spark starts
     */
    public static CheckpointPlan prepare(Knobs knobs, String source, boolean embeddedSource, Path dir, boolean wal) {
        if (dir == null) {
            if (wal) throw new BadInputException(Messages.get("checkpoint.walNeedsCheckpoint"));
            return null;
        }
        if (embeddedSource) throw new BadInputException(Messages.get("checkpoint.needsExternalSource"));
        if (Files.exists(dir) && !Files.isDirectory(dir)) throw new BadInputException(Messages.get("checkpoint.isAFile", dir));
        Path manifestFile = dir.resolve(MANIFEST);
        try {
            Manifest previous = null;
            if (Files.exists(manifestFile)) {
                try {
                    previous = JSON.readValue(manifestFile.toFile(), Manifest.class);
                } catch (IOException e) {
                    throw new BadInputException(Messages.get("checkpoint.manifestUnreadable", dir, MANIFEST, e.getMessage()));
                }
            } else if (Files.isDirectory(dir) && !isEmpty(dir)) {
                throw new BadInputException(Messages.get("checkpoint.notOurs", dir, MANIFEST));
            }
            Manifest now = new Manifest(knobs, source, wal, previous == null ? 1 : previous.runs() + 1);
            if (previous != null) {
                List<String> d = previous.differences(now);
                if (!d.isEmpty()) throw new BadInputException(Messages.get("checkpoint.otherKnobs", dir, String.join(", ", d)));
            }
            Files.createDirectories(dir);
            JSON.writeValue(manifestFile.toFile(), now);
            Journal.History earlier = Journal.read(dir, now.runs());
            return new CheckpointPlan(dir, now, earlier, hasSparkCheckpoint(dir));
        } catch (IOException e) {
            throw new BadInputException(Messages.get("checkpoint.cannotUse", dir, e.getMessage()));
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
        return Messages.get("checkpoint.banner", dir, manifest.runs(), Messages.get(manifest.wal() ? "checkpoint.walOn" : "checkpoint.walOff"),
                resuming ? Messages.get("checkpoint.resuming") : manifest.runs() > 1 ? Messages.get("checkpoint.afresh") : "");
    }
}
