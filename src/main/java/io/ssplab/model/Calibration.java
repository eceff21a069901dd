package io.ssplab.model;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

import io.ssplab.core.Json;
import io.ssplab.core.Messages;

/**
 * What {@code bin/ssp calibrate} measured on this machine: Spark's own time per batch beyond a small cost,
 * stored in {@code runs/calibration.json} (git-ignored: it belongs to the machine, not to the project).
 *
 * <p>Two settings are measured on the master, P and 4 × P partitions, both with a small cost per word
 * ({@link Overhead#CALIBRATION_COST_MS}): the overhead is each one's median PT minus its cost time, so it is what the
 * model adds to the cost time of a costed batch (a zero-cost batch overstates it). At calibrate's reference settings
 * (P = 4 and 16) the same two are measured on local[2] and local[8] too, and the median of the six overheads over the
 * default line's is the {@code scale} of the default line ({@link Overhead#scaleOf}, {@link Overhead#scaledDefault});
 * at other settings the first gives the overhead at its tasks, the difference between the two what each task more adds.
 *
 * @param overheadMs        median PT at P after warm-up, minus its cost time: the per-batch overhead
 * @param p95Ms             95th percentile of the PTs at P (how noisy the machine was)
 * @param batchesMeasured   batches behind the median (warm-up left out)
 * @param master            master it ran on, e.g. local[4]
 * @param partitions        P of the main setting
 * @param batchIntervalMs   BI it ran with
 * @param tasksPerBatch     tasks per batch of the main setting as the line counts them ({@link Overhead.Unit#of}; the overhead model scales from it)
 * @param perTaskMs         what each task more adds: (high overhead − overhead) / (high tasks − tasks), at least 0
 * @param highPartitions    P of the second setting
 * @param highOverheadMs    the same for the second setting
 * @param highTasksPerBatch tasks per batch of the second setting
 * @param measuredAt        when, ISO-8601
 * @param sparkVersion      Spark version that was measured
 * @param cpuIterationsPerMs iterations of the CPU cost's loop one idle core does per ms (io.ssplab.pipeline.CpuWork);
 *                           null in a calibration older than level 2
 * @param cpuParallelism    how many cores' worth of CPU work ran at once when measured ({@link CpuCapacity});
 *                          null in a calibration older than level 2
 * @param costMs            the cost per word it measured under; null in a calibration that measured zero-cost batches
 * @param scale             at the reference settings, {@link Overhead#scaleOf} the settings' ratios to the default line: the
 *                          planner uses the default line times it; null at other settings and in older calibrations (the line
 *                          through the two settings)
 * @param settings          every setting measured, in the order run (null in a calibration older than 2026-12-01)
 * @param inputTaskWeight   what an input task counted in {@code tasksPerBatch} and the settings' counts
 *                          ({@link Overhead#INPUT_TASK_WEIGHT}); null in a calibration older than the weighted count, whose own
 *                          line no longer fits the model (its scale still does)
 */
