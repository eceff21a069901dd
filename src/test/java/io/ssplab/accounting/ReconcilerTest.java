package io.ssplab.accounting;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

import org.junit.jupiter.api.Test;

import io.ssplab.core.Lang;
import io.ssplab.core.RecordAccounting;

class ReconcilerTest {
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss.SSS").withZone(ZoneId.systemDefault());
    private static final long T0 = 1_700_000_000_000L;

    /** Where the source's count came from, the same words in every language (the tests' own countedBy). */
    private static Function<Lang, String> by(String words) {
        return lang -> words;
    }

    /** The job's view of its processed lines: streams' sequence numbers, and per stream {first due, last due, lowest seq, highest seq}. */
    private static Reconciler.Observed observed(long received, BatchTally p, int pendingBatches, long pendingRecords,
                                                RecordAccounting.RecoveryAccount recovery) {
        Map<String, SeqRanges> streams = new TreeMap<>();
        Map<String, long[]> times = new TreeMap<>();
        p.streams().forEach((id, s) -> {
            streams.put(id, s.seqs());
            times.put(id, new long[] {s.firstSentMs(), s.lastSentMs(), s.seqs().min(), s.seqs().max()});
        });
        LatencyHistogram l = new LatencyHistogram();
        l.add(1200);
        return new Reconciler.Observed(received, p, l, pendingBatches, pendingRecords, 0, streams, times, recovery);
    }

    /** Processed lines processedFrom..processedTo-1 of one stream "s:0", due 1 ms apart from t=1000. */
    private static Reconciler.Observed observed(long received, long processedFrom, long processedTo, int pendingBatches,
                                                long pendingRecords, RecordAccounting.RecoveryAccount recovery) {
        BatchTally p = new BatchTally(0);
        for (long i = processedFrom; i < processedTo; i++) p.account("#s:0:" + i + ":" + (1000 + i) + " w");
        return observed(received, p, pendingBatches, pendingRecords, recovery);
    }

    @Test
    void aCleanRunBalances() {
        RecordAccounting a = Reconciler.reconcile(observed(100, 0, 100, 0, 0, null),
                new SentLines(100L, by("embedded"), Map.of("s:0", 100L), 0L, 0L), Lang.EN);
        assertThat(a.sentLines()).isEqualTo(100);
        assertThat(a.sentCountedBy()).isEqualTo("embedded");
        assertThat(a.receivedLines()).isEqualTo(100);
        assertThat(a.processedLines()).isEqualTo(100);
        assertThat(a.lostLines()).isZero();
        assertThat(a.inFlightAtStopLines()).isZero();
        assertThat(a.differences()).isEmpty();
        assertThat(a.answer()).isEqualTo("nothing lost: sent = received = processed = 100");
        assertThat(a.lineFormat()).isEqualTo("stamped");
        assertThat(a.latencyP50Ms()).isEqualTo(1200.0);
        assertThat(a.streams()).singleElement().satisfies(s -> {
            assertThat(s.stream()).isEqualTo("s:0");
            assertThat(s.sentLines()).isEqualTo(100);
            assertThat(s.processedLines()).isEqualTo(100);
            assertThat(s.firstSentMs()).isEqualTo(1000);
            assertThat(s.lastSentMs()).isEqualTo(1099);
        });
    }

    @Test
    void linesInFlightAndQueuedAtStopAreExplainedNotLost() {
        RecordAccounting a = Reconciler.reconcile(observed(90, 0, 70, 2, 20, null),
                new SentLines(100L, by("embedded"), Map.of("s:0", 100L), 1500L, 40L), Lang.EN);
        assertThat(a.inFlightAtStopLines()).isEqualTo(10);
        assertThat(a.queuedAtStopLines()).isEqualTo(20);
        assertThat(a.lostLines()).isZero();
        assertThat(a.sourceBlockedMs()).isEqualTo(1500);
        assertThat(a.sourceMaxBacklogLines()).isEqualTo(40);
        assertThat(a.differences()).anySatisfy(d -> assertThat(d).startsWith("sent − received = 10").contains("when the run stopped")
                .contains("1.5 s of blocked writes"));
        assertThat(a.differences()).anySatisfy(d -> assertThat(d).startsWith("received − processed = 20: in 2 batch(es)"));
        assertThat(a.answer()).startsWith("nothing lost: sent 100, received 90, processed 70");
    }

