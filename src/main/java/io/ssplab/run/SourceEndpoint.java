package io.ssplab.run;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;

import io.ssplab.jobs.InvalidSpecException;

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
            throw new InvalidSpecException("--source '" + value + "' is not 'embedded' or HOST:PORT: use e.g. --source 127.0.0.1:9999");
        String host = value.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) host = host.substring(1, host.length() - 1);
        int port;
        try {
            port = Integer.parseInt(value.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw new InvalidSpecException("--source '" + value + "' has no numeric port: use e.g. --source 127.0.0.1:9999");
        }
        if (port < 1 || port > 65535)
            throw new InvalidSpecException("--source port " + port + " is not 1..65535: use e.g. --source 127.0.0.1:9999");
        return new SourceEndpoint(host, port);
    }

    /**
     * Fails unless something accepts connections at this address. Without this check Spark's
     * receiver would retry silently every 2 s for ever and the table would show empty batches.
     */
    public void requireReachable() {
        if (embedded()) return;
        try (Socket probe = new Socket()) {
            try {
                probe.connect(new InetSocketAddress(host, port), 2000);
            } catch (IOException e) {
                throw new InvalidSpecException("no source is listening at " + this + " (" + e.getMessage()
                        + "): start one with 'bin/ssp source --port " + port + "' or use --source embedded");
            }
            // Reachable. Asked as a status query, our own source logs the check as one ("status query
            // answered") instead of a client that vanished ("connection lost"); any other server only
            // costs the short wait.
            try {
                io.ssplab.source.SourceStatus.ask(probe, toString(), 1000);
            } catch (IOException notOurs) {
                // not an ssp source, or slow to answer: it listens, which is all this check needs
            }
        } catch (IOException closing) {
            // closing the probe: nothing to report
        }
    }

    @Override
    public String toString() {
        return embedded() ? "embedded" : host + ":" + port;
    }
}
