package io.ssplab.accounting;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import io.ssplab.core.Format;
import io.ssplab.core.Lang;
import io.ssplab.core.Messages;
import io.ssplab.core.RecordAccounting;

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
     * @param sentTimes      per stream seen in this run: {first, last} due time (epoch ms), {lowest, highest} sequence number
     * @param recovery       across driver runs, or null
     */
    public record Observed(long receivedLines, BatchTally processed, LatencyHistogram latency, int pendingBatches,
                           long pendingRecords, int receiverRestarts, Map<String, SeqRanges> streams,
                           Map<String, long[]> sentTimes, RecordAccounting.RecoveryAccount recovery) {

        /** Per stream seen in this run: {lowest, highest} sequence number. */
        Map<String, long[]> sequenceSpans() {
            Map<String, long[]> spans = new java.util.TreeMap<>();
            sentTimes.forEach((id, t) -> {
                if (t.length >= 4) spans.put(id, new long[] {t[2], t[3]});
            });
            return spans;
        }
    }

    /** The account in {@code lang}: the summary file keeps the English one, the console shows the reader's. */
    public static RecordAccounting reconcile(Observed o, SentLines sent, Lang lang) {
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
                why.add(Messages.in(lang, "acct.missingInStream", e.getKey(), Format.integer(lang, missing), abbreviate(ranges)));
        }

        Long sentTotal = sent.total();
        String countedBy = sent.countedBy().apply(lang);
        if (sentTotal == null && !streams.isEmpty()) {
            sentTotal = sentByStreams;
            if (guessedSent) countedBy = countedBy + Messages.in(lang, "acct.countedByStamps");
        }

        Long inFlight = null;
        RecordAccounting.RecoveryAccount r0 = o.recovery();
        // Across driver runs a stream's lines were received by several drivers: compare with what all of them received.
        long received = r0 == null ? o.receivedLines() : r0.receivedAcrossRuns(o.receivedLines());
        String receivedBy = Messages.in(lang, r0 == null ? "acct.received" : "acct.receivedByAllRuns");
        if (sentTotal != null && guessedSent && sent.perStream().isEmpty()) {
            why.add(Messages.in(lang, "acct.sentFromStampsOnly"));
        } else if (sentTotal != null) {
            long d = sentTotal - received;
            if (d > 0) {
                inFlight = d;
                why.add(Messages.in(lang, "acct.inFlight", receivedBy, Format.integer(lang, d),
                        Messages.in(lang, r0 == null ? "acct.inFlight.whenStopped" : "acct.inFlight.whenKilled"),
                        sent.blockedMs() != null && sent.blockedMs() >= 1000
                                ? Messages.in(lang, "acct.inFlight.blocked", Format.fixed(lang, sent.blockedMs() / 1000.0, 1)) : ""));
            } else if (d < 0) {
                inFlight = 0L;
                why.add(Messages.in(lang, "acct.receivedMoreThanSent", receivedBy, Format.integer(lang, -d),
                        Messages.in(lang, guessedSent ? "acct.sentLowerBound" : "acct.unreportedConnections")));
            } else {
                inFlight = 0L;
            }
        }

        long q = o.receivedLines() - p.lines();
        if (q > 0) {
            why.add(o.pendingBatches() > 0
                    ? Messages.in(lang, "acct.queued", Format.integer(lang, q), o.pendingBatches(), Format.integer(lang, o.pendingRecords()))
                    : Messages.in(lang, "acct.inLastBatch", Format.integer(lang, q)));
        } else if (q < 0) {
            RecordAccounting.RecoveryAccount r = o.recovery();
            why.add(r != null && r.recoveredLines() > 0
                    ? Messages.in(lang, "acct.recovered", Format.integer(lang, -q), Format.integer(lang, r.recoveredLines()), r.recoveredBatches())
                    : Messages.in(lang, "acct.countedTwice", Format.integer(lang, -q)));
        }

        if (p.empty() > 0) why.add(Messages.in(lang, "acct.empty", Format.integer(lang, p.empty())));
        if (p.oversized() > 0) why.add(Messages.in(lang, "acct.oversized", Format.integer(lang, p.oversized()), BatchTally.MAX_LINE_CHARS / 1024));
        if (p.invalidUtf8() > 0) why.add(Messages.in(lang, "acct.invalidUtf8", Format.integer(lang, p.invalidUtf8())));
        why.addAll(gaps(streams, o.sequenceSpans(), lang));
        if (o.receiverRestarts() > 0) why.add(Messages.in(lang, "acct.receiverRestarted", o.receiverRestarts()));

        long lostRecovery = o.recovery() == null ? 0 : o.recovery().lostReceivedLines();
        if (lostRecovery > 0) why.add(Messages.in(lang, "acct.lostInRecovery", Format.integer(lang, lostRecovery)));
        long lost = holes + lostRecovery;

        LatencyHistogram l = o.latency();
        String format = p.lines() == 0 ? "none" : p.stamped() == p.lines() ? "stamped" : p.stamped() == 0 ? "classic" : "mixed";
        return new RecordAccounting(format, sentTotal, countedBy, o.receivedLines(), p.lines(), lost, inFlight, Math.max(0, q),
                p.empty(), p.oversized(), p.invalidUtf8(), nullIfNaN(l.percentile(50)), nullIfNaN(l.percentile(95)),
                nullIfNaN(l.max()), sent.blockedMs(), sent.maxBacklog(), o.receiverRestarts(), streams, why,
                o.recovery(), answer(lost, sentTotal, countedBy, o.receivedLines(), p.lines(), o.recovery(), lang));
    }

    /**
     * A sentence per notable pause between one stream's last line and the next stream's first, with
     * the lines that pause cost at the first stream's own rate. That rate comes from the stamps'
     * sequence numbers over their due times (a stream's lines may have been processed by several
     * driver runs, so the count of processed lines says nothing about its rate).
     *
     * @param sequenceSpans per stream: {lowest, highest} sequence number seen
     */
    static List<String> gaps(List<RecordAccounting.StreamAccount> streams, Map<String, long[]> sequenceSpans, Lang lang) {
        List<RecordAccounting.StreamAccount> timed = streams.stream().filter(s -> s.firstSentMs() > 0)
                .sorted(Comparator.comparingLong(RecordAccounting.StreamAccount::firstSentMs)).toList();
        List<String> gaps = new ArrayList<>();
        for (int i = 1; i < timed.size(); i++) {
            RecordAccounting.StreamAccount a = timed.get(i - 1);
            RecordAccounting.StreamAccount b = timed.get(i);
            long gap = b.firstSentMs() - a.lastSentMs();
            if (gap < NOTABLE_GAP_MS) continue;
            boolean sameSource = source(a.stream()).equals(source(b.stream()));
            long[] seqs = sequenceSpans.get(a.stream());
            double rate = seqs != null && a.lastSentMs() > a.firstSentMs() ? (seqs[1] - seqs[0]) * 1000.0 / (a.lastSentMs() - a.firstSentMs()) : 0;
            gaps.add(Messages.in(lang, "acct.gap", Format.fixed(lang, gap / 1000.0, 1), a.stream(), CLOCK.format(Instant.ofEpochMilli(a.lastSentMs())),
                    b.stream(), CLOCK.format(Instant.ofEpochMilli(b.firstSentMs())),
                    Messages.in(lang, sameSource ? "acct.gap.sameSource" : "acct.gap.newSource"),
                    rate > 0 ? Messages.in(lang, "acct.gap.neverSent", Format.fixed(lang, rate, 0), Format.integer(lang, Math.round(rate * gap / 1000.0))) : ""));
        }
        return gaps;
    }

    private static String source(String stream) {
        int colon = stream.indexOf(':');
        return colon < 0 ? stream : stream.substring(0, colon);
    }

    static String answer(long lost, Long sent, String sentCountedBy, long received, long processed, RecordAccounting.RecoveryAccount recovery,
                         Lang lang) {
        if (lost > 0) return Messages.in(lang, "acct.answer.lost", Format.integer(lang, lost));
        String across = recovery != null && recovery.driverRuns() > 1 ? Messages.in(lang, "acct.answer.acrossRuns", recovery.driverRuns()) : "";
        if (sent != null && sent == received && received == processed)
            return Messages.in(lang, "acct.answer.allEqual", across, Format.integer(lang, processed));
        if (sent == null)
            return Messages.in(lang, "acct.answer.sentUnknown", across, Format.integer(lang, received),
                    sentCountedBy == null ? Messages.in(lang, "acct.unknown") : sentCountedBy);
        return Messages.in(lang, "acct.answer.explained", across, Format.integer(lang, sent), Format.integer(lang, received), Format.integer(lang, processed));
    }

    private static String abbreviate(String s) {
        return s.length() <= 80 ? s : s.substring(0, 77) + "…";
    }

    private static Double nullIfNaN(double v) {
        return Double.isNaN(v) ? null : v;
    }
}
