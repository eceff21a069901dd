package io.ssplab.model;

import java.io.IOException;
import java.nio.file.Path;

import io.ssplab.core.Format;
import io.ssplab.core.Lang;
import io.ssplab.core.Messages;

/**
 * Spark's own time per batch, on top of the cost the knobs control: starting its stages, shipping and finishing tasks,
 * writing and reading the shuffles, the driver's bookkeeping.
 *
 * <p>The model, kept simple on purpose: a straight line over what the batch runs, {@code overhead = perBatchMs +
 * perUnitMs × (count − referenceCount)}, never below {@link #FLOOR_MS}. For a DStream batch the count is its tasks
 * ({@link Unit#TASK}, {@link #countedTasks}): each task costs Spark a few milliseconds of CPU ((de)serialisation,
 * scheduling, shuffle files), a task that reads the input (a receiver block) about twice what a later one does, so it
 * counts {@link #INPUT_TASK_WEIGHT} tasks. That work runs on the CPU cores, two tasks' worth at once on the lab's 2-core
 * reference machine however many task slots the master declares, so 42 tasks cost about the same on three free slots as
 * on seven; on one free slot the tasks run in series and each one's work is on the batch's critical path, so a task
 * there counts {@link #PARALLEL_TASK_WORK} times. The default line runs through zero: what a batch pays once, whatever
 * its tasks, measured a few milliseconds (docs/planner.md, "Per-stage prices"). A Structured Streaming micro-batch
 * keeps its own line, over its task waves ({@link Unit#WAVE}, {@link StructuredModel}).
 *
 * <p>{@code bin/ssp calibrate} measures this machine's overhead, as PT minus the cost time of a small cost
 * ({@link #CALIBRATION_COST_MS} per word), at its reference settings: P = 4 (10 block tasks + 4 + 4) and P = 16
 * (10 + 16 + 16) on each of {@link #REFERENCE_CALIBRATION_CORES}. Each one over what the default line says there is a
 * ratio. When all six fall on one side of the line, their median is this machine's {@link #scaleOf scale}, and the
 * model uses the default line times it: what changes from machine to machine is how fast Spark does its per-task work.
 * When they fall on both sides the machine is within the reference machine's own run-to-run scatter and the scale is 1.
 * At other settings ({@code --master}, {@code --partitions}) there is no reference, and the line runs through the two
 * settings measured there. On a busy machine the measured overheads grow, and the line with them.
 *
 * @param perBatchMs     overhead of a batch with {@code referenceCount} counted tasks (or task waves)
 * @param unit           what the line is drawn over: a DStream batch's tasks, or a micro-batch's task waves
 * @param referenceCount counted tasks (or task waves) per batch of the setting {@code perBatchMs} was measured on
 * @param perUnitMs      what each counted task (or task wave) more adds, or fewer saves
 * @param origin         where the numbers come from
 * @param detail         what the origin needs to be told apart: the calibration's master and date, the act that measured it, why there is no calibration
 * @param scale          for a calibration at the reference settings: the default line's factor ({@link #scaledDefault}); otherwise null
 */
public record Overhead(double perBatchMs, Unit unit, int referenceCount, double perUnitMs, Origin origin, String detail, Double scale) {

    /** An overhead that is not the default line scaled. */
    public Overhead(double perBatchMs, Unit unit, int referenceCount, double perUnitMs, Origin origin, String detail) {
        this(perBatchMs, unit, referenceCount, perUnitMs, origin, detail, null);
    }

    /** What an overhead line is drawn over. */
    public enum Unit {
        /**
         * A DStream batch's tasks, {@link Workload#tasksPerBatch()}, as {@link #countedTasks} counts them: a task of the
         * input stage {@link #INPUT_TASK_WEIGHT} times, and each of them {@link #PARALLEL_TASK_WORK} times on one free slot.
         */
        TASK("overhead.numbers.task"),
        /** Task waves: {@link Workload#taskWavesPerBatch()} for a DStream batch; a micro-batch counts its own ({@link StructuredModel#taskWaves}). */
        WAVE("overhead.numbers.wave");

        /** The message that writes a line over this unit: "0.06 s at 28 counted tasks (an input task counts 2), +2.2 ms per task, ×2 on one free slot". */
        private final String numbersKey;

        Unit(String numbersKey) {
            this.numbersKey = numbersKey;
        }

