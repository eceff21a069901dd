package io.ssplab.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import io.ssplab.core.BatchMetrics;
import io.ssplab.core.CostUnit;
import io.ssplab.core.Knobs;
import io.ssplab.metrics.JsonLines;
import io.ssplab.core.RunSummary;
import io.ssplab.metrics.Summarizer;

/**
 * Recorded runs without Spark: batches simulated the way Spark's scheduler queues them (a batch starts
 * when it is cut or when the one before ends, whichever is later), with the lesson's numbers.
 */
public final class SyntheticRuns {
    /** 2026-01-05 09:00:00 UTC: batch times are epoch ms on whole BI boundaries, as Spark's are. */
    static final long T0 = 1_767_603_600_000L;

    private SyntheticRuns() {
    }

    /**
     * @param ptMs     typical processing time; each batch varies by ±jitterMs
     * @param records  lines per batch after the first (the first batch gets a third: the receiver was connecting)
     */
    public static List<BatchMetrics> simulate(String job, int n, long biMs, long ptMs, long jitterMs, long records, long seed) {
        Random random = new Random(seed);
        List<BatchMetrics> batches = new ArrayList<>();
        long previousEnd = T0;
        for (int i = 0; i < n; i++) {
            long cut = T0 + i * biMs;
            long start = Math.max(cut, previousEnd);
            long pt = Math.max(1, ptMs + (jitterMs == 0 ? 0 : random.nextLong(-jitterMs, jitterMs + 1)));
            long end = start + pt;
            long cutByEnd = (end - T0) / biMs; // index of the last batch cut by the time this one ends
            int queued = (int) Math.max(0, cutByEnd - i);
            long r = i == 0 ? records / 3 : records;
            batches.add(new BatchMetrics(job, cut, biMs, r, r * 1000.0 / biMs, pt, start - cut, end - cut, queued));
            previousEnd = end;
        }
        return batches;
    }

    /** Knobs as a recorded summary holds them: the classroom source (140 lines/s, 3 words per line), NaN cost for "not recorded". */
    public static Knobs knobs(String job, String master, int partitions, double costMs, String unit, long biMs) {
        return new Knobs(job, master, Duration.ofMillis(biMs), partitions, Double.isNaN(costMs) ? null : Duration.ofNanos(Math.round(costMs * 1e6)),
                CostUnit.parse(unit), Knobs.DEFAULT_RATE, Knobs.DEFAULT_WORDS_PER_LINE, Knobs.DEFAULT_BLOCK_INTERVAL);
    }

    public static RunSummary summary(String job, String master, int partitions, double costMs, List<BatchMetrics> batches) {
        return Summarizer.summarize(knobs(job, master, partitions, costMs, "word", batches.get(0).batchIntervalMs()), batches);
    }

    /** phase1: Spark's overhead only. */
    public static List<BatchMetrics> phase1(int n) {
        return simulate("phase1", n, 2000, 260, 40, 280, 1);
    }

    /** phase2: PT ≈ 1.26 × BI, the scheduling delay climbs ≈ 0.5 s per batch. */
    public static List<BatchMetrics> phase2(int n) {
        return simulate("phase2", n, 2000, 2520, 120, 280, 2);
    }

    /** phase3: PT ≈ 0.7 × BI. */
    public static List<BatchMetrics> phase3(int n) {
        return simulate("phase3", n, 2000, 1390, 120, 280, 3);
    }

    /** A run as the loader would give it, with recorded knobs. */
    public static RecordedRun recorded(String job, String master, int partitions, double costMs, String unit, List<BatchMetrics> batches) {
        RunSummary s = Summarizer.summarize(knobs(job, master, partitions, costMs, unit, batches.get(0).batchIntervalMs()), batches);
        return new RecordedRun(job, Path.of(job + ".jsonl"), batches, s, true, List.of());
    }

    /** phase2's knobs (local[4], P=4, 5.4 ms/word) on the given batches. */
    public static RecordedRun recorded(String job, List<BatchMetrics> batches) {
        return recorded(job, "local[4]", 4, 5.4, "word", batches);
    }

    /** A directory as {@code bin/ssp demo} leaves it: phase1..3.jsonl and summary.json. */
    public static Path demoDir(Path dir, int batchesPerAct) throws IOException {
        Files.createDirectories(dir);
        List<RunSummary> summaries = new ArrayList<>();
        List<BatchMetrics> p1 = phase1(batchesPerAct);
        List<BatchMetrics> p2 = phase2(batchesPerAct);
        List<BatchMetrics> p3 = phase3(batchesPerAct);
        writeJsonl(dir.resolve("phase1.jsonl"), p1);
        writeJsonl(dir.resolve("phase2.jsonl"), p2);
        writeJsonl(dir.resolve("phase3.jsonl"), p3);
        summaries.add(summary("phase1", "local[4]", 4, 0, p1));
        summaries.add(summary("phase2", "local[4]", 4, 5.4, p2));
        summaries.add(summary("phase3", "local[8]", 8, 5.4, p3));
        io.ssplab.core.Json.write(dir.resolve("summary.json"), summaries);
        return dir;
    }

    public static void writeJsonl(Path file, List<BatchMetrics> batches) throws IOException {
        try (JsonLines.Writer w = new JsonLines.Writer(file)) {
            batches.forEach(w);
        }
    }

    /** Appends raw text, e.g. a line cut short. */
    public static void append(Path file, String text) throws IOException {
        Files.writeString(file, text, StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.APPEND);
    }

    /** Writes a demo directory for looking at by hand: {@code SyntheticRuns DIR}. */
    public static void main(String[] args) throws IOException {
        demoDir(Path.of(args[0]), args.length > 1 ? Integer.parseInt(args[1]) : 12);
    }
}
