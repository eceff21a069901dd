package io.ssplab.cluster;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The daemon JVMs of a cluster: starting them detached from the terminal, telling whether a PID is
 * still one of ours, and ending exactly those.
 *
 * <p>Public for the other daemons the lab starts (the Kafka broker) which are launched, checked and ended the same way.
 *
 * <p>"Ours" means: alive, and its command line carries this cluster's marker ({@code -Dssp.cluster=DIR})
 * and the expected Spark main class. A PID alone is not enough: after a reboot or a crash the number may
 * belong to someone else's process, which {@code stop} must never touch.
 */
public final class Daemons {
    static final String MARKER_PROPERTY = "ssp.cluster";
    private static final Path SETSID = Path.of("/usr/bin/setsid");

    private Daemons() {
    }

    static String marker(ClusterLayout layout) {
        return "-D" + MARKER_PROPERTY + "=" + layout.dir();
    }

    /**
     * Starts a command with its output appended to {@code log} and no terminal input. Where {@code setsid}
     * exists the process gets its own session, so Ctrl-C in the terminal that ran {@code start} (or the
     * terminal closing) does not reach the cluster; {@code setsid} replaces itself with the command, so the
     * PID returned is the JVM's.
     */
    public static long launch(List<String> command, Map<String, String> env, Path log) throws IOException {
        List<String> full = new ArrayList<>();
        if (Files.isExecutable(SETSID)) full.add(SETSID.toString());
        full.addAll(command);
        ProcessBuilder pb = new ProcessBuilder(full)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .redirectInput(ProcessBuilder.Redirect.from(new File(File.separatorChar == '/' ? "/dev/null" : "NUL")));
        pb.environment().putAll(env);
        return pb.start().pid();
    }

    public static boolean isAlive(long pid) {
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }

    /** Whether {@code pid} is alive and is the daemon with this marker and main class. */
    static boolean isOurs(long pid, String marker, String mainClass) {
        Optional<ProcessHandle> p = ProcessHandle.of(pid);
        if (p.isEmpty() || !p.get().isAlive()) return false;
        return commandLine(pid).map(cmd -> cmd.contains(marker) && cmd.contains(mainClass)).orElse(false);
    }

    /** The full command line: /proc on Linux (never truncated), the JDK's view elsewhere. */
    public static Optional<String> commandLine(long pid) {
        Path proc = Path.of("/proc", Long.toString(pid), "cmdline");
        if (Files.isReadable(proc)) {
            try {
                return Optional.of(new String(Files.readAllBytes(proc), StandardCharsets.UTF_8).replace('\0', ' '));
            } catch (IOException gone) {
                return Optional.empty();
            }
        }
        return ProcessHandle.of(pid).flatMap(h -> h.info().commandLine());
    }

    /** The processes {@code pid} started (a worker's executors), alive now. */
    static List<ProcessHandle> descendants(long pid) {
        return ProcessHandle.of(pid).map(h -> h.descendants().filter(ProcessHandle::isAlive).toList()).orElse(List.of());
    }

    /**
     * Asks the process to stop (SIGTERM: Spark's shutdown hooks run, a worker kills its executors),
     * and kills it if it is still there after {@code grace}.
     *
     * @return true if it had to be killed
     */
    public static boolean stop(ProcessHandle p, Duration grace) {
        if (!p.isAlive()) return false;
        p.destroy();
        if (awaitExit(p, grace)) return false;
        p.destroyForcibly();
        awaitExit(p, Duration.ofSeconds(5));
        return true;
    }

    public static boolean awaitExit(ProcessHandle p, Duration timeout) {
        try {
            p.onExit().get(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
            return true;
        } catch (java.util.concurrent.TimeoutException e) {
            return !p.isAlive();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return !p.isAlive();
        } catch (java.util.concurrent.ExecutionException e) {
            return !p.isAlive();
        }
    }

    /** The last lines of a log, to show why a daemon died. */
    public static List<String> tail(Path log, int lines) {
        try {
            List<String> all = Files.readAllLines(log, StandardCharsets.UTF_8);
            return all.subList(Math.max(0, all.size() - lines), all.size());
        } catch (IOException | java.io.UncheckedIOException e) {
            return List.of(io.ssplab.core.Messages.get("cluster.noLog", ClusterLayout.display(log)));
        }
    }
}
