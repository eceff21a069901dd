package io.ssplab.core;

import java.util.List;

/**
 * The answer to "did we lose anything?" for one run: {@code RunSummary.accounting} in every summary.
 * Field names are part of the summary file format.
 *
 * @param lineFormat            "stamped", "classic", "mixed" (both seen) or "none" (no line processed)
 * @param sentLines             lines the source wrote to the job's connection(s); null when it cannot be known
 * @param sentCountedBy         where sentLines comes from (the embedded source, the source's status answer,
 *                              or the stamps when the source is gone), or why it is unknown
 * @param receivedLines         lines in the batches Spark cut (the sum of the batches' records, BatchInfo)
 * @param processedLines        lines that went through the job's pipeline in completed batches
 * @param lostLines             lines shown to be lost: sequence numbers missing inside a stamped stream, plus
 *                              received lines that a driver recovery did not process
 * @param inFlightAtStopLines   sent − received when the run stopped: in the TCP connection or in the receiver's
 *                              current block (null when sentLines is unknown)
 * @param queuedAtStopLines     received − processed: lines in batches cut but not (or not fully) processed at stop
 * @param emptyLines            processed lines with no word
 * @param oversizedLines        lines longer than 64 KiB: counted, their words not processed
 * @param invalidUtf8Lines      lines with bytes that are not UTF-8 (they reach the job as U+FFFD)
 * @param latencyP50Ms          end-to-end latency of stamped lines (batch done − line due), median; null without stamps
 * @param latencyP95Ms          95th percentile
 * @param latencyMaxMs          maximum
 * @param sourceBlockedMs       time the source's writes to the job were blocked (TCP backpressure); null when unknown
 * @param sourceMaxBacklogLines most lines due at the source but not yet written at one moment; null when unknown
 * @param receiverRestarts      receiver restarts and errors Spark reported (a connection that ended or was refused: Spark tries again 2 s later)
 * @param streams               per stamped stream (one connection of one source)
 * @param differences           where two counts differ: by how much and why, one sentence each
 * @param recovery              across driver runs sharing a checkpoint; null without --checkpoint
 * @param answer                the one-sentence answer
 */
public record RecordAccounting(String lineFormat, Long sentLines, String sentCountedBy, long receivedLines,
                               long processedLines, long lostLines, Long inFlightAtStopLines, long queuedAtStopLines,
                               long emptyLines, long oversizedLines, long invalidUtf8Lines, Double latencyP50Ms,
                               Double latencyP95Ms, Double latencyMaxMs, Long sourceBlockedMs, Long sourceMaxBacklogLines,
                               int receiverRestarts, List<StreamAccount> streams, List<String> differences,
                               RecoveryAccount recovery, String answer) {

    /**
     * One stamped stream.
     *
     * @param stream         SOURCE:CLIENT
     * @param sentLines      what the source says it wrote, or (source gone) the highest sequence number seen + 1; null if unknown
     * @param processedLines distinct sequence numbers processed (across driver runs with --checkpoint)
     * @param missingLines   sequence numbers missing between 0 and the highest one processed
     * @param missingRanges  those numbers as ranges, e.g. "120-131" ("" when none)
     * @param firstSentMs    due time of the earliest line seen (epoch ms)
     * @param lastSentMs     due time of the latest line seen
     */
    public record StreamAccount(String stream, Long sentLines, long processedLines, long missingLines, String missingRanges,
                                long firstSentMs, long lastSentMs) {
    }

    /**
     * Across the driver runs of one checkpoint directory.
     *
     * @param driverRuns              runs that started on this checkpoint, this one included
     * @param earlierRunsReceivedLines lines in batches the earlier runs cut
     * @param recoveredBatches        batches this run processed that an earlier run had cut, or that Spark rebuilt
     *                                from the write-ahead log (it reports 0 records for them)
     * @param recoveredLines          lines in those batches
     * @param rebuiltFromLogLines     of the recovered lines, those an earlier run had stored but not yet cut into a
     *                                batch: Spark rebuilt them from the receiver's write-ahead log
     * @param lostReceivedLines       lines in batches an earlier run cut that no run processed
     */
    public record RecoveryAccount(int driverRuns, long earlierRunsReceivedLines, long recoveredBatches, long recoveredLines,
                                  long rebuiltFromLogLines, long lostReceivedLines) {

        /** Lines some driver run received: cut by earlier runs, rebuilt from the log, cut by this one. */
        public long receivedAcrossRuns(long receivedThisRun) {
            return earlierRunsReceivedLines + rebuiltFromLogLines + receivedThisRun;
        }
    }
}
