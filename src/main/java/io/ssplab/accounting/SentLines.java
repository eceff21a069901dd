package io.ssplab.accounting;

import java.util.Map;
import java.util.function.Function;

import io.ssplab.core.Lang;
import io.ssplab.core.Messages;

/**
 * The source's side of the accounting, however it was learnt.
 *
 * @param total        lines written to the job's connections; null when unknown
 * @param countedBy    where the numbers come from, or why they are unknown, in a given language
 * @param perStream    per stamped stream (SOURCE:CLIENT) the source could tell about
 * @param blockedMs    time the writes were blocked; null when unknown
 * @param maxBacklog   most lines due but not yet written at once; null when unknown
 */
public record SentLines(Long total, Function<Lang, String> countedBy, Map<String, Long> perStream, Long blockedMs, Long maxBacklog) {

    /** Nothing known of what was sent; {@code whyKey} a message saying why. */
    public static SentLines unknown(String whyKey, Object... args) {
        return new SentLines(null, lang -> Messages.in(lang, whyKey, args), Map.of(), null, null);
    }
}
