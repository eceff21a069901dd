package io.ssplab.cli;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Reads durations with units, as people write them: {@code 2s}, {@code 500ms}, {@code 5.5ms},
 * {@code 250us}, {@code 1m}, {@code 1h}. A bare {@code 0} is allowed (it is zero in every unit); any
 * other bare number is refused, because "15" could mean seconds or milliseconds.
 */
public final class DurationConverter implements ITypeConverter<Duration> {
    private static final Pattern FORMAT = Pattern.compile("(-?\\d+(?:\\.\\d+)?)\\s*(ns|us|µs|ms|s|m|min|h)?");

    @Override
    public Duration convert(String value) {
        return parse(value);
    }

    public static Duration parse(String value) {
        String v = value.strip().toLowerCase(Locale.ROOT);
        Matcher m = FORMAT.matcher(v);
        if (!m.matches())
            throw new TypeConversionException("'" + value + "' is not a duration: write a number and a unit, e.g. 2s, 500ms, 5.5ms");
        double number = Double.parseDouble(m.group(1));
        String unit = m.group(2);
        if (unit == null) {
            if (number == 0) return Duration.ZERO;
            throw new TypeConversionException("'" + value + "' has no unit: write e.g. " + m.group(1) + "s or " + m.group(1) + "ms");
        }
        double nanosPerUnit = switch (unit) {
            case "ns" -> 1;
            case "us", "µs" -> 1e3;
            case "ms" -> 1e6;
            case "s" -> 1e9;
            case "m", "min" -> 60e9;
            case "h" -> 3600e9;
            default -> throw new IllegalStateException(unit);
        };
        double nanos = number * nanosPerUnit;
        if (Math.abs(nanos) > 1e17)
            throw new TypeConversionException("'" + value + "' is too long a duration");
        return Duration.ofNanos(Math.round(nanos));
    }

    /** 2000 ms → "2s", 6 ms → "6ms", 5.5 ms → "5.5ms": the inverse of {@link #parse}, for help and reports. */
    public static String format(Duration d) {
        long nanos = d.toNanos();
        if (nanos == 0) return "0";
        if (nanos % 1_000_000_000L == 0) return nanos / 1_000_000_000L + "s";
        if (nanos % 1_000_000L == 0) return nanos / 1_000_000L + "ms";
        return String.format(Locale.ROOT, "%sms", io.ssplab.metrics.ConsoleTable.trim(nanos / 1e6));
    }
}
