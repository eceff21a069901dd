package io.ssplab.accounting;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;

class ReconcilerTest {

    /** Processed lines 0..n-1 of one stream "s:0", due 1 ms apart from t=1000. */
    private static Reconciler.Observed observed(long received, long processedFrom, long processedTo, int pendingBatches,
                                                long pendingRecords, RecordAccounting.RecoveryAccount recovery) {
        BatchTally p = new BatchTally(0);
        for (long i = processedFrom; i < processedTo; i++) p.account("#s:0:" + i + ":" + (1000 + i) + " w");
        Map<String, SeqRanges> streams = new TreeMap<>();
        Map<String, long[]> times = new TreeMap<>();
        p.streams().forEach((id, s) -> {
            streams.put(id, s.seqs());
            times.put(id, new long[] {s.firstSentMs(), s.lastSentMs()});
        });
        LatencyHistogram l = new LatencyHistogram();
        l.add(1200);
        return new Reconciler.Observed(received, p, l, pendingBatches, pendingRecords, 0, streams, times, recovery);
    }

    @Test
    void aCleanRunBalances() {
        RecordAccounting a = Reconciler.reconcile(observed(100, 0, 100, 0, 0, null),
                new SentLines(100L, "embedded", Map.of("s:0", 100L), 0L, 0L));
        assertThat(a.sentLines()).isEqualTo(100);
        assertThat(a.receivedLines()).isEqualTo(100);
        assertThat(a.processedLines()).isEqualTo(100);
        assertThat(a.lostLines()).isZero();
        assertThat(a.differences()).isEmpty();
        assertThat(a.answer()).isEqualTo("nothing lost: sent = received = processed = 100");
        assertThat(a.lineFormat()).isEqualTo("stamped");
        assertThat(a.latencyP50Ms()).isEqualTo(1200.0);
    }

    @Test
    void linesInFlightAndQueuedAtStopAreExplainedNotLost() {
        RecordAccounting a = Reconciler.reconcile(observed(90, 0, 70, 2, 20, null),
                new SentLines(100L, "embedded", Map.of("s:0", 100L), 1500L, 40L));
        assertThat(a.inFlightAtStopLines()).isEqualTo(10);
        assertThat(a.queuedAtStopLines()).isEqualTo(20);
        assertThat(a.lostLines()).isZero();
        assertThat(a.differences()).anySatisfy(d -> assertThat(d).startsWith("sent − received = 10").contains("blocked writes"));
        assertThat(a.differences()).anySatisfy(d -> assertThat(d).startsWith("received − processed = 20: in 2 batch(es)"));
        assertThat(a.answer()).startsWith("nothing lost: sent 100, received 90, processed 70");
    }

    @Test
    void aHoleInsideAStreamIsLost() {
        Reconciler.Observed o = observed(95, 0, 100, 0, 0, null);
        o.streams().put("s:0", SeqRanges.of(java.util.List.of(new long[] {0, 49}, new long[] {55, 99})));
        RecordAccounting a = Reconciler.reconcile(o, new SentLines(100L, "embedded", Map.of("s:0", 100L), 0L, 0L));
        assertThat(a.lostLines()).isEqualTo(5);
        assertThat(a.streams().get(0).missingRanges()).isEqualTo("50-54");
        assertThat(a.answer()).startsWith("LOST 5 line(s)");
    }

    @Test
    void withoutTheSourcesCountTheStampsGiveALowerBound() {
        RecordAccounting a = Reconciler.reconcile(observed(100, 0, 100, 0, 0, null),
                new SentLines(null, "stamps only", Map.of(), null, null));
        assertThat(a.sentLines()).isEqualTo(100);
        assertThat(a.sentCountedBy()).contains("highest sequence number seen + 1");
        RecordAccounting classic = Reconciler.reconcile(
                new Reconciler.Observed(5, new BatchTally(0), new LatencyHistogram(), 0, 0, 0, Map.of(), Map.of(), null),
                SentLines.unknown("unknown: no stamps"));
        assertThat(classic.sentLines()).isNull();
        assertThat(classic.inFlightAtStopLines()).isNull();
        assertThat(classic.latencyP50Ms()).isNull();
        assertThat(classic.answer()).isEqualTo("nothing shown lost among 5 received lines (what the source sent is unknown: no stamps)");
    }

