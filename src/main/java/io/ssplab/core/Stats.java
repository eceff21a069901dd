package io.ssplab.core;

import java.util.Arrays;

/** The few statistics the lab needs, computed the same way everywhere (summaries, reports, model error). */
public final class Stats {
    private Stats() {
    }

    /** Percentile by linear interpolation between closest ranks (p in 0..100); NaN for no values. */
    public static double percentile(double[] values, double p) {
        if (values.length == 0) return Double.NaN;
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        double rank = p / 100.0 * (sorted.length - 1);
        int lo = (int) Math.floor(rank);
        int hi = (int) Math.ceil(rank);
        return sorted[lo] + (sorted[hi] - sorted[lo]) * (rank - lo);
    }

    public static double median(double[] values) {
        return percentile(values, 50);
    }

    public static double mean(double[] values) {
        if (values.length == 0) return Double.NaN;
        double sum = 0;
        for (double v : values) sum += v;
        return sum / values.length;
    }

    /**
     * Least-squares slope of {@code values} against their index 0, 1, 2, …: for scheduling delays,
     * how many ms each batch adds. 0 for fewer than two values.
     */
    public static double slopePerIndex(double[] values) {
        int n = values.length;
        if (n < 2) return 0;
        double meanX = (n - 1) / 2.0;
        double meanY = mean(values);
        double num = 0;
        double den = 0;
        for (int i = 0; i < n; i++) {
            num += (i - meanX) * (values[i] - meanY);
            den += (i - meanX) * (i - meanX);
        }
        return num / den;
    }

    /**
     * The standard error of {@link #slopePerIndex}'s slope: how far the scatter of {@code values} around their line
     * could move it. 0 below three values (two points leave no scatter to measure).
     */
    public static double slopeStandardErrorPerIndex(double[] values) {
        int n = values.length;
        if (n < 3) return 0;
        double slope = slopePerIndex(values);
        double meanX = (n - 1) / 2.0;
        double meanY = mean(values);
        double residuals = 0;
        double den = 0;
        for (int i = 0; i < n; i++) {
            double fitted = meanY + slope * (i - meanX);
            residuals += (values[i] - fitted) * (values[i] - fitted);
            den += (i - meanX) * (i - meanX);
        }
        return Math.sqrt(residuals / (n - 2) / den);
    }
}
