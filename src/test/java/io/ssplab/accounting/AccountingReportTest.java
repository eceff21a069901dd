package io.ssplab.accounting;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import io.ssplab.core.Lang;

/** The kind of lines a run processed, as the accounting block says it: a summary.json value in the reader's words. */
class AccountingReportTest {

    @Test
    void eachLineFormatInWords() {
        assertThat(AccountingReport.lines("stamped")).isEqualTo("stamped lines");
        assertThat(AccountingReport.lines("mixed")).isEqualTo("a mix of stamped and classic lines");
        assertThat(AccountingReport.lines("none")).isEqualTo("no lines");
        assertThat(AccountingReport.lines("classic")).startsWith("classic lines: words only");
        assertThat(AccountingReport.lines("future")).isEqualTo("future lines");
        try {
            Lang.use(Lang.VI);
            assertThat(AccountingReport.lines("stamped")).isEqualTo("dòng có đóng dấu");
            assertThat(AccountingReport.lines("mixed")).isEqualTo("lẫn cả dòng có đóng dấu và dòng classic");
            assertThat(AccountingReport.lines("none")).isEqualTo("không có dòng nào");
            assertThat(AccountingReport.lines("classic")).startsWith("dòng kiểu classic: chỉ có từ");
        } finally {
            Lang.use(Lang.EN);
        }
    }
}
