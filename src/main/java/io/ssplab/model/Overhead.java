package io.ssplab.model;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Spark's own time per batch, on top of the cost the knobs control: starting three stages, shipping
 * and finishing tasks, writing and reading two shuffles, the driver's bookkeeping.
 *
 * <p>The model, kept simple on purpose: {@code overhead = perBatchMs + perWaveMs × (task waves −
 * referenceWaves)}, never below {@link #FLOOR_MS}, where the task waves of a batch are
 * {@link Workload#taskWavesPerBatch()}: each task costs Spark some milliseconds ((de)serialisation,
 * scheduling, shuffle files), and tasks that share a round of slots pay them side by side. So a
 * batch of 42 tasks on one free slot (local[2], P = 16: 42 waves) pays far more than the same 42 tasks
 * on 7 slots (8 waves). {@code bin/ssp calibrate} measures both numbers on this machine:
 * {@code perBatchMs} on local[4] with P = 4 (10 block tasks + 4 + 4 on 3 slots: 4 + 2 + 2 = 8 waves),
 * {@code perWaveMs} from a second run with P = 16 (4 + 6 + 6 = 16 waves). On a busy machine both grow.
 *
 * @param perBatchMs     overhead of a batch with {@code referenceWaves} task waves
 * @param referenceWaves task waves per batch of the setting {@code perBatchMs} was measured on
 * @param perWaveMs      what each task wave more (or less) adds (or saves)
 * @param calibrated     whether the numbers were measured on this machine (or given), not the defaults
 * @param source         where the numbers come from, in words
 */
public record Overhead(double perBatchMs, int referenceWaves, double perWaveMs, boolean calibrated, String source) {

    /** Per-batch overhead measured on the lab's reference machine (2 cores, local[4], P = 4, zero cost): ≈ 0.25 s. */
    public static final double DEFAULT_PER_BATCH_MS = 250;
    /** Task waves per batch of the default calibration setting, local[4], P = 4: ⌈10 / 3⌉ + ⌈4 / 3⌉ + ⌈4 / 3⌉. */
    public static final int DEFAULT_REFERENCE_WAVES = 8;
    /** What one task wave more adds to a batch, measured on the reference machine (see docs/planner.md). */
    public static final double PER_WAVE_MS = 25;
    /** The overhead never drops below this, however few tasks: the driver's fixed work per batch. */
    public static final double FLOOR_MS = 50;

    /** The documented default, used when this machine has no calibration. */
    public static Overhead defaults(String why) {
        return new Overhead(DEFAULT_PER_BATCH_MS, DEFAULT_REFERENCE_WAVES, PER_WAVE_MS, false,
                String.format(Locale.ROOT, "the lab's default (%.2f s at %d waves, %+.0f ms per wave); %s: run 'bin/ssp calibrate' to measure this machine",
                        DEFAULT_PER_BATCH_MS / 1000, DEFAULT_REFERENCE_WAVES, PER_WAVE_MS, why));
    }

    public static Overhead from(Calibration c) {
        return new Overhead(c.overheadMs(), c.wavesPerBatch(), c.perWaveMs(), true,
                String.format(Locale.ROOT, "calibrated here (%.2f s at %d waves, %+.1f ms per wave; %s, %s)",
                        c.overheadMs() / 1000, c.wavesPerBatch(), c.perWaveMs(), c.master(), c.measuredAt()));
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
    public static Overhead given(double perBatchMs, int waves) {
        return new Overhead(perBatchMs, waves, PER_WAVE_MS, true,
                String.format(Locale.ROOT, "given with --overhead (%.2f s for this setting)", perBatchMs / 1000));
    }

    /** The overhead of a batch of this workload. */
    public double at(Workload workload) {
        return Math.max(FLOOR_MS, perBatchMs + perWaveMs * (workload.taskWavesPerBatch() - referenceWaves));
    }
}
