package io.ssplab.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

/** One signal per command, a child per run: Ctrl-C stops the run under way, a run that ends does not stop the command. */
class StopSignalTest {

    @Test
    void theFirstReasonWins() throws Exception {
        StopSignal s = new StopSignal();
        assertThat(s.requested()).isFalse();
        assertThat(s.reason()).isNull();
        assertThat(s.await(10)).as("nothing yet").isNull();
        s.request("10 batches measured");
        s.request("Ctrl-C");
        assertThat(s.requested()).isTrue();
        assertThat(s.reason()).isEqualTo("10 batches measured");
        assertThat(s.await(0)).isEqualTo("10 batches measured");
    }

    @Test
    void aChildStopsWithItsParentForTheSameReason() throws Exception {
        StopSignal command = new StopSignal();
        StopSignal act1 = command.child();
        StopSignal act2 = command.child();
        StopSignal cell = act2.child();
        assertThat(List.of(act1.requested(), act2.requested(), cell.requested())).containsOnly(false);
        command.request("Ctrl-C");
        for (StopSignal s : List.of(act1, act2, cell)) {
            assertThat(s.requested()).isTrue();
            assertThat(s.reason()).isEqualTo("Ctrl-C");
        }
    }

    @Test
    void aChildsStopDoesNotStopItsParentOrItsSiblings() {
        StopSignal command = new StopSignal();
        StopSignal act1 = command.child();
        StopSignal act2 = command.child();
        act1.request("10 batches measured");
        assertThat(act1.requested()).isTrue();
        assertThat(command.requested()).isFalse();
        assertThat(command.reason()).isNull();
        assertThat(act2.requested()).isFalse();
        // and a stopped child keeps its own reason when the parent stops later
        command.request("Ctrl-C");
        assertThat(act1.reason()).isEqualTo("10 batches measured");
        assertThat(act2.reason()).isEqualTo("Ctrl-C");
    }

    @Test
    void aChildOfAStoppedSignalIsStoppedAtOnce() throws Exception {
        StopSignal command = new StopSignal();
        command.request("Ctrl-C");
        StopSignal late = command.child();
        assertThat(late.requested()).isTrue();
        assertThat(late.reason()).isEqualTo("Ctrl-C");
        assertThat(late.await(0)).isEqualTo("Ctrl-C");
        assertThat(late.child().reason()).isEqualTo("Ctrl-C");
    }

    @Test
    void awaitWakesUpWhenAnotherThreadStopsTheParent() throws Exception {
        StopSignal command = new StopSignal();
        StopSignal run = command.child();
        Thread ctrlC = new Thread(() -> {
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                return;
            }
            command.request("Ctrl-C");
        });
        ctrlC.start();
        assertThat(run.await(10_000)).isEqualTo("Ctrl-C");
        ctrlC.join();
    }

    @Test
    void childrenCreatedWhileTheParentStopsAreAllStopped() throws Exception {
        // Ctrl-C may come while the next act is being set up: whichever happens first, that act must stop.
        for (int round = 0; round < 20; round++) {
            StopSignal command = new StopSignal();
            int threads = 4;
            CountDownLatch go = new CountDownLatch(1);
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            try {
                List<Future<List<StopSignal>>> made = new ArrayList<>();
                for (int t = 0; t < threads; t++) {
                    made.add(pool.submit(() -> {
                        go.await();
                        List<StopSignal> children = new ArrayList<>();
                        for (int i = 0; i < 200; i++) children.add(command.child());
                        return children;
                    }));
                }
                go.countDown();
                command.request("Ctrl-C");
                for (Future<List<StopSignal>> f : made) {
                    assertThat(f.get(10, TimeUnit.SECONDS)).allSatisfy(c -> assertThat(c.reason()).isEqualTo("Ctrl-C"));
                }
            } finally {
                pool.shutdownNow();
            }
        }
    }
}