public record Calibration(double overheadMs, double p95Ms, int batchesMeasured, String master, int partitions,
                          long batchIntervalMs, int tasksPerBatch, double perTaskMs, int highPartitions,
                          double highOverheadMs, int highTasksPerBatch, String measuredAt, String sparkVersion,
                          Double cpuIterationsPerMs, Double cpuParallelism, Double costMs, Double scale,
                          java.util.List<Setting> settings, Integer inputTaskWeight) {

    /**
     * One setting calibrate measured.
     *
     * @param master        e.g. local[2]
     * @param partitions    its P
     * @param tasksCounted  its tasks as the line counts them (twice on one free slot, {@link Overhead.Unit#of})
     * @param overheadMs    its median PT minus its cost time (at least {@link Overhead#FLOOR_MS})
     * @param p95Ms         the 95th percentile of its PTs
     * @param defaultLineMs what the lab's default line says there
     */
    public record Setting(String master, int partitions, int tasksCounted, double overheadMs, double p95Ms, double defaultLineMs) {
        /** Measured over the default line: above 1, slower than the reference machine. */
        public double ratio() {
            return overheadMs / defaultLineMs;
        }
    }

    /** Without the input task's weight (a calibration older than the weighted count). */
    public Calibration(double overheadMs, double p95Ms, int batchesMeasured, String master, int partitions,
                       long batchIntervalMs, int tasksPerBatch, double perTaskMs, int highPartitions,
                       double highOverheadMs, int highTasksPerBatch, String measuredAt, String sparkVersion,
                       Double cpuIterationsPerMs, Double cpuParallelism, Double costMs, Double scale, java.util.List<Setting> settings) {
        this(overheadMs, p95Ms, batchesMeasured, master, partitions, batchIntervalMs, tasksPerBatch, perTaskMs, highPartitions,
                highOverheadMs, highTasksPerBatch, measuredAt, sparkVersion, cpuIterationsPerMs, cpuParallelism, costMs, scale, settings, null);
    }

    /** Without the list of settings (a calibration older than 2026-12-01). */
    public Calibration(double overheadMs, double p95Ms, int batchesMeasured, String master, int partitions,
                       long batchIntervalMs, int tasksPerBatch, double perTaskMs, int highPartitions,
                       double highOverheadMs, int highTasksPerBatch, String measuredAt, String sparkVersion,
                       Double cpuIterationsPerMs, Double cpuParallelism, Double costMs, Double scale) {
        this(overheadMs, p95Ms, batchesMeasured, master, partitions, batchIntervalMs, tasksPerBatch, perTaskMs, highPartitions,
                highOverheadMs, highTasksPerBatch, measuredAt, sparkVersion, cpuIterationsPerMs, cpuParallelism, costMs, scale, null, null);
    }

    /** Without the CPU measurements (a calibration older than level 2). */
    public Calibration(double overheadMs, double p95Ms, int batchesMeasured, String master, int partitions,
                       long batchIntervalMs, int tasksPerBatch, double perTaskMs, int highPartitions,
                       double highOverheadMs, int highTasksPerBatch, String measuredAt, String sparkVersion) {
        this(overheadMs, p95Ms, batchesMeasured, master, partitions, batchIntervalMs, tasksPerBatch, perTaskMs, highPartitions,
                highOverheadMs, highTasksPerBatch, measuredAt, sparkVersion, null, null, null, null, null, null);
    }

    /** {@code $ssp.home/runs/calibration.json}; bin/ssp sets ssp.home to the project, otherwise the working directory. */
    public static Path defaultPath() {
        return Path.of(System.getProperty("ssp.home", "."), "runs", "calibration.json");
    }

    public void save(Path file) throws IOException {
        Json.write(file, this);
    }

    /**
     * @return the calibration in {@code file}
     * @throws IOException when the file is missing, unreadable or holds no usable overhead (a calibration older than the
     *                     per-task line that drew its own line through task waves: calibrate again)
     */
    public static Calibration load(Path file) throws IOException {
        if (!Files.isRegularFile(file)) throw new NoSuchFileException(file.toString());
        Calibration c = io.ssplab.core.Json.MAPPER.readValue(file.toFile(), Calibration.class);
        // A scaled calibration needs only its scale (the line is the default's), so one from before the per-task line still serves.
        boolean ownLine = c.scale() == null;
        if (!(c.overheadMs() > 0) || Double.isInfinite(c.overheadMs())
                || ownLine && (c.tasksPerBatch() < 1 || !(c.perTaskMs() >= 0) || Double.isInfinite(c.perTaskMs())))
            // the values as the file writes them (%s of a Double: locale-free), for the user to find them in the file
            throw new IOException(Messages.get("calibration.unusable", file, c.overheadMs(), c.tasksPerBatch(), c.perTaskMs()));
        if (ownLine && !Integer.valueOf(Overhead.INPUT_TASK_WEIGHT).equals(c.inputTaskWeight()))
            throw new IOException(Messages.get("calibration.olderCount", file, c.tasksPerBatch()));
        if (c.scale() != null && !(c.scale() > 0 && c.scale() < Double.POSITIVE_INFINITY))
            throw new IOException(Messages.get("calibration.unusableScale", file, c.scale()));
        return c;
    }
}
