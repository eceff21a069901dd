package io.ssplab.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.text.Normalizer;
import java.util.List;

import org.junit.jupiter.api.Test;

/** Aligned columns whatever the language: widths from the rendered cells, measured as a terminal shows them. */
class ColumnsTest {

    @Test
    void aVietnameseLetterCountsOnceHoweverItIsWritten() {
        String composed = "bản ghi";
        String decomposed = Normalizer.normalize(composed, Normalizer.Form.NFD);
        assertThat(decomposed.length()).isGreaterThan(composed.length());
        assertThat(Columns.width(composed)).isEqualTo(7);
        assertThat(Columns.width(decomposed)).isEqualTo(7);
        assertThat(Columns.width("▲ PT > BI")).isEqualTo(9);
        assertThat(Columns.width("")).isZero();
        assertThat(Columns.left(decomposed, 9)).isEqualTo(decomposed + "  ");
        assertThat(Columns.right("PT trung vị", 13)).isEqualTo("  PT trung vị");
        assertThat(Columns.right("too wide", 3)).isEqualTo("too wide");
    }

    @Test
    void aColumnIsAsWideAsItsWidestCellAndAtLeastItsMinimum() {
        Columns c = new Columns(List.of(Columns.Align.LEFT, Columns.Align.RIGHT), new int[] {6, 8}, " ");
        assertThat(c.line(List.of("batch", "records"))).isEqualTo("batch   records");
        c.fit(List.of("batch", "tốc độ/s ước tính"));
        assertThat(c.width(0)).isEqualTo(6);
        assertThat(c.width(1)).isEqualTo(17);
        String header = c.line(List.of("batch", "tốc độ/s ước tính"));
        String row = c.line(List.of("21:55", "140,0"));
        assertThat(Columns.width(header)).isEqualTo(Columns.width(row)).isEqualTo(6 + 1 + 17);
        assertThat(row).endsWith(" 140,0");
        // a cell past the last column is appended as it is
        assertThat(c.line(List.of("a", "b", "extra"))).endsWith(" extra");
        assertThatThrownBy(() -> new Columns(List.of(Columns.Align.LEFT), new int[] {1, 2}, " ")).isInstanceOf(IllegalArgumentException.class);
    }
}
