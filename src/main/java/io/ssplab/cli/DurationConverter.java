package io.ssplab.cli;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.ssplab.core.Format;
import io.ssplab.core.Messages;
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
            throw new TypeConversionException(Messages.get("cli.duration.notDuration"));
        double number = Double.parseDouble(m.group(1));
        String unit = m.group(2);
        if (unit == null) {
            if (number == 0) return Duration.ZERO;
            throw new TypeConversionException(Messages.get("cli.duration.noUnit", m.group(1)));
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
            throw new TypeConversionException(Messages.get("cli.duration.tooLong"));
        return Duration.ofNanos(Math.round(nanos));
    }

    /** The inverse of {@link #parse}, for help and commands to paste: {@link Format#option}. */
    public static String format(Duration d) {
        return Format.option(d);
    }
}
