package io.ssplab.accounting;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Puts the source's count and the job's counts side by side and says, for every difference, by how
 * much and why. Pure logic: the inputs are plain numbers, so every explanation is unit-tested.
 */
public final class Reconciler {
    /** A pause between two streams shorter than this is a reconnect's normal cost, not worth a sentence. */
    static final long NOTABLE_GAP_MS = 1000;
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss.SSS").withZone(ZoneId.systemDefault());

    private Reconciler() {
    }

    /**
     * What the job observed.
     *
     * @param receivedLines  records of the batches cut in this run
     * @param processed      run totals of the processed lines
     * @param latency        end-to-end latency of stamped lines, ms
     * @param pendingBatches batches cut but not completed at stop
     * @param pendingRecords their records
     * @param receiverRestarts receiver restarts and errors reported
     * @param streams        stamped streams' sequence numbers processed (across driver runs when recovering)
     * @param sentTimes      per stream seen in this run: {first, last} due time, epoch ms
     * @param recovery       across driver runs, or null
     */
    public record Observed(long receivedLines, BatchTally processed, LatencyHistogram latency, int pendingBatches,
                           long pendingRecords, int receiverRestarts, Map<String, SeqRanges> streams,
                           Map<String, long[]> sentTimes, RecordAccounting.RecoveryAccount recovery) {
    }

    public static RecordAccounting reconcile(Observed o, SentLines sent) {
        BatchTally p = o.processed();
        List<String> why = new ArrayList<>();

        // Streams: what the source says it sent on each, what arrived, what is missing in the middle.
        List<RecordAccounting.StreamAccount> streams = new ArrayList<>();
        boolean guessedSent = false;
        long sentByStreams = 0;
        long holes = 0;
        for (Map.Entry<String, SeqRanges> e : o.streams().entrySet()) {
            SeqRanges seqs = e.getValue();
            Long streamSent = sent.perStream().get(e.getKey());
            if (streamSent == null) {
                streamSent = seqs.max() + 1; // the source is gone or forgot it: the stamps are all we have
                guessedSent = true;
            }
            sentByStreams += streamSent;
            long missing = seqs.missing(0);
            holes += missing;
            long[] times = o.sentTimes().getOrDefault(e.getKey(), new long[] {0, 0});
            String ranges = seqs.holes(0).stream().map(h -> h[0] == h[1] ? String.valueOf(h[0]) : h[0] + "-" + h[1])
                    .collect(Collectors.joining(","));
            streams.add(new RecordAccounting.StreamAccount(e.getKey(), streamSent, seqs.count(), missing, ranges, times[0], times[1]));
            if (missing > 0)
                why.add(String.format(Locale.ROOT, "stream %s: %,d line(s) missing inside the stream (sequence numbers %s): lost between the source and the job",
                        e.getKey(), missing, abbreviate(ranges)));
        }

        Long sentTotal = sent.total();
        String countedBy = sent.countedBy();
        if (sentTotal == null && !streams.isEmpty()) {
            sentTotal = sentByStreams;
            if (guessedSent)
                countedBy = countedBy + "; for streams the source could not tell about (a source that is gone): highest sequence number seen + 1";
        }

        Long inFlight = null;
        RecordAccounting.RecoveryAccount r0 = o.recovery();
        // Across driver runs a stream's lines were received by several drivers: compare with what all of them received.
        long received = r0 == null ? o.receivedLines() : r0.receivedAcrossRuns(o.receivedLines());
        String receivedBy = r0 == null ? "received" : "received by all driver runs";
        if (sentTotal != null && guessedSent && sent.perStream().isEmpty()) {
            why.add("sent is known here only from the stamps of processed lines (the source could not be asked), "
                    + "so it cannot tell how many lines were still in flight");
        } else if (sentTotal != null) {
            long d = sentTotal - received;
            if (d > 0) {
                inFlight = d;
                why.add(String.format(Locale.ROOT, "sent − %s = %,d: lines written by the source but in no batch — "
                        + "in the TCP connection's buffers or the receiver's current block when %s%s", receivedBy, d,
                        r0 == null ? "the run stopped" : "a driver was killed (a socket cannot be replayed: the write-ahead log holds only what was stored) or when this run stopped",
                        sent.blockedMs() != null && sent.blockedMs() >= 1000
                                ? String.format(Locale.ROOT, "; the connection was full for %.1f s of blocked writes (TCP backpressure)", sent.blockedMs() / 1000.0)
                                : ""));
            } else if (d < 0) {
                inFlight = 0L;
                why.add(String.format(Locale.ROOT, "%s − sent = %,d: %s", receivedBy, -d,
                        guessedSent ? "sent is only a lower bound for streams of a source that is gone"
                                : "lines from connections the source did not report"));
            } else {
                inFlight = 0L;
            }
        }

        long q = o.receivedLines() - p.lines();
        if (q > 0) {
            why.add(o.pendingBatches() > 0
                    ? String.format(Locale.ROOT, "received − processed = %,d: in %d batch(es) cut but not processed when the run stopped (the backlog: %,d lines)",
                    q, o.pendingBatches(), o.pendingRecords())
                    : String.format(Locale.ROOT, "received − processed = %,d: in the batch being processed when the run stopped", q));
        } else if (q < 0) {
            RecordAccounting.RecoveryAccount r = o.recovery();
            why.add(r != null && r.recoveredLines() > 0
                    ? String.format(Locale.ROOT, "processed − received = %,d: %,d lines in %d batch(es) recovered from the checkpoint and the write-ahead log "
                    + "were received by an earlier driver run (Spark reports 0 records for such batches)", -q, r.recoveredLines(), r.recoveredBatches())
                    : String.format(Locale.ROOT, "processed − received = %,d: counted twice (a task that Spark ran again)", -q));
        }

        if (p.empty() > 0) why.add(String.format(Locale.ROOT, "%,d empty line(s): processed, no words", p.empty()));
        if (p.oversized() > 0)
            why.add(String.format(Locale.ROOT, "%,d line(s) longer than %d KiB: counted, their words not processed", p.oversized(), BatchTally.MAX_LINE_CHARS / 1024));
        if (p.invalidUtf8() > 0)
            why.add(String.format(Locale.ROOT, "%,d line(s) with bytes that are not UTF-8: processed with U+FFFD in place of the bad bytes", p.invalidUtf8()));
        why.addAll(gaps(streams));
        if (o.receiverRestarts() > 0)
            why.add(String.format(Locale.ROOT, "the receiver restarted %d time(s): its connection ended or was refused, and Spark tried again 2 s later each time; the job kept running",
                    o.receiverRestarts()));

        long lostRecovery = o.recovery() == null ? 0 : o.recovery().lostReceivedLines();
        if (lostRecovery > 0)
            why.add(String.format(Locale.ROOT, "%,d line(s) in batches an earlier driver run cut were processed by no run so far", lostRecovery));
        long lost = holes + lostRecovery;

        LatencyHistogram l = o.latency();
        String format = p.lines() == 0 ? "none" : p.stamped() == p.lines() ? "stamped" : p.stamped() == 0 ? "classic" : "mixed";
        return new RecordAccounting(format, sentTotal, countedBy, o.receivedLines(), p.lines(), lost, inFlight, Math.max(0, q),
                p.empty(), p.oversized(), p.invalidUtf8(), nullIfNaN(l.percentile(50)), nullIfNaN(l.percentile(95)),
                nullIfNaN(l.max()), sent.blockedMs(), sent.maxBacklog(), o.receiverRestarts(), streams, why,
                o.recovery(), answer(lost, sentTotal, countedBy, o.receivedLines(), p.lines(), o.recovery()));
    }

