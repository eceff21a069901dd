package io.ssplab.run;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.ssplab.jobs.InvalidSpecException;

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

    /** Task slots left for batch work: each receiver holds one slot for as long as the job runs. */
    public int freeSlots(int receivers) {
        return cores - receivers;
    }

    public static Master parse(String url) {
        return parse(url, DEFAULT_CLUSTER_CORES);
    }

    /**
     * @param clusterCores cores a standalone job will get (its spark.cores.max); ignored for local masters
     */
    public static Master parse(String url, int clusterCores) {
        if (url == null || url.isBlank())
            throw new InvalidSpecException("master is empty: pass e.g. --master local[4] or --master spark://127.0.0.1:7077");
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
                throw new InvalidSpecException("master " + u + " has port " + port + ", which is not 1..65535");
            return new Master(u, clusterCores, false);
        }
        throw new InvalidSpecException("master '" + u + "' is not understood: use local[N] (N ≥ 2) or spark://HOST:PORT");
    }

    private static int parseCores(String n, String url) {
        try {
            int cores = Integer.parseInt(n);
            if (cores < 1) throw new InvalidSpecException("master " + url + " asks for 0 threads: use local[2] or more");
            return cores;
        } catch (NumberFormatException e) {
            throw new InvalidSpecException("master " + url + " has a thread count that is too large: use e.g. local[8]");
        }
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
