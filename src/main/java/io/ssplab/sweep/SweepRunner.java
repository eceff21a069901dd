package io.ssplab.sweep;

import java.io.IOException;
import java.io.OutputStream;
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
import java.util.Map;

import io.ssplab.core.Knobs;
import io.ssplab.jobs.KeySkew;
import io.ssplab.jobs.Phase2Bottleneck;
import io.ssplab.pipeline.StreamingJob;
import io.ssplab.core.Format;
import io.ssplab.core.Lang;
import io.ssplab.core.Messages;
import io.ssplab.core.RunSummary;
import io.ssplab.model.Prediction;
import io.ssplab.model.ProcessingTimeModel;
import io.ssplab.model.Workload;
import io.ssplab.run.RunLimits;
import io.ssplab.run.RunOptions;
import io.ssplab.run.SourceEndpoint;
import io.ssplab.run.StopSignal;
import io.ssplab.run.StreamingRunner;
import io.ssplab.source.SourceConfig;

/**
 * Runs a sweep: every cell of the grid in turn, as a short run of the phases' word count on one
 * shared embedded source, one SparkContext at a time. Before each run the model predicts the cell;
 * after it, the cell's measured PT is set beside the prediction.
 *
 * <p>Progress goes, in the current language, to one line per cell with an ETA; each run's live table goes to its own log
 * file ({@code DIR/cells/<cell>.log}) so the console stays readable over 36 runs.
 */
public final class SweepRunner {
    /** Spark's start and stop and the receiver connecting, per cell, in seconds: the part of a cell's time the model does not predict. */
    static final double STARTUP_SECONDS = 8;
    /**
     * Full batches of the warm-up run: with {@link #WARM_UP_CELL}'s 51 tasks a batch, some 3,000 tasks in half a minute.
     * Spark's per-task code runs a few times per task, so the JIT compiles it only after thousands of tasks: after a short
     * warm-up (3 batches) the JVM went on warming through the first cells of a sweep. Seed 2031 run both ways on the quiet
     * 2-core machine: its first two cells took 0.24 and 0.34 s beyond their cost after the short warm-up, 0.13 and 0.25 s
     * after this one, and the later cells the same both ways. A streaming job that runs for hours is warm, and that is
     * what the model predicts.
     */
    static final int WARM_UP_BATCHES = 60;
    /**
     * The warm-up's setting: local[4], P = 24, no cost, a 500 ms interval (3 receiver blocks + 24 + 24 tasks a batch), so
     * that it runs many tasks of the paths the cells take (a task's launch, two shuffles) in little time.
     */
    static final SweepCell WARM_UP_CELL = new SweepCell(4, 24, Duration.ZERO, io.ssplab.core.CostKind.WAIT, 0, null, 0, Duration.ofMillis(500));
    /** Every cell runs the phases' word count (cost per word); the cell sets master, P, cost, cost kind and skew. */
    private static final StreamingJob JOB = new Phase2Bottleneck();
    /** With a skew axis, every cell runs the skew lesson's job: the cost paid per key after the shuffle, where skew matters. */
    private static final StreamingJob KEYED_JOB = new KeySkew();

    /** A random sweep's cells that pay per line run the DStream side of the API comparison: repartition(P), a wait per line, split, count. */
    private static final StreamingJob LINE_JOB = new io.ssplab.jobs.ApiComparison.DStreamSide();

    /** The job a grid's cells run. */
    static StreamingJob jobFor(SweepGrid grid) {
        return grid.keyed() ? KEYED_JOB : JOB;
    }

    /** The job one cell runs: the grid's, or the per-line job for a drawn cell that pays per line. */
    static StreamingJob jobFor(SweepGrid grid, SweepCell cell) {
        return cell.costUnit() == io.ssplab.core.CostUnit.LINE ? LINE_JOB : jobFor(grid);
    }

    private final ProcessingTimeModel model;
    private final PrintStream progress;
    private final boolean warmUp;
    /** Whether each cell also records where its batches' time goes ({@link io.ssplab.metrics.BatchBreakdownListener}). */
    private boolean breakdown;
    /** Ctrl-C: each cell's run is a child of it, so a stop ends the cell under way and the sweep. */
    private final StopSignal stop = new StopSignal();

    /** @param warmUp whether to run the uncounted warm-up run first (see {@link #warmUp}) */
    public SweepRunner(ProcessingTimeModel model, PrintStream progress, boolean warmUp) {
        this.model = model;
        this.progress = progress;
        this.warmUp = warmUp;
    }

    /** Each cell records where its batches' time goes (Spark's task and stage metrics) and prints it beside its error. */
    public SweepRunner withBreakdown(boolean on) {
        this.breakdown = on;
        return this;
    }

    /** Stops the cell that runs now and the sweep after it; safe from any thread (Ctrl-C). */
    public void requestStop(String why) {
        stop.request(why);
    }

