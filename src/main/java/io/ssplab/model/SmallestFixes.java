package io.ssplab.model;

import java.time.Duration;
import java.util.List;
import java.util.Locale;

import io.ssplab.metrics.ConsoleTable;
import io.ssplab.pipeline.CostUnit;

/**
 * The smallest single changes that make a workload stable, each with everything else kept:
 * the fewest cores (with the partition count that suits them), the best partition count for the
 * cores it has, the largest per-record cost, and the shortest batch interval.
 *
 * <p>A fix must bring the predicted PT/BI to at most a target (default {@value #DEFAULT_TARGET_RATIO}),
 * not just under 1: a job planned at ρ = 0.99 falls behind on its first slow batch, and the
 * model's own error is several percent.
 */
public final class SmallestFixes {
    /** The PT/BI a fix aims at by default: 10% of each interval left for jitter and model error. */
    public static final double DEFAULT_TARGET_RATIO = 0.9;
    /** Longest batch interval considered: beyond ten minutes a "streaming" job is a batch job. */
    static final Duration MAX_BATCH_INTERVAL = Duration.ofMinutes(10);
    /** Batch intervals are tried in steps of this. */
    static final long BATCH_INTERVAL_STEP_MS = 10;

    private final ProcessingTimeModel model;
    private final double targetRatio;

    public SmallestFixes(ProcessingTimeModel model) {
        this(model, DEFAULT_TARGET_RATIO);
    }

    /** @param targetRatio the PT/BI a fix must reach, in (0, 1] (1: just stable) */
    public SmallestFixes(ProcessingTimeModel model, double targetRatio) {
        if (!(targetRatio > 0 && targetRatio <= 1))
            throw new io.ssplab.jobs.InvalidSpecException("the target PT/BI must be in (0, 1], got " + targetRatio + ": pass e.g. --target 0.9");
        this.model = model;
        this.targetRatio = targetRatio;
    }

    public double targetRatio() {
        return targetRatio;
    }

    /** Whether a prediction is good enough for a fix: stable, and PT/BI at most the target. */
    boolean fits(Prediction p) {
        return p.stable() && p.ratio() <= targetRatio + 1e-12;
    }

    public List<Fix> of(Workload workload) {
        return List.of(fewestCores(workload), bestPartitions(workload), largestStableCost(workload),
                smallestStableBatchInterval(workload), largestStableRate(workload));
    }

    /**
     * Largest input rate (whole lines per second) that keeps PT/BI at the target: the cost time grows
     * with the rate, the overhead does not. At target 1 this is the rate Spark's backpressure settles
     * near ({@link #sustainableRate}).
     */
    public Fix largestStableRate(Workload workload) {
        Prediction now = model.predict(workload);
        double rate = workload.spec().linesPerSecond();
        double budget = targetRatio * workload.spec().batchIntervalMs() - now.overheadMs();
        if (budget <= 0) {
            return new Fix("largest stable rate", "none", null, "Spark's overhead alone fills the interval: no input rate fits");
        }
        double costPerLinePerSecond = now.arithmetic().costTimeMs() / rate;
        if (costPerLinePerSecond == 0) {
            return new Fix("largest stable rate", "any", now, "no record pays a cost in this setting");
        }
        double exact = budget / costPerLinePerSecond;
        long r = (long) Math.floor(exact);
        Prediction p = r >= 1 ? model.predict(workload.withRate(r)) : null;
        while (p != null && !fits(p) && r > 1) p = model.predict(workload.withRate(--r));
        return new Fix("largest stable rate", "≤ " + r + " lines/s", p != null && fits(p) ? p : null,
                String.format(Locale.ROOT, "(%s × BI − overhead) / cost time per line/s = %.1f lines/s; the source sends %s",
                        ConsoleTable.trim(targetRatio), exact, ConsoleTable.trim(rate)));
    }

