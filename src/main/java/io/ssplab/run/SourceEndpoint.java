package io.ssplab.run;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;

import io.ssplab.core.BadInputException;
import io.ssplab.core.Messages;
import io.ssplab.source.SourceStatus;

/**
 * Where the job reads lines from, one of three kinds ({@link Kind}): {@code embedded} (a socket source
 * started in-process on a free loopback port), {@code HOST:PORT} (a running socket source), or Kafka:
 * {@code kafka} (the broker {@code bin/ssp kafka start} left running, else one started for the run) or
 * {@code kafka://HOST:PORT/TOPIC} (any broker).
 *
 * <p>On Kafka the lab's producer writes the lines (at the knobs' rate, stamped, so the accounting counts
 * them) into the topic the job reads: the lessons need a known rate. To read a topic that somebody
 * else fills, without producing into it, add {@code ?read-only}: {@code kafka://HOST:PORT/TOPIC?read-only}.
 *
 * @param kind  what the address is
 * @param host  null for embedded, and for {@code kafka} (our broker, found or started at run time)
 * @param port  0 when host is null
 * @param topic Kafka: the topic; null for {@code kafka} (a topic per lesson and partition count: {@link #topicFor})
 *              and for a socket
 * @param readOnly Kafka: read the topic only, do not produce into it
 */
public record SourceEndpoint(Kind kind, String host, int port, String topic, boolean readOnly) {
    public static final SourceEndpoint EMBEDDED = new SourceEndpoint(null, 0);
    /** {@code --source kafka}: our broker, running or embedded for the run. */
    public static final SourceEndpoint KAFKA = new SourceEndpoint(Kind.KAFKA, null, 0, null, false);
    /** What {@code --source} starts with for Kafka. */
    public static final String KAFKA_SCHEME = "kafka://";
    static final String READ_ONLY = "?read-only";

    /** The three kinds of source; the label is what the banner and the metrics say. */
    public enum Kind {
        EMBEDDED("embedded"), SOCKET("socket"), KAFKA("kafka");

        private final String label;

        Kind(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    /** A socket source: at HOST:PORT, or embedded when host is null. */
    public SourceEndpoint(String host, int port) {
        this(host == null ? Kind.EMBEDDED : Kind.SOCKET, host, port, null, false);
    }

    /** The embedded socket source (not Kafka's embedded broker: {@link #kafka()} with no host). */
    public boolean embedded() {
        return kind == Kind.EMBEDDED;
    }

    public boolean kafka() {
        return kind == Kind.KAFKA;
    }

    /** Whether the lab generates the lines itself (the embedded socket source, our producer into Kafka): then --rate, --skew and --format apply. */
    public boolean generatesLines() {
        return embedded() || (kafka() && !readOnly);
    }

    /** Kafka: HOST:PORT of the broker; null for {@code kafka} before the run has found or started its broker. */
    public String bootstrap() {
        return host == null ? null : host + ":" + port;
    }

    /** The same Kafka source on a broker found at run time (ours, or one started for the run), topic chosen. */
    public SourceEndpoint onBroker(String bootstrap, String topicName) {
        int colon = bootstrap.lastIndexOf(':');
        return new SourceEndpoint(Kind.KAFKA, bootstrap.substring(0, colon), Integer.parseInt(bootstrap.substring(colon + 1)), topicName, readOnly);
    }

    /** {@code --source kafka}'s topic: one per lesson and partition count, so a lesson's topic keeps its partitions. */
    public static String topicFor(String job, int partitions) {
        return "ssp-" + job + "-p" + partitions;
    }

    public static SourceEndpoint parse(String value) {
        if (value == null || value.isBlank() || value.equals("embedded")) return EMBEDDED;
        if (value.equals("kafka")) return KAFKA;
        if (value.startsWith(KAFKA_SCHEME)) return parseKafka(value);
        HostPort hp = hostPort(value, value);
        return new SourceEndpoint(hp.host(), hp.port());
    }

    /** {@code kafka://HOST:PORT/TOPIC[?read-only]}. */
    private static SourceEndpoint parseKafka(String value) {
        String rest = value.substring(KAFKA_SCHEME.length());
        boolean readOnly = rest.endsWith(READ_ONLY);
        if (readOnly) rest = rest.substring(0, rest.length() - READ_ONLY.length());
        int slash = rest.indexOf('/');
        String topic = slash < 0 ? "" : rest.substring(slash + 1);
        if (slash <= 0 || topic.isEmpty() || !topic.matches("[A-Za-z0-9._-]{1,249}"))
            throw new BadInputException(Messages.get("kafka.bad.source", value));
        HostPort hp = hostPort(rest.substring(0, slash), value);
        return new SourceEndpoint(Kind.KAFKA, hp.host(), hp.port(), topic, readOnly);
    }

    private record HostPort(String host, int port) {
    }

    private static HostPort hostPort(String hostPort, String value) {
        int colon = hostPort.lastIndexOf(':');
        if (colon <= 0 || colon == hostPort.length() - 1)
            throw new BadInputException(Messages.get("bad.source", value));
        String host = hostPort.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) host = host.substring(1, host.length() - 1);
        int port;
        try {
            port = Integer.parseInt(hostPort.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw new BadInputException(Messages.get("bad.sourcePort", value));
        }
        if (port < 1 || port > 65535) throw new BadInputException(Messages.get("bad.sourcePortRange", port));
        return new HostPort(host, port);
    }

    /**
     * Fails unless something accepts connections at this address. Without this check Spark's
     * receiver would retry silently every 2 s for ever and the table would show empty batches.
     *
     * @return the source's status when it is one of ours (its rate tells the run how full a batch is), else null
     */
    public SourceStatus requireReachable() {
        if (embedded() || kafka()) return null; // a broker is checked by its admin client (KafkaSource.check)
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
        if (kafka()) return host == null ? "kafka" : KAFKA_SCHEME + host + ":" + port + "/" + topic + (readOnly ? READ_ONLY : "");
        return embedded() ? "embedded" : host + ":" + port;
    }
}