    /** A sentence per notable pause between one stream's last line and the next stream's first. */
    static List<String> gaps(List<RecordAccounting.StreamAccount> streams) {
        List<RecordAccounting.StreamAccount> timed = streams.stream().filter(s -> s.firstSentMs() > 0)
                .sorted(Comparator.comparingLong(RecordAccounting.StreamAccount::firstSentMs)).toList();
        List<String> gaps = new ArrayList<>();
        for (int i = 1; i < timed.size(); i++) {
            RecordAccounting.StreamAccount a = timed.get(i - 1);
            RecordAccounting.StreamAccount b = timed.get(i);
            long gap = b.firstSentMs() - a.lastSentMs();
            if (gap < NOTABLE_GAP_MS) continue;
            boolean sameSource = source(a.stream()).equals(source(b.stream()));
            double rate = a.lastSentMs() > a.firstSentMs() ? (a.processedLines() - 1) * 1000.0 / (a.lastSentMs() - a.firstSentMs()) : 0;
            gaps.add(String.format(Locale.ROOT, "gap of %.1f s: stream %s's last line seen was due at %s, stream %s's first at %s (%s)%s",
                    gap / 1000.0, a.stream(), CLOCK.format(Instant.ofEpochMilli(a.lastSentMs())), b.stream(),
                    CLOCK.format(Instant.ofEpochMilli(b.firstSentMs())),
                    sameSource ? "a new connection to the same source: the receiver restarted, or a new driver" : "a new source: the source was restarted",
                    rate > 0 ? String.format(Locale.ROOT, "; at %.0f lines/s about %,d lines were never sent in that time — not lost, never produced",
                            rate, Math.round(rate * gap / 1000.0)) : ""));
        }
        return gaps;
    }

    private static String source(String stream) {
        int colon = stream.indexOf(':');
        return colon < 0 ? stream : stream.substring(0, colon);
    }

    static String answer(long lost, Long sent, String sentCountedBy, long received, long processed, RecordAccounting.RecoveryAccount recovery) {
        if (lost > 0) return String.format(Locale.ROOT, "LOST %,d line(s): see the differences", lost);
        String across = recovery != null && recovery.driverRuns() > 1
                ? String.format(Locale.ROOT, " across %d driver runs: every line an earlier run received was processed", recovery.driverRuns()) : "";
        if (sent != null && sent == received && received == processed)
            return String.format(Locale.ROOT, "nothing lost%s: sent = received = processed = %,d", across, processed);
        if (sent == null)
            return String.format(Locale.ROOT, "nothing shown lost%s among %,d received lines (what the source sent is %s)", across, received,
                    sentCountedBy == null ? "unknown" : sentCountedBy);
        return String.format(Locale.ROOT, "nothing lost%s: sent %,d, received %,d, processed %,d; every difference is explained", across,
                sent, received, processed);
    }

    private static String abbreviate(String s) {
        return s.length() <= 80 ? s : s.substring(0, 77) + "…";
    }

    private static Double nullIfNaN(double v) {
        return Double.isNaN(v) ? null : v;
    }
}
