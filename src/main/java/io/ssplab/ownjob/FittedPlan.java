package io.ssplab.ownjob;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.ssplab.core.Api;
import io.ssplab.core.BatchMetrics;
import io.ssplab.core.CostUnit;
import io.ssplab.core.Knobs;
import io.ssplab.core.RunSummary;
import io.ssplab.core.Stats;
import io.ssplab.model.BatchArithmetic;
import io.ssplab.model.Fix;
import io.ssplab.model.Overhead;
import io.ssplab.model.Prediction;
import io.ssplab.model.ProcessingTimeModel;
import io.ssplab.model.SmallestFixes;
import io.ssplab.model.StructuredModel;
import io.ssplab.model.Workload;

/**
 * The smallest stable changes for a job that is not the lab's, planned by the lab's own model on the terms
 * fitted to the job's measurements:
 * <pre>
 *   cost per record   c ± Δc                       {@link CostFit}
 *   shape             cores, receivers, P = the cost stage's task count, input rate = records/s measured
 *   overhead          o = median over the batches after warm-up of  PT − the model's cost time for that
 *                     batch's records (BatchArithmetic: waves × records per partition × c), ± its 95 % interval
 *                     (the spread of the batches, plus Δc × the records the busiest slot works through)
 * </pre>
 * These become the knobs of a {@link Workload} (a record is a "line": cost unit LINE, one record per line) and
 * the overhead of a {@link ProcessingTimeModel} ({@link StructuredModel} for a query); {@link SmallestFixes}
 * then plans, as it does for the lab's jobs: no fix is computed here.
 *
 * @param run        the job
 * @param summary    its summary and verdict, by the lab's rules
 * @param fit        the per-record cost (may be none: {@link #planned()} false)
 * @param costMs     c for the model (a batch-level fit turned into per record: × P / waves); NaN without a fit
 * @param costCiMs   its interval
 * @param overheadMs o; NaN without a fit
 * @param overheadCiMs its interval
 * @param workload   the job as the model sees it; null when its shape is unknown
 * @param prediction the model's PT for it as it is; null without a plan
 * @param fixes      the smallest fixes; empty without a plan
 * @param taskSkew   the cost stage's median over batches of (most records one task read / mean records per task); NaN unknown
 * @param why        why there is no plan (a message key), or null
 */
