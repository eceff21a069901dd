package io.ssplab.cluster;

import java.nio.file.Path;

/**
 * Where a cluster started by {@code bin/ssp cluster start} keeps everything of its own: one folder under
 * the project's git-ignored {@code runs/} directory, so {@code stop}, {@code status} and {@code run} of
 * the same project find it, and deleting the folder leaves nothing behind.
 *
 * <pre>
 *   runs/cluster/state.json          PIDs, ports, start time (no secret)
 *   runs/cluster/spark-cluster.conf  Spark settings with the secret: owner-only
 *   runs/cluster/spark-home/jars/    links to the project's jars: the SPARK_HOME the worker launches executors from
 *   runs/cluster/work/               the workers' application folders (executor logs: work/worker-N/app-…/0/stderr)
 *   runs/cluster/logs/               master.log, worker-N.log
 * </pre>
 *
 * @param dir the folder, absolute
 */
public record ClusterLayout(Path dir) {

    public ClusterLayout {
        dir = dir.toAbsolutePath().normalize();
    }

    /** The project's cluster folder: {@code <ssp.home>/runs/cluster} ({@code ssp.home} is set by bin/ssp). */
    public static ClusterLayout forProject() {
        return new ClusterLayout(Path.of(System.getProperty("ssp.home", "."), "runs", "cluster"));
    }

    public Path stateFile() {
        return dir.resolve("state.json");
    }

    /** Spark properties of the cluster, secret included: the daemons read it, and spark-submit can too. */
    public Path sparkConf() {
        return dir.resolve("spark-cluster.conf");
    }

    public Path sparkHome() {
        return dir.resolve("spark-home");
    }

    public Path work() {
        return dir.resolve("work");
    }

    public Path logs() {
        return dir.resolve("logs");
    }

    public Path masterLog() {
        return logs().resolve("master.log");
    }

    public Path workerLog(int number) {
        return logs().resolve("worker-" + number + ".log");
    }

    public Path workerDir(int number) {
        return work().resolve("worker-" + number);
    }

    /** A path for people to read: relative to the working directory when it lies below it. */
    public static String display(Path p) {
        Path here = Path.of("").toAbsolutePath();
        Path abs = p.toAbsolutePath().normalize();
        return abs.startsWith(here) && !abs.equals(here) ? here.relativize(abs).toString() : abs.toString();
    }
}
