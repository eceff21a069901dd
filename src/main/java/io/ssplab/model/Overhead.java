package io.ssplab.model;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Spark's own time per batch, on top of the cost the knobs control: starting three stages, shipping
 * and finishing tasks, writing and reading two shuffles, the driver's bookkeeping.
 *
 * <p>The model, kept simple on purpose: {@code overhead = perBatchMs + perTaskMs × (tasks − referenceTasks)},
 * never below {@link #FLOOR_MS}. Each task costs Spark a few milliseconds of CPU ((de)serialisation,
 * scheduling, shuffle files), so a batch of 42 tasks pays more than one of 18. {@code bin/ssp calibrate}
 * measures both numbers on this machine: {@code perBatchMs} on local[4] with P = 4 (10 block tasks +
 * 4 + 4 = 18 tasks), {@code perTaskMs} from a second run with P = 16 (42 tasks). The slope does not
 * depend on the slot count: those milliseconds are CPU work, and a laptop has only a few real cores
 * however many local[N] threads it runs. On a busy machine both numbers grow, the slope most.
 *
 * @param perBatchMs     overhead of a batch with {@code referenceTasks} tasks
 * @param referenceTasks tasks per batch of the setting {@code perBatchMs} was measured on
 * @param perTaskMs      what each task more (or less) adds (or saves)
 * @param calibrated     whether the numbers were measured on this machine (or given), not the defaults
 * @param source         where the numbers come from, in words
 */
public record Overhead(double perBatchMs, int referenceTasks, double perTaskMs, boolean calibrated, String source) {

    /** Per-batch overhead measured on the lab's reference machine (2 cores, local[4], P = 4, zero cost): ≈ 0.25 s. */
    public static final double DEFAULT_PER_BATCH_MS = 250;
    /** Tasks per batch of the default calibration setting: 10 blocks + 4 + 4. */
    public static final int DEFAULT_REFERENCE_TASKS = 18;
    /** What one task more adds to a batch on the reference machine when it is quiet (see docs/planner.md). */
    public static final double PER_TASK_MS = 4;
    /** The overhead never drops below this, however few tasks: the driver's fixed work per batch. */
    public static final double FLOOR_MS = 50;

    /** The documented default, used when this machine has no calibration. */
    public static Overhead defaults(String why) {
        return new Overhead(DEFAULT_PER_BATCH_MS, DEFAULT_REFERENCE_TASKS, PER_TASK_MS, false,
                String.format(Locale.ROOT, "the lab's default at %d tasks, %+.0f ms per task more (%s: run 'bin/ssp calibrate' to measure this machine)",
                        DEFAULT_REFERENCE_TASKS, PER_TASK_MS, why));
    }

    public static Overhead from(Calibration c) {
        return new Overhead(c.overheadMs(), c.tasksPerBatch(), c.perTaskMs(), true,
                String.format(Locale.ROOT, "calibrated here: %.2f s at %d tasks, %+.1f ms per task more (%s, %s)",
                        c.overheadMs() / 1000, c.tasksPerBatch(), c.perTaskMs(), c.master(), c.measuredAt()));
    }

    /** The calibration in {@code file}, or the default when there is none or it cannot be read (and why). */
    public static Overhead load(Path file) {
        try {
            return from(Calibration.load(file));
        } catch (IOException | RuntimeException e) {
            String why = e.getMessage() != null && e.getMessage().startsWith("no calibration")
                    ? "no calibration yet" : "calibration unreadable: " + e.getMessage();
            return defaults(why);
        }
    }

    /** The default calibration file ({@link Calibration#defaultPath()}), or the default overhead. */
    public static Overhead load() {
        return load(Calibration.defaultPath());
    }

    /** A fixed per-batch overhead given by the user (plan --overhead): taken as measured for this very setting. */
    public static Overhead given(double perBatchMs, int tasks) {
        return new Overhead(perBatchMs, tasks, PER_TASK_MS, true,
                String.format(Locale.ROOT, "given with --overhead: %.2f s for this setting", perBatchMs / 1000));
    }

    /** The overhead of a batch of this workload. */
    public double at(Workload workload) {
        return Math.max(FLOOR_MS, perBatchMs + perTaskMs * (workload.tasksPerBatch() - referenceTasks));
    }
}
