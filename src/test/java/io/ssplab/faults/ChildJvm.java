package io.ssplab.faults;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import io.ssplab.InheritedJvmOptions;

/**
 * {@code bin/ssp ARGS} as a real child process of the test JVM, so a test can {@code kill -9} it: the
 * same classpath and Spark JVM options as the tests (the pom's argLine), output collected line by line.
 */
final class ChildJvm implements AutoCloseable {
    final Process process;
    final List<String> output = new CopyOnWriteArrayList<>();
    private final Thread pump;

    private ChildJvm(Process process) {
        this.process = process;
        this.pump = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = in.readLine()) != null) output.add(line);
            } catch (IOException ended) {
                // the process died
            }
        }, "child-output");
        pump.setDaemon(true);
        pump.start();
    }

    /**
     * A build started in the background by a script ({@code nohup …&}, {@code cmd &} in a non-interactive shell) ignores
     * SIGINT, and every process it starts inherits that: a child JVM then never sees the Ctrl-C a test sends, whatever the
     * lab does (Java cannot take back an ignored signal). GNU env resets it to the default before the JVM starts, where
     * it has the option (coreutils 8.31+); elsewhere the child inherits what the build had.
     */
    private static final List<String> DEFAULT_SIGINT = defaultSigint();

    private static List<String> defaultSigint() {
        try {
            Process probe = new ProcessBuilder("env", "--default-signal=INT", "true").redirectErrorStream(true).start();
            probe.getInputStream().readAllBytes();
            return probe.waitFor() == 0 ? List.of("env", "--default-signal=INT") : List.of();
        } catch (IOException none) {
            return List.of();
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            return List.of();
        }
    }

    /** Starts {@code io.ssplab.cli.Main ARGS}, stdout and stderr merged, in {@code dir}. */
    static ChildJvm ssp(Path dir, String... args) throws IOException {
        List<String> command = new ArrayList<>(DEFAULT_SIGINT);
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(InheritedJvmOptions.ofThisJvm());
        command.add("-Xmx768m");
        command.add("-cp");
        command.add(System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")));
        command.add("io.ssplab.cli.Main");
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
        pb.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
        return new ChildJvm(pb.start());
    }

    /** Waits until a line of output matches; fails after the timeout or when the process ended first. */
    String awaitLine(Predicate<String> matching, long timeoutMs) throws InterruptedException {
        long deadline = System.nanoTime() + timeoutMs * 1_000_000L;
        while (System.nanoTime() < deadline) {
            for (String line : output) if (matching.test(line)) return line;
            if (!process.isAlive()) break;
            Thread.sleep(50);
        }
        throw new AssertionError("no matching line within " + timeoutMs + " ms (alive: " + process.isAlive() + "); output:\n"
                + String.join("\n", output));
    }

    /** SIGKILL, as {@code kill -9}: no shutdown hook, no summary, nothing flushed that was not already. */
    void kill9() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
    }

    /** SIGINT, as Ctrl-C in its terminal: the process stops the way a user stops it. */
    void ctrlC() throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", "-INT", String.valueOf(process.pid())).inheritIO().start();
        if (kill.waitFor() != 0) throw new AssertionError("kill -INT " + process.pid() + " failed");
    }

    int awaitExit(long timeoutMs) throws InterruptedException {
        if (!process.waitFor(timeoutMs, TimeUnit.MILLISECONDS)) {
            kill9();
            throw new AssertionError("did not end within " + timeoutMs + " ms; output:\n" + String.join("\n", output));
        }
        try {
            pump.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return process.exitValue();
    }

    String transcript() {
        return String.join("\n", output);
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) kill9();
    }

    /** A port free right now (bound and released): the test's own processes take it next. */
    static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
