package io.ssplab.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.ssplab.core.BatchMetrics;
import io.ssplab.core.Columns;
import io.ssplab.core.Lang;

/** The live table marks each row as it comes: over budget, and warm-up by the one rule. */
class ConsoleTableTest {

    private static List<String> print(List<BatchMetrics> batches, double nominal) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ConsoleTable table = new ConsoleTable(new PrintStream(bytes, true, StandardCharsets.UTF_8), nominal);
        batches.forEach(table);
        return bytes.toString(StandardCharsets.UTF_8).lines().toList();
    }

    @Test
    void warmUpRowsAreTheOnesTheSummaryLeavesOut() {
        // a 7 s first batch, three batches draining behind it: 5 warm-up rows (see WarmupTest)
        List<BatchMetrics> b = Batches.simulate(new long[] {40, 280, 280, 280, 280, 280, 280, 280, 280},
                new long[] {7000, 600, 600, 600, 600, 600, 600, 600, 600});
        List<String> lines = print(b, 280);
        assertThat(lines).hasSize(1 + b.size());
        assertThat(lines.get(0)).contains("batch", "records", "PT", "SD", "queued").doesNotContain("(warm-up)");
        int warmup = Warmup.batches(b, 280);
        assertThat(warmup).isEqualTo(5);
        for (int i = 0; i < b.size(); i++) {
            String row = lines.get(1 + i);
            if (i < warmup) assertThat(row).as("row %d", i).endsWith("(warm-up)");
            else assertThat(row).as("row %d", i).doesNotContain("(warm-up)");
        }
        // the 7 s batch overran its 2 s interval
        assertThat(lines.get(1)).contains("▲ PT > BI").contains("7.00 s");
        assertThat(lines.get(2)).doesNotContain("▲");
    }

    @Test
    void withAnUnknownRateTheFirstNonEmptyBatchEndsTheWarmUpMarks() {
        List<BatchMetrics> b = Batches.simulate(new long[] {0, 5, 280, 280}, Batches.repeat(600, 4));
        List<String> rows = print(b, Double.NaN).subList(1, 5);
        assertThat(rows.get(0)).endsWith("(warm-up)");
        assertThat(rows.get(1)).endsWith("(warm-up)");
        assertThat(rows.get(2)).doesNotContain("(warm-up)");
        assertThat(rows.get(3)).doesNotContain("(warm-up)");
    }

    @Test
    void inVietnameseTheHeaderTheRowsAndTheMarksStayAligned() {
        List<BatchMetrics> b = Batches.simulate(new long[] {40, 1161, 280, 280}, new long[] {2530, 600, 600, 600});
        List<String> lines;
        try {
            Lang.use(Lang.VI);
            lines = print(b, 280);
        } finally {
            Lang.use(Lang.EN);
        }
        String header = lines.get(0);
        assertThat(header).isEqualTo("batch       bản ghi  tốc độ/s        PT        SD      tổng     chờ");
        for (String row : lines.subList(1, lines.size())) {
            // every row's columns end where the header's do: the marks that follow start in one column
            String columns = row.substring(0, header.length());
            assertThat(columns).matches("\\d\\d:\\d\\d:\\d\\d +[\\d.]+ +\\d+,\\d( +\\d+,\\d\\d s){3} +\\d+");
            assertThat(row.substring(header.length())).matches("(  ▲ PT > BI)?(  \\(warm-up\\))?");
        }
        assertThat(lines.get(1)).contains("2,53 s").endsWith("  ▲ PT > BI  (warm-up)");
        assertThat(lines.get(2)).contains(" 1.161 ");
        // each label ends its column: the right-aligned numbers end under it
        String row = lines.get(3);
        for (String label : List.of("bản ghi", "tốc độ/s", "PT", "SD", "tổng", "chờ")) {
            int end = header.indexOf(label) + label.length();
            assertThat(row.charAt(end - 1)).as("%s ends column at %d in %s", label, end, row).isNotEqualTo(' ');
            assertThat(end == row.length() || row.charAt(end) == ' ').as(label).isTrue();
        }
    }

    @Test
    void everyLanguagesLabelsFitTheirColumns() {
        for (Lang lang : Lang.values()) {
            try {
                Lang.use(lang);
                Columns columns = ConsoleTable.columns();
                List<String> labels = ConsoleTable.labels();
                for (int i = 0; i < labels.size(); i++) {
                    assertThat(columns.width(i)).as("%s column %d", lang, i).isGreaterThanOrEqualTo(Columns.width(labels.get(i)));
                }
                assertThat(Columns.width(ConsoleTable.header()))
                        .isEqualTo(Columns.width(ConsoleTable.row(Batches.simulate(280, Batches.repeat(600, 1)).get(0), false)));
            } finally {
                Lang.use(Lang.EN);
            }
        }
    }
}
