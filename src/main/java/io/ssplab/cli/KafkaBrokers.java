package io.ssplab.cli;

import java.io.PrintStream;

import io.ssplab.core.BadInputException;
import io.ssplab.core.Messages;
import io.ssplab.kafka.BrokerHandle;
import io.ssplab.kafka.KafkaAdmin;
import io.ssplab.kafka.KafkaBroker;

/** Which broker a Kafka lesson uses: the one named, else the one {@code kafka start} left running, else (when it may) one of its own. */
final class KafkaBrokers {
    private KafkaBrokers() {
    }

    /**
     * A broker that outlives this process (the exactly-once lesson kills its driver and starts it again):
     * the one named, or the running one; never an embedded one, which would die with the driver. Checked
     * to answer, in one line, before Spark starts.
     */
    static String outliving(String bootstrap) {
        String b = bootstrap != null ? bootstrap
                : KafkaBroker.runningForProject().map(KafkaBroker::bootstrap).orElseThrow(() -> new BadInputException(Messages.get("eo.bad.noBroker")));
        requireAnswer(b);
        return b;
    }

    /**
     * The broker named, or the running one (either checked to answer, in one line, before anything starts), or an
     * embedded one started now ({@link BrokerHandle}: stopped by its pid and its folder deleted on close).
     */
    static BrokerHandle any(String bootstrap, PrintStream out) {
        BrokerHandle broker = BrokerHandle.findOrStart(bootstrap, BrokerHandle.Announcement.COMMAND, out);
        if (!broker.started()) requireAnswer(broker.bootstrap());
        return broker;
    }

    private static void requireAnswer(String bootstrap) {
        // a host that does not resolve is a typo, not a broker that is down: said as such (Kafka's client would throw at creation)
        for (String one : bootstrap.split(",")) {
            int colon = one.lastIndexOf(':');
            String host = colon > 0 ? one.substring(0, colon).strip() : one.strip();
            try {
                if (!host.isEmpty()) java.net.InetAddress.getByName(host);
            } catch (java.net.UnknownHostException | SecurityException e) {
                throw new BadInputException(Messages.get("kafka.lesson.unknownHost", bootstrap, host));
            }
        }
        try (KafkaAdmin reachable = KafkaAdmin.connect(bootstrap)) {
            // connect() refuses a malformed address or a broker that does not answer, in one line
        }
    }
}
