package io.ssplab.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.ssplab.cli.DurationConverter;

/** Numbers for people, in each language; numbers for command lines, in none. */
class FormatTest {

    @AfterEach
    void backToEnglish() {
        Lang.use(Lang.EN);
    }

    @Test
    void vietnameseWritesADecimalCommaAndDotsBetweenThousands() {
        assertThat(Format.seconds(Lang.VI, 2615)).isEqualTo("2,62 s");
        assertThat(Format.integer(Lang.VI, 1161)).isEqualTo("1.161");
        assertThat(Format.integer(Lang.VI, 1_234_567)).isEqualTo("1.234.567");
        assertThat(Format.plain(Lang.VI, 5.6)).isEqualTo("5,6");
        assertThat(Format.plain(Lang.VI, 1024)).isEqualTo("1.024");
        assertThat(Format.plain(Lang.VI, 1234.5)).isEqualTo("1.234,5");
        assertThat(Format.fixed(Lang.VI, 1.3, 2)).isEqualTo("1,30");
        assertThat(Format.percent(Lang.VI, 0.42)).isEqualTo("42%");
        assertThat(Format.duration(Lang.VI, Duration.ofMillis(1500))).isEqualTo("1,5 s");
        assertThat(Format.duration(Lang.VI, Duration.ofNanos(5_600_000))).isEqualTo("5,6 ms");
        assertThat(Format.signed(Lang.VI, 12.5, 1)).isEqualTo("+12,5");
    }

    @Test
    void englishWritesADecimalPointAndCommasBetweenThousands() {
        assertThat(Format.seconds(Lang.EN, 2615)).isEqualTo("2.62 s");
        assertThat(Format.seconds(Lang.EN, 2000)).isEqualTo("2.00 s");
        assertThat(Format.integer(Lang.EN, 1161)).isEqualTo("1,161");
        assertThat(Format.integer(Lang.EN, 7)).isEqualTo("7");
        assertThat(Format.plain(Lang.EN, 5.6)).isEqualTo("5.6");
        assertThat(Format.plain(Lang.EN, 6)).isEqualTo("6");
        assertThat(Format.plain(Lang.EN, 5.678)).isEqualTo("5.68");
        assertThat(Format.plain(Lang.EN, 5.675)).as("half up, on the decimal value").isEqualTo("5.68");
        assertThat(Format.plain(Lang.EN, 1024)).isEqualTo("1,024");
        assertThat(Format.plain(Lang.EN, Double.NaN)).isEqualTo("–");
        assertThat(Format.plain(Lang.EN, Double.POSITIVE_INFINITY)).isEqualTo("∞");
        assertThat(Format.fixed(Lang.EN, 1.3, 2)).isEqualTo("1.30");
        assertThat(Format.percent(Lang.EN, 0.42)).isEqualTo("42%");
        assertThat(Format.percent(Lang.EN, 1.0)).isEqualTo("100%");
    }

    @Test
    void theOneArgumentFormsUseTheCurrentLanguage() {
        assertThat(Format.seconds(2615)).isEqualTo("2.62 s");
        assertThat(Format.integer(1161)).isEqualTo("1,161");
        Lang.use(Lang.VI);
        assertThat(Format.seconds(2615)).isEqualTo("2,62 s");
        assertThat(Format.integer(1161)).isEqualTo("1.161");
        assertThat(Format.plain(5.6)).isEqualTo("5,6");
        assertThat(Format.signed(-3, 0)).isEqualTo("-3");
        // the command line's forms do not change with the language
        assertThat(Format.option(Duration.ofNanos(5_500_000))).isEqualTo("5.5ms");
        assertThat(Format.optionNumber(5.5)).isEqualTo("5.5");
    }

