package io.ssplab.accounting;

import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import io.ssplab.core.Lang;
import io.ssplab.core.Messages;

import io.ssplab.source.ClientStats;
import io.ssplab.source.SocketSource;
import io.ssplab.source.SourceStatus;

/** Learns the source's side of the accounting: in-process from an embedded source, over the port from a running one. */
public final class SourceAccount {
    private SourceAccount() {
    }

    /** Every connection of an embedded source is the job's: its counts are exact. */
    public static SentLines ofEmbedded(SocketSource source) {
        return of(source.id(), source.clientStats(), null, lang -> Messages.in(lang, "acct.countedBy.embedded"));
    }

    /**
     * Asks a running source for its status and keeps the connections the job's stamps named. Without
     * stamps the job cannot tell its connections from anyone else's, so sentLines stays unknown.
     *
     * @param streamsSeen stamped streams the job processed (SOURCE:CLIENT)
     */
    public static SentLines ofExternal(String host, int port, java.util.Set<String> streamsSeen) {
        if (streamsSeen.isEmpty())
            return SentLines.unknown("acct.countedBy.noStamps");
        SourceStatus status;
        try {
            status = SourceStatus.query(host, port, 5000); // generous: a busy machine may take seconds to schedule the answer
        } catch (IOException e) {
            String why = e.getMessage();
            return new SentLines(null, lang -> Messages.in(lang, "acct.countedBy.noAnswer", host, port, why), Map.of(), null, null);
        }
        return of(status.source(), status.clients(), streamsSeen, lang -> Messages.in(lang, "acct.countedBy.statusAnswer", host, port));
    }

    /** @param onlyStreams null for every connection */
    static SentLines of(String sourceId, List<ClientStats> clients, java.util.Set<String> onlyStreams, Function<Lang, String> countedBy) {
        Map<String, Long> perStream = new HashMap<>();
        long total = 0;
        long blocked = 0;
        long backlog = 0;
        for (ClientStats c : clients) {
            String stream = sourceId + ":" + c.client();
            if (onlyStreams != null && !onlyStreams.contains(stream)) continue;
            perStream.put(stream, c.sentLines());
            total += c.sentLines();
            blocked += c.blockedMs();
            backlog = Math.max(backlog, c.maxBacklogLines());
        }
        // With a filter, streams of another (dead) source are still to be counted from the stamps: no total here.
        return new SentLines(onlyStreams == null ? total : null, countedBy, perStream, blocked, backlog);
    }
}