    /** The input rate at which PT reaches BI: where Spark's rate controller (backpressure) settles. NaN when no rate fits. */
    public static double sustainableRate(ProcessingTimeModel model, Workload workload) {
        Prediction now = model.predict(workload);
        double budget = workload.spec().batchIntervalMs() - now.overheadMs();
        double costPerLinePerSecond = now.arithmetic().costTimeMs() / workload.spec().linesPerSecond();
        if (budget <= 0) return Double.NaN;
        return costPerLinePerSecond == 0 ? Double.POSITIVE_INFINITY : budget / costPerLinePerSecond;
    }

    /**
     * Fewest cores that make it stable, each count tried with its best partition count. More free
     * slots than costed records cannot help (a partition cannot hold less than one record), so the
     * search stops there.
     */
    public Fix fewestCores(Workload workload) {
        int limit = workload.receivers() + 1 + (int) Math.ceil(workload.spec().costedRecordsPerBatch());
        for (int cores = workload.receivers() + 1; cores <= limit; cores++) {
            Workload candidate = workload.withCores(cores);
            Prediction p = workload.repartitioned() ? bestPartitionsFor(candidate) : model.predict(candidate);
            if (fits(p)) {
                String setting = candidate.masterLabel() + (workload.repartitioned() ? ", P=" + p.arithmetic().partitions() : "");
                return new Fix("fewest cores", setting, p, slotsNote(p) + (cores == workload.cores() ? "; the cores it has" : ""));
            }
        }
        return new Fix("fewest cores", "none", null, String.format(Locale.ROOT,
                "no core count is enough: Spark's overhead alone (≈ %s) leaves too little of the %s interval — lengthen the batch interval",
                Prediction.seconds(model.overhead().at(workload)), Prediction.seconds(workload.spec().batchIntervalMs())));
    }

    /** The partition count with the lowest predicted PT on the cores it has (ties: the fewest partitions). */
    public Fix bestPartitions(Workload workload) {
        Prediction best = bestPartitionsFor(workload.withRepartition(true));
        int p = best.arithmetic().partitions();
        String setting = (workload.repartitioned() ? "" : "repartition to ") + "P=" + p + " on " + workload.masterLabel();
        String note = slotsNote(best);
        if (workload.repartitioned() && p == workload.spec().partitions()) note += "; already the job's P";
        if (!fits(best)) note += String.format(Locale.ROOT, "; not enough on its own: PT/BI stays above %.2f", targetRatio);
        return new Fix("best partitions", setting, best, note);
    }

    /** Largest per-record cost that keeps PT under BI (rounded down to 0.1 ms, or 0.01 ms below 1 ms). */
    public Fix largestStableCost(Workload workload) {
        Prediction now = model.predict(workload);
        BatchArithmetic a = now.arithmetic();
        String unit = workload.spec().costUnit().label();
        double budget = targetRatio * workload.spec().batchIntervalMs() - now.overheadMs();
        if (budget <= 0) {
            return new Fix("largest stable cost", "none", null, "Spark's overhead alone fills the interval: no cost fits");
        }
        double workPerCost = a.waves() * a.recordsPerPartition();
        if (workPerCost == 0) {
            return new Fix("largest stable cost", "any", now, "no record pays a cost in this setting");
        }
        double exact = budget / workPerCost;
        double step = exact >= 1 ? 0.1 : 0.01;
        double rounded = Math.floor(exact / step) * step;
        Prediction p = model.predict(workload.withCost(millis(rounded)));
        while (!fits(p) && rounded > step) {
            rounded -= step;
            p = model.predict(workload.withCost(millis(rounded)));
        }
        return new Fix("largest stable cost", "≤ " + ConsoleTable.trim(round2(rounded)) + " ms/" + unit, fits(p) ? p : null,
                String.format(Locale.ROOT, "(%s × BI − overhead) / (%d wave%s × %.1f %ss) = %.2f ms", ConsoleTable.trim(targetRatio),
                        a.waves(), a.waves() == 1 ? "" : "s", a.recordsPerPartition(), unit, exact));
    }