    @Test
    void aHoleInsideAStreamIsLost() {
        Reconciler.Observed o = observed(95, 0, 100, 0, 0, null);
        o.streams().put("s:0", SeqRanges.of(List.of(new long[] {0, 49}, new long[] {55, 99})));
        RecordAccounting a = Reconciler.reconcile(o, new SentLines(100L, by("embedded"), Map.of("s:0", 100L), 0L, 0L), Lang.EN);
        assertThat(a.lostLines()).isEqualTo(5);
        assertThat(a.streams().get(0).missingLines()).isEqualTo(5);
        assertThat(a.streams().get(0).missingRanges()).isEqualTo("50-54");
        assertThat(a.differences()).anySatisfy(d -> assertThat(d).startsWith("stream s:0: 5 line(s) missing inside the stream (sequence numbers 50-54)"));
        assertThat(a.answer()).startsWith("LOST 5 line(s)");
    }

    @Test
    void withoutTheSourcesCountTheStampsGiveALowerBound() {
        RecordAccounting a = Reconciler.reconcile(observed(100, 0, 100, 0, 0, null),
                new SentLines(null, by("stamps only"), Map.of(), null, null), Lang.EN);
        assertThat(a.sentLines()).isEqualTo(100);
        assertThat(a.sentCountedBy()).startsWith("stamps only").contains("highest sequence number seen + 1");
        assertThat(a.inFlightAtStopLines()).as("the stamps cannot tell what was still in flight").isNull();
        assertThat(a.differences()).anySatisfy(d -> assertThat(d).startsWith("sent is known here only from the stamps"));

        RecordAccounting classic = Reconciler.reconcile(
                new Reconciler.Observed(5, new BatchTally(0), new LatencyHistogram(), 0, 0, 0, Map.of(), Map.of(), null),
                SentLines.unknown("acct.countedBy.noStamps"), Lang.EN);
        assertThat(classic.sentLines()).isNull();
        assertThat(classic.inFlightAtStopLines()).isNull();
        assertThat(classic.latencyP50Ms()).isNull();
        assertThat(classic.lineFormat()).isEqualTo("none");
        assertThat(classic.sentCountedBy()).startsWith("unknown: the source's lines carry no stamp");
        assertThat(classic.answer()).isEqualTo("nothing shown lost among 5 received lines (what the source sent is " + classic.sentCountedBy() + ")");
    }

    @Test
    void aSourceRestartShowsAsAGapBetweenTwoStreams() {
        // aaa:0 sent lines 0–140 between t=10 s and t=11 s: 140 lines/s; bbb:0 starts 6 s later.
        RecordAccounting.StreamAccount before = new RecordAccounting.StreamAccount("aaa:0", 141L, 141, 0, "", 10_000, 11_000);
        RecordAccounting.StreamAccount after = new RecordAccounting.StreamAccount("bbb:0", 50L, 50, 0, "", 17_000, 17_350);
        Map<String, long[]> spans = Map.of("aaa:0", new long[] {0, 140}, "bbb:0", new long[] {0, 49}, "aaa:1", new long[] {0, 49});
        assertThat(Reconciler.gaps(List.of(after, before), spans, Lang.EN)).singleElement().satisfies(g -> assertThat(g)
                .startsWith("gap of 6.0 s: stream aaa:0's last line seen was due at " + CLOCK.format(Instant.ofEpochMilli(11_000)))
                .contains("stream bbb:0's first at " + CLOCK.format(Instant.ofEpochMilli(17_000)))
                .contains("a new source: the source was restarted")
                .contains("at 140 lines/s about 840 lines were never sent"));
        RecordAccounting.StreamAccount reconnect = new RecordAccounting.StreamAccount("aaa:1", 50L, 50, 0, "", 13_000, 13_350);
        assertThat(Reconciler.gaps(List.of(before, reconnect), spans, Lang.EN)).singleElement()
                .satisfies(g -> assertThat(g).contains("a new connection to the same source"));
        // under a second: a reconnect's normal cost, not worth a sentence
        RecordAccounting.StreamAccount soon = new RecordAccounting.StreamAccount("aaa:1", 50L, 50, 0, "", 11_500, 11_850);
        assertThat(Reconciler.gaps(List.of(before, soon), spans, Lang.EN)).isEmpty();
        // without the stream's sequence numbers there is no rate: the gap is said, the estimate is not
        assertThat(Reconciler.gaps(List.of(before, after), Map.of(), Lang.EN)).singleElement()
                .satisfies(g -> assertThat(g).startsWith("gap of 6.0 s").doesNotContain("never sent"));
    }