        /** How many of this unit a DStream batch of {@code workload} counts: its tasks (see {@link #inSeries}), or its task waves. */
        public int of(Workload workload) {
            if (this == WAVE) return workload.taskWavesPerBatch();
            return inSeries(workload) ? PARALLEL_TASK_WORK * countedTasks(workload) : countedTasks(workload);
        }

    }

    /** Where an overhead comes from; its {@link #token()} is what summary.json records. */
    public enum Origin {
        /** The lab's documented default: this machine has no calibration. */
        DEFAULT,
        /** {@code bin/ssp calibrate} measured it here. */
        CALIBRATED,
        /** {@code plan --overhead}. */
        GIVEN,
        /** Measured by an earlier zero-cost act of the same run (the demo's phase 1). */
        MEASURED;

        public String token() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /*
     * The default line is fitted to costed batches, because that is what the model predicts: a batch's PT minus its cost
     * time (the waits the arithmetic names). Least squares, weighted by 1 / PT² (the error the sweep scores), over the 60
     * cell runs of 2026-12-01 morning on the lab's reference machine (2 cores, idle, Spark 4.2.0): random seeds 2042 (with
     * and without calibrate) and 2043, 10 batches a cell, and the designed runs of BI 1/3/5 s and P = 2/8/24, 8 a run. Two things
     * the stage breakdown (sweep --breakdown) measured shaped it (docs/planner.md, "Per-stage prices"):
     *  - a task that reads the input (a receiver block: fetch it, split its lines, write the shuffle) takes 4.6–5.5 ms of
     *    Spark's time, a later task 1.6–1.9 ms: so an input task counts INPUT_TASK_WEIGHT tasks;
     *  - what a batch pays once is small: 1–4 ms driver-side, 1–3 ms to each stage's first task. The earlier line's
     *    39 ms constant (until 2026-12-01) over-predicted the smallest batches of seeds 2041 and 2042 by 24–39 %; a free
     *    constant fits to −3.5 ms, so this line has none.
     * Zero-cost batches pay more: with nothing to wait for, Spark's per-task work, the source, GC and the JIT share the
     * two cores; in a costed batch most of that runs while tasks wait.
     */
    /** What a task of a batch's input stage (one per receiver block, or per Kafka partition) counts, against a later task's 1. */
    public static final int INPUT_TASK_WEIGHT = 2;
    /** What each counted task costs a costed batch, on the reference machine (see above). */
    public static final double PER_TASK_MS = 2.2;
    /** Tasks per batch of the default calibration setting, local[4], P = 4, BI 2 s: 10 blocks + 4 + 4. */
    public static final int DEFAULT_REFERENCE_TASKS = 18;
    /** The same tasks as the line counts them: 2 × 10 + 4 + 4 (the reference setting's workload is pinned by OverheadTest). */
    public static final int DEFAULT_REFERENCE_COUNT = INPUT_TASK_WEIGHT * 10 + 4 + 4;
    /** Overhead of a costed batch at the reference setting, on the lab's reference machine: a line through zero. */
    public static final double DEFAULT_PER_BATCH_MS = PER_TASK_MS * DEFAULT_REFERENCE_COUNT;
    /**
     * How many tasks' worth of Spark's own work runs at once on the reference machine: its 2 CPU cores. With one free slot
     * the tasks run in series, so a task there counts this many times ({@link Unit#of}); with two or more they share the
     * cores as they do everywhere else. A constant, not this machine's cores: the line's shape is the reference machine's,
     * and calibrate scales it (docs/planner.md, Limits).
     */
    public static final int PARALLEL_TASK_WORK = 2;

    /**
     * A batch's tasks as the line counts them before the one-free-slot factor: each task of the input stage
     * {@link #INPUT_TASK_WEIGHT} times, every later one once. Phase 2: 2 × 10 + 4 + 4 = 28.
     */
    public static int countedTasks(Workload workload) {
        int[] stages = workload.tasksPerStage();
        return java.util.stream.IntStream.of(stages).sum() + (INPUT_TASK_WEIGHT - 1) * stages[0];
    }

    /** {@link #countedTasks} written out, as a plan prints it: "2 × 10 + 4 + 4 = 28". */
    public static String countedTasksSum(Workload workload) {
        int[] stages = workload.tasksPerStage();
        StringBuilder sum = new StringBuilder(INPUT_TASK_WEIGHT + " × " + stages[0]);
        for (int i = 1; i < stages.length; i++) sum.append(" + ").append(stages[i]);
        return sum.append(" = ").append(countedTasks(workload)).toString();
    }

