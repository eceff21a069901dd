package io.ssplab.ownjob;

import java.util.List;

import io.ssplab.core.BatchMetrics;
import io.ssplab.core.Stats;

/**
 * This job's per-record cost, estimated from what was measured, with a 95 % confidence interval.
 *
 * <h2>Design: which estimate, and when there is none</h2>
 * A task of the cost stage that read n records ran {@code t = a + c·n} ms: c the per-record cost, a the
 * task's own fixed time. The event log has t (Executor Run Time) and n (input + shuffle records read) for
 * every task; the lab's listener keeps the longest task and the most records per task of each batch.
 * <ol>
 *   <li><b>tasks, least squares</b> ({@link Method#TASKS_LINEAR}): at least {@value #MIN_SAMPLES} tasks whose
 *       record counts spread (coefficient of variation ≥ {@value #MIN_SPREAD}): the slope of t on n is c, the
 *       intercept a; the interval is the slope's standard error × Student's t.</li>
 *   <li><b>tasks, ratio</b> ({@link Method#TASKS_RATIO}): as many tasks, all about the same size: c = Σt / Σn
 *       (a is folded into c, so c is an upper bound), the interval from the spread of t/n.</li>
 *   <li><b>batches, least squares</b> ({@link Method#BATCHES_LINEAR}): too few tasks, but at least
 *       {@value #MIN_BATCHES} batches of differing sizes: the slope of PT on the batch's records is the batch's
 *       time per record, c × waves / P (the model's arithmetic turns it back into c).</li>
 *   <li><b>none</b>: too few tasks and batches all the same size: nothing separates the per-record cost from
 *       the fixed time. The run that makes it possible: more batches with differing input (vary the rate), or
 *       the task metrics of an event log.</li>
 * </ol>
 * An estimate whose interval is wider than {@value #MAX_RELATIVE_CI} of itself is refused too: it could not
 * tell a fix from its opposite.
 *
 * @param method       which estimate
 * @param samples      tasks or batches it used
 * @param perRecordMs  c (for {@link Method#BATCHES_LINEAR}: the batch's time per record, before the model's waves / P)
 * @param ciMs         half-width of c's 95 % interval
 * @param interceptMs  a, the fixed time per task (per batch for {@link Method#BATCHES_LINEAR}); NaN for a ratio
 * @param spread       coefficient of variation of the records per sample
 */
public record CostFit(Method method, int samples, double perRecordMs, double ciMs, double interceptMs, double spread) {
    /** Fewest tasks with records for a fit on tasks. */
    public static final int MIN_SAMPLES = 10;
    /** Fewest batches with records for a fit on batches. */
    public static final int MIN_BATCHES = 6;
    /** Records per sample spread at least this much (standard deviation / mean): a slope is determined. */
    public static final double MIN_SPREAD = 0.15;
    /** An interval wider than this share of the estimate is no estimate. */
    public static final double MAX_RELATIVE_CI = 0.5;

    public enum Method { TASKS_LINEAR, TASKS_RATIO, BATCHES_LINEAR, NONE }

    public boolean exists() {
        return method != Method.NONE;
    }

    /** The interval as a share of the estimate. */
    public double relativeCi() {
        return perRecordMs > 0 ? ciMs / perRecordMs : Double.POSITIVE_INFINITY;
    }

    /** Whether the known value lies in c ± ci. */
    public boolean covers(double ms) {
        return Math.abs(ms - perRecordMs) <= ciMs;
    }

    /** The estimate from a run's task samples, else from its batches (those after warm-up), else none. */
    public static CostFit of(List<ForeignRun.TaskSample> tasks, List<BatchMetrics> batches) {
        double[] n = tasks.stream().filter(t -> t.records() > 0).mapToDouble(ForeignRun.TaskSample::records).toArray();
        double[] t = tasks.stream().filter(x -> x.records() > 0).mapToDouble(ForeignRun.TaskSample::runMs).toArray();
        if (n.length >= MIN_SAMPLES) {
            CostFit fit = spread(n) >= MIN_SPREAD ? linear(Method.TASKS_LINEAR, n, t) : ratio(n, t);
            if (fit.relativeCi() <= MAX_RELATIVE_CI) return fit;
        }
        double[] r = batches.stream().filter(b -> b.records() > 0).mapToDouble(BatchMetrics::records).toArray();
        double[] pt = batches.stream().filter(b -> b.records() > 0).mapToDouble(BatchMetrics::processingTimeMs).toArray();
        if (r.length >= MIN_BATCHES && spread(r) >= MIN_SPREAD) {
            CostFit fit = linear(Method.BATCHES_LINEAR, r, pt);
            if (fit.relativeCi() <= MAX_RELATIVE_CI && fit.perRecordMs() > 0) return fit;
        }
        return new CostFit(Method.NONE, Math.max(n.length, r.length), Double.NaN, Double.NaN, Double.NaN,
                n.length >= MIN_SAMPLES ? spread(n) : spread(r));
    }

    static CostFit linear(Method method, double[] x, double[] y) {
        int k = x.length;
        double mx = Stats.mean(x);
        double my = Stats.mean(y);
        double sxx = 0;
        double sxy = 0;
        for (int i = 0; i < k; i++) {
            sxx += (x[i] - mx) * (x[i] - mx);
            sxy += (x[i] - mx) * (y[i] - my);
        }
        double slope = sxy / sxx;
        double intercept = my - slope * mx;
        double ssr = 0;
        for (int i = 0; i < k; i++) ssr += Math.pow(y[i] - intercept - slope * x[i], 2);
        double se = Math.sqrt(ssr / (k - 2) / sxx);
        return new CostFit(method, k, slope, studentT95(k - 2) * se, intercept, spread(x));
    }

    static CostFit ratio(double[] n, double[] t) {
        double sumT = 0;
        double sumN = 0;
        double[] per = new double[n.length];
        for (int i = 0; i < n.length; i++) {
            sumT += t[i];
            sumN += n[i];
            per[i] = t[i] / n[i];
        }
        double c = sumT / sumN;
        double var = 0;
        for (double p : per) var += (p - Stats.mean(per)) * (p - Stats.mean(per));
        double se = Math.sqrt(var / (n.length - 1) / n.length);
        return new CostFit(Method.TASKS_RATIO, n.length, c, studentT95(n.length - 1) * se, Double.NaN, spread(n));
    }

    /** Standard deviation over mean; 0 for fewer than two values or a zero mean. */
    static double spread(double[] v) {
        if (v.length < 2) return 0;
        double m = Stats.mean(v);
        if (!(m > 0)) return 0;
        double s = 0;
        for (double x : v) s += (x - m) * (x - m);
        return Math.sqrt(s / (v.length - 1)) / m;
    }

    /** Student's t for a two-sided 95 % interval: the table up to 30 degrees of freedom, 1.96 beyond. */
    static double studentT95(int df) {
        final double[] table = {12.71, 4.30, 3.18, 2.78, 2.57, 2.45, 2.36, 2.31, 2.26, 2.23, 2.20, 2.18, 2.16, 2.14, 2.13, 2.12, 2.11, 2.10,
                2.09, 2.09, 2.08, 2.07, 2.07, 2.06, 2.06, 2.06, 2.05, 2.05, 2.05, 2.04};
        if (df < 1) return Double.POSITIVE_INFINITY;
        return df <= table.length ? table[df - 1] : 1.96;
    }
}
