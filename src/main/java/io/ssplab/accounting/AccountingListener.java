package io.ssplab.accounting;

import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

import org.apache.spark.streaming.scheduler.BatchInfo;
import org.apache.spark.streaming.scheduler.StreamingListener;
import org.apache.spark.streaming.scheduler.StreamingListenerBatchCompleted;
import org.apache.spark.streaming.scheduler.StreamingListenerBatchSubmitted;
import org.apache.spark.streaming.scheduler.StreamingListenerReceiverError;
import org.apache.spark.streaming.scheduler.StreamingListenerReceiverStopped;

import io.ssplab.core.RecordAccounting;

/**
 * The job's side of the record accounting, fed by Spark's streaming events:
 * <ul>
 *   <li>received: the records of every batch Spark cuts ({@code BatchInfo.numRecords} at submission),</li>
 *   <li>processed: when a batch completes, the {@link BatchTally} its tasks left in the
 *       {@link LedgerAccumulator}, with each stamped line's latency = its age at batch time + the
 *       batch's total delay,</li>
 *   <li>receiver restarts: the connection ended or was refused, Spark reconnects 2 s later.</li>
 * </ul>
 * Unlike the metrics table it keeps counting after the run's stop request, while the run drains.
 * With a {@link Journal} (checkpointed runs) every event is also written down, so a later driver run
 * can account for this one even if it is killed.
 */
public final class AccountingListener implements StreamingListener {
    private final LedgerAccumulator ledger;
    private final Journal journal;
    private final Journal.History earlier;
    private long received;
    private final TreeMap<Long, Long> pending = new TreeMap<>();
    private long lastSubmitted = Long.MIN_VALUE;
    private final Map<Long, Long> submittedHere = new HashMap<>();
    private final Map<Long, Long> processedHere = new HashMap<>();
    private final BatchTally processed = new BatchTally(0);
    private final LatencyHistogram latency = new LatencyHistogram();
    private int receiverRestarts;
    private long recoveredBatches;
    private long recoveredLines;
    private long rebuiltFromLogLines;

    /**
     * @param journal null unless the run is checkpointed
     * @param earlier what earlier driver runs of the same checkpoint left; null unless checkpointed
     */
    public AccountingListener(LedgerAccumulator ledger, Journal journal, Journal.History earlier) {
        this.ledger = ledger;
        this.journal = journal;
        this.earlier = earlier;
    }

    @Override
    public synchronized void onBatchSubmitted(StreamingListenerBatchSubmitted submitted) {
        BatchInfo info = submitted.batchInfo();
        long t = info.batchTime().milliseconds();
        long n = info.numRecords();
        received += n;
        pending.put(t, n);
        lastSubmitted = Math.max(lastSubmitted, t);
        submittedHere.put(t, n);
        if (journal != null) journal.submitted(t, n);
    }

    @Override
    public synchronized void onBatchCompleted(StreamingListenerBatchCompleted completed) {
        BatchInfo info = completed.batchInfo();
        long t = info.batchTime().milliseconds();
        pending.remove(t);
        BatchTally tally = ledger.take(t);
        long lines = tally == null ? 0 : tally.lines();
        processedHere.merge(t, lines, Long::sum);
        if (tally != null) {
            processed.addAll(tally);
            long end = info.processingEndTime().isDefined() ? ((Number) info.processingEndTime().get()).longValue()
                    : info.submissionTime();
            latency.addShifted(tally.ageAtBatchMs(), end - t);
        }
        // After a recovery Spark re-runs the batches an earlier driver had cut, and puts blocks the earlier
        // driver had received but not yet cut into the first batches it rebuilds, reporting 0 records for all.
        if (earlier != null && lines > 0) {
            boolean cutEarlier = earlier.submitted().containsKey(t);
            boolean rebuilt = !cutEarlier && submittedHere.getOrDefault(t, 0L) == 0;
            if (cutEarlier || rebuilt) {
                recoveredBatches++;
                recoveredLines += lines;
            }
            if (rebuilt) rebuiltFromLogLines += lines;
        }
        if (journal != null) journal.completed(t, tally);
    }

    @Override
    public synchronized void onReceiverError(StreamingListenerReceiverError error) {
        receiverRestarts++;
    }

    /** A socket receiver whose connection ended or was refused stops itself with this message and starts again. */
    @Override
    public synchronized void onReceiverStopped(StreamingListenerReceiverStopped stopped) {
        String why = stopped.receiverInfo().lastErrorMessage();
        if (why != null && why.startsWith("Restarting receiver")) receiverRestarts++;
    }

    public synchronized long receivedLines() {
        return received;
    }

    public synchronized long processedLines() {
        return processed.lines();
    }

    /** Batches cut but not completed yet. */
    public synchronized int pendingBatches() {
        return pending.size();
    }

    /** The time of the latest batch submitted so far; {@link Long#MIN_VALUE} before the first. */
    public synchronized long lastSubmittedBatchTime() {
        return lastSubmitted;
    }

    /** Batches submitted at or before {@code batchTime} and not completed yet. */
    public synchronized int pendingUpTo(long batchTime) {
        return pending.headMap(batchTime, true).size();
    }

    /** What was observed so far, for {@link Reconciler#reconcile}. */
    public synchronized Reconciler.Observed observed() {
        long pendingRecords = pending.values().stream().mapToLong(Long::longValue).sum();
        Map<String, SeqRanges> streams = new TreeMap<>();
        Map<String, long[]> sentTimes = new TreeMap<>();
        processed.streams().forEach((id, s) -> {
            streams.computeIfAbsent(id, k -> new SeqRanges()).addAll(s.seqs());
            sentTimes.put(id, new long[] {s.firstSentMs(), s.lastSentMs(), s.seqs().min(), s.seqs().max()});
        });
        RecordAccounting.RecoveryAccount recovery = null;
        if (earlier != null) {
            earlier.streams().forEach((id, s) -> streams.computeIfAbsent(id, k -> new SeqRanges()).addAll(s));
            long lost = 0;
            for (Map.Entry<Long, Long> cut : earlier.submitted().entrySet()) {
                long done = Math.max(earlier.processed().getOrDefault(cut.getKey(), 0L),
                        processedHere.getOrDefault(cut.getKey(), 0L));
                lost += Math.max(0, cut.getValue() - done);
            }
            recovery = new RecordAccounting.RecoveryAccount(earlier.runs() + 1, earlier.receivedLines(), recoveredBatches,
                    recoveredLines, rebuiltFromLogLines, lost);
        }
        BatchTally totals = new BatchTally(0);
        totals.addAll(processed);
        LatencyHistogram l = new LatencyHistogram();
        l.addAll(latency);
        return new Reconciler.Observed(received, totals, l, pending.size(), pendingRecords, receiverRestarts, streams,
                sentTimes, recovery);
    }
}
