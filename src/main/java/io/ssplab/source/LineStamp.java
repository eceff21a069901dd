package io.ssplab.source;

import java.io.Serializable;

/**
 * The stamp of a {@link LineFormat#STAMPED} line: one token before the words,
 * {@code #SOURCE:CLIENT:SEQ:SENT_MS}.
 *
 * <ul>
 *   <li>SOURCE: a short random id drawn when the source process starts, so that a restarted source
 *       (whose client and sequence numbers start again at 0) is told apart from the one before;</li>
 *   <li>CLIENT: the connection's number at that source (0, 1, …); SOURCE:CLIENT names one TCP stream;</li>
 *   <li>SEQ: the line's number on that stream, from 0 with no gap: a missing number is a missing line;</li>
 *   <li>SENT_MS: when the line was due at the source (epoch ms). If the source's writes were blocked
 *       (TCP backpressure), the wait is part of the line's latency, as it would be for a real event.</li>
 * </ul>
 *
 * @param stream  SOURCE:CLIENT
 * @param seq     sequence number on the stream
 * @param sentMs  due time at the source, epoch ms
 * @param wordsAt index in the line where the words start (after the stamp and its space)
 */
public record LineStamp(String stream, long seq, long sentMs, int wordsAt) implements Serializable {
    public static final char MARK = '#';

    /** The stamp token and the space after it, e.g. "#k3f9a2:0:17:1718000000123 ". */
    public static void append(StringBuilder line, String source, int client, long seq, long sentMs) {
        line.append(MARK).append(source).append(':').append(client).append(':').append(seq).append(':').append(sentMs).append(' ');
    }

    /**
     * The stamp of {@code line}, or null when the line does not start with a well-formed stamp (a
     * classic line, or garbage: both are then read as plain words). Allocation-light: it runs once per
     * line inside Spark tasks.
     */
    public static LineStamp parse(String line) {
        if (line.isEmpty() || line.charAt(0) != MARK) return null;
        int end = line.indexOf(' ');
        if (end < 0) end = line.length();
        int c1 = line.indexOf(':', 1);
        if (c1 <= 1 || c1 >= end) return null;
        int c2 = line.indexOf(':', c1 + 1);
        if (c2 < 0 || c2 >= end) return null;
        int c3 = line.indexOf(':', c2 + 1);
        if (c3 < 0 || c3 >= end) return null;
        long client = digits(line, c1 + 1, c2);
        long seq = digits(line, c2 + 1, c3);
        long sent = digits(line, c3 + 1, end);
        if (client < 0 || seq < 0 || sent < 0) return null;
        int wordsAt = Math.min(line.length(), end + 1);
        return new LineStamp(line.substring(1, c2), seq, sent, wordsAt);
    }

    /** The words of a stamped line: what remains after the stamp. */
    public String words(String line) {
        return line.substring(wordsAt);
    }

    /** Non-negative decimal in [from, to), or -1 if empty, not digits or too long. */
    private static long digits(String s, int from, int to) {
        if (to <= from || to - from > 18) return -1;
        long v = 0;
        for (int i = from; i < to; i++) {
            char ch = s.charAt(i);
            if (ch < '0' || ch > '9') return -1;
            v = v * 10 + (ch - '0');
        }
        return v;
    }
}