    @Test
    void theLinesNeverSentInAGapAreCountedAtTheSourcesRateNotFromLinesProcessedByEveryDriverRun() {
        // The old bug: the rate was (processed lines − 1) / the stamps' time span. A stream whose lines were
        // processed by two driver runs has 840 distinct lines processed (0–839, through the checkpoint's
        // journal), but this run saw only lines 700–839, due over the last second: 840 / 1 s ≈ 845 lines/s.
        // The source sent 140 lines/s: the sequence numbers over their due times say so.
        BatchTally thisRun = new BatchTally(0);
        for (long seq = 700; seq <= 839; seq++) thisRun.account("#aaa:0:" + seq + ":" + due(seq) + " w");
        long restart = due(839) + 6000; // the source is restarted: a new source id, 6 s later
        for (long seq = 0; seq < 100; seq++) thisRun.account("#bbb:0:" + seq + ":" + (restart + due(seq) - T0) + " w");
        Reconciler.Observed o = observed(240, thisRun, 0, 0, new RecordAccounting.RecoveryAccount(2, 700, 0, 0, 0, 0));
        SeqRanges bothRuns = new SeqRanges();
        bothRuns.addRange(0, 839);
        o.streams().put("aaa:0", bothRuns);
        assertThat(o.sentTimes().get("aaa:0")).containsExactly(T0 + 5000, T0 + 5993, 700, 839);

        RecordAccounting a = Reconciler.reconcile(o, new SentLines(null, by("status"), Map.of("aaa:0", 840L, "bbb:0", 100L), 0L, 0L), Lang.EN);
        RecordAccounting.StreamAccount aaa = a.streams().stream().filter(s -> s.stream().equals("aaa:0")).findFirst().orElseThrow();
        assertThat(aaa.processedLines()).as("across both driver runs").isEqualTo(840);
        assertThat(a.lostLines()).isZero();
        assertThat(a.inFlightAtStopLines()).as("700 received by the first run + 240 by this one = 940 sent").isZero();
        // 139 periods over 993 ms: 140 lines/s; 6 s of it ≈ 840 lines
        assertThat(a.differences()).filteredOn(d -> d.startsWith("gap of")).singleElement().satisfies(g -> assertThat(g)
                .startsWith("gap of 6.0 s: stream aaa:0's last line seen")
                .contains("a new source: the source was restarted")
                .contains("; at 140 lines/s about 840 lines were never sent")
                .doesNotContain("845 lines/s").doesNotContain("5,070"));

        // The same through gaps() alone: the processed count (840) must not matter, only the sequence span.
        RecordAccounting.StreamAccount inflated = new RecordAccounting.StreamAccount("aaa:0", 840L, 840, 0, "", T0 + 5000, T0 + 5993);
        RecordAccounting.StreamAccount next = new RecordAccounting.StreamAccount("bbb:0", 100L, 100, 0, "", restart, restart + 707);
        assertThat(Reconciler.gaps(List.of(inflated, next), Map.of("aaa:0", new long[] {700, 839}), Lang.EN)).singleElement()
                .satisfies(g -> assertThat(g).contains("at 140 lines/s about 840 lines"));
    }

    /** Due time of line {@code seq} of a 140 lines/s source started at T0. */
    private static long due(long seq) {
        return T0 + Math.round(seq * 1000.0 / 140);
    }