    /**
     * @param base    the knobs every cell shares (BI, rate, words per line); master, P and cost come from the cell
     * @param batches batches per cell
     * @param dir     where the per-cell logs and metrics go ({@code DIR/cells/})
     */
    public SweepResult run(SweepGrid grid, Knobs base, int batches, Path dir) throws IOException {
        grid.validate();
        Path cellsDir = Files.createDirectories(dir.resolve("cells"));
        String startedAt = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
        long start = System.nanoTime();
        List<SweepCell> cells = grid.cells();
        List<Prediction> predictions = cells.stream().map(c -> model.predict(Workload.of(specFor(base, c)).withKeySalts(jobFor(grid, c).keySalts()))).toList();
        double[] estimates = predictions.stream().mapToDouble(p -> estimatedSeconds(p, batches)).toArray();
        double warmUpSeconds = warmUp ? estimatedSeconds(warmUpPrediction(base), WARM_UP_BATCHES) : 0;
        if (grid.random())
            progress.println(Messages.get("fidelity.start", Messages.count(cells.size(), "sweep.noun.cell"), Messages.count(batches, "noun.batch"),
                    clock(warmUpSeconds + sum(estimates, 0))));
        else progress.println(Messages.get("sweep.start", Messages.count(cells.size(), "sweep.noun.cell"), Messages.count(batches, "noun.batch"),
                Format.plain(base.linesPerSecond()), clock(warmUpSeconds + sum(estimates, 0))));
        progress.println(Messages.get("sweep.overhead", model.overhead().describe()));
        progress.println(Messages.get("sweep.cellsDir", cellsDir));

        List<CellResult> results = new ArrayList<>();
        double estimatedDone = 0;
        SourceConfig sourceConfig = new SourceConfig(SourceConfig.DEFAULT_HOST, 0, base.linesPerSecond(), base.wordsPerLine(),
                SourceConfig.DEFAULT_VOCABULARY, SourceConfig.DEFAULT_SEED, Duration.ZERO);
        try (PrintStream sourceLog = logFile(dir.resolve("source.log"));
             SweepSources sources = new SweepSources(sourceConfig, sourceLog::println)) {
            if (warmUp) warmUp(base, sources.forSkew(0), cellsDir);
            long cellsStart = System.nanoTime();
            for (int i = 0; i < cells.size() && !stop.requested(); i++) {
                SweepCell cell = cells.get(i);
                Prediction prediction = predictions.get(i);
                String tag = String.format(Locale.ROOT, "[%" + String.valueOf(cells.size()).length() + "d/%d] %-24s", i + 1, cells.size(), cell.label());
                progress.println(Messages.get("sweep.cell.predicted", tag, seconds(prediction.predictedProcessingTimeMs()),
                        Format.fixed(prediction.ratio(), 2), prediction.stable() ? "STABLE" : "UNSTABLE"));
                long cellStart = System.nanoTime();
                io.ssplab.run.RunResult run = runOne(jobFor(grid, cell), prediction, batches, sources.forCell(cell), cellsDir, cell.fileName(), estimates[i]);
                RunSummary summary = run.summary();
                double wall = (System.nanoTime() - cellStart) / 1e9;
                io.ssplab.metrics.BatchBreakdown.Summary split = breakdown ? breakdownOf(run, prediction, cellsDir, cell.fileName()) : null;
                CellResult result = new CellResult(cell, prediction, summary, wall, split);
                results.add(result);
                estimatedDone += estimates[i];
                double elapsed = (System.nanoTime() - start) / 1e9;
                // the estimates of the cells left, scaled by how the cells so far compared with theirs
                double remaining = sum(estimates, i + 1) * ((System.nanoTime() - cellsStart) / 1e9 / estimatedDone);
                progress.println(Messages.get("sweep.cell.measured", tag, seconds(result.measuredMs()),
                        Format.fixed(result.summary().processingToIntervalRatio(), 2), result.summary().verdict(),
                        result.measured() ? Format.signed(result.errorPercent(), 0) + "%" : Messages.get("sweep.notMeasured"),
                        Messages.get(result.verdictAgrees() ? "sweep.cell.agrees" : "sweep.cell.differs"), clock(elapsed),
                        i + 1 < cells.size() ? clock(remaining) : "0s"));
                if (split != null) progress.println("    " + split.line(Lang.current(), prediction.overheadMs()));
            }
        }
        double wall = (System.nanoTime() - start) / 1e9;
        return new SweepResult(grid, base, batches, model.overhead().token(), results, startedAt, wall, stop.reason());
    }

    /**
     * One run before the first cell, not counted ({@link #WARM_UP_CELL}, {@link #WARM_UP_BATCHES}). The first
     * SparkContext of a JVM loads and compiles Spark's classes, which makes its batches slower for a while; without
     * this the first cells' PT would carry that, not the setting's.
     */
    private void warmUp(Knobs base, SourceEndpoint endpoint, Path cellsDir) throws IOException {
        if (stop.requested()) return;
        long t = System.nanoTime();
        progress.print(Messages.get("sweep.warmingUp", WARM_UP_CELL.cores(), WARM_UP_CELL.partitions(),
                Messages.count(WARM_UP_BATCHES, "noun.batch"), Format.seconds(WARM_UP_CELL.batchInterval().toMillis())) + " ");
        Prediction p = warmUpPrediction(base);
        runOne(JOB, p, WARM_UP_BATCHES, endpoint, cellsDir, "warm-up", estimatedSeconds(p, WARM_UP_BATCHES));
        progress.println(Messages.get("sweep.warmedUp", clock((System.nanoTime() - t) / 1e9)));
    }

