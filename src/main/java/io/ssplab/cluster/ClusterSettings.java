package io.ssplab.cluster;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.ssplab.core.BadInputException;
import io.ssplab.core.Messages;

/**
 * What {@code bin/ssp cluster start} starts: one master and N workers, all bound to one address.
 *
 * @param host           address every daemon binds and advertises; 127.0.0.1 unless opened deliberately
 * @param masterPort     the master's RPC port (spark://HOST:PORT)
 * @param uiPort         the master's web UI port
 * @param workers        worker JVMs
 * @param coresPerWorker task slots each worker offers (slots, not CPUs: the lab's costs are waits)
 * @param memoryPerWorker memory each worker offers to executors, Spark's syntax: 2g, 1536m
 * @param startTimeout   how long {@code start} waits for every worker to be ALIVE
 */
public record ClusterSettings(String host, int masterPort, int uiPort, int workers, int coresPerWorker,
                              String memoryPerWorker, Duration startTimeout) {

    public static final String DEFAULT_HOST = "127.0.0.1";
    public static final int DEFAULT_MASTER_PORT = 7077;
    /** As in the original demo, whose compose file published the master UI on 8081. */
    public static final int DEFAULT_UI_PORT = 8081;
    public static final int DEFAULT_WORKERS = 1;
    public static final int DEFAULT_CORES = 4;
    public static final String DEFAULT_MEMORY = "2g";
    /** Spark's default spark.executor.memory: a worker offering less never gets an executor. */
    static final int EXECUTOR_MEMORY_MB = 1024;
    /** More worker JVMs than this are more than one machine should run (more cores per worker do the same). */
    static final int MAX_WORKERS = 16;

    private static final Pattern MEMORY = Pattern.compile("(\\d{1,9})([mMgG])");

    public static ClusterSettings defaults() {
        return new ClusterSettings(DEFAULT_HOST, DEFAULT_MASTER_PORT, DEFAULT_UI_PORT, DEFAULT_WORKERS, DEFAULT_CORES,
                DEFAULT_MEMORY, Duration.ofSeconds(180));
    }

    public String masterUrl() {
        return "spark://" + host + ":" + masterPort;
    }

    public int totalCores() {
        return workers * coresPerWorker;
    }

    /**
     * Refuses what cannot work, before any JVM starts, with the reason and the fix in one sentence.
     *
     * @throws BadInputException on the first problem found
     */
    public ClusterSettings validate() {
        if (workers < 1) throw new BadInputException(Messages.get("cluster.bad.workersMin", workers));
        if (workers > MAX_WORKERS) throw new BadInputException(Messages.get("cluster.bad.workersMax", workers, MAX_WORKERS));
        if (coresPerWorker < 1) throw new BadInputException(Messages.get("cluster.bad.coresMin", coresPerWorker));
        if (totalCores() < 2) throw new BadInputException(Messages.get("bad.clusterOneSlot", workers, coresPerWorker));
        memoryMb(memoryPerWorker);
        checkPort("--port", masterPort);
        checkPort("--ui-port", uiPort);
        if (masterPort == uiPort) throw new BadInputException(Messages.get("bad.samePorts", masterPort));
        if (startTimeout.isNegative() || startTimeout.isZero()) throw new BadInputException(Messages.get("cluster.bad.timeout"));
        checkHost(host);
        return this;
    }

    /** "2g" → 2048, "1536m" → 1536; refuses what Spark would misread or what no executor fits in. */
    public static int memoryMb(String memory) {
        Matcher m = MEMORY.matcher(memory == null ? "" : memory.strip());
        if (!m.matches()) throw new BadInputException(Messages.get("bad.memoryNoUnit", memory));
        long mb = Long.parseLong(m.group(1)) * (m.group(2).toLowerCase(Locale.ROOT).equals("g") ? 1024 : 1);
        if (mb < EXECUTOR_MEMORY_MB) throw new BadInputException(Messages.get("cluster.bad.memoryTooSmall", memory));
        if (mb > Integer.MAX_VALUE) throw new BadInputException(Messages.get("cluster.bad.memoryTooLarge", memory));
        return (int) mb;
    }

    private static void checkPort(String option, int port) {
        if (port < 1 || port > 65535) throw new BadInputException(Messages.get("cluster.bad.port", option, port));
    }

    private static void checkHost(String host) {
        if (host == null || host.isBlank()) throw new BadInputException(Messages.get("cluster.bad.hostEmpty"));
        InetAddress address;
        try {
            address = InetAddress.getByName(host);
        } catch (UnknownHostException e) {
            throw new BadInputException(Messages.get("cluster.bad.hostUnknown", host));
        }
        if (address.isAnyLocalAddress()) throw new BadInputException(Messages.get("cluster.bad.hostWildcard", host));
    }

    /** Whether only this machine can reach the cluster. */
    public boolean loopbackOnly() {
        try {
            return InetAddress.getByName(host).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
