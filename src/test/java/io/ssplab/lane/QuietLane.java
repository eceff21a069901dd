package io.ssplab.lane;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import org.junit.platform.engine.TestSource;
import org.junit.platform.engine.support.descriptor.ClassSource;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;

/**
 * Lowers this test JVM's CPU priority (its nice value, system property {@value #NICE_PROPERTY}, set by the pom's
 * parallel execution) when it starts its first test class other than the quiet lane ({@code io.ssplab.AloneLaneTest}),
 * so that the lane's test JVM, which never lowers its own while it runs the lane, gets the CPU first. Every thread the
 * JVM has is lowered (on Linux the nice value is per thread), and every thread or process started afterwards inherits
 * it: the Spark threads, the Kafka broker, the child JVMs.
 *
 * <p>Raising one's own nice value needs no privilege, and it is never lowered back: a JVM that has run another class
 * stays lowered, which is why the lane must be a JVM's first class. Without {@code renice} (not Linux, not macOS)
 * nothing changes: the suite runs as before, only the lane may see a busier machine. Registered through
 * META-INF/services, so it applies to every test JVM; without the property it does nothing.
 */
public final class QuietLane implements TestExecutionListener {
    /** The nice value the parallel execution's test JVMs take (0 normal, 19 lowest); unset: none is taken. */
    public static final String NICE_PROPERTY = "ssp.test.nice";
    /** The lane's class: while it runs, this JVM keeps its priority. */
    static final String LANE_CLASS = "io.ssplab.AloneLaneTest";

    /** JVM-wide: the suite engine may run the lane's classes through a launcher of its own, with its own listeners. */
    private static final AtomicInteger LANE_RUNNING = new AtomicInteger();
    private static final AtomicBoolean LOWERED = new AtomicBoolean();

    @Override
    public void executionStarted(TestIdentifier id) {
        String name = className(id.getSource().orElse(null));
        if (name == null) return;
        if (name.equals(LANE_CLASS)) {
            LANE_RUNNING.incrementAndGet();
            return;
        }
        String nice = System.getProperty(NICE_PROPERTY);
        if (nice == null || nice.isBlank() || LANE_RUNNING.get() > 0 || LOWERED.getAndSet(true)) return;
        int value = Integer.parseInt(nice.strip());
        // twice: a thread started by a thread not yet lowered, between the listing and renice, is caught the second time
        lowerThisJvm(value);
        lowerThisJvm(value);
    }

    @Override
    public void executionFinished(TestIdentifier id, org.junit.platform.engine.TestExecutionResult result) {
        if (LANE_CLASS.equals(className(id.getSource().orElse(null)))) LANE_RUNNING.decrementAndGet();
    }

    private static String className(TestSource source) {
        return source instanceof ClassSource c ? c.getClassName() : null;
    }

    /** {@code renice} on every thread of this JVM (Linux: /proc/self/task), or on the process where threads are not listed. */
    static void lowerThisJvm(int nice) {
        List<String> command = new ArrayList<>(List.of("renice", "-n", String.valueOf(nice), "-p"));
        Path tasks = Path.of("/proc/self/task");
        if (Files.isDirectory(tasks)) {
            try (Stream<Path> all = Files.list(tasks)) {
                all.forEach(t -> command.add(t.getFileName().toString()));
            } catch (IOException e) {
                command.add(String.valueOf(ProcessHandle.current().pid()));
            }
        } else {
            command.add(String.valueOf(ProcessHandle.current().pid()));
        }
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            p.waitFor();
        } catch (IOException noRenice) {
            // no renice on this system: the suite runs at one priority
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
