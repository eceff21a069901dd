package io.ssplab.lane;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * The lowering the parallel execution's test JVMs do (Linux: the nice value is per thread): every thread the JVM has
 * takes it, and a thread started afterwards inherits it. The JVM running this test is usually lowered already (nice 10,
 * the pom's parallel execution), so the test lowers it one step further than its lowest thread is: a lowering that did
 * nothing would leave the threads where they were, and fail.
 */
class QuietLaneTest {
    /** The lowest priority Linux has: no step beyond it. */
    static final int LOWEST = 19;

    @Test
    void everyThreadTakesTheNiceValueAndANewThreadInheritsIt() throws Exception {
        Path tasks = Path.of("/proc/self/task");
        assumeTrue(Files.isDirectory(tasks), "threads are listed in /proc on Linux only");
        int before = threads(tasks).stream().map(t -> nice(tasks.resolve(String.valueOf(t)))).filter(n -> n != null)
                .mapToInt(Integer::intValue).max().orElse(0);
        assumeTrue(before < LOWEST, "this JVM is at the lowest priority already");
        int target = before + 1;
        QuietLane.lowerThisJvm(target);
        for (long tid : threads(tasks)) {
            Integer nice = nice(tasks.resolve(String.valueOf(tid)));
            if (nice != null) assertThat(nice).as("thread %d", tid).isEqualTo(target);
        }
        AtomicInteger inherited = new AtomicInteger(Integer.MIN_VALUE);
        CountDownLatch done = new CountDownLatch(1);
        Thread later = new Thread(() -> {
            try {
                Path self = Path.of("/proc/thread-self");
                Integer n = nice(self.toRealPath());
                if (n != null) inherited.set(n);
            } catch (IOException e) {
                // left unset: the assertion says so
            } finally {
                done.countDown();
            }
        });
        later.start();
        done.await();
        assertThat(inherited.get()).isEqualTo(target);
    }

    private static List<Long> threads(Path tasks) throws IOException {
        try (Stream<Path> all = Files.list(tasks)) {
            return all.map(p -> Long.parseLong(p.getFileName().toString())).toList();
        }
    }

    /** Field 19 of /proc/…/stat, after the thread's name in parentheses; null when the thread has ended. */
    private static Integer nice(Path task) {
        try {
            String stat = Files.readString(task.resolve("stat"));
            String[] after = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Integer.parseInt(after[16]);
        } catch (IOException | RuntimeException ended) {
            return null;
        }
    }
}
