package io.ssplab.cluster;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.ssplab.core.BadInputException;
import io.ssplab.core.Master;
import io.ssplab.core.Messages;

/**
 * What a driver started by {@code bin/ssp run … --master spark://HOST:PORT} adds to its Spark settings,
 * decided before Spark starts:
 * <ul>
 *   <li>the cluster's secret ({@link #credentials}): spark-submit's settings, else the cluster of
 *       {@code bin/ssp cluster start} at that address, else {@code $SSP_CLUSTER_SECRET};</li>
 *   <li>the cores it asks for ({@code spark.cores.max}): the task slots of the job's own local master
 *       (phase1 local[4] → 4, phase3 local[8] → 8), so the lesson's arithmetic holds on a cluster too —
 *       capped, with a note, to what the cluster has;</li>
 *   <li>the application jar ({@code spark.jars}), unless spark-submit already ships one;</li>
 *   <li>to wait until executors with all those cores registered before the first batch, so the first
 *       batches are not measured while executors are still starting (~20 s).</li>
 * </ul>
 *
 * @param sparkConf settings to add to the driver's SparkConf
 * @param cores     the cores asked for: the task slots of the lesson's arithmetic
 * @param notes     lines to print before the run
 */
public record ClusterDriver(Map<String, String> sparkConf, int cores, List<String> notes) {

    /** How long the driver waits for its executors before it starts anyway with fewer cores. */
    public static final String EXECUTOR_WAIT = "90s";

    public enum Auth {
        /** spark-submit (or -Dspark.… on the JVM) already set spark.authenticate.secret. */
        SUBMIT_SETTINGS,
        /** The cluster of bin/ssp cluster start at this address: its owner-only settings file. */
        CLUSTER_STATE,
        /** $SSP_CLUSTER_SECRET: docker containers, clusters on other hosts. */
        ENVIRONMENT,
        /** No secret known: only a cluster with authentication off accepts this driver. */
        NONE
    }

    /**
     * @param auth     where the secret comes from
     * @param settings what to add to the driver's SparkConf for it (empty for SUBMIT_SETTINGS and NONE)
     * @param note     one line saying so
     */
    public record Credentials(Auth auth, Map<String, String> settings, String note) {
    }

    /**
     * @param ours            the running cluster of this project, if any
     * @param oursSettings    its settings file's security entries (secret, encryption; empty when none runs)
     * @param oursFile        the file holding them, for messages
     * @param env             the process environment
     * @param sparkProperties Spark settings already in force (spark-submit's, as system properties)
     */
    public static Credentials credentials(Master master, Optional<ClusterState> ours, Map<String, String> oursSettings, Path oursFile,
                                          Map<String, String> env, Map<String, String> sparkProperties) {
        if (sparkProperties.containsKey(ClusterSecurity.SECRET))
            return new Credentials(Auth.SUBMIT_SETTINGS, Map.of(), Messages.get("cluster.auth.submit"));
        if (ours.isPresent() && sameEndpoint(ours.get(), master) && oursSettings.containsKey(ClusterSecurity.SECRET)) {
            Map<String, String> settings = ClusterSecurity.driverSettings(oursSettings.get(ClusterSecurity.SECRET));
            if (oursSettings.containsKey(ClusterSecurity.ENCRYPTION)) settings.put(ClusterSecurity.ENCRYPTION, oursSettings.get(ClusterSecurity.ENCRYPTION));
            return new Credentials(Auth.CLUSTER_STATE, settings, Messages.get("cluster.auth.ours", ClusterLayout.display(oursFile)));
        }
        String fromEnv = env.getOrDefault(ClusterSecurity.SECRET_ENV, "").strip();
        if (!fromEnv.isEmpty())
            return new Credentials(Auth.ENVIRONMENT, ClusterSecurity.driverSettings(fromEnv), Messages.get("cluster.auth.env", ClusterSecurity.SECRET_ENV));
        return new Credentials(Auth.NONE, Map.of(), Messages.get("cluster.auth.none", master.url()));
    }

