package io.ssplab.sweep;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import io.ssplab.core.Api;
import io.ssplab.core.CostUnit;
import io.ssplab.core.Format;
import io.ssplab.core.Knobs;
import io.ssplab.core.Lang;
import io.ssplab.core.Messages;
import io.ssplab.core.RunSummary;
import io.ssplab.core.Verdict;
import io.ssplab.jobs.structured.Overload;
import io.ssplab.model.Overhead;
import io.ssplab.model.StructuredModel;
import io.ssplab.model.StructuredPrediction;
import io.ssplab.pipeline.StructuredJob;
import io.ssplab.run.RunLimits;
import io.ssplab.run.RunOptions;
import io.ssplab.run.SourceEndpoint;
import io.ssplab.run.StopSignal;
import io.ssplab.run.StructuredRunner;

/**
 * Runs {@code sweep --api structured}: every cell of the grid in turn as a Structured Streaming query (the
 * structured lessons' pipeline: repartition(P), a wait per line, split, count; spark.sql.shuffle.partitions = P),
 * one SparkSession at a time, each on an embedded source of its own. Before each query the structured model
 * predicts its regime and settled batch duration; after it, the query's median duration and verdict are set
 * beside them.
 *
 * <p>Before the first cell, unless told not to, a zero-cost query on {@code local[2]}, P = 2 warms the JVM up and
 * measures o, Spark's own time per micro-batch, as the structured demo's baseline does: the cells are predicted
 * with it. Without it, the lab's default o.
 */
public final class QuerySweepRunner {
    /** Spark's start and stop and the source connecting, per cell, in seconds. */
    static final double STARTUP_SECONDS = 10;
    /** Batches a cell needs before its measured ones: batch 0 (empty) and the first full one. */
    static final int LEAD_BATCHES = 2;
    /** Batches the warm-up query measures o on: its verdict judges the last 6, once the JIT has warmed up (the first query of a JVM is slower for a while). */
    static final int WARM_UP_BATCHES = 8;
    /**
     * The setting the warm-up measures o on: the structured baseline's, with a cost per line whose waits dominate its
     * tasks as in the grid's cells (a·r·T ≈ 0.84 s at 140 lines/s and 2 s, on time), because o is what a costed batch
     * takes beyond its cost, and less of Spark's work shows when tasks wait: on a quiet 2-core machine o measured
     * 0.55–0.6 s with no cost or 2 ms per line, 0.45–0.5 s at 4–11 ms per line (docs/planner.md).
     */
    static final SweepCell WARM_UP_CELL = new SweepCell(2, 2, Duration.ofMillis(6));
    /** Every cell runs the structured lessons' pipeline with the cell's cost per line. */
    private static final StructuredJob JOB = new Overload();

    private final PrintStream progress;
    private final boolean warmUp;
    private final StopSignal stop = new StopSignal();

    public QuerySweepRunner(PrintStream progress, boolean warmUp) {
        this.progress = progress;
        this.warmUp = warmUp;
    }

    /** Stops the query that runs now and the sweep after it; safe from any thread (Ctrl-C). */
    public void requestStop(String why) {
        stop.request(why);
    }

    /** The knobs of one cell: the shared trigger, rate and words, the cell's master, P and cost per line. */
    public static Knobs specFor(Knobs base, SweepCell cell) {
        return base.withJob("sweep").withMaster(cell.master()).withPartitions(cell.partitions()).withCost(cell.cost())
                .withCostUnit(CostUnit.LINE).withApi(Api.STRUCTURED);
    }

    /** The structured model's prediction for one cell, with overhead {@code o}. */
    public static StructuredPrediction predict(Overhead o, Knobs base, SweepCell cell) {
        Knobs k = specFor(base, cell);
        return new StructuredModel(o).predictQuery(StructuredModel.workload(k, null, cell.cores()));
    }

    /** A cell's expected wall time: Spark's start and stop, then its batches, each max(T, D); a growing one's first batches. */
    static double estimatedSeconds(StructuredPrediction p, int batches) {
        double t = p.triggerMs() / 1000.0;
        int n = batches + LEAD_BATCHES;
        if (p.verdict() != Verdict.UNSTABLE) return STARTUP_SECONDS + n * Math.max(t, p.durationMs() / 1000);
        double sum = 0;
        double d = p.onTimeMs();
        for (int i = 0; i < n; i++) {
            sum += Math.max(t * 1000, d);
            d = p.fixedMs() + p.loadFactor() * d;
        }
        return STARTUP_SECONDS + sum / 1000;
    }

