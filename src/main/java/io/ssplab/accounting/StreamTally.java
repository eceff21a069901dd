package io.ssplab.accounting;

import java.io.Serializable;

/**
 * What was seen of one stamped stream (one connection of one source): which sequence numbers, and the
 * due times of its earliest and latest lines (to measure the gap when a source restarts).
 */
public final class StreamTally implements Serializable {
    private static final long serialVersionUID = 1L;
    final SeqRanges seqs = new SeqRanges();
    long firstSentMs = Long.MAX_VALUE;
    long lastSentMs = Long.MIN_VALUE;

    void add(long seq, long sentMs) {
        seqs.add(seq);
        firstSentMs = Math.min(firstSentMs, sentMs);
        lastSentMs = Math.max(lastSentMs, sentMs);
    }

    void addAll(StreamTally other) {
        seqs.addAll(other.seqs);
        firstSentMs = Math.min(firstSentMs, other.firstSentMs);
        lastSentMs = Math.max(lastSentMs, other.lastSentMs);
    }

    public SeqRanges seqs() {
        return seqs;
    }

    public long firstSentMs() {
        return firstSentMs;
    }

    public long lastSentMs() {
        return lastSentMs;
    }
}
