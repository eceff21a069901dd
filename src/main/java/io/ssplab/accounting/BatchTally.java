package io.ssplab.accounting;

import java.io.Serializable;
import java.util.Map;
import java.util.TreeMap;

import io.ssplab.source.LineStamp;

/**
 * What the accounting step saw of the lines of one batch (or, summed, of a run): how many, of which
 * kind, which stamped sequence numbers, and how old each stamped line was when its batch was cut.
 *
 * <p>{@link #account} is also the one place that decides what the job's pipeline gets for a line:
 * the words after the stamp for a stamped line, the line itself otherwise, nothing for a line longer
 * than {@value #MAX_LINE_CHARS} characters (its words would be one giant record or thousands of
 * costed ones; it is counted as oversized instead).
 */
public final class BatchTally implements Serializable {
    private static final long serialVersionUID = 1L;
    /** Longer lines are counted, not processed: a word-count line is a few dozen characters. */
    public static final int MAX_LINE_CHARS = 64 * 1024;

    final long batchTimeMs;
    long lines;
    long stamped;
    long empty;
    long oversized;
    long invalidUtf8;
    final Map<String, StreamTally> streams = new TreeMap<>();
    /** batch time − due time, per stamped line: add the batch's total delay to get the line's latency. */
    final LatencyHistogram ageAtBatchMs = new LatencyHistogram();

    public BatchTally(long batchTimeMs) {
        this.batchTimeMs = batchTimeMs;
    }

    /**
     * Counts one line and returns what the job's pipeline gets instead of it.
     * An undecodable byte reaches us as U+FFFD: Spark's socket receiver decodes UTF-8 with replacement.
     */
    public String account(String line) {
        lines++;
        LineStamp stamp = LineStamp.parse(line);
        String words = line;
        if (stamp != null) {
            stamped++;
            streams.computeIfAbsent(stamp.stream(), s -> new StreamTally()).add(stamp.seq(), stamp.sentMs());
            ageAtBatchMs.add(batchTimeMs - stamp.sentMs());
            words = stamp.words(line);
        }
        if (words.length() > MAX_LINE_CHARS) {
            oversized++;
            return "";
        }
        if (words.isBlank()) empty++;
        if (words.indexOf('\uFFFD') >= 0) invalidUtf8++;
        return words;
    }

    /** Adds another tally's counts (same batch from another task, or another batch into a run total). */
    public void addAll(BatchTally other) {
        lines += other.lines;
        stamped += other.stamped;
        empty += other.empty;
        oversized += other.oversized;
        invalidUtf8 += other.invalidUtf8;
        for (Map.Entry<String, StreamTally> e : other.streams.entrySet())
            streams.computeIfAbsent(e.getKey(), s -> new StreamTally()).addAll(e.getValue());
        ageAtBatchMs.addAll(other.ageAtBatchMs);
    }

    public long batchTimeMs() {
        return batchTimeMs;
    }

    public long lines() {
        return lines;
    }

    public long stamped() {
        return stamped;
    }

    public long empty() {
        return empty;
    }

    public long oversized() {
        return oversized;
    }

    public long invalidUtf8() {
        return invalidUtf8;
    }

    public Map<String, StreamTally> streams() {
        return streams;
    }

    public LatencyHistogram ageAtBatchMs() {
        return ageAtBatchMs;
    }
}