    /**
     * @param base    the knobs every cell shares (trigger, rate, words per line); master, P and cost come from the cell
     * @param batches batches each query measures after its warm-up
     * @param dir     where the per-cell logs and metrics go ({@code DIR/cells/})
     */
    public QuerySweepResult run(SweepGrid grid, Knobs base, int batches, Path dir) throws IOException {
        grid.validate();
        Path cellsDir = Files.createDirectories(dir.resolve("cells"));
        String startedAt = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
        long start = System.nanoTime();
        List<SweepCell> cells = grid.cells();
        Overhead defaultO = StructuredModel.defaultOverhead();
        Overhead o = defaultO;
        StructuredPrediction warmUpPrediction = predict(o, base, WARM_UP_CELL);
        double warmUpSeconds = warmUp ? estimatedSeconds(warmUpPrediction, WARM_UP_BATCHES) : 0;
        double[] estimates = cells.stream().mapToDouble(c -> estimatedSeconds(predict(defaultO, base, c), batches)).toArray();
        progress.println(Messages.get("ssweep.start", Messages.count(cells.size(), "sweep.noun.cell"), Messages.count(batches, "noun.batch"),
                Format.seconds(base.batchIntervalMs()), Format.plain(base.linesPerSecond()), SweepRunner.clock(warmUpSeconds + sum(estimates, 0))));
        progress.println(Messages.get("sweep.cellsDir", cellsDir));

        if (warmUp && !stop.requested()) {
            progress.print(Messages.get("ssweep.warmingUp", WARM_UP_CELL.cores(), WARM_UP_CELL.partitions(), Format.plain(WARM_UP_CELL.cost().toNanos() / 1e6)) + " ");
            long t = System.nanoTime();
            RunSummary s = runOne(specFor(base, WARM_UP_CELL), o, WARM_UP_BATCHES, cellsDir, "warm-up", warmUpSeconds);
            Double measured = s.structured() == null ? null : s.structured().measuredOverheadMs();
            if (measured != null && measured > 0 && s.verdict() != Verdict.INCONCLUSIVE) {
                o = StructuredModel.measuredBy("sweep warm-up", measured, warmUpPrediction.workload());
            }
            progress.println(Messages.get("sweep.warmedUp", SweepRunner.clock((System.nanoTime() - t) / 1e9)));
        }
        progress.println(Messages.get("sweep.overhead", o.describe()));

        List<QueryCellResult> results = new ArrayList<>();
        for (int i = 0; i < cells.size() && !stop.requested(); i++) {
            SweepCell cell = cells.get(i);
            StructuredPrediction p = predict(o, base, cell);
            String tag = String.format(Locale.ROOT, "[%" + String.valueOf(cells.size()).length() + "d/%d] %-26s", i + 1, cells.size(), label(cell));
            progress.println(Messages.get("ssweep.cell.predicted", tag, Format.fixed(p.loadFactor(), 2), p.verdict(),
                    new QueryCellResult(cell, p, null, 0).predictedText(Lang.current())));
            long cellStart = System.nanoTime();
            RunSummary summary = runOne(specFor(base, cell), o, batches, cellsDir, fileName(cell), estimates[i]);
            QueryCellResult r = new QueryCellResult(cell, p, summary, (System.nanoTime() - cellStart) / 1e9);
            results.add(r);
            progress.println(Messages.get("ssweep.cell.measured", tag, Format.seconds(r.measuredMs()), summary.verdict(),
                    r.errorText(Lang.current()), Messages.get(r.verdictAgrees() ? "sweep.cell.agrees" : "sweep.cell.differs"),
                    SweepRunner.clock((System.nanoTime() - start) / 1e9)));
        }
        double wall = (System.nanoTime() - start) / 1e9;
        return new QuerySweepResult(grid, base, batches, o.token(), results, startedAt, wall, stop.reason());
    }

    /** "local[2] P=2 4ms/line" in the current language. */
    public static String label(SweepCell cell) {
        return label(cell, Lang.current());
    }

    public static String label(SweepCell cell, Lang lang) {
        return Messages.in(lang, "sweep.cellLabel", cell.master(), cell.partitions(), Format.plain(lang, cell.costMs()), Messages.in(lang, "unit.line"));
    }

    /** "q-c2-p2-4ms": safe in a file name. */
    static String fileName(SweepCell cell) {
        return "q-" + cell.fileName();
    }

    /** One query until it has {@code batches} batches after warm-up or its cap; its live table into the cell's log. */
    private RunSummary runOne(Knobs knobs, Overhead o, int batches, Path cellsDir, String name, double estimatedSeconds) throws IOException {
        try (PrintStream cellLog = new PrintStream(Files.newOutputStream(cellsDir.resolve(name + ".log")), true, StandardCharsets.UTF_8)) {
            // A cap in case a cell never completes its batches (a growing query): twice its estimate.
            Duration cap = Duration.ofSeconds((long) Math.max(45, 2 * estimatedSeconds));
            RunOptions options = RunOptions.quiet(SourceEndpoint.EMBEDDED, new RunLimits(batches, cap), cellLog)
                    .withMetricsOut(cellsDir.resolve(name + ".jsonl")).withOverhead(o);
            return StructuredRunner.run(JOB, knobs, options, stop.child()).summary();
        }
    }

    private static double sum(double[] values, int from) {
        double s = 0;
        for (int i = from; i < values.length; i++) s += values[i];
        return s;
    }
}
