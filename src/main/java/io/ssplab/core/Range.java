package io.ssplab.core;

import java.time.Duration;

/**
 * The range a number must fall in to be worth running, with the example a refusal suggests. Every
 * numeric option of the lab has one, defined once in {@link Limits}; the option's help text names it
 * and {@link #check} refuses anything outside, in one line, before anything starts.
 *
 * @param what    the option as typed, e.g. "--partitions"
 * @param min     smallest value allowed
 * @param max     largest value allowed
 * @param example a value to suggest, e.g. "4"
 */
public record Range(String what, double min, double max, String example) {

    /** "1–1,024": how help texts and refusals show the range. */
    public String span() {
        return Format.plain(min) + "–" + Format.plain(max);
    }

    public boolean contains(double v) {
        return v >= min && v <= max && !Double.isNaN(v);
    }

    /** @throws BadInputException "--partitions must be 1–1,024, got 0: pass e.g. --partitions 4" */
    public long check(long v) {
        if (!contains(v)) throw refusal(Format.plain(v));
        return v;
    }

    /** @throws BadInputException when out of range */
    public int check(int v) {
        check((long) v);
        return v;
    }

    /** @throws BadInputException when out of range, NaN or infinite */
    public double check(double v) {
        if (!contains(v) || Double.isInfinite(v)) throw refusal(shown(v));
        return v;
    }

    /** The value as typed closely enough to recognise: 0.001 is not shown as "0" (two decimals round it away). */
    private static String shown(double v) {
        if (v == 0 || Math.abs(v) >= 0.01 || !Double.isFinite(v)) return Format.plain(v);
        java.text.DecimalFormat f = new java.text.DecimalFormat("0.##########", java.text.DecimalFormatSymbols.getInstance(Lang.current().locale()));
        return f.format(v);
    }

    /** For a duration range given in milliseconds. */
    public Duration check(Duration d) {
        double ms = d.toNanos() / 1e6;
        if (!contains(ms)) throw new BadInputException(Messages.get("bad.durationRange", what, Format.duration(Duration.ofNanos((long) (min * 1e6))),
                Format.duration(Duration.ofNanos((long) (max * 1e6))), Format.duration(d), example));
        return d;
    }

    private BadInputException refusal(String got) {
        return new BadInputException(Messages.get("bad.range", what, span(), got, example));
    }
}
