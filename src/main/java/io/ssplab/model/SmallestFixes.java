package io.ssplab.model;

import java.time.Duration;
import java.util.List;

import io.ssplab.core.BadInputException;
import io.ssplab.core.Format;
import io.ssplab.core.Lang;
import io.ssplab.core.Limits;
import io.ssplab.core.Messages;

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
    static final Duration MAX_BATCH_INTERVAL = Duration.ofMillis(Limits.MAX_BATCH_INTERVAL_MS);
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
            throw new BadInputException(Messages.get("bad.target", Format.plain(targetRatio)));
        this.model = model;
        this.targetRatio = targetRatio;
    }

    public double targetRatio() {
        return targetRatio;
    }

    /** Whether a prediction is good enough for a fix: stable, and PT/BI at most the target. */
    public boolean fits(Prediction p) {
        return p.stable() && p.ratio() <= targetRatio + 1e-12;
    }

    /** The names of the fixes, in the order {@link #of} lists them: message keys {@code fix.name.*}. */
    public static final List<String> NAMES = List.of("fewestCores", "bestPartitions", "largestStableCost", "smallestStableBi", "largestStableRate");

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
        double rate = workload.knobs().linesPerSecond();
        double budget = targetRatio * workload.knobs().batchIntervalMs() - now.overheadMs();
        String name = "largestStableRate";
        if (budget <= 0) return new Fix(name, Messages.get("fix.none"), null, Messages.get("fix.overheadFillsInterval.rate"));
        double costPerLinePerSecond = now.arithmetic().costTimeMs() / rate;
        if (costPerLinePerSecond == 0) return new Fix(name, Messages.get("fix.any"), now, Messages.get("fix.noCost"));
        double exact = budget / costPerLinePerSecond;
        long r = (long) Math.floor(exact);
        Prediction p = r >= 1 ? model.predict(workload.withRate(r)) : null;
        while (p != null && !fits(p) && r > 1) p = model.predict(workload.withRate(--r));
        return new Fix(name, Messages.get("fix.rate.setting", Format.integer(r)), p != null && fits(p) ? p : null,
                Messages.get("fix.rate.note", Format.plain(targetRatio), Format.fixed(exact, 1), Format.plain(rate)));
    }

    /** The input rate at which PT reaches BI: where Spark's rate controller (backpressure) settles. NaN when no rate fits. */
    public static double sustainableRate(ProcessingTimeModel model, Workload workload) {
        Prediction now = model.predict(workload);
        double budget = workload.knobs().batchIntervalMs() - now.overheadMs();
        double costPerLinePerSecond = now.arithmetic().costTimeMs() / workload.knobs().linesPerSecond();
        if (budget <= 0) return Double.NaN;
        return costPerLinePerSecond == 0 ? Double.POSITIVE_INFINITY : budget / costPerLinePerSecond;
    }

    /**
     * Fewest cores that make it stable, each count tried with its best partition count. More free
     * slots than costed records cannot help (a partition cannot hold less than one record), so the
     * search stops there.
     */
    public Fix fewestCores(Workload workload) {
        String bound = beyondSlots(workload);
        if (bound != null) return new Fix("fewestCores", Messages.get("fix.none"), null, bound);
        int limit = Math.min(workload.receivers() + 1 + (int) Math.ceil(workload.knobs().costedRecordsPerBatch()), Limits.MAX_CLUSTER_CORES);
        // A hot key or CPU-bound work: past a few slots more of them change nothing (beyondSlots says when nothing can).
        if (workload.keyed()) limit = Math.min(limit, workload.receivers() + KEYED_CORES_SEARCHED);
        if (workload.knobs().costKind() == io.ssplab.core.CostKind.CPU)
            limit = Math.min(limit, workload.receivers() + 4 * (int) Math.ceil(workload.cpuCores()) + 1);
        // Spark's own time alone leaves too little of the interval on the most cores with one partition: then on any fewer too,
        // and the search (up to a thousand core counts, each with its partition counts) would try them all for nothing.
        if (model.overheadMs(leastOverhead(workload, limit)) > targetRatio * workload.knobs().batchIntervalMs() + 1e-9 && model.overhead().perUnitMs() >= 0)
            limit = 0;
        for (int cores = workload.receivers() + 1; cores <= limit; cores++) {
            Workload candidate = workload.withCores(cores);
            Prediction p = workload.repartitioned() ? bestPartitionsFor(candidate) : model.predict(candidate);
            if (fits(p)) {
                String setting = candidate.masterLabel() + (workload.repartitioned() ? ", P=" + p.arithmetic().partitions() : "");
                return new Fix("fewestCores", setting, p, slotsNote(p) + (cores == workload.cores() ? Messages.get("fix.cores.itHas") : ""));
            }
        }
        return new Fix("fewestCores", Messages.get("fix.none"), null, Messages.get("fix.cores.noneEnough",
                Format.seconds(model.overheadMs(workload)), Format.seconds(workload.knobs().batchIntervalMs())));
    }

    /**
     * The setting with the least overhead the fewest-cores search can reach: its most cores, one partition. It has the
     * fewest tasks (they only grow with the partitions) and the fewest task waves (each stage one wave if the cores are
     * enough; they only grow with fewer cores or more partitions), so with an overhead that grows with either (a time per
     * task or per wave of 0 or more) no setting of the search has less of it.
     */
    private static Workload leastOverhead(Workload workload, int mostCores) {
        return workload.withCores(Math.max(mostCores, workload.receivers() + 1)).withPartitions(1);
    }

    /**
     * The least PT/BI any batch interval can give: one second of input's cost spread evenly over the free slots (no
     * schedule is shorter than its work shared evenly, and CPU work goes no faster than the CPU cores do it), Spark's
     * own time left out. The cost grows with BI as the input does, so when this is above the target no interval is long
     * enough, and the search need not try its 60,000.
     */
    static double leastRatioOfAnyInterval(Workload workload) {
        io.ssplab.core.Knobs k = workload.knobs();
        double slots = k.costKind() == io.ssplab.core.CostKind.CPU ? Math.min(workload.freeSlots(), workload.cpuCores()) : workload.freeSlots();
        double costedPerSecond = k.costedRecordsPerBatch() * 1000.0 / k.batchIntervalMs();
        return costedPerSecond * k.costMs() / 1000.0 / slots;
    }

    /** The partition count with the lowest predicted PT on the cores it has (ties: the fewest partitions). */
    public Fix bestPartitions(Workload workload) {
        Prediction best = bestPartitionsFor(workload.withRepartition(true));
        int p = best.arithmetic().partitions();
        String setting = Messages.get(workload.repartitioned() ? "fix.partitions.setting" : "fix.partitions.settingRepartition", p, workload.masterLabel());
        String note = slotsNote(best);
        if (workload.repartitioned() && p == workload.knobs().partitions()) note += Messages.get("fix.partitions.already");
        if (!fits(best)) {
            note += Messages.get("fix.partitions.notEnough", Format.fixed(targetRatio, 2));
            String bound = beyondSlots(workload);
            if (bound != null) note += "; " + bound;
        }
        return new Fix("bestPartitions", setting, best, note);
    }

    /** Task slots the fewest-cores search tries at most when the cost is paid by key: beyond them a hot key's task is what it is. */
    static final int KEYED_CORES_SEARCHED = 64;

    /**
     * Why no count of task slots or partitions can reach the target, when that is so: a hot key's
     * records all run in one task (after the shuffle by key, whatever P), and CPU-bound work cannot go
     * faster than the CPU cores do it. Null when slots or partitions may still help.
     */
    String beyondSlots(Workload workload) {
        io.ssplab.core.Knobs k = workload.knobs();
        double budget = targetRatio * k.batchIntervalMs() - Overhead.FLOOR_MS;
        if (workload.keyed() && k.costMs() > 0) {
            double hot = k.keys().hotShare() / workload.keySalts() * k.costedRecordsPerBatch();
            double hotMs = hot * k.costMs();
            if (hotMs > budget) {
                return Messages.get("fix.hotKey", io.ssplab.core.KeyDistribution.word(0), Format.fixed(hot, 0),
                        Messages.noun(Lang.current(), 2, "noun." + k.costUnit().label()), Format.plain(k.costMs()), Format.seconds(hotMs),
                        Format.fixed(targetRatio, 2), Format.seconds(k.batchIntervalMs()));
            }
        }
        if (k.costKind() == io.ssplab.core.CostKind.CPU && k.costMs() > 0) {
            double cpuMs = k.costedRecordsPerBatch() * k.costMs() / workload.cpuCores();
            if (cpuMs > budget) {
                return Messages.get("fix.cpuBound", Format.fixed(k.costedRecordsPerBatch(), 0),
                        Messages.noun(Lang.current(), 2, "noun." + k.costUnit().label()), Format.plain(k.costMs()),
                        Format.plain(Math.round(workload.cpuCores() * 100) / 100.0), Format.seconds(cpuMs), Format.fixed(targetRatio, 2),
                        Format.seconds(k.batchIntervalMs()));
            }
        }
        return null;
    }

    /** Largest per-record cost that keeps PT under BI (rounded down to 0.1 ms, or 0.01 ms below 1 ms). */
    public Fix largestStableCost(Workload workload) {
        Prediction now = model.predict(workload);
        BatchArithmetic a = now.arithmetic();
        String unit = workload.knobs().costUnit().inWords();
        double budget = targetRatio * workload.knobs().batchIntervalMs() - now.overheadMs();
        String name = "largestStableCost";
        if (budget <= 0) return new Fix(name, Messages.get("fix.none"), null, Messages.get("fix.overheadFillsInterval.cost"));
        double workPerCost = a.recordsPerSlot();
        if (workPerCost == 0) return new Fix(name, Messages.get("fix.any"), now, Messages.get("fix.noCost"));
        double exact = budget / workPerCost;
        double step = exact >= 1 ? 0.1 : 0.01;
        double rounded = Math.floor(exact / step) * step;
        Prediction p = model.predict(workload.withCost(millis(rounded)));
        while (!fits(p) && rounded > step) {
            rounded -= step;
            p = model.predict(workload.withCost(millis(rounded)));
        }
        String records = Messages.noun(Lang.current(), 2, "noun." + workload.knobs().costUnit().label());
        // A hot partition or CPU-bound work: the records the batch waits for are not waves × the mean partition (docs/level2.md).
        String note = a.even()
                ? Messages.get("fix.cost.note", Format.plain(targetRatio), Messages.count(a.waves(), "noun.wave"),
                        Format.fixed(a.recordsPerPartition(), 1), records, Format.fixed(exact, 2))
                : Messages.get("fix.cost.noteBusiest", Format.plain(targetRatio), Format.fixed(a.recordsPerSlot(), 1), records, Format.fixed(exact, 2));
        return new Fix(name, Messages.get("fix.cost.setting", Format.plain(round2(rounded)), unit), fits(p) ? p : null, note);
    }

    /** Shortest batch interval (in steps of 10 ms, up to 10 min) with PT under BI. */
    public Fix smallestStableBatchInterval(Workload workload) {
        long longest = workload.freeSlots() >= 1 && leastRatioOfAnyInterval(workload) > targetRatio + 1e-9 ? 0 : MAX_BATCH_INTERVAL.toMillis();
        for (long bi = BATCH_INTERVAL_STEP_MS; bi <= longest; bi += BATCH_INTERVAL_STEP_MS) {
            Prediction p = model.predict(workload.withBatchInterval(Duration.ofMillis(bi)));
            if (fits(p)) {
                String note = bi <= workload.knobs().batchIntervalMs()
                        ? Messages.get("fix.bi.shorter", Format.seconds(bi), Format.percent(p.overheadMs() / p.predictedProcessingTimeMs()))
                        : Messages.get("fix.bi.longer");
                return new Fix("smallestStableBi", Messages.get("fix.bi.setting", Format.seconds(bi)), p, note);
            }
        }
        return new Fix("smallestStableBi", Messages.get("fix.none"), null, workNote(workload));
    }

    Prediction bestPartitionsFor(Workload workload) {
        int free = workload.freeSlots();
        int max = Math.min(Math.max(workload.knobs().partitions(), 4 * free), Limits.MAX_PARTITIONS);
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
        String waves = Messages.count(a.waves(), "noun.wave");
        if (!a.partialLastWave()) {
            return Messages.get("fix.slots.full", waves, Messages.count(a.freeSlots(), "noun.task"), Messages.count(a.freeSlots(), "noun.freeSlot"));
        }
        return Messages.get("fix.slots.partial", waves, Messages.count(a.freeSlots(), "noun.freeSlot"), Messages.count(a.lastWaveTasks(), "noun.task"));
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
        String records = Messages.noun(Lang.current(), 2, "noun." + workload.knobs().costUnit().label());
        String slots = Messages.count(workload.freeSlots(), "noun.freeSlot");
        String need = overheadPerSecond < 0.005
                ? Messages.get("fix.bi.needCost", Format.fixed(costPerSecond, 2), slots)
                : Messages.get("fix.bi.needCostAndTasks", Format.fixed(costPerSecond, 2), Format.fixed(overheadPerSecond, 2), slots);
        return Messages.get("fix.bi.noneLongEnough", Format.plain(oneSecond.arithmetic().costedRecordsPerBatch()), records, need,
                Format.fixed(targetRatio, 2));
    }

    private static Duration millis(double ms) {
        return Duration.ofNanos(Math.round(ms * 1e6));
    }

    private static double round2(double v) {
        return Math.round(v * 100) / 100.0;
    }
}
