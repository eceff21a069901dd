package io.ssplab.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.ssplab.core.BatchMetrics;
import io.ssplab.core.Json;
import io.ssplab.core.KafkaLag;
import io.ssplab.core.Knobs;
import io.ssplab.core.RunSummary;
import io.ssplab.core.Verdict;

/** Each partition's lag: in the JSON Lines, the live table, and the verdict's reason when one partition holds the growth. */
class PartitionLagTest {
    static final long LINES = 1000;

    /** Batches of 1,000 lines, PT 0.5 s, whose partitions' lags grow by these amounts per batch from 10 each. */
    static List<BatchMetrics> batches(int n, long... growthPerPartition) {
        List<BatchMetrics> out = new ArrayList<>();
        for (BatchMetrics b : Batches.simulate(LINES, Batches.repeat(500, n))) {
            int i = out.size();
            List<Long> lag = new ArrayList<>();
            for (long g : growthPerPartition) lag.add(10 + g * i);
            long total = lag.stream().mapToLong(Long::longValue).sum();
            out.add(b.withLag(total, lag.stream().mapToLong(Long::longValue).max().orElse(0), lag));
        }
        return out;
    }

    @Test
    void oneHotPartitionIsNamed() {
        KafkaLag l = LagRule.of(batches(8, 0, 280, 0, 0), LINES);
        assertThat(l.grows()).isTrue();
        assertThat(l.hotPartition()).isEqualTo(1);
        assertThat(l.hotPartitionLastRecords()).isEqualTo(10 + 280 * 7);
        assertThat(l.hotPartitionGrowthPerBatch()).isEqualTo(280.0);
        assertThat(l.otherPartitionsMaxRecords()).isEqualTo(10);
        assertThat(LagRule.onOnePartition(l)).isTrue();
        RunSummary s = Summarizer.summarize(Knobs.onlyInterval("test", Batches.BI), batches(8, 0, 280, 0, 0));
        assertThat(s.verdict()).isEqualTo(Verdict.UNSTABLE);
        assertThat(s.reason()).startsWith("consumer lag grows by 280 records per batch").contains("partition 1 holds it",
                "growing by 280 per batch", "no other partition was more than 10 behind");
    }

    @Test
    void aLagSpreadOverThePartitionsNamesNone() {
        KafkaLag even = LagRule.of(batches(8, 100, 100), LINES);
        assertThat(even.grows()).isTrue();
        assertThat(LagRule.onOnePartition(even)).isFalse();
        KafkaLag bounded = LagRule.of(batches(8, 0, 0, 0, 0), LINES);
        assertThat(bounded.grows()).isFalse();
        assertThat(LagRule.onOnePartition(bounded)).isFalse();
        // a batch without each partition's lag (Structured Streaming): no partition named, the totals still judged
        List<BatchMetrics> totalsOnly = batches(8, 0, 280).stream().map(b -> b.withLag(b.lagRecords(), b.lagMaxPartitionRecords())).toList();
        KafkaLag l = LagRule.of(totalsOnly, LINES);
        assertThat(l.grows()).isTrue();
        assertThat(l.hotPartition()).isNull();
        assertThat(LagRule.onOnePartition(l)).isFalse();
    }

    @Test
    void theJsonLinesAndTheTableCarryEachPartitionsLag() throws Exception {
        BatchMetrics b = batches(3, 0, 280, 0, 0).get(2);
        String json = Json.MAPPER.writeValueAsString(b);
        assertThat(Json.MAPPER.readTree(json).path("lagPartitionRecords").toString()).isEqualTo("[10,570,10,10]");
        assertThat(Json.MAPPER.readValue(json, BatchMetrics.class)).isEqualTo(b);
        assertThat(Json.MAPPER.writeValueAsString(batches(1).get(0).withLag(null, null))).doesNotContain("lagPartitionRecords");

        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ConsoleTable table = new ConsoleTable(new PrintStream(bytes, true, StandardCharsets.UTF_8), LINES, false, true);
        batches(3, 0, 280, 0, 0).forEach(table);
        String out = bytes.toString(StandardCharsets.UTF_8);
        assertThat(out).contains("lag by partition", "0:10 1:570 2:10 3:10");
    }
}