    /** Whether a batch's tasks run one after the other: fewer free slots than {@link #PARALLEL_TASK_WORK}. */
    public static boolean inSeries(Workload workload) {
        return workload.freeSlots() < PARALLEL_TASK_WORK;
    }
    /**
     * The cost per word {@code bin/ssp calibrate} measures the overhead under: small enough to keep local[2] stable,
     * large enough that the tasks wait as in the runs the model predicts (a zero-cost batch overstates the overhead).
     */
    public static final double CALIBRATION_COST_MS = 1;
    /** The overhead never drops below this, however few tasks: the driver's fixed work per batch. */
    public static final double FLOOR_MS = 50;

    /** The reference settings of {@code bin/ssp calibrate}: its default master, local[4] ... */
    public static final int CALIBRATION_CORES = 4;
    /** ... with P = 4 ({@link #DEFAULT_REFERENCE_TASKS} tasks) ... */
    public static final int CALIBRATION_PARTITIONS = 4;
    /** ... and with this many times P (P = 16: 42 tasks), both with phase 1's rate and interval (140 lines/s, BI 2 s) ... */
    public static final int CALIBRATION_HIGH_PARTITIONS_FACTOR = 4;
    /*
     * ... each on local[2], local[4] and local[8]: one free slot (the tasks in series), three and seven, the line's
     * regimes. Why six settings and a sign test, not the two local[4] ones summed over what the reference machine had
     * measured there (calibrate until the morning of 2026-12-01) nor the six's median alone (until that afternoon): a
     * single setting moves by up to a factor of 1.7 from run to run; in four calibrations on one morning on the
     * reference machine the median of six moved within 0.96–1.18 of this line while the random cells of that day ran at
     * 0.89–1.19 of it, and every calibrated sweep from seed 2035 to 2042 scored worse than the default one
     * (docs/planner.md, "Per-stage prices: the model since seed 2044").
     */
    /** The masters' cores {@code bin/ssp calibrate} measures its reference settings on, {@link #CALIBRATION_CORES} among them. */
    public static final java.util.List<Integer> REFERENCE_CALIBRATION_CORES = java.util.List.of(2, CALIBRATION_CORES, 8);

    /** The documented default, used when this machine has no calibration. */
    public static Overhead defaults(String why) {
        return new Overhead(DEFAULT_PER_BATCH_MS, Unit.TASK, DEFAULT_REFERENCE_COUNT, PER_TASK_MS, Origin.DEFAULT, why);
    }

    public static Overhead from(Calibration c) {
        String detail = c.master() + ", " + c.measuredAt();
        if (c.scale() != null) return scaledDefault(c.scale(), detail);
        return new Overhead(c.overheadMs(), Unit.TASK, c.tasksPerBatch(), c.perTaskMs(), Origin.CALIBRATED, detail);
    }

    /** True for calibrate's reference settings, where a calibration scales the default line. */
    public static boolean isReferenceSetting(int cores, int partitions) {
        return cores == CALIBRATION_CORES && partitions == CALIBRATION_PARTITIONS;
    }

    /**
     * This machine's scale: the median of its ratios to the default line at the reference settings
     * ({@link Calibration.Setting#ratio}), when every setting fell on the same side of the line ({@link #sameSide}): how
     * much slower (above 1) or faster Spark's own work runs here than on the reference machine the default line was fitted
     * on. When they fell on both sides, 1: the reference machine's own calibrations scatter its settings over × 0.56–1.42
     * from run to run (docs/planner.md), so a median inside that scatter says nothing about this machine that the line,
     * fitted to many more batches, does not say better. A sign test: on a machine like the reference one, six settings
     * all land on one side by chance in 2 of 64 runs; a machine 1.5 times slower or faster puts all six there.
     */
    public static double scaleOf(double[] ratios) {
        return sameSide(ratios) ? io.ssplab.core.Stats.median(ratios) : 1;
    }

    /** Whether every ratio is above 1, or every one below it. */
    public static boolean sameSide(double[] ratios) {
        return ratios.length > 0 && (java.util.Arrays.stream(ratios).allMatch(r -> r > 1) || java.util.Arrays.stream(ratios).allMatch(r -> r < 1));
    }

