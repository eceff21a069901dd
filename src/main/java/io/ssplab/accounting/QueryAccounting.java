package io.ssplab.accounting;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import io.ssplab.core.Format;
import io.ssplab.core.Lang;
import io.ssplab.core.Messages;
import io.ssplab.core.RecordAccounting;

/**
 * The query's side of the record accounting ({@link AccountingListener} is the DStream one), so that a
 * Structured Streaming run answers "did we lose anything?" like a DStream run does:
 * <ul>
 *   <li>received: the rows of every micro-batch Spark reported ({@code numInputRows} of its progress), plus a
 *       batch whose count finished but whose progress never came (the query stopped in its commit);</li>
 *   <li>processed: the {@link BatchTally} the batch's tasks left in the {@link LedgerAccumulator}, taken right
 *       after the batch's count in foreachBatch ({@link #afterBatch});</li>
 *   <li>latency of a stamped line: when the batch's count was done − when the line was due at the source.</li>
 * </ul>
 * Nothing is queued between micro-batches: what was sent but never received waits in the socket source's
 * buffer at the driver (or in the batch the stop interrupted), which the account says in those words.
 */
public final class QueryAccounting {
    /** Latency quantiles of a batch, to show beside its row. */
    public record BatchLatency(long p50Ms, long p95Ms, long maxMs) {
    }

    private final LedgerAccumulator ledger;
    private long received;
    private final Set<Long> reported = new HashSet<>();
    private final Map<Long, Long> countedLines = new HashMap<>();
    private final BatchTally processed = new BatchTally(0);
    private final LatencyHistogram latency = new LatencyHistogram();
    private final Map<Long, BatchLatency> batchLatency = new java.util.concurrent.ConcurrentHashMap<>();

    public QueryAccounting(LedgerAccumulator ledger) {
        this.ledger = ledger;
    }

    public LedgerAccumulator ledger() {
        return ledger;
    }

    /**
     * Driver, in foreachBatch, once the batch's count is done at {@code endMs}: takes the batch's tally. Every
     * tally in the ledger is this batch's: micro-batches run one after the other, and each takes its own
     * (keyed by the batch's timestamp, {@link QueryAccountingStep}) before the next one starts.
     */
    public synchronized void afterBatch(long batchId, long endMs) {
        long lines = 0;
        LatencyHistogram batch = new LatencyHistogram();
        for (Long key : ledger.value().keySet()) {
            BatchTally tally = ledger.take(key);
            if (tally == null) continue;
            lines += tally.lines();
            processed.addAll(tally);
            batch.addShifted(tally.ageAtBatchMs(), endMs - key);
        }
        countedLines.put(batchId, lines);
        latency.addAll(batch);
        if (batch.count() > 0)
            batchLatency.put(batchId, new BatchLatency((long) batch.percentile(50), (long) batch.percentile(95), (long) batch.max()));
    }

    /** A batch's progress came: its rows were received. */
    public synchronized void onProgress(long batchId, long numInputRows) {
        if (reported.add(batchId)) received += numInputRows;
    }

    /** The latency of a batch's stamped lines; null without any. */
    public BatchLatency latencyOf(long batchId) {
        return batchLatency.get(batchId);
    }

    public synchronized long receivedLines() {
        long r = received;
        for (Map.Entry<Long, Long> e : countedLines.entrySet()) if (!reported.contains(e.getKey())) r += e.getValue();
        return r;
    }

    public synchronized long processedLines() {
        return processed.lines();
    }

    /** What was observed so far, for {@link Reconciler#reconcile}. */
    public synchronized Reconciler.Observed observed() {
        Map<String, SeqRanges> streams = new TreeMap<>();
        Map<String, long[]> sentTimes = new TreeMap<>();
        processed.streams().forEach((id, s) -> {
            streams.computeIfAbsent(id, k -> new SeqRanges()).addAll(s.seqs());
            sentTimes.put(id, new long[] {s.firstSentMs(), s.lastSentMs(), s.seqs().min(), s.seqs().max()});
        });
        BatchTally totals = new BatchTally(0);
        totals.addAll(processed);
        LatencyHistogram l = new LatencyHistogram();
        l.addAll(latency);
        return new Reconciler.Observed(receivedLines(), totals, l, 0, 0, 0, streams, sentTimes, null);
    }

    /**
     * The account in {@code lang}, as {@link Reconciler#reconcile} gives it, with what was sent but not received
     * said for a query: there is no receiver, the lines wait in the socket source's buffer at the driver.
     */
    public RecordAccounting reconcile(SentLines sent, Lang lang) {
        Reconciler.Observed o = observed();
        RecordAccounting a = Reconciler.reconcile(o, sent, lang);
        if (a.inFlightAtStopLines() == null || a.inFlightAtStopLines() <= 0) return a;
        String dstream = Messages.in(lang, "acct.inFlight", Messages.in(lang, "acct.received"), Format.integer(lang, a.inFlightAtStopLines()),
                Messages.in(lang, "acct.inFlight.whenStopped"), sent.blockedMs() != null && sent.blockedMs() >= 1000
                        ? Messages.in(lang, "acct.inFlight.blocked", Format.fixed(lang, sent.blockedMs() / 1000.0, 1)) : "");
        String query = Messages.in(lang, "ss.acct.inFlight", Format.integer(lang, a.inFlightAtStopLines()));
        List<String> why = new ArrayList<>(a.differences());
        int at = why.indexOf(dstream);
        if (at >= 0) why.set(at, query);
        else why.add(query);
        return new RecordAccounting(a.lineFormat(), a.sentLines(), a.sentCountedBy(), a.receivedLines(), a.processedLines(), a.lostLines(),
                a.inFlightAtStopLines(), a.queuedAtStopLines(), a.emptyLines(), a.oversizedLines(), a.invalidUtf8Lines(), a.latencyP50Ms(),
                a.latencyP95Ms(), a.latencyMaxMs(), a.sourceBlockedMs(), a.sourceMaxBacklogLines(), a.receiverRestarts(), a.streams(), why,
                a.recovery(), a.answer());
    }
}
