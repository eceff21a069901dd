package io.ssplab.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.ssplab.core.BatchMetrics;

/** The cost stage's task metrics of a batch (docs/level2.md): in the JSON Lines, the live table and the run's summary line. */
class CostStageMetricsTest {
    static BatchMetrics batch(long time, Long max, Long median, Long records) {
        return new BatchMetrics("skew", time, 2000, 280, 140, 2500, 0, 2500, 0).withCostStage(max, median, records);
    }

    @Test
    void theTaskStatsOfAStageAreItsLongestAndMedianTaskAndMostRecords() {
        List<long[]> tasks = new ArrayList<>(List.of(new long[] {2440, 305}, new long[] {600, 74}, new long[] {590, 70},
                new long[] {700, 90}, new long[] {400, 50}, new long[] {610, 75}, new long[] {620, 76}));
        CostStageListener.TaskStats s = CostStageListener.stats(3, tasks);
        assertThat(s.tasks()).isEqualTo(7);
        assertThat(s.maxMs()).isEqualTo(2440);
        assertThat(s.medianMs()).isEqualTo(610);
        assertThat(s.maxRecords()).isEqualTo(305);
        assertThat(s.skew()).isEqualTo(2440 / 610.0);
        // nothing taken before anything was seen
        assertThat(new CostStageListener().take(1000)).isNull();
    }

    @Test
    void aBatchWritesItsTaskMetricsWhenKnownAndReadsWithoutThem(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("skew.jsonl");
        try (JsonLines.Writer w = new JsonLines.Writer(file)) {
            w.accept(batch(1000, 2440L, 610L, 305L));
            w.accept(new BatchMetrics("skew", 3000, 2000, 280, 140, 300, 0, 300, 0));
        }
        List<String> lines = Files.readAllLines(file);
        assertThat(lines.get(0)).contains("\"costStageTaskMaxMs\":2440", "\"costStageTaskMedianMs\":610", "\"costStageMaxRecordsPerTask\":305");
        assertThat(lines.get(1)).doesNotContain("costStage"); // unknown: left out, read back as null
        List<BatchMetrics> read = JsonLines.read(file).batches();
        assertThat(read.get(0).costStageSkew()).isEqualTo(2440 / 610.0);
        assertThat(read.get(1).costStageTaskMaxMs()).isNull();
        assertThat(read.get(1).hasCostStage()).isFalse();
        assertThat(read.get(1).costStageSkew()).isNaN();
    }

    @Test
    void theLiveTableOfASkewedRunEndsWithLongestOverMedian() {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        ConsoleTable table = new ConsoleTable(new PrintStream(buffer, true, StandardCharsets.UTF_8), 280, true);
        table.accept(batch(1_700_000_000_000L, 2440L, 610L, 305L));
        table.accept(batch(1_700_000_002_000L, null, null, null));
        String[] out = buffer.toString(StandardCharsets.UTF_8).split("\n");
        assertThat(out[0]).endsWith("task max/med");
        assertThat(out[1]).contains("4.0×");
        assertThat(out[2]).contains("—");
        // the header's columns line up with the rows'
        assertThat(out[0].indexOf("task max/med") + "task max/med".length()).isEqualTo(out[1].indexOf("4.0×") + "4.0×".length());
        // without skew, the table is what it was
        assertThat(ConsoleTable.header()).doesNotContain("max/med");
    }

    @Test
    void theRunSummarysLineTakesTheMedianOverTheBatches() {
        CostStageSummary s = CostStageSummary.of(List.of(batch(1, 2400L, 600L, 300L), batch(2, 2500L, 620L, 310L), batch(3, 2450L, 700L, 305L),
                new BatchMetrics("skew", 4, 2000, 280, 140, 2500, 0, 2500, 0)));
        assertThat(s.batches()).isEqualTo(3);
        assertThat(s.maxMs()).isEqualTo(2450);
        assertThat(s.medianMs()).isEqualTo(620);
        assertThat(s.skew()).isEqualTo(4.0); // the median of 4.0, 4.03 and 3.5
        assertThat(s.maxRecords()).isEqualTo(310);
        assertThat(s.line()).startsWith("  cost stage tasks (median over 3 batches): longest 2.45 s, median 0.62 s, max/median");
        assertThat(CostStageSummary.of(List.of(new BatchMetrics("x", 1, 2000, 1, 1, 1, 0, 1, 0)))).isNull();
    }
}