public record FittedPlan(ForeignRun run, RunSummary summary, CostFit fit, double costMs, double costCiMs, double overheadMs,
                         double overheadCiMs, Workload workload, Prediction prediction, List<Fix> fixes, double taskSkew, String why) {

    /** Records of the largest task over the mean task at least this: the partitions are uneven (a hot key), which the model does not assume. */
    public static final double UNEVEN_TASKS = 1.5;

    public boolean planned() {
        return prediction != null;
    }

    public boolean uneven() {
        return taskSkew >= UNEVEN_TASKS;
    }

    public static FittedPlan of(ForeignRun run, double targetRatio) {
        RunSummary summary = run.summary();
        List<BatchMetrics> measured = run.batches().subList(Math.min(summary.warmupBatches(), run.batches().size()), run.batches().size());
        // Tasks of the batches after warm-up: the first batches' tasks also pay for class loading and JIT
        // compilation (hundreds of ms on a busy machine), which no later batch pays. Every task when too few are left.
        java.util.Set<Long> kept = new java.util.HashSet<>();
        for (BatchMetrics b : measured) kept.add(b.batchTimeMs());
        List<ForeignRun.TaskSample> tasks = run.tasks().stream().filter(t -> kept.contains(t.batchTimeMs())).toList();
        if (tasks.stream().filter(t -> t.records() > 0).count() < CostFit.MIN_SAMPLES) tasks = run.tasks();
        CostFit fit = CostFit.of(tasks, measured);
        double skew = taskSkew(run);
        if (!fit.exists()) return none(run, summary, fit, skew, "fit.none.why");
        if (run.cores() < 1 || run.partitions() < 1) return none(run, summary, fit, skew, "fit.none.shape");
        double rate = summary.meanInputRatePerSec();
        if (!(rate > 0)) return none(run, summary, fit, skew, "fit.none.noRecords");

        boolean query = run.structured();
        Knobs k = new Knobs(run.job(), "local[" + run.cores() + "]", Duration.ofMillis(run.batchIntervalMs()), run.partitions(), Duration.ZERO,
                CostUnit.LINE, rate, 1, Knobs.DEFAULT_BLOCK_INTERVAL);
        if (query) k = k.withApi(Api.STRUCTURED);
        Workload w = new Workload(k, run.cores(), query ? 0 : run.receivers(), true);
        if (w.freeSlots() < 1) return none(run, summary, fit, skew, "fit.none.shape");
        double c = fit.perRecordMs();
        double ci = fit.ciMs();
        if (fit.method() == CostFit.Method.BATCHES_LINEAR) {
            // The batch's time per record is c × waves / P (BatchArithmetic): turned back into c.
            BatchArithmetic a = BatchArithmetic.of(w);
            double perBatchRecord = (double) a.waves() / a.partitions();
            c /= perBatchRecord;
            ci /= perBatchRecord;
        }
        w = w.withCost(Duration.ofNanos(Math.round(c * 1e6)));

        List<Double> rest = new ArrayList<>();
        List<Double> critical = new ArrayList<>();
        for (BatchMetrics b : measured) {
            if (b.records() <= 0) continue;
            BatchArithmetic a = BatchArithmetic.of(w.withRate(b.records() * 1000.0 / run.batchIntervalMs()));
            rest.add(b.processingTimeMs() - a.costTimeMs());
            critical.add(a.recordsPerSlot());
        }
        if (rest.isEmpty()) return none(run, summary, fit, skew, "fit.none.noRecords");
        double[] o = rest.stream().mapToDouble(Double::doubleValue).toArray();
        double overhead = Stats.median(o);
        double spread = o.length < 2 ? 0 : CostFit.spread(o) * Math.abs(Stats.mean(o)) / Math.sqrt(o.length) * CostFit.studentT95(o.length - 1);
        double overheadCi = spread + ci * Stats.median(critical.stream().mapToDouble(Double::doubleValue).toArray());

        Overhead measuredOverhead = query ? StructuredModel.measuredBy(run.job(), overhead, w)
                : Overhead.defaults("").measuredBy(run.job(), overhead, w);
        ProcessingTimeModel model = query ? new StructuredModel(measuredOverhead) : new ProcessingTimeModel(measuredOverhead);
        Prediction now = model.predict(w);
        List<Fix> fixes = fixes(new SmallestFixes(model, targetRatio), w);
        return new FittedPlan(run, summary, fit, c, ci, overhead, overheadCi, w, now, fixes, skew, null);
    }

    /**
     * The five fixes, each on its own: a search that runs past what a setting allows (the fewest cores of a job
     * whose records would need more than local[64]) becomes that fix's "none", with the reason, not a failed plan.
     */
    static List<Fix> fixes(SmallestFixes f, Workload w) {
        List<java.util.function.Function<Workload, Fix>> each = List.of(f::fewestCores, f::bestPartitions, f::largestStableCost,
                f::smallestStableBatchInterval, f::largestStableRate);
        List<Fix> out = new ArrayList<>();
        for (int i = 0; i < each.size(); i++) {
            try {
                out.add(each.get(i).apply(w));
            } catch (io.ssplab.core.BadInputException beyond) {
                out.add(new Fix(SmallestFixes.NAMES.get(i), io.ssplab.core.Messages.get("fix.none"), null, beyond.getMessage()));
            }
        }
        return out;
    }

    private static FittedPlan none(ForeignRun run, RunSummary summary, CostFit fit, double skew, String why) {
        double c = fit.exists() ? fit.perRecordMs() : Double.NaN;
        return new FittedPlan(run, summary, fit, c, fit.exists() ? fit.ciMs() : Double.NaN, Double.NaN, Double.NaN, null, null, List.of(), skew, why);
    }

    /** Median over batches of the most records one cost task read / the mean records per cost task. */
    static double taskSkew(ForeignRun run) {
        java.util.Map<Long, List<Long>> byBatch = new java.util.TreeMap<>();
        for (ForeignRun.TaskSample t : run.tasks()) byBatch.computeIfAbsent(t.batchTimeMs(), b -> new ArrayList<>()).add(t.records());
        List<Double> ratios = new ArrayList<>();
        for (List<Long> r : byBatch.values()) {
            double mean = r.stream().mapToLong(Long::longValue).average().orElse(0);
            if (mean > 0 && r.size() > 1) ratios.add(r.stream().mapToLong(Long::longValue).max().orElse(0) / mean);
        }
        return ratios.isEmpty() ? Double.NaN : Stats.median(ratios.stream().mapToDouble(Double::doubleValue).toArray());
    }
}
