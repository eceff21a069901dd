package io.ssplab.run;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;

import io.ssplab.core.BadInputException;
import io.ssplab.core.Messages;
import io.ssplab.source.SourceStatus;

/**
 * Where the job reads lines from: {@code embedded} (a source started in-process on a free loopback
 * port) or a running source at HOST:PORT.
 *
 * @param host null for embedded
 * @param port 0 for embedded
 */
public record SourceEndpoint(String host, int port) {
    public static final SourceEndpoint EMBEDDED = new SourceEndpoint(null, 0);

    public boolean embedded() {
        return host == null;
    }

    public static SourceEndpoint parse(String value) {
        if (value == null || value.isBlank() || value.equals("embedded")) return EMBEDDED;
        int colon = value.lastIndexOf(':');
        if (colon <= 0 || colon == value.length() - 1)
            throw new BadInputException(Messages.get("bad.source", value));
        String host = value.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) host = host.substring(1, host.length() - 1);
        int port;
        try {
            port = Integer.parseInt(value.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw new BadInputException(Messages.get("bad.sourcePort", value));
        }
        if (port < 1 || port > 65535) throw new BadInputException(Messages.get("bad.sourcePortRange", port));
        return new SourceEndpoint(host, port);
    }

    /**
     * Fails unless something accepts connections at this address. Without this check Spark's
     * receiver would retry silently every 2 s for ever and the table would show empty batches.
     *
     * @return the source's status when it is one of ours (its rate tells the run how full a batch is), else null
     */
    public SourceStatus requireReachable() {
        if (embedded()) return null;
        try (Socket probe = new Socket()) {
            try {
                probe.connect(new InetSocketAddress(host, port), 2000);
            } catch (IOException e) {
                throw new BadInputException(Messages.get("bad.sourceUnreachable", this, e.getMessage(), port));
            }
            // Reachable. Asked as a status query, our own source logs the check as one ("status query
            // answered") instead of a client that vanished ("connection lost"); any other server only
            // costs the short wait.
            try {
                return SourceStatus.ask(probe, toString(), 1000);
            } catch (IOException notOurs) {
                return null; // not an ssp source, or slow to answer: it listens, which is all this check needs
            }
        } catch (IOException closing) {
            return null; // closing the probe: nothing to report
        } catch (BadInputException refused) {
            throw refused; // already says what is wrong (it is an IllegalArgumentException too: not to be wrapped again)
        } catch (IllegalArgumentException | SecurityException unresolvable) {
            throw new BadInputException(Messages.get("bad.sourceUnreachable", this, unresolvable.getMessage(), port));
        }
    }

    @Override
    public String toString() {
        return embedded() ? "embedded" : host + ":" + port;
    }
}
