package io.ssplab.accounting;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A set of sequence numbers kept as disjoint closed ranges [lo, hi]: the lines of one stream that were
 * seen. Lines of a stream arrive in order, so even after Spark's repartition scatters them over tasks
 * the merged set is a handful of ranges, and a hole in it is a line that never arrived.
 */
public final class SeqRanges implements Serializable {
    private static final long serialVersionUID = 1L;
    private final TreeMap<Long, Long> ranges = new TreeMap<>(); // lo → hi

    public void add(long seq) {
        addRange(seq, seq);
    }

    public void addAll(SeqRanges other) {
        for (Map.Entry<Long, Long> r : other.ranges.entrySet()) addRange(r.getKey(), r.getValue());
    }

    /** Adds [lo, hi], merging with ranges it overlaps or touches. */
    public void addRange(long lo, long hi) {
        if (hi < lo) throw new IllegalArgumentException("empty range " + lo + ".." + hi);
        Map.Entry<Long, Long> before = ranges.floorEntry(lo);
        if (before != null && before.getValue() >= lo - 1) {
            lo = before.getKey();
            hi = Math.max(hi, before.getValue());
            ranges.remove(before.getKey());
        }
        Map.Entry<Long, Long> next;
        while ((next = ranges.ceilingEntry(lo)) != null && next.getKey() <= hi + 1) {
            hi = Math.max(hi, next.getValue());
            ranges.remove(next.getKey());
        }
        ranges.put(lo, hi);
    }

    public boolean isEmpty() {
        return ranges.isEmpty();
    }

    /** How many distinct numbers the set holds. */
    public long count() {
        long n = 0;
        for (Map.Entry<Long, Long> r : ranges.entrySet()) n += r.getValue() - r.getKey() + 1;
        return n;
    }

    /** Smallest number, or -1 when empty. */
    public long min() {
        return ranges.isEmpty() ? -1 : ranges.firstKey();
    }

    /** Largest number, or -1 when empty. */
    public long max() {
        return ranges.isEmpty() ? -1 : ranges.lastEntry().getValue();
    }

    /** The missing ranges between {@code from} and the largest number, e.g. [[5, 9]] when 5…9 never came. */
    public List<long[]> holes(long from) {
        List<long[]> holes = new ArrayList<>();
        long expected = from;
        for (Map.Entry<Long, Long> r : ranges.entrySet()) {
            if (r.getValue() < expected) continue;
            if (r.getKey() > expected) holes.add(new long[] {expected, r.getKey() - 1});
            expected = r.getValue() + 1;
        }
        return holes;
    }

    /** Numbers missing between {@code from} and the largest number. */
    public long missing(long from) {
        long n = 0;
        for (long[] h : holes(from)) n += h[1] - h[0] + 1;
        return n;
    }

    /** How many numbers this set and {@code other} both hold. */
    public long common(SeqRanges other) {
        long n = 0;
        for (Map.Entry<Long, Long> r : ranges.entrySet()) {
            Map.Entry<Long, Long> o = other.ranges.floorEntry(r.getKey());
            Long from = o != null && o.getValue() >= r.getKey() ? o.getKey() : other.ranges.ceilingKey(r.getKey());
            for (Map.Entry<Long, Long> x : from == null ? java.util.List.<Map.Entry<Long, Long>>of()
                    : other.ranges.subMap(from, true, r.getValue(), true).entrySet())
                n += Math.min(r.getValue(), x.getValue()) - Math.max(r.getKey(), x.getKey()) + 1;
        }
        return n;
    }

    /** As [[lo, hi], …], for the journal. */
    public List<long[]> toList() {
        List<long[]> list = new ArrayList<>(ranges.size());
        for (Map.Entry<Long, Long> r : ranges.entrySet()) list.add(new long[] {r.getKey(), r.getValue()});
        return list;
    }

    public static SeqRanges of(List<long[]> list) {
        SeqRanges s = new SeqRanges();
        for (long[] r : list) s.addRange(r[0], r[1]);
        return s;
    }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder();
        for (Map.Entry<Long, Long> r : ranges.entrySet()) {
            if (b.length() > 0) b.append(',');
            b.append(r.getKey());
            if (!r.getValue().equals(r.getKey())) b.append('-').append(r.getValue());
        }
        return b.toString();
    }
}
