package io.ssplab.accounting;

import java.util.Map;

/**
 * The source's side of the accounting, however it was learnt.
 *
 * @param total        lines written to the job's connections; null when unknown
 * @param countedBy    where the numbers come from, or why they are unknown
 * @param perStream    per stamped stream (SOURCE:CLIENT) the source could tell about
 * @param blockedMs    time the writes were blocked; null when unknown
 * @param maxBacklog   most lines due but not yet written at once; null when unknown
 */
public record SentLines(Long total, String countedBy, Map<String, Long> perStream, Long blockedMs, Long maxBacklog) {

    public static SentLines unknown(String why) {
        return new SentLines(null, why, Map.of(), null, null);
    }
}