    @Test
    void aSourceRestartShowsAsAGapBetweenTwoStreams() {
        RecordAccounting.StreamAccount before = new RecordAccounting.StreamAccount("aaa:0", 141L, 141, 0, "", 10_000, 11_000);
        RecordAccounting.StreamAccount after = new RecordAccounting.StreamAccount("bbb:0", 50L, 50, 0, "", 17_000, 17_350);
        assertThat(Reconciler.gaps(java.util.List.of(after, before))).singleElement().satisfies(g -> assertThat(g)
                .startsWith("gap of 6.0 s: stream aaa:0").contains("a new source: the source was restarted")
                .contains("at 140 lines/s about 840 lines were never sent"));
        RecordAccounting.StreamAccount reconnect = new RecordAccounting.StreamAccount("aaa:1", 50L, 50, 0, "", 13_000, 13_350);
        assertThat(Reconciler.gaps(java.util.List.of(before, reconnect))).singleElement()
                .satisfies(g -> assertThat(g).contains("a new connection to the same source"));
        RecordAccounting.StreamAccount soon = new RecordAccounting.StreamAccount("aaa:1", 50L, 50, 0, "", 11_500, 11_850);
        assertThat(Reconciler.gaps(java.util.List.of(before, soon))).isEmpty();
    }

    @Test
    void aRecoveryExplainsLinesProcessedBeyondWhatThisRunReceived() {
        RecordAccounting.RecoveryAccount r = new RecordAccounting.RecoveryAccount(2, 60, 3, 60, 0, 0);
        RecordAccounting a = Reconciler.reconcile(observed(40, 0, 100, 0, 0, r),
                new SentLines(null, "status", Map.of("s:0", 100L), 0L, 0L));
        assertThat(a.differences()).anySatisfy(d -> assertThat(d).startsWith("processed − received = 60: 60 lines in 3 batch(es) recovered"));
        assertThat(a.answer()).contains("across 2 driver runs: every line an earlier run received was processed");
        assertThat(a.inFlightAtStopLines()).isZero(); // 60 received by the earlier run + 40 by this one = 100 sent
        RecordAccounting lost = Reconciler.reconcile(observed(40, 0, 100, 0, 0, new RecordAccounting.RecoveryAccount(2, 60, 3, 60, 0, 7)),
                new SentLines(null, "status", Map.of("s:0", 100L), 0L, 0L));
        assertThat(lost.lostLines()).isEqualTo(7);
        assertThat(lost.answer()).startsWith("LOST 7");
    }

    @Test
    void badLinesAreCountedAsSuch() {
        BatchTally p = new BatchTally(0);
        p.account("");
        p.account("y".repeat(BatchTally.MAX_LINE_CHARS + 5));
        p.account("\uFFFD\uFFFD");
        p.account("word");
        RecordAccounting a = Reconciler.reconcile(new Reconciler.Observed(4, p, new LatencyHistogram(), 0, 0, 1, Map.of(), Map.of(), null),
                SentLines.unknown("no stamps"));
        assertThat(a.emptyLines()).isEqualTo(1);
        assertThat(a.oversizedLines()).isEqualTo(1);
        assertThat(a.invalidUtf8Lines()).isEqualTo(1);
        assertThat(a.lineFormat()).isEqualTo("classic");
        assertThat(a.differences()).anySatisfy(d -> assertThat(d).contains("longer than 64 KiB"))
                .anySatisfy(d -> assertThat(d).contains("not UTF-8"))
                .anySatisfy(d -> assertThat(d).contains("the receiver restarted 1 time(s)"));
    }
}
