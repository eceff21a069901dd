package io.ssplab.core;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.time.Duration;

/**
 * How the lab writes a number for people, in one place: seconds as the Spark UI shows them ("2.61 s"),
 * knob values without trailing zeros ("5.6", "140"), counts with thousands separators ("1,161"), in the
 * current {@link Lang}: Vietnamese writes "2,61 s" and "1.161". Machine files never use this (Jackson
 * writes them locale-free).
 */
public final class Format {
    private Format() {
    }

    /** "2.61 s": milliseconds as seconds with two decimals, the unit people read in the Spark UI. */
    public static String seconds(double ms) {
        return seconds(Lang.current(), ms);
    }

    public static String seconds(Lang lang, double ms) {
        return fixed(lang, ms / 1000.0, 2) + " s";
    }

    /** A value with exactly {@code digits} decimals: fixed(1.3, 2) → "1.30". */
    public static String fixed(double v, int digits) {
        return fixed(Lang.current(), v, digits);
    }

    public static String fixed(Lang lang, double v, int digits) {
        return String.format(lang.locale(), "%." + digits + "f", v);
    }

    /** Like {@link #fixed} with a sign: "+12", "-3" (signed(12.4, 0) → "+12"); never "-0". */
    public static String signed(double v, int digits) {
        return signed(Lang.current(), v, digits);
    }

    public static String signed(Lang lang, double v, int digits) {
        String s = String.format(lang.locale(), "%+." + digits + "f", v);
        // "-0" after rounding is 0: a trend of -0.3 ms/batch is no trend.
        return s.matches("[-+]0([.,]0+)?") ? "+" + s.substring(1) : s;
    }

    /** A whole number with thousands separators: 1161 → "1,161" (Vietnamese "1.161"). */
    public static String integer(long n) {
        return integer(Lang.current(), n);
    }

    public static String integer(Lang lang, long n) {
        return String.format(lang.locale(), "%,d", n);
    }

    /**
     * A knob or measured value without trailing zeros, at most two decimals, grouped: 6 → "6",
     * 5.5 → "5.5", 5.678 → "5.68", 1024 → "1,024".
     */
    public static String plain(double v) {
        return plain(Lang.current(), v);
    }

    public static String plain(Lang lang, double v) {
        if (Double.isNaN(v)) return "–";
        if (Double.isInfinite(v)) return v > 0 ? "∞" : "-∞";
        DecimalFormat f = new DecimalFormat("#,##0.##", DecimalFormatSymbols.getInstance(lang.locale()));
        f.setRoundingMode(RoundingMode.HALF_UP);
        return f.format(BigDecimal.valueOf(v));
    }

    /** A percentage without decimals: 0.42 → "42%". */
    public static String percent(double share) {
        return percent(Lang.current(), share);
    }

    public static String percent(Lang lang, double share) {
        return fixed(lang, share * 100, 0) + "%";
    }

    /** A duration as a person writes it: "2 s", "15 ms", "5.6 ms", "1.5 s", "250 µs", "0 ms", "10 min", "24 h". */
    public static String duration(Duration d) {
        return duration(Lang.current(), d);
    }

    public static String duration(Lang lang, Duration d) {
        double ms = d.toNanos() / 1e6;
        // Whole hours and minutes as such: "24 h" reads better than "86,400 s".
        if (ms >= 3_600_000 && ms % 3_600_000 == 0) return plain(lang, ms / 3_600_000) + " h";
        if (ms >= 60_000 && ms % 60_000 == 0) return plain(lang, ms / 60_000) + " min";
        if (Math.abs(ms) >= 1000) return plain(lang, Math.round(ms / 10.0) / 100.0) + " s";
        if (ms != 0 && Math.abs(ms) < 0.1) return plain(lang, Math.round(ms * 1000 * 10) / 10.0) + " µs";
        return plain(lang, Math.round(ms * 1000) / 1000.0) + " ms";
    }

    /**
     * A duration as the command line takes it, the inverse of the option parser: 2000 ms → "2s",
     * 6 ms → "6ms", 5.5 ms → "5.5ms". Language-free: it is pasted into commands.
     */
    public static String option(Duration d) {
        long nanos = d.toNanos();
        if (nanos == 0) return "0";
        if (nanos % 1_000_000_000L == 0) return nanos / 1_000_000_000L + "s";
        if (nanos % 1_000_000L == 0) return nanos / 1_000_000L + "ms";
        return BigDecimal.valueOf(nanos, 6).stripTrailingZeros().toPlainString() + "ms"; // exact: 250 ns → "0.00025ms"
    }

    /** A number as the command line takes it: 140 → "140", 5.5 → "5.5". Language-free. */
    public static String optionNumber(double v) {
        return BigDecimal.valueOf(v).setScale(3, RoundingMode.HALF_UP).stripTrailingZeros().toPlainString();
    }
}
