package io.ssplab.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.Callable;

import io.ssplab.core.ExitCodes;
import io.ssplab.core.BadInputException;
import io.ssplab.core.Format;
import io.ssplab.core.Knobs;
import io.ssplab.core.Messages;
import io.ssplab.core.Stats;
import io.ssplab.jobs.Phase1Baseline;
import io.ssplab.model.Calibration;
import io.ssplab.model.Overhead;
import io.ssplab.model.ProcessingTimeModel;
import io.ssplab.core.Master;
import io.ssplab.sweep.CellResult;
import io.ssplab.sweep.SweepGrid;
import io.ssplab.sweep.SweepResult;
import io.ssplab.sweep.SweepRunner;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code bin/ssp calibrate}: measures Spark's own time per batch on this machine, for the planner: at the reference
 * settings six settings whose median ratio to the default line scales it, elsewhere two settings that draw a line
 * ({@link Overhead}, {@link Calibration}).
 */
@Command(name = "calibrate", mixinStandardHelpOptions = true, sortOptions = false)
public final class CalibrateCommand implements Callable<Integer> {
    /** Batches measured per setting: at least the summary's own minimum, at most a few minutes. */
    static final io.ssplab.core.Range BATCHES = new io.ssplab.core.Range("--batches", Options.Summaries.MIN, Options.MAX_SHORT_RUN_BATCHES, "6");
    /** The reference settings' master and P ({@link Overhead#isReferenceSetting}): the defaults. */
    static final String DEFAULT_MASTER = "local[" + Overhead.CALIBRATION_CORES + "]";
    static final String DEFAULT_PARTITIONS = "" + Overhead.CALIBRATION_PARTITIONS;
    /** A p95 this many times the median means the machine was busy while measuring. */
    static final double NOISY_P95 = 1.5;
    /** The second setting has this many times the partitions: the task count's effect on the overhead. */
    static final int HIGH_PARTITIONS_FACTOR = Overhead.CALIBRATION_HIGH_PARTITIONS_FACTOR;
    /** --partitions: the second setting, P × 4, must stay within the partitions' range too. */
    static final int MAX_PARTITIONS = io.ssplab.core.Limits.MAX_PARTITIONS / HIGH_PARTITIONS_FACTOR;
    static final io.ssplab.core.Range PARTITIONS = new io.ssplab.core.Range("--partitions", 1, MAX_PARTITIONS, DEFAULT_PARTITIONS);

    /** How long each thread burns when the effective CPU parallelism is measured. */
    static final double CPU_PARALLELISM_MS = 400;

    @ParentCommand
    Main main;

    @Option(names = "--batches", paramLabel = "N", defaultValue = "6")
    int batches;

    @Option(names = "--master", paramLabel = "local[N]", defaultValue = DEFAULT_MASTER)
    String master;

    @Option(names = "--partitions", paramLabel = "N", defaultValue = DEFAULT_PARTITIONS)
    int partitions;

    @Option(names = "--no-warm-up")
    boolean noWarmUp;

