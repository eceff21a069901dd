package io.ssplab.core;

import java.util.regex.Matcher;
import java.util.regex.Pattern;


/**
 * A Spark master URL and the task slots it gives, which is what the lesson's arithmetic needs:
 * {@code local[N]} runs N tasks at once; a standalone cluster gives what the job is granted.
 *
 * @param url   the URL as given
 * @param cores task slots (for a cluster: the cores the job asks for, {@code spark.cores.max})
 * @param local whether Spark runs inside this JVM
 */
public record Master(String url, int cores, boolean local) {
    private static final Pattern LOCAL = Pattern.compile("local(?:\\[(\\*|\\d+)(?:,\\s*\\d+)?])?");
    private static final Pattern STANDALONE = Pattern.compile("spark://([^:/\\s]+):(\\d{1,5})");

    /** Cores a cluster job asks for when nothing else says: the original's worker had 4. */
    public static final int DEFAULT_CLUSTER_CORES = 4;

    public boolean isLocal() {
        return local;
    }

    public boolean isStandalone() {
        return !local;
    }

    /** Task slots left for batch work: each receiver holds one slot for as long as the job runs (never below 0). */
    public int freeSlots(int receivers) {
        return freeSlots(cores, receivers);
    }

    /** The one definition of free slots: cores − receivers, never below 0. */
    public static int freeSlots(int cores, int receivers) {
        return Math.max(0, cores - receivers);
    }

    /**
     * The task slots a job gets on this master: N of local[N]; on a standalone master the cores it
     * asks for ({@code spark.cores.max}), or, when it asks for none, the local cores its lesson was
     * designed with (phase 3: 8). {@code run} and {@code plan} both count this way.
     *
     * @param coresMax     the job's spark.cores.max, or null
     * @param designedCores N of the job's own local master
     */
    public static int slotsFor(String url, Integer coresMax, int designedCores) {
        Master m = parse(url);
        if (m.isLocal()) return m.cores();
        return coresMax != null ? coresMax : designedCores;
    }

    public static Master parse(String url) {
        return parse(url, DEFAULT_CLUSTER_CORES);
    }

    /**
     * @param clusterCores cores a standalone job will get (its spark.cores.max); ignored for local masters
     */
    public static Master parse(String url, int clusterCores) {
        if (url == null || url.isBlank())
            throw new BadInputException(Messages.get("bad.masterEmpty"));
        String u = url.strip();
        Matcher m = LOCAL.matcher(u);
        if (m.matches()) {
            String n = m.group(1);
            int cores = n == null ? 1 : n.equals("*") ? Runtime.getRuntime().availableProcessors() : parseCores(n, u);
            return new Master(u, cores, true);
        }
        Matcher s = STANDALONE.matcher(u);
        if (s.matches()) {
            int port = Integer.parseInt(s.group(2));
            if (port < 1 || port > 65535)
                throw new BadInputException(Messages.get("bad.masterPort", u, port));
            return new Master(u, clusterCores, false);
        }
        throw new BadInputException(Messages.get("bad.masterUnknown", u));
    }

    /** N of local[N], within {@link Limits#LOCAL_CORES} (local[1] is refused by the job's own check: its receiver would hold the only slot). */
    private static int parseCores(String n, String url) {
        long cores;
        try {
            cores = Long.parseLong(n);
        } catch (NumberFormatException e) {
            cores = Long.MAX_VALUE;
        }
        if (cores < 1 || cores > Limits.MAX_LOCAL_CORES) throw new BadInputException(Messages.get("bad.localCores", url, Limits.MAX_LOCAL_CORES));
        return (int) cores;
    }

    /** For a standalone master: host and port. */
    public String host() {
        Matcher s = STANDALONE.matcher(url);
        return s.matches() ? s.group(1) : "localhost";
    }

    public int port() {
        Matcher s = STANDALONE.matcher(url);
        return s.matches() ? Integer.parseInt(s.group(2)) : -1;
    }
}
