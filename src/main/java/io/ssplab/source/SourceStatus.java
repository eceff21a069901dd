package io.ssplab.source;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.ssplab.core.Messages;

/**
 * A running source's own account, asked for over its data port: a client that writes the line
 * {@value #COMMAND} gets one JSON line back, then the connection closes. Try it by hand:
 * {@code echo STATUS | nc 127.0.0.1 9999 | grep '^{'}.
 *
 * <p>Why over the data port: the job already knows that address, and a second port would be one more
 * thing to configure and to open. The source starts streaming at once on every connection (a Spark
 * receiver never writes), so the answer may follow a few word lines: {@link #query} skips them.
 *
 * <p>The job uses it at the end of a run against an external source: its stamped lines say which
 * connections were its own (SOURCE:CLIENT), and the answer says how many lines the source wrote to
 * each, so sentLines is exact even for lines that never arrived.
 *
 * @param source         the source's id (the SOURCE of a {@link LineStamp})
 * @param format         "classic" or "stamped"
 * @param linesPerSecond rate per client
 * @param clients        the connections this source has served (the most recent ones if there were many)
 * @param skew           Zipf exponent of its words (0 uniform); null from a source older than level 2
 * @param vocabulary     words it draws from; null from a source older than level 2
 */
public record SourceStatus(String source, String format, double linesPerSecond, List<ClientStats> clients, Double skew,
                           Integer vocabulary) {
    public static final String COMMAND = "STATUS";
    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    /** An answer without the words' distribution (a source older than level 2). */
    public SourceStatus(String source, String format, double linesPerSecond, List<ClientStats> clients) {
        this(source, format, linesPerSecond, clients, null, null);
    }

    /** The client with this number, or null if the source no longer remembers it. */
    public ClientStats client(int number) {
        for (ClientStats c : clients) if (c.client() == number) return c;
        return null;
    }

    public String toJson() {
        try {
            return JSON.writeValueAsString(this);
        } catch (IOException e) {
            throw new IllegalStateException("status is always serializable", e);
        }
    }

    /**
     * Asks the source at host:port for its status.
     *
     * @throws IOException when nothing answers within {@code timeoutMs}, or the answer is not a status
     */
    public static SourceStatus query(String host, int port, int timeoutMs) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), timeoutMs);
            return ask(socket, host + ":" + port, timeoutMs);
        }
    }

    /** The status query on a socket already connected (the caller closes it). */
    public static SourceStatus ask(Socket socket, String where, int timeoutMs) throws IOException {
        socket.setSoTimeout(timeoutMs);
        OutputStream out = socket.getOutputStream();
        out.write((COMMAND + "\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
        BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
        long deadline = System.nanoTime() + timeoutMs * 1_000_000L;
        String line;
        while ((line = in.readLine()) != null) {
            if (line.startsWith("{\"source\"")) return JSON.readValue(line, SourceStatus.class);
            if (System.nanoTime() > deadline) break; // a source that streams but does not answer
        }
        throw new IOException(Messages.get("source.noStatus", where));
    }
}