    /** The refusal for a master that did not accept this driver, with the fix that fits where the secret came from. */
    public static BadInputException refusal(Master master, MasterProbe.Answer answer, Auth auth) {
        if (answer == MasterProbe.Answer.UNREACHABLE) return new BadInputException(Messages.get("cluster.noMaster", master.url()));
        String fix = switch (auth) {
            case NONE -> Messages.get("cluster.refused.none", ClusterSecurity.SECRET_ENV);
            case CLUSTER_STATE -> Messages.get("cluster.refused.ours");
            case ENVIRONMENT -> Messages.get("cluster.refused.env", ClusterSecurity.SECRET_ENV);
            case SUBMIT_SETTINGS -> Messages.get("cluster.refused.submit");
        };
        return new BadInputException(Messages.get("cluster.refused", master.url(), fix));
    }

    /**
     * @param designedCores   task slots of the job's own local master (phase1: 4, phase3: 8)
     * @param coresOption     {@code --cores-max}, or null
     * @param capacity        what the master said it has (null when unknown)
     * @param sparkProperties Spark settings already in force (spark-submit's)
     * @param appJar          the jar to ship, or null to leave spark.jars to spark-submit
     */
    public static ClusterDriver plan(String job, Master master, Credentials credentials, MasterProbe.Capacity capacity,
                                     int designedCores, Integer coresOption, Map<String, String> sparkProperties, Path appJar) {
        List<String> notes = new ArrayList<>();
        notes.add(credentials.note());
        Map<String, String> conf = new LinkedHashMap<>(credentials.settings());
        int cores = cores(job, master, designedCores, coresOption, sparkProperties.get("spark.cores.max"), capacity, notes);
        conf.put("spark.cores.max", String.valueOf(cores));
        conf.put("spark.scheduler.minRegisteredResourcesRatio", "1.0");
        conf.put("spark.scheduler.maxRegisteredResourcesWaitingTime", EXECUTOR_WAIT);
        if (appJar != null && !sparkProperties.containsKey("spark.jars")) conf.put("spark.jars", appJar.toString());
        return new ClusterDriver(conf, cores, notes);
    }

    private static int cores(String job, Master master, int designedCores, Integer coresOption, String submitted,
                             MasterProbe.Capacity capacity, List<String> notes) {
        int cores;
        String why;
        boolean explicit = true;
        if (coresOption != null) {
            cores = coresOption;
            why = "--cores-max";
        } else if (submitted != null) {
            try {
                cores = Integer.parseInt(submitted.strip());
            } catch (NumberFormatException e) {
                throw new BadInputException(Messages.get("cluster.bad.coresMaxSetting", submitted));
            }
            why = "spark.cores.max";
        } else {
            cores = designedCores;
            why = Messages.get("cluster.cores.designed", job, Messages.count(designedCores, "noun.taskSlot"), designedCores);
            explicit = false;
        }
        if (cores < 2) throw new BadInputException(Messages.get("cluster.bad.oneCore", Messages.count(cores, "noun.core"), master.url()));
        if (capacity != null) {
            if (capacity.cores() < 2)
                throw new BadInputException(Messages.get("cluster.bad.noWorkers", master.url(), Messages.count(capacity.cores(), "noun.core")));
            if (cores > capacity.cores()) {
                if (explicit)
                    throw new BadInputException(Messages.get("cluster.bad.moreThanCluster", why, Messages.count(cores, "noun.core"), capacity.cores()));
                notes.add(Messages.get("cluster.cores.capped", why, Messages.count(capacity.cores(), "noun.core"), capacity.cores(), cores));
                cores = capacity.cores();
                why = Messages.get("cluster.cores.all");
            }
            if (capacity.coresFree() < cores)
                throw new BadInputException(Messages.get("cluster.bad.busy", capacity.coresFree(), Messages.count(capacity.cores(), "noun.core"),
                        capacity.activeApps().isEmpty() ? "" : Messages.get("cluster.bad.busy.heldBy", String.join(", ", capacity.activeApps())),
                        cores, capacity.coresFree() >= 2 ? Messages.get("cluster.bad.busy.orFewer", capacity.coresFree()) : ""));
        }
        notes.add(Messages.get("cluster.cores.asking", Messages.count(cores, "noun.core"), why, Messages.count(cores - 1, "noun.freeTaskSlot")));
        return cores;
    }

    /** Whether a master URL names the cluster recorded in {@code state}: same port, and same host or both loopback. */
    public static boolean sameEndpoint(ClusterState state, Master master) {
        if (state.masterPort() != master.port()) return false;
        if (state.host().equalsIgnoreCase(master.host())) return true;
        return loopback(state.host()) && loopback(master.host());
    }

    private static boolean loopback(String host) {
        try {
            return InetAddress.getByName(host).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