    /** The warm-up run's setting on the sweep's knobs, as the model predicts it (its expected time, its cap). */
    Prediction warmUpPrediction(Knobs base) {
        return model.predict(Workload.of(specFor(base, WARM_UP_CELL).withJob("warm-up")));
    }

    /**
     * Runs one setting until it has {@code batches} batches after warm-up (or the cap), with the
     * sweep's model for its prediction, its table and top words into the cell's log; returns its summary.
     */
    private io.ssplab.run.RunResult runOne(StreamingJob job, Prediction prediction, int batches, SourceEndpoint endpoint, Path cellsDir, String name,
                              double estimatedSeconds) throws IOException {
        try (PrintStream cellLog = logFile(cellsDir.resolve(name + ".log"))) {
            // A generous cap in case a cell never completes its batches: three times its estimate.
            Duration cap = Duration.ofSeconds((long) Math.max(60, 3 * estimatedSeconds));
            RunOptions options = RunOptions.quiet(endpoint, new RunLimits(batches, cap), cellLog)
                    .withMetricsOut(cellsDir.resolve(name + ".jsonl")).withOverhead(model.overhead());
            if (breakdown) options = options.withSparkConf(io.ssplab.metrics.BatchBreakdownListener.sparkConf(breakdownFile(cellsDir, name)));
            io.ssplab.run.RunResult run = StreamingRunner.run(job, prediction.knobs(), options, stop.child());
            return run;
        }
    }

    static Path breakdownFile(Path cellsDir, String name) {
        return cellsDir.resolve(name + ".breakdown.jsonl");
    }

    /**
     * The split of the cell's measured batches (those after its warm-up), appended in full to the cell's log;
     * null when the listener saw none.
     */
    private static io.ssplab.metrics.BatchBreakdown.Summary breakdownOf(io.ssplab.run.RunResult run, Prediction prediction, Path cellsDir,
                                                                       String name) throws IOException {
        java.util.Set<Long> measured = new java.util.HashSet<>();
        List<io.ssplab.core.BatchMetrics> all = run.batches();
        for (int i = Math.min(run.summary().warmupBatches(), all.size()); i < all.size(); i++) measured.add(all.get(i).batchTimeMs());
        List<io.ssplab.metrics.BatchBreakdown.Batch> batches = io.ssplab.metrics.BatchBreakdown.read(breakdownFile(cellsDir, name)).stream()
                .filter(b -> measured.contains(b.batchTimeMs())).toList();
        io.ssplab.metrics.BatchBreakdown.Summary s = io.ssplab.metrics.BatchBreakdown.summarize(batches, prediction.arithmetic().costTimeMs());
        if (s != null) Files.write(cellsDir.resolve(name + ".log"), s.lines(Lang.current()), StandardCharsets.UTF_8,
                java.nio.file.StandardOpenOption.APPEND);
        return s;
    }

    static Knobs specFor(Knobs base, SweepCell cell) {
        Knobs k = base.withJob("sweep").withMaster(cell.master()).withPartitions(cell.partitions()).withCost(cell.cost())
                .withCostKind(cell.costKind()).withSkew(cell.skew());
        if (cell.costUnit() != null) k = k.withCostUnit(cell.costUnit());
        if (cell.linesPerSecond() > 0) k = k.withRate(cell.linesPerSecond());
        if (cell.batchInterval() != null) k = k.withBatchInterval(cell.batchInterval());
        return k;
    }

    /** A cell's expected wall time: Spark's start and stop, the first interval, then a batch every max(BI, PT). */
    static double estimatedSeconds(Prediction p, int batches) {
        double bi = p.batchIntervalMs() / 1000.0;
        return STARTUP_SECONDS + bi + batches * Math.max(bi, p.predictedProcessingTimeMs() / 1000);
    }

    private static double sum(double[] values, int from) {
        double s = 0;
        for (int i = from; i < values.length; i++) s += values[i];
        return s;
    }

    private static PrintStream logFile(Path file) throws IOException {
        OutputStream out = Files.newOutputStream(file);
        return new PrintStream(out, true, StandardCharsets.UTF_8);
    }

    /** "2.61 s" in the current language. */
    static String seconds(double ms) {
        return Format.seconds(ms);
    }

    static String seconds(Lang lang, double ms) {
        return Format.seconds(lang, ms);
    }

    /** 75 → "1m15s", 3700 → "1h01m": the same in every language (unit symbols). */
    public static String clock(double seconds) {
        long s = Math.round(seconds);
        if (s >= 3600) return String.format(Locale.ROOT, "%dh%02dm", s / 3600, (s % 3600) / 60);
        if (s >= 60) return String.format(Locale.ROOT, "%dm%02ds", s / 60, s % 60);
        return s + "s";
    }
}