    /** The default line times {@code scale}: per batch and per task alike, at the default's reference tasks. */
    public static Overhead scaledDefault(double scale, String detail) {
        return new Overhead(DEFAULT_PER_BATCH_MS * scale, Unit.TASK, DEFAULT_REFERENCE_COUNT, PER_TASK_MS * scale, Origin.CALIBRATED, detail, scale);
    }

    /** The calibration in {@code file}, or the default when there is none or it cannot be read (and why). */
    public static Overhead load(Path file) {
        try {
            return from(Calibration.load(file));
        } catch (java.nio.file.NoSuchFileException none) {
            return defaults("");
        } catch (IOException | RuntimeException e) {
            return defaults(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
        }
    }

    /** The default calibration file ({@link Calibration#defaultPath()}), or the default overhead. */
    public static Overhead load() {
        return load(Calibration.defaultPath());
    }

    /** A fixed per-batch overhead given by the user (plan --overhead): taken as measured for this very setting. */
    public static Overhead given(double perBatchMs, Workload at) {
        return new Overhead(perBatchMs, Unit.TASK, Unit.TASK.of(at), PER_TASK_MS, Origin.GIVEN, "");
    }

    /**
     * What a run just measured (the demo's phase 1: its PT is all overhead; own-job fits: PT minus the fitted cost),
     * at its own tasks (or waves); what each one more adds stays the one this overhead had.
     *
     * @param by the job that measured it
     */
    public Overhead measuredBy(String by, double perBatchMs, Workload at) {
        return new Overhead(perBatchMs, unit, unit.of(at), perUnitMs, Origin.MEASURED, by);
    }

    /** Measured by {@code bin/ssp calibrate} on this machine (not the default, a given value or an earlier act's). */
    public boolean calibrated() {
        return origin == Origin.CALIBRATED;
    }

    /** The overhead of a batch of this workload. */
    public double at(Workload workload) {
        return Math.max(FLOOR_MS, perBatchMs + perUnitMs * (unit.of(workload) - referenceCount));
    }

    /** Language-free, for summary.json: "default", "calibrated", "given" or "measured:phase1". */
    public String token() {
        return origin == Origin.MEASURED ? measuredToken(detail) : origin.token();
    }

    /** The {@link #token()} of an overhead measured by {@code by} (an earlier act): "measured:phase1". */
    public static String measuredToken(String by) {
        return Origin.MEASURED.token() + ":" + by;
    }

    /** Where the numbers come from, in the current language, with the numbers themselves. */
    public String describe() {
        return describe(Lang.current());
    }

    /** "0.06 s at 28 counted tasks (an input task counts 2), +2.2 ms per task, ×2 on one free slot": the line itself, in the current language. */
    public String numbers() {
        return numbers(Lang.current());
    }

    public String numbers(Lang lang) {
        return Messages.in(lang, unit.numbersKey, Format.seconds(lang, perBatchMs), referenceCount, Format.signed(lang, perUnitMs, 1), PARALLEL_TASK_WORK,
                INPUT_TASK_WEIGHT);
    }

    public String describe(Lang lang) {
        String numbers = numbers(lang);
        return switch (origin) {
            case DEFAULT -> Messages.in(lang, detail == null || detail.isEmpty() ? "overhead.default" : "overhead.defaultUnreadable", numbers, detail);
            case CALIBRATED -> scale == null ? Messages.in(lang, "overhead.calibrated", numbers, detail)
                    : Messages.in(lang, "overhead.calibratedScaled", numbers, detail, Format.fixed(lang, scale, 2));
            case GIVEN -> Messages.in(lang, "overhead.given", Format.seconds(lang, perBatchMs));
            case MEASURED -> Messages.in(lang, "overhead.measured", numbers, detail);
        };
    }

    /** Renders a summary's recorded {@link #token()} in the current language: "the lab's default", "measured by phase1". */
    public static String describeToken(String token, Lang lang) {
        if (token == null) return "";
        if (token.startsWith(measuredToken(""))) return Messages.in(lang, "overhead.token.measured", token.substring(token.indexOf(':') + 1));
        for (Origin o : Origin.values()) if (o.token().equals(token)) return Messages.in(lang, "overhead.token." + o.token());
        return token;
    }
}
