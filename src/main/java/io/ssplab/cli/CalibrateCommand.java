package io.ssplab.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

import io.ssplab.jobs.InvalidSpecException;
import io.ssplab.jobs.JobSpec;
import io.ssplab.jobs.Phase1Baseline;
import io.ssplab.metrics.RunSummary;
import io.ssplab.model.Calibration;
import io.ssplab.model.Workload;
import io.ssplab.run.RunOptions;
import io.ssplab.run.SourceEndpoint;
import io.ssplab.run.StopSignal;
import io.ssplab.run.StreamingRunner;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code bin/ssp calibrate}: measures Spark's own time per batch on this machine, for the planner. */
@Command(name = "calibrate", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Measure Spark's per-batch overhead on this machine: run the baseline job with no per-record cost",
                "for a few batches, take the median processing time, and store it in runs/calibration.json.",
                "'bin/ssp plan', run and demo summaries and 'bin/ssp sweep' then predict with it instead of the default.",
                "Calibrate on a quiet machine: other programs' CPU use shows up as overhead."})
public final class CalibrateCommand implements Callable<Integer> {
    /** Fewest batches that leave enough after warm-up for a median worth storing. */
    static final int MIN_BATCHES = 5;
    /** A p95 this many times the median means the machine was busy while measuring. */
    static final double NOISY_P95 = 1.5;

    @ParentCommand
    Main main;

    @Option(names = "--batches", paramLabel = "N", defaultValue = "10", description = "Batches to run (2 are warm-up). Default: ${DEFAULT-VALUE}.")
    int batches;

    @Option(names = "--master", paramLabel = "URL", defaultValue = "local[4]", description = "Master to measure on. Default: ${DEFAULT-VALUE}.")
    String master;

    @Option(names = "--partitions", paramLabel = "N", defaultValue = "4", description = "P to measure with. Default: ${DEFAULT-VALUE}.")
    int partitions;

    @Override
    public Integer call() throws Exception {
        if (batches < MIN_BATCHES)
            throw new InvalidSpecException("--batches must be at least " + MIN_BATCHES + " so a median is left after warm-up: pass e.g. --batches 10");
        Phase1Baseline job = new Phase1Baseline();
        JobSpec spec = job.defaults().withJob("calibrate").withMaster(master).withPartitions(partitions)
                .withCost(java.time.Duration.ZERO).validate();
        PrintStream out = main.out;
        out.println("calibrating: " + batches + " batches of the baseline job with no per-record cost; PT is then all Spark overhead");
        RunOptions options = new RunOptions(SourceEndpoint.EMBEDDED, batches, null, -1, null, Map.of(), out);
        StopSignal stop = new StopSignal();
        RunSummary summary;
        try (CtrlC ignored = CtrlC.onFirstPress(() -> stop.request("Ctrl-C"))) {
            summary = StreamingRunner.run(job, spec, options, stop).summary();
        }
        int measured = summary.batches() - summary.warmupBatches();
        if (measured < 3 || !(summary.medianProcessingTimeMs() > 0)) {
            main.err.println("calibrate: only " + summary.batches() + " batch(es) completed, too few for a median: nothing stored; run it again");
            return ExitCodes.FAILED;
        }
        Calibration c = new Calibration(summary.medianProcessingTimeMs(), summary.p95ProcessingTimeMs(), measured, spec.master(),
                spec.partitions(), spec.batchIntervalMs(), Workload.of(spec).tasksPerBatch(),
                Instant.now().truncatedTo(ChronoUnit.SECONDS).toString(), org.apache.spark.package$.MODULE$.SPARK_VERSION());
        Path file = Calibration.defaultPath();
        c.save(file);
        out.println();
        out.printf(Locale.ROOT, "calibrated: Spark's overhead here is %.2f s per batch (median of %d zero-cost batches, p95 %.2f s; %s, P=%d, %d tasks per batch)%n",
                c.overheadMs() / 1000, measured, c.p95Ms() / 1000, c.master(), c.partitions(), c.tasksPerBatch());
        out.println("saved to " + file + "; bin/ssp plan, sweep and every run summary now predict with it");
        if (c.p95Ms() > NOISY_P95 * c.overheadMs()) {
            out.printf(Locale.ROOT, "note: the batches varied a lot (p95 %.1f× the median): the machine was busy; calibrate again when it is quieter%n",
                    c.p95Ms() / c.overheadMs());
        }
        return ExitCodes.OK;
    }
}