    @Test
    void aRecoveryExplainsLinesProcessedBeyondWhatThisRunReceived() {
        RecordAccounting.RecoveryAccount r = new RecordAccounting.RecoveryAccount(2, 60, 3, 60, 0, 0);
        RecordAccounting a = Reconciler.reconcile(observed(40, 0, 100, 0, 0, r),
                new SentLines(null, by("status"), Map.of("s:0", 100L), 0L, 0L), Lang.EN);
        assertThat(a.differences()).anySatisfy(d -> assertThat(d).startsWith("processed − received = 60: 60 lines in 3 batch(es) recovered"));
        assertThat(a.answer()).contains("across 2 driver runs: every line an earlier run received was processed");
        assertThat(a.inFlightAtStopLines()).isZero(); // 60 received by the earlier run + 40 by this one = 100 sent
        RecordAccounting lost = Reconciler.reconcile(observed(40, 0, 100, 0, 0, new RecordAccounting.RecoveryAccount(2, 60, 3, 60, 0, 7)),
                new SentLines(null, by("status"), Map.of("s:0", 100L), 0L, 0L), Lang.EN);
        assertThat(lost.lostLines()).isEqualTo(7);
        assertThat(lost.differences()).anySatisfy(d -> assertThat(d).startsWith("7 line(s) in batches an earlier driver run cut"));
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
                SentLines.unknown("acct.countedBy.noStamps"), Lang.EN);
        assertThat(a.emptyLines()).isEqualTo(1);
        assertThat(a.oversizedLines()).isEqualTo(1);
        assertThat(a.invalidUtf8Lines()).isEqualTo(1);
        assertThat(a.lineFormat()).isEqualTo("classic");
        assertThat(a.receiverRestarts()).isEqualTo(1);
        assertThat(a.differences()).anySatisfy(d -> assertThat(d).contains("longer than 64 KiB"))
                .anySatisfy(d -> assertThat(d).contains("not UTF-8"))
                .anySatisfy(d -> assertThat(d).contains("the receiver restarted 1 time(s)"));
    }

    @Test
    void theAccountIsWrittenInTheAskedLanguageWithItsNumbers() {
        SentLines sent = new SentLines(1200L, lang -> lang == Lang.VI ? "số đếm của source nhúng" : "the embedded source's own count",
                Map.of("s:0", 1200L), 0L, 0L);
        RecordAccounting en = Reconciler.reconcile(observed(1161, 0, 1161, 0, 0, null), sent, Lang.EN);
        RecordAccounting vi = Reconciler.reconcile(observed(1161, 0, 1161, 0, 0, null), sent, Lang.VI);
        assertThat(en.sentCountedBy()).isEqualTo("the embedded source's own count");
        assertThat(vi.sentCountedBy()).isEqualTo("số đếm của source nhúng");
        assertThat(en.answer()).isEqualTo("nothing lost: sent 1,200, received 1,161, processed 1,161; every difference is explained");
        assertThat(vi.answer()).isEqualTo("không mất gì: đã gửi 1.200, đã nhận 1.161, đã xử lý 1.161; mọi chênh lệch đều được giải thích");
        assertThat(en.differences()).singleElement().satisfies(d -> assertThat(d).startsWith("sent − received = 39"));
        assertThat(vi.differences()).singleElement().satisfies(d -> assertThat(d).startsWith("đã gửi − đã nhận = 39"));
        // the numbers are the same whatever the language
        assertThat(vi.inFlightAtStopLines()).isEqualTo(en.inFlightAtStopLines()).isEqualTo(39);
        // a reason given by key is rendered in the asked language too
        SentLines unknown = SentLines.unknown("acct.countedBy.noAnswer", "127.0.0.1", 9999, "timed out");
        assertThat(unknown.countedBy().apply(Lang.EN)).isEqualTo("the stamps only: the source at 127.0.0.1:9999 did not answer a status query (timed out)");
        assertThat(unknown.countedBy().apply(Lang.VI)).contains("127.0.0.1:9999", "timed out").isNotEqualTo(unknown.countedBy().apply(Lang.EN));
    }
}
