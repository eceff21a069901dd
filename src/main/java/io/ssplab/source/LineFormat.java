package io.ssplab.source;

import java.util.Locale;

/**
 * How the source writes a line.
 *
 * <ul>
 *   <li>{@link #CLASSIC}: only the words, as the original demo ({@code word12 word3 word45}).</li>
 *   <li>{@link #STAMPED}: a stamp token first, then the same words
 *       ({@code #k3f9a2:0:1234:1718000000123 word12 word3 word45}); see {@link LineStamp}. The stamp lets
 *       the job account for every line: which connection it came on, its sequence number on that
 *       connection (gaps show lost lines) and when it was due (end-to-end latency).</li>
 * </ul>
 * The jobs read both: the runner strips the stamp before the job's pipeline sees the line.
 */
public enum LineFormat {
    CLASSIC,
    STAMPED;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
