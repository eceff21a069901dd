package io.ssplab.report;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;
import java.util.function.ToDoubleFunction;

import io.ssplab.core.BatchMetrics;
import io.ssplab.core.Format;
import io.ssplab.core.Lang;
import io.ssplab.core.Messages;
import io.ssplab.core.Stats;

/**
 * The numbers behind every chart, prepared from the batches and kept apart from drawing so that they
 * are unit-tested: the timelines (what the Spark UI's Streaming tab plots), their percentiles, and
 * histogram bins with round edges.
 */
public final class ChartData {
    /** Bins a histogram aims for: enough to show a shape, few enough for labels readable on a slide. */
    static final int TARGET_BINS = 10;

    private ChartData() {
    }

    /** A per-batch quantity, in the unit the charts show (seconds for times, as the Spark UI does). */
    public enum Metric {
        INPUT_RATE("Input Rate", "chart.unit.recordsPerSecond", "input-rate", BatchMetrics::inputRatePerSec),
        PROCESSING_TIME("Processing Time", "chart.unit.seconds", "processing-time", m -> m.processingTimeMs() / 1000.0),
        SCHEDULING_DELAY("Scheduling Delay", "chart.unit.seconds", "scheduling-delay", m -> m.schedulingDelayMs() / 1000.0),
        TOTAL_DELAY("Total Delay", "chart.unit.seconds", "total-delay", m -> m.totalDelayMs() / 1000.0),
        /** A Kafka run's consumer lag after each batch (docs/kafka.md): drawn only for runs that recorded it ({@link LagChart}). */
        CONSUMER_LAG("Consumer Lag", "kafka.chart.unit.records", "consumer-lag", m -> m.lagRecords() == null ? 0 : m.lagRecords());

        /**
         * The Spark UI's name for it, in every language: the charts keep the UI's English terms, as the
         * original lesson and the glossary do.
         */
        public final String label;
        /** The message naming its unit ("s", "records/s"). */
        private final String unitKey;
        /** Used in chart file names. */
        public final String slug;
        private final ToDoubleFunction<BatchMetrics> value;

        Metric(String label, String unitKey, String slug, ToDoubleFunction<BatchMetrics> value) {
            this.label = label;
            this.unitKey = unitKey;
            this.slug = slug;
            this.value = value;
        }

        public double of(BatchMetrics m) {
            return value.applyAsDouble(m);
        }

        public double[] of(List<BatchMetrics> batches) {
            return batches.stream().mapToDouble(value).toArray();
        }

        /** "s", "records/s" ("bản ghi/s" in Vietnamese). */
        public String unit(Lang lang) {
            return Messages.in(lang, unitKey);
        }

        /** "Processing Time (s)": an axis title with its unit, in the current language. */
        public String axisTitle() {
            return axisTitle(Lang.current());
        }

        public String axisTitle(Lang lang) {
            return Messages.in(lang, "chart.axis.metric", label, unit(lang));
        }
    }

    /**
     * One point per batch: x is the batch time in seconds since the first batch (the Spark UI plots
     * against clock time; relative seconds read the same on any day), y the metric.
     */
    public record Timeline(double[] x, double[] y) {
        public int size() {
            return x.length;
        }

        /** Largest y, or 0 for no points. */
        public double maxY() {
            return Arrays.stream(y).max().orElse(0);
        }
    }

    public static Timeline timeline(List<BatchMetrics> batches, Metric metric) {
        double[] x = new double[batches.size()];
        double[] y = new double[batches.size()];
        long first = batches.isEmpty() ? 0 : batches.get(0).batchTimeMs();
        for (int i = 0; i < x.length; i++) {
            BatchMetrics m = batches.get(i);
            x[i] = (m.batchTimeMs() - first) / 1000.0;
            y[i] = metric.of(m);
        }
        return new Timeline(x, y);
    }

    /**
     * The x (seconds since the first batch) that separates warm-up from measured batches: halfway
     * between the last warm-up batch and the first measured one. NaN when there is no warm-up or
     * nothing after it.
     */
    public static double warmupBoundary(List<BatchMetrics> batches, int warmupBatches) {
        if (warmupBatches <= 0 || warmupBatches >= batches.size()) return Double.NaN;
        long first = batches.get(0).batchTimeMs();
        double last = (batches.get(warmupBatches - 1).batchTimeMs() - first) / 1000.0;
        double next = (batches.get(warmupBatches).batchTimeMs() - first) / 1000.0;
        return (last + next) / 2;
    }

