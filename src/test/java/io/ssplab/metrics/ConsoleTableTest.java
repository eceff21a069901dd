package io.ssplab.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.ssplab.core.BatchMetrics;

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
}
