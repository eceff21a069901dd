package io.ssplab.cluster;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.ssplab.metrics.JsonLines;

/**
 * What a running cluster is, as {@code state.json} records it: enough to find, check and stop exactly
 * its processes. The secret is not here: it lives in the owner-only {@code spark-cluster.conf}.
 *
 * @param host        address every daemon binds
 * @param masterPort  the master's RPC port
 * @param uiPort      the master's web UI port
 * @param masterPid   the master JVM
 * @param workers     the worker JVMs, in start order
 * @param startedAt   ISO-8601 instant of {@code start}
 */
public record ClusterState(String host, int masterPort, int uiPort, long masterPid, List<Worker> workers, String startedAt) {

    /**
     * @param number 1, 2, …: names its log and work folder
     * @param pid    the worker JVM
     * @param cores  task slots it offers
     * @param memory memory it offers to executors, e.g. 2g
     */
    public record Worker(int number, long pid, int cores, String memory) {
    }

    public ClusterState {
        workers = List.copyOf(workers);
    }

    public String masterUrl() {
        return "spark://" + host + ":" + masterPort;
    }

    public String masterUiUrl() {
        return "http://" + host + ":" + uiPort;
    }

    public int totalCores() {
        return workers.stream().mapToInt(Worker::cores).sum();
    }

    public ClusterState withWorker(Worker w) {
        List<Worker> all = new ArrayList<>(workers);
        all.add(w);
        return new ClusterState(host, masterPort, uiPort, masterPid, all, startedAt);
    }

    /** Every process this cluster started, master first. */
    public List<Long> pids() {
        List<Long> pids = new ArrayList<>();
        pids.add(masterPid);
        workers.forEach(w -> pids.add(w.pid()));
        return pids;
    }

    public void save(ClusterLayout layout) throws IOException {
        Files.createDirectories(layout.dir());
        Path tmp = layout.dir().resolve("state.json.tmp");
        io.ssplab.core.Json.write(tmp, this);
        Files.move(tmp, layout.stateFile(), java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    /** The recorded state, or empty when there is none (or it is unreadable: then it is stale by definition). */
    public static Optional<ClusterState> load(ClusterLayout layout) {
        if (!Files.isRegularFile(layout.stateFile())) return Optional.empty();
        try {
            return Optional.of(io.ssplab.core.Json.MAPPER.readValue(layout.stateFile().toFile(), ClusterState.class));
        } catch (IOException | RuntimeException unreadable) {
            return Optional.empty();
        }
    }
}