    @Override
    public Integer call() throws Exception {
        BATCHES.check(batches);
        PARTITIONS.check(partitions);
        Knobs base = new Phase1Baseline().defaults().withJob("calibrate").withMaster(master).withPartitions(partitions).validate();
        Master m = Master.parse(master);
        if (!m.isLocal())
            throw new BadInputException(Messages.get("bad.calibrateLocalOnly"));
        int high = HIGH_PARTITIONS_FACTOR * partitions;
        // at the reference settings, six settings' median scales the default line; elsewhere the two settings draw a line
        boolean reference = Overhead.isReferenceSetting(m.cores(), partitions);
        List<Integer> cores = reference ? Overhead.REFERENCE_CALIBRATION_CORES : List.of(m.cores());
        // costed, as the runs the model predicts: a zero-cost batch overstates the overhead (Overhead's defaults say why)
        SweepGrid grid = new SweepGrid(cores, List.of(partitions, high),
                List.of(Duration.ofNanos(Math.round(Overhead.CALIBRATION_COST_MS * 1e6)))).validate();

        PrintStream out = main.out;
        out.println(Messages.get("cli.calibrate.start", masters(cores), partitions, high, Format.plain(Overhead.CALIBRATION_COST_MS)));
        Path dir = Calibration.defaultPath().resolveSibling("calibration");
        SweepRunner runner = new SweepRunner(ProcessingTimeModel.calibrated(), out, !noWarmUp);
        SweepResult result;
        try (CtrlC ignored = CtrlC.onFirstPress(() -> runner.requestStop("Ctrl-C"))) {
            result = runner.run(grid, base, batches, dir);
        }
        if (result.measuredCells().size() < grid.cells().size()) {
            main.err.println("calibrate: " + Messages.get("cli.calibrate.nothingStored", result.stopReason() != null
                    ? Messages.get("cli.calibrate.stopped", result.stopReason()) : Messages.get("cli.calibrate.tooFew")));
            return ExitCodes.FAILED;
        }
        // Level 2 (docs/level2.md): the CPU cost's loop, and how many cores' worth of it run at once here right now.
        double cpuIterationsPerMs = io.ssplab.pipeline.CpuWork.measure();
        io.ssplab.pipeline.CpuWork.use(cpuIterationsPerMs);
        int processors = Runtime.getRuntime().availableProcessors();
        double cpuParallelism = io.ssplab.pipeline.CpuWork.effectiveParallelism(processors, CPU_PARALLELISM_MS);
        List<Calibration.Setting> settings = result.cells().stream().map(CalibrateCommand::settingOf).toList();
        CellResult low = cellAt(result, m.cores(), partitions);
        CellResult hi = cellAt(result, m.cores(), high);
        // the tasks as the line counts them (twice on one free slot: an own-settings calibration of local[2])
        int lowTasks = Overhead.Unit.TASK.of(low.prediction().workload());
        int highTasks = Overhead.Unit.TASK.of(hi.prediction().workload());
        double lowOverhead = overheadOf(low);
        double highOverhead = overheadOf(hi);
        double perTask = Math.max(0, (highOverhead - lowOverhead) / (highTasks - lowTasks));
        double[] ratios = settings.stream().mapToDouble(Calibration.Setting::ratio).toArray();
        Double scale = reference ? Overhead.scaleOf(ratios) : null;
        Calibration c = new Calibration(lowOverhead, low.summary().p95ProcessingTimeMs(),
                low.summary().batches() - low.summary().warmupBatches(), m.url(), partitions, base.batchIntervalMs(), lowTasks, perTask,
                high, highOverhead, highTasks, Instant.now().truncatedTo(ChronoUnit.SECONDS).toString(),
                org.apache.spark.package$.MODULE$.SPARK_VERSION(), cpuIterationsPerMs, cpuParallelism, Overhead.CALIBRATION_COST_MS, scale,
                settings, Overhead.INPUT_TASK_WEIGHT);
        Path file = Calibration.defaultPath();
        c.save(file);
        out.println();
        if (reference) {
            out.println(Messages.get("cli.calibrate.settings", settings.size()));
            for (Calibration.Setting s : settings)
                out.println("  " + Messages.get("cli.calibrate.setting", String.format(java.util.Locale.ROOT, "%-9s P=%-3d", s.master(), s.partitions()),
                        Format.seconds(s.overheadMs()), Messages.count(s.tasksCounted(), "noun.task"), Format.seconds(s.defaultLineMs()),
                        Format.fixed(s.ratio(), 2)));
            String lowest = Format.fixed(Stats.percentile(ratios, 0), 2);
            String highest = Format.fixed(Stats.percentile(ratios, 100), 2);
            String line = Overhead.from(c).numbers();
            if (!Overhead.sameSide(ratios)) out.println("  " + Messages.get("cli.calibrate.unscaled", lowest, highest, line, Format.fixed(scale, 2)));
            else out.println("  " + Messages.get(scale > 1 ? "cli.calibrate.scaledSlower" : "cli.calibrate.scaledFaster",
                    Format.fixed(scale, 2), lowest, highest, line, settings.size()));
        } else {
            out.println(Messages.get("cli.calibrate.done", Format.seconds(c.overheadMs()), Messages.count(lowTasks, "noun.task"), partitions,
                    Format.seconds(c.highOverheadMs()), Messages.count(highTasks, "noun.task"), high));
            out.println("  " + Messages.get("cli.calibrate.perTask", Format.fixed(c.perTaskMs(), 1)));
            out.println("  " + Messages.get("cli.calibrate.ownSettings", Overhead.CALIBRATION_CORES, Overhead.CALIBRATION_PARTITIONS,
                    Overhead.CALIBRATION_PARTITIONS * HIGH_PARTITIONS_FACTOR, masters(Overhead.REFERENCE_CALIBRATION_CORES)));
        }
        out.println("  " + Messages.get("cli.calibrate.saved", file));
        out.println("  " + Messages.get("cli.calibrate.cpu", Format.integer(Math.round(cpuIterationsPerMs)), Format.fixed(cpuParallelism, 2), processors));
        for (CellResult cell : result.cells()) {
            if (cell.summary().p95ProcessingTimeMs() > NOISY_P95 * cell.measuredMs()) {
                out.println(Messages.get("cli.calibrate.noisy", settingLabel(cell),
                        Format.fixed(cell.summary().p95ProcessingTimeMs() / cell.measuredMs(), 1)));
            }
        }
        if (!reference && highOverhead < lowOverhead) {
            out.println(Messages.get("cli.calibrate.inverted"));
        }
        return ExitCodes.OK;
    }

    /** "local[2], local[4] and local[8]" (or the one master), in the current language. */
    private static String masters(List<Integer> cores) {
        List<String> urls = cores.stream().map(n -> "local[" + n + "]").toList();
        if (urls.size() == 1) return urls.get(0);
        return Messages.get("cli.calibrate.masters", String.join(", ", urls.subList(0, urls.size() - 1)), urls.get(urls.size() - 1));
    }

    /** "local[2] P=4": one setting, as the noisy note names it. */
    private static String settingLabel(CellResult cell) {
        return cell.cell().master() + " P=" + cell.cell().partitions();
    }

    /** The measured cell of the grid at these cores and P. */
    private static CellResult cellAt(SweepResult result, int cores, int partitions) {
        return result.cells().stream().filter(r -> r.cell().cores() == cores && r.cell().partitions() == partitions).findFirst().orElseThrow();
    }

    /** A measured cell as the calibration file keeps it, with what the default line says there. */
    private static Calibration.Setting settingOf(CellResult cell) {
        io.ssplab.model.Workload w = cell.prediction().workload();
        return new Calibration.Setting(cell.cell().master(), cell.cell().partitions(), Overhead.Unit.TASK.of(w), overheadOf(cell),
                cell.summary().p95ProcessingTimeMs(), Overhead.defaults("").at(w));
    }

    /** What a cell's batches took beyond the cost time the arithmetic names: the overhead, at least the floor. */
    static double overheadOf(CellResult cell) {
        return Math.max(Overhead.FLOOR_MS, cell.measuredMs() - cell.prediction().arithmetic().costTimeMs());
    }
}