    @Test
    void signedNeverPrintsMinusZero() {
        for (Lang lang : Lang.values()) {
            assertThat(Format.signed(lang, -0.3, 0)).as("%s", lang).isEqualTo("+0");
            assertThat(Format.signed(lang, -0.0, 0)).as("%s", lang).isEqualTo("+0");
            assertThat(Format.signed(lang, 0.0, 0)).as("%s", lang).isEqualTo("+0");
            assertThat(Format.signed(lang, -0.4, 0)).as("%s", lang).isEqualTo("+0");
            assertThat(Format.signed(lang, -0.6, 0)).as("%s", lang).isEqualTo("-1");
            // anything that rounds to zero at the digits asked for
            for (double v : new double[] {-0.04, -0.0001, -1e-12}) assertThat(Format.signed(lang, v, 1)).as("%s %s", lang, v).doesNotStartWith("-");
            for (double v : new double[] {-0.004, -0.0001, -1e-12}) assertThat(Format.signed(lang, v, 2)).as("%s %s", lang, v).doesNotStartWith("-");
            assertThat(Format.signed(lang, -0.04, 2)).as("%s: not zero at two digits", lang).startsWith("-0");
        }
        assertThat(Format.signed(Lang.EN, -0.004, 2)).isEqualTo("+0.00");
        assertThat(Format.signed(Lang.VI, -0.004, 2)).isEqualTo("+0,00");
        assertThat(Format.signed(Lang.EN, 12.4, 0)).isEqualTo("+12");
        assertThat(Format.signed(Lang.EN, -3, 0)).isEqualTo("-3");
        assertThat(Format.signed(Lang.EN, -0.05, 1)).isEqualTo("-0.1");
        assertThat(Format.signed(Lang.EN, 25, 1)).isEqualTo("+25.0");
    }

    @Test
    void durationsAsAPersonWritesThem() {
        assertThat(Format.duration(Lang.EN, Duration.ofSeconds(2))).isEqualTo("2 s");
        assertThat(Format.duration(Lang.EN, Duration.ofMillis(15))).isEqualTo("15 ms");
        assertThat(Format.duration(Lang.EN, Duration.ofNanos(5_600_000))).isEqualTo("5.6 ms");
        assertThat(Format.duration(Lang.EN, Duration.ofMillis(1500))).isEqualTo("1.5 s");
        assertThat(Format.duration(Lang.EN, Duration.ofNanos(50_000))).isEqualTo("50 µs");
        assertThat(Format.duration(Lang.EN, Duration.ZERO)).isEqualTo("0 ms");
    }

    @Test
    void optionRoundTripsDurationsThroughTheCommandLineParser() {
        List<Duration> durations = List.of(Duration.ZERO, Duration.ofSeconds(2), Duration.ofMillis(6), Duration.ofNanos(5_500_000),
                Duration.ofNanos(5_600_000), Duration.ofMillis(1500), Duration.ofMinutes(10), Duration.ofNanos(250_000),
                Duration.ofMillis(200), Duration.ofNanos(15_125_000), Duration.ofHours(24));
        for (Duration d : durations) {
            String typed = Format.option(d);
            assertThat(typed).as("%s", d).doesNotContain(" ").doesNotContain(",").matches("0|\\d+(\\.\\d+)?(ms|s)");
            assertThat(DurationConverter.parse(typed)).as("%s typed as %s", d, typed).isEqualTo(d);
        }
        assertThat(Format.option(Duration.ofSeconds(2))).isEqualTo("2s");
        assertThat(Format.option(Duration.ofMillis(6))).isEqualTo("6ms");
        assertThat(Format.option(Duration.ofNanos(5_500_000))).isEqualTo("5.5ms");
        assertThat(Format.option(Duration.ofMillis(1500))).isEqualTo("1500ms");
        assertThat(Format.option(Duration.ofNanos(250_000))).isEqualTo("0.25ms");
        assertThat(Format.option(Duration.ZERO)).isEqualTo("0");
        // and numbers: no grouping, no trailing zeros, a point whatever the language
        assertThat(Format.optionNumber(140)).isEqualTo("140");
        assertThat(Format.optionNumber(5.5)).isEqualTo("5.5");
        assertThat(Format.optionNumber(100000)).isEqualTo("100000");
        assertThat(Double.parseDouble(Format.optionNumber(104.1666))).isEqualTo(104.167);
    }
}
