package io.ssplab.core;

import java.time.Duration;

/**
 * The range a number must fall in to be worth running, with the example a refusal suggests. Every
 * numeric option of the lab has one, defined once ({@link Limits}, or beside the command that owns the
 * option); the option's help text quotes its {@link #span} (cli.HelpRanges) and {@link #check} refuses
 * anything outside, in one line, before anything starts.
 *
 * @param what    the option as typed, e.g. "--partitions"
 * @param min     smallest value allowed (milliseconds for a duration, megabytes for a memory size)
 * @param max     largest value allowed, in the same unit
 * @param example a value to suggest, e.g. "4"
 * @param unit    what min and max count: how {@link #span} shows them
 */
public record Range(String what, double min, double max, String example, Unit unit) {

    /** What a range's numbers count. */
    public enum Unit {
        /** A plain number: "1–1,024", "0.01–100,000". */
        NUMBER,
        /** Milliseconds, shown as durations: "100 ms–10 min". */
        MILLISECONDS,
        /** Megabytes, shown as the option is typed (Spark's size syntax, no separators in any language): "1g–1024g". */
        MEGABYTES
    }

    /** A range of plain numbers. */
    public Range(String what, double min, double max, String example) {
        this(what, min, max, example, Unit.NUMBER);
    }

    /** A range of durations, given in milliseconds. */
    public static Range ofMillis(String what, double minMs, double maxMs, String example) {
        return new Range(what, minMs, maxMs, example, Unit.MILLISECONDS);
    }

    /** A range of memory sizes, given in megabytes. */
    public static Range ofMegabytes(String what, double minMb, double maxMb, String example) {
        return new Range(what, minMb, maxMb, example, Unit.MEGABYTES);
    }

    /** "1–1,024", "100 ms–10 min": how help texts and refusals show the range, in the current language. */
    public String span() {
        return span(Lang.current());
    }

    /** The span in {@code lang}: "0.01–100,000" in English, "0,01–100.000" in Vietnamese. */
    public String span(Lang lang) {
        return shown(lang, min) + "–" + shown(lang, max);
    }

    /** One end of the range in its unit. */
    private String shown(Lang lang, double v) {
        return switch (unit) {
            case NUMBER -> Format.plain(lang, v);
            case MILLISECONDS -> Format.duration(lang, millis(v));
            case MEGABYTES -> v % 1024 == 0 ? Format.optionNumber(v / 1024) + "g" : Format.optionNumber(v) + "m";
        };
    }

    private static Duration millis(double ms) {
        return Duration.ofNanos(Math.round(ms * 1e6));
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
        if (!contains(ms)) throw new BadInputException(Messages.get("bad.durationRange", what, Format.duration(millis(min)),
                Format.duration(millis(max)), Format.duration(d), example));
        return d;
    }

    private BadInputException refusal(String got) {
        return new BadInputException(Messages.get("bad.range", what, span(), got, example));
    }
}