    /** Shortest batch interval (in steps of 10 ms, up to 10 min) with PT under BI. */
    public Fix smallestStableBatchInterval(Workload workload) {
        for (long bi = BATCH_INTERVAL_STEP_MS; bi <= MAX_BATCH_INTERVAL.toMillis(); bi += BATCH_INTERVAL_STEP_MS) {
            Prediction p = model.predict(workload.withBatchInterval(Duration.ofMillis(bi)));
            if (fits(p)) {
                String note = bi <= workload.spec().batchIntervalMs()
                        ? String.format(Locale.ROOT, "results every %s; Spark's overhead is then %.0f%% of PT", Prediction.seconds(bi),
                                100 * p.overheadMs() / p.predictedProcessingTimeMs())
                        : "a longer batch carries more records, so Spark's per-batch overhead weighs less";
                return new Fix("smallest stable BI", "≥ " + Prediction.seconds(bi), p, note);
            }
        }
        return new Fix("smallest stable BI", "none", null, workNote(workload));
    }

    Prediction bestPartitionsFor(Workload workload) {
        int free = workload.freeSlots();
        int max = Math.max(workload.spec().partitions(), 4 * free);
        Prediction best = null;
        for (int p = 1; p <= max; p++) {
            Prediction candidate = model.predict(workload.withPartitions(p));
            if (best == null || candidate.predictedProcessingTimeMs() < best.predictedProcessingTimeMs() - 1e-9) best = candidate;
        }
        return best;
    }

    /** "one full wave of 7 tasks on 7 free slots", "3 waves, the last with 2 of 7 slots busy". */
    static String slotsNote(Prediction p) {
        BatchArithmetic a = p.arithmetic();
        String waves = a.waves() == 1 ? "one wave" : a.waves() + " waves";
        if (!a.partialLastWave()) {
            return String.format(Locale.ROOT, "%s of %d task%s on %d free slot%s, no partial wave", waves, a.freeSlots(),
                    a.freeSlots() == 1 ? "" : "s", a.freeSlots(), a.freeSlots() == 1 ? "" : "s");
        }
        return String.format(Locale.ROOT, "%s on %d free slots, the last with %d task%s", waves, a.freeSlots(), a.lastWaveTasks(),
                a.lastWaveTasks() == 1 ? "" : "s");
    }

    /**
     * Why no batch interval helps: one second of input needs more than the target share of a second
     * of the slots — its waits, and Spark's per-task work, which also grows with BI (a longer batch
     * has more receiver blocks, so more tasks and waves). Both read off the longest interval tried.
     */
    private String workNote(Workload workload) {
        Prediction oneSecond = model.predict(workload.withBatchInterval(Duration.ofSeconds(1)));
        Prediction longest = model.predict(workload.withBatchInterval(MAX_BATCH_INTERVAL));
        double seconds = MAX_BATCH_INTERVAL.toMillis() / 1000.0;
        double costPerSecond = longest.arithmetic().costTimeMs() / 1000 / seconds;
        double overheadPerSecond = longest.overheadMs() / 1000 / seconds;
        String records = workload.spec().costUnit() == CostUnit.WORD ? "words" : "lines";
        String slots = workload.freeSlots() + " free slot" + (workload.freeSlots() == 1 ? "" : "s");
        String need = overheadPerSecond < 0.005
                ? String.format(Locale.ROOT, "≈ %.2f s of cost on %s", costPerSecond, slots)
                : String.format(Locale.ROOT, "≈ %.2f s of cost plus ≈ %.2f s of Spark's per-task work (its receiver blocks grow with BI) on %s",
                        costPerSecond, overheadPerSecond, slots);
        return String.format(Locale.ROOT, "no interval is long enough: each second of input (%s %s) needs %s, more than %.2f s"
                        + " — add slots, fix the partitions or cut the cost", ConsoleTable.trim(oneSecond.arithmetic().costedRecordsPerBatch()),
                records, need, targetRatio);
    }

    private static Duration millis(double ms) {
        return Duration.ofNanos(Math.round(ms * 1e6));
    }

    private static double round2(double v) {
        return Math.round(v * 100) / 100.0;
    }
}
