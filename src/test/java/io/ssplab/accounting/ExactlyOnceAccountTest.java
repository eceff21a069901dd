package io.ssplab.accounting;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.ssplab.core.Lang;

class ExactlyOnceAccountTest {

    private static SeqRanges range(long lo, long hi) {
        SeqRanges s = new SeqRanges();
        s.addRange(lo, hi);
        return s;
    }

    @Test
    void commonCountsTheNumbersBothSetsHold() {
        SeqRanges a = range(0, 9);
        a.addRange(20, 29);
        SeqRanges b = range(5, 24);
        assertThat(a.common(b)).isEqualTo(5 + 5);
        assertThat(b.common(a)).isEqualTo(10);
        assertThat(a.common(new SeqRanges())).isZero();
        assertThat(a.common(a)).isEqualTo(20);
    }

    @Test
    void everyLineOnceAcrossTwoProducerStreamsIsExactlyOnce() {
        ExactlyOnceAccount.Side topic = new ExactlyOnceAccount.Side(Map.of("a:0", range(0, 99), "b:0", range(0, 49)), 150, Map.of("w1", 300L, "w2", 150L));
        ExactlyOnceAccount.Side output = new ExactlyOnceAccount.Side(Map.of("a:0", range(0, 99), "b:0", range(0, 49)), 150, Map.of("w1", 300L, "w2", 150L));
        ExactlyOnceAccount.Side naive = new ExactlyOnceAccount.Side(Map.of("a:0", range(0, 99), "b:0", range(0, 49)), 170, Map.of());
        ExactlyOnceAccount a = ExactlyOnceAccount.of(topic, output, 6, naive);
        assertThat(a.exactlyOnce()).isTrue();
        assertThat(a.producedLines()).isEqualTo(150);
        assertThat(a.producerRuns()).isEqualTo(2);
        assertThat(a.naiveDuplicated()).isEqualTo(20);
        assertThat(a.answer(Lang.EN, 2)).startsWith("EXACTLY ONCE: each of the 150 produced lines was counted once, across 2 driver run(s)");
        assertThat(a.lines(Lang.EN, 2)).anyMatch(l -> l.contains("20 duplicated: the replayed batch was appended twice"));
    }

    @Test
    void aReplayedBatchAppendedTwiceALostLineAndAStrangerAreEachCounted() {
        ExactlyOnceAccount.Side topic = new ExactlyOnceAccount.Side(Map.of("a:0", range(0, 99)), 100, Map.of("w1", 300L));
        SeqRanges seen = range(0, 89); // 90..99 never counted
        seen.add(500);                 // a number the topic does not hold
        ExactlyOnceAccount.Side output = new ExactlyOnceAccount.Side(Map.of("a:0", seen), 91 + 30, Map.of("w1", 299L));
        ExactlyOnceAccount a = ExactlyOnceAccount.of(topic, output, 4, null);
        assertThat(a.exactlyOnce()).isFalse();
        assertThat(a.duplicated()).isEqualTo(30);
        assertThat(a.missing()).isEqualTo(10);
        assertThat(a.unexpected()).isEqualTo(1);
        assertThat(a.wordsDiffer()).isEqualTo(1);
        assertThat(a.naiveRows()).isEqualTo(-1);
        assertThat(a.answer(Lang.EN, 1)).isEqualTo("NOT exactly once: 10 lines missing, 30 duplicated, 1 unknown to the topic, 1 word counts wrong");
        assertThat(a.lines(Lang.VI, 1)).hasSize(4).last().asString().startsWith("KHÔNG phải exactly once");
    }
}
