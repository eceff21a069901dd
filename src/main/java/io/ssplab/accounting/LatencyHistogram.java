package io.ssplab.accounting;

import java.io.Serializable;
import java.util.Map;
import java.util.TreeMap;

/**
 * Counts of millisecond values, exact below {@value #EXACT_BELOW_MS} ms and within 0.1% above (the
 * value is rounded down to 10 significant bits), so that a run of hours with latencies of minutes stays
 * a few thousand entries. Negative values (clocks of two machines that disagree) count as 0.
 */
public final class LatencyHistogram implements Serializable {
    private static final long serialVersionUID = 1L;
    static final long EXACT_BELOW_MS = 2048;
    private final TreeMap<Long, Long> counts = new TreeMap<>();
    private long total;
    private long max = Long.MIN_VALUE;

    public void add(long ms) {
        add(ms, 1);
    }

    public void add(long ms, long n) {
        if (n <= 0) return;
        long v = Math.max(0, ms);
        counts.merge(bucket(v), n, Long::sum);
        total += n;
        max = Math.max(max, v);
    }

    /** Adds every value of {@code other} plus {@code shiftMs}: ages at batch time + the batch's delay = latency. */
    public void addShifted(LatencyHistogram other, long shiftMs) {
        for (Map.Entry<Long, Long> e : other.counts.entrySet()) add(e.getKey() + shiftMs, e.getValue());
        if (other.total > 0) max = Math.max(max, Math.max(0, other.max + shiftMs));
    }

    public void addAll(LatencyHistogram other) {
        addShifted(other, 0);
    }

    static long bucket(long v) {
        if (v < EXACT_BELOW_MS) return v;
        int drop = 64 - Long.numberOfLeadingZeros(v) - 11; // keep 11 bits: within 0.1%
        return (v >> drop) << drop;
    }

    public long count() {
        return total;
    }

    /** The value at percentile p (0..100), nearest rank; NaN when empty. */
    public double percentile(double p) {
        if (total == 0) return Double.NaN;
        if (p >= 100) return max;
        long rank = Math.max(1, (long) Math.ceil(p / 100.0 * total));
        long seen = 0;
        for (Map.Entry<Long, Long> e : counts.entrySet()) {
            seen += e.getValue();
            if (seen >= rank) return e.getKey();
        }
        return max;
    }

    /** Largest value added; NaN when empty. */
    public double max() {
        return total == 0 ? Double.NaN : max;
    }
}
