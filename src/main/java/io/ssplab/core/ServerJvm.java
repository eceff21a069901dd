package io.ssplab.core;

/** JVM options of the servers the lab starts beside a lesson: the Kafka broker and its tools, a standalone master and workers. */
public final class ServerJvm {
    /**
     * The quick compiler only (C1, no C2). These JVMs do bookkeeping — a broker serving a few hundred lines a second, a
     * master and workers passing messages — which C1's code does with room to spare, while C2's compilations of their
     * code would take a 2-core laptop's CPU from the Spark job the lesson measures. The driver and the executors keep the
     * full JIT: they run the lesson.
     */
    public static final String QUICK_COMPILER = "-XX:TieredStopAtLevel=1";

    private ServerJvm() {
    }
}