    /** Median, 95th percentile, maximum and mean of some values; all NaN when there are none. */
    public record Percentiles(double median, double p95, double max, double mean) {
        public static Percentiles of(double[] values) {
            if (values.length == 0) return new Percentiles(Double.NaN, Double.NaN, Double.NaN, Double.NaN);
            return new Percentiles(Stats.median(values), Stats.percentile(values, 95),
                    Arrays.stream(values).max().orElseThrow(), Stats.mean(values));
        }
    }

    /**
     * Bins of equal width starting at 0. Bin i holds values in [i × width, (i + 1) × width); the
     * counts are split at a threshold (for PT: BI), so the chart can colour the batches that took
     * longer than the interval.
     *
     * @param width       bin width, a round number (1, 2, 2.5 or 5 × a power of ten)
     * @param withinCount per bin, values ≤ threshold
     * @param overCount   per bin, values > threshold
     */
    public record Histogram(double width, int[] withinCount, int[] overCount) {
        public int bins() {
            return withinCount.length;
        }

        public double lowerEdge(int bin) {
            return round(bin * width);
        }

        public double upperEdge(int bin) {
            return round((bin + 1) * width);
        }

        public int count(int bin) {
            return withinCount[bin] + overCount[bin];
        }

        public int total() {
            return Arrays.stream(withinCount).sum() + Arrays.stream(overCount).sum();
        }

        /** "2.00–2.25": bin edges with as many decimals as the width needs, in the current language. */
        public String label(int bin) {
            return label(Lang.current(), bin);
        }

        /** The bin's edges in {@code lang}: "2.00–2.25", in Vietnamese "2,00–2,25". */
        public String label(Lang lang, int bin) {
            int decimals = Math.max(0, BigDecimal.valueOf(width).stripTrailingZeros().scale());
            return Format.fixed(lang, lowerEdge(bin), decimals) + "–" + Format.fixed(lang, upperEdge(bin), decimals);
        }

        /** Edge arithmetic in floating point leaves 0.30000000000000004; charts want 0.3. */
        private static double round(double v) {
            return new BigDecimal(v).round(new java.math.MathContext(12)).doubleValue();
        }
    }

    /**
     * Histogram of non-negative values (NaN and negative values are left out), with bins from 0 far
     * enough to hold the largest value and the threshold, so that the threshold is on the chart
     * even when every value is below it.
     *
     * @param threshold split between within and over counts; {@code Double.POSITIVE_INFINITY} for no split
     */
    public static Histogram histogram(double[] values, double threshold) {
        double max = Arrays.stream(values).filter(v -> v >= 0).max().orElse(0);
        double span = Double.isFinite(threshold) ? Math.max(max, threshold) : max;
        double width = niceWidth(span / TARGET_BINS);
        int bins = (int) Math.floor(span / width + 1e-9) + 1;
        int[] within = new int[bins];
        int[] over = new int[bins];
        for (double v : values) {
            if (!(v >= 0)) continue;
            int bin = Math.min(bins - 1, (int) Math.floor(v / width + 1e-9));
            if (v > threshold) over[bin]++;
            else within[bin]++;
        }
        return new Histogram(width, within, over);
    }

    /**
     * A round top for an axis: {@code value} rounded up to a multiple of a round step about a tenth
     * of it (6.82 → 7, 0.115 → 0.12, 154 → 160); 1 for 0 or less.
     */
    public static double niceCeiling(double value) {
        if (!(value > 0) || Double.isInfinite(value)) return 1;
        double step = niceWidth(value / 10);
        return new BigDecimal(Math.ceil(value / step - 1e-9) * step).round(new java.math.MathContext(12)).doubleValue();
    }

    /** The smallest of 1, 2, 2.5, 5 × 10^k that is ≥ raw; 1 when raw is 0 or not a number (all values 0). */
    static double niceWidth(double raw) {
        if (!(raw > 0) || Double.isInfinite(raw)) return 1;
        double power = Math.pow(10, Math.floor(Math.log10(raw)));
        for (double step : new double[] {1, 2, 2.5, 5, 10}) {
            double w = step * power;
            // 2.5 × 0.1 is 0.25000000000000006 in binary: keep 12 significant digits so labels stay round.
            if (w >= raw * (1 - 1e-12)) return new BigDecimal(w).round(new java.math.MathContext(12)).doubleValue();
        }
        return 10 * power;
    }
}
