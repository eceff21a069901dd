package io.ssplab.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import picocli.CommandLine.TypeConversionException;

class DurationConverterTest {

    @Test
    void readsTheUnitsPeopleWrite() {
        assertThat(DurationConverter.parse("2s")).isEqualTo(Duration.ofSeconds(2));
        assertThat(DurationConverter.parse("500ms")).isEqualTo(Duration.ofMillis(500));
        assertThat(DurationConverter.parse("5.5ms")).isEqualTo(Duration.ofNanos(5_500_000));
        assertThat(DurationConverter.parse("250us")).isEqualTo(Duration.ofNanos(250_000));
        assertThat(DurationConverter.parse("1m")).isEqualTo(Duration.ofMinutes(1));
        assertThat(DurationConverter.parse("1h")).isEqualTo(Duration.ofHours(1));
        assertThat(DurationConverter.parse(" 15 ms ")).isEqualTo(Duration.ofMillis(15));
        assertThat(DurationConverter.parse("0")).isEqualTo(Duration.ZERO);
    }

    @Test
    void refusesBareNumbersAndGarbageWithAHint() {
        assertThatThrownBy(() -> DurationConverter.parse("15")).isInstanceOf(TypeConversionException.class)
                .hasMessageContaining("15s or 15ms");
        assertThatThrownBy(() -> DurationConverter.parse("fast")).isInstanceOf(TypeConversionException.class)
                .hasMessageContaining("e.g. 2s");
        assertThatThrownBy(() -> DurationConverter.parse("2 parsecs")).isInstanceOf(TypeConversionException.class);
    }

    @Test
    void formatsBackCompactly() {
        assertThat(DurationConverter.format(Duration.ofSeconds(2))).isEqualTo("2s");
        assertThat(DurationConverter.format(Duration.ofMillis(15))).isEqualTo("15ms");
        assertThat(DurationConverter.format(Duration.ofNanos(5_400_000))).isEqualTo("5.4ms");
        assertThat(DurationConverter.format(Duration.ZERO)).isEqualTo("0");
    }
}
