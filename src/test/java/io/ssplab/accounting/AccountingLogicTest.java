package io.ssplab.accounting;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class AccountingLogicTest {

    @Test
    void seqRangesMergeOutOfOrderNumbersAndFindHoles() {
        SeqRanges s = new SeqRanges();
        for (long n : new long[] {5, 3, 4, 0, 1, 9, 10, 2, 12}) s.add(n);
        assertThat(s.toString()).isEqualTo("0-5,9-10,12");
        assertThat(s.count()).isEqualTo(9);
        assertThat(s.min()).isZero();
        assertThat(s.max()).isEqualTo(12);
        assertThat(s.holes(0)).containsExactly(new long[] {6, 8}, new long[] {11, 11});
        assertThat(s.missing(0)).isEqualTo(4);
        s.addRange(6, 11);
        assertThat(s.toString()).isEqualTo("0-12");
        assertThat(s.missing(0)).isZero();
        assertThat(SeqRanges.of(s.toList()).toString()).isEqualTo("0-12");
    }

    @Test
    void seqRangesStartingLateMissTheirBeginning() {
        SeqRanges s = new SeqRanges();
        s.addRange(3, 7);
        assertThat(s.holes(0)).containsExactly(new long[] {0, 2});
        assertThat(new SeqRanges().missing(0)).isZero();
        assertThat(new SeqRanges().max()).isEqualTo(-1);
    }

    @Test
    void histogramPercentilesAreExactForSmallValuesAndCloseForLargeOnes() {
        LatencyHistogram h = new LatencyHistogram();
        for (int v = 1; v <= 100; v++) h.add(v);
        assertThat(h.percentile(50)).isEqualTo(50);
        assertThat(h.percentile(95)).isEqualTo(95);
        assertThat(h.max()).isEqualTo(100);
        h.add(1_000_003);
        assertThat(h.max()).isEqualTo(1_000_003);
        assertThat(h.percentile(99.99)).isBetween(999_000.0, 1_000_003.0);
        assertThat(new LatencyHistogram().percentile(50)).isNaN();
    }

    @Test
    void shiftingAgesByTheBatchDelayGivesLatencies() {
        LatencyHistogram ages = new LatencyHistogram();
        ages.add(100);
        ages.add(-5); // clocks that disagree: counted as 0
        LatencyHistogram latency = new LatencyHistogram();
        latency.addShifted(ages, 1500);
        assertThat(latency.count()).isEqualTo(2);
        assertThat(latency.percentile(50)).isEqualTo(1500);
        assertThat(latency.max()).isEqualTo(1600);
    }

    @Test
    void theTallyCountsEveryKindOfLineAndHandsOnOnlyWords() {
        BatchTally t = new BatchTally(10_000);
        assertThat(t.account("#src:0:0:9000 word1 word2")).isEqualTo("word1 word2");
        assertThat(t.account("#src:0:1:9500 ")).isEmpty();
        assertThat(t.account("word3 word4")).isEqualTo("word3 word4");
        assertThat(t.account("")).isEmpty();
        assertThat(t.account("x".repeat(BatchTally.MAX_LINE_CHARS + 1))).isEmpty();
        assertThat(t.account("caf\uFFFD word")).isEqualTo("caf\uFFFD word");

        assertThat(t.lines()).isEqualTo(6);
        assertThat(t.stamped()).isEqualTo(2);
        assertThat(t.empty()).isEqualTo(2);
        assertThat(t.oversized()).isEqualTo(1);
        assertThat(t.invalidUtf8()).isEqualTo(1);
        assertThat(t.streams()).containsOnlyKeys("src:0");
        assertThat(t.streams().get("src:0").seqs().toString()).isEqualTo("0-1");
        assertThat(t.ageAtBatchMs().percentile(100)).isEqualTo(1000);
    }

    @Test
    void talliesOfTheSameBatchFromTwoTasksAddUp() {
        LedgerAccumulator acc = new LedgerAccumulator();
        LedgerAccumulator task1 = acc.copy();
        LedgerAccumulator task2 = acc.copy();
        task1.tally(2000).account("#s:0:0:1000 a");
        task2.tally(2000).account("#s:0:1:1001 b");
        task2.tally(4000).account("c");
        acc.merge(task1);
        acc.merge(task2);

        BatchTally b = acc.take(2000);
        assertThat(b.lines()).isEqualTo(2);
        assertThat(b.streams().get("s:0").seqs().toString()).isEqualTo("0-1");
        assertThat(acc.take(2000)).isNull();
        assertThat(acc.value()).containsOnlyKeys(4000L);
        assertThat(List.of(acc.copy().isZero(), new LedgerAccumulator().isZero())).containsExactly(false, true);
    }
}
