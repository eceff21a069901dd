package io.ssplab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.ssplab.core.ExitCodes;
import io.ssplab.cluster.ClusterLayout;
import io.ssplab.cluster.ClusterState;

/** {@code bin/ssp cluster …} where no JVM needs to start: refusals, and the answers without a cluster. */
class ClusterCommandTest {
    @TempDir
    Path home;
    private String previousHome;

    @BeforeEach
    void ownProjectFolder() {
        previousHome = System.getProperty("ssp.home");
        System.setProperty("ssp.home", home.toString());
    }

    @AfterEach
    void restore() {
        if (previousHome == null) System.clearProperty("ssp.home");
        else System.setProperty("ssp.home", previousHome);
    }

    @Test
    void withoutAClusterStatusSaysSoAndStopHasNothingToDo() {
        RefusalsTest.Outcome status = RefusalsTest.ssp("cluster", "status");
        assertThat(status.code()).isEqualTo(ExitCodes.FAILED);
        assertThat(status.out()).contains("not running", "bin/ssp cluster start");
        RefusalsTest.Outcome stop = RefusalsTest.ssp("cluster", "stop");
        assertThat(stop.code()).isZero();
        assertThat(stop.out()).contains("nothing to stop");
    }

    /**
     * The recorded PIDs are alive but are not our daemons (a PID reused by another program): status and
     * stop call the state stale, clean it, and leave those processes alone.
     */
    @Test
    void aStaleStateIsReportedAndCleanedWithoutTouchingTheProcessesItNames() throws Exception {
        ClusterLayout layout = ClusterLayout.forProject();
        Process master = new ProcessBuilder("sleep", "120").start();
        Process worker = new ProcessBuilder("sleep", "120").start();
        try {
            new ClusterState("127.0.0.1", 7077, 8081, master.pid(), List.of(new ClusterState.Worker(1, worker.pid(), 4, "2g")), "then").save(layout);
            RefusalsTest.Outcome status = RefusalsTest.ssp("cluster", "status");
            assertThat(status.code()).isEqualTo(ExitCodes.FAILED);
            assertThat(status.out()).contains("not running; its processes are gone, so the stale state in", "was cleaned", "bin/ssp cluster start");
            assertThat(layout.stateFile()).doesNotExist();
            assertThat(master.isAlive()).as("a process that is not our master survives 'status'").isTrue();
            assertThat(worker.isAlive()).as("a process that is not our worker survives 'status'").isTrue();

            new ClusterState("127.0.0.1", 7077, 8081, master.pid(), List.of(new ClusterState.Worker(1, worker.pid(), 4, "2g")), "then").save(layout);
            RefusalsTest.Outcome stop = RefusalsTest.ssp("cluster", "stop");
            assertThat(stop.code()).isZero();
            assertThat(stop.out()).contains("its processes were already gone, so only the stale state").doesNotContain("stopped ");
            assertThat(layout.stateFile()).doesNotExist();
            assertThat(master.isAlive()).as("a process that is not our master survives 'stop'").isTrue();
            assertThat(worker.isAlive()).as("a process that is not our worker survives 'stop'").isTrue();
        } finally {
            master.destroyForcibly();
            worker.destroyForcibly();
        }
    }

    @Test
    void badSettingsAndATakenPortAreRefusedBeforeAnyJvmStarts() throws Exception {
        assertRefused(RefusalsTest.ssp("cluster", "start", "--cores", "1"), "1 worker × 1 core = 1 task slot", "receiver", "--cores 2");
        assertRefused(RefusalsTest.ssp("cluster", "start", "--memory", "512m"), "--memory 512m is outside 1g–1024g", "1g");
        assertRefused(RefusalsTest.ssp("cluster", "start", "--memory", "2"), "--memory '2' is not a size with a unit: pass e.g. --memory 2g");
        assertRefused(RefusalsTest.ssp("cluster", "start", "--workers", "0"), "start: --workers must be 1–16, got 0: pass e.g. --workers 1");
        assertRefused(RefusalsTest.ssp("cluster", "start", "--timeout", "1s"), "--timeout must be from 10 s to 1 h, got 1 s");
        assertRefused(RefusalsTest.ssp("cluster", "start", "--host", "0.0.0.0"), "--host 0.0.0.0 means every interface", "127.0.0.1");
        assertRefused(RefusalsTest.ssp("cluster", "start", "--host", "8.8.8.8"), "--host 8.8.8.8 is not an address of this machine");
        assertRefused(RefusalsTest.ssp("cluster", "start", "--cores", "four"), "--cores 'four' is not a whole number", "bin/ssp cluster start --help");
        assertRefused(RefusalsTest.ssp("cluster", "start", "--port", "7077", "--ui-port", "7077"), "--port and --ui-port are both 7077");
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            int port = taken.getLocalPort();
            RefusalsTest.Outcome o = RefusalsTest.ssp("cluster", "start", "--port", String.valueOf(port), "--ui-port", String.valueOf(freePort()));
            assertRefused(o, "--port " + port + " on 127.0.0.1 is taken", "pass another port, e.g. --port ");
            assertThat(o.out()).as("refused before it says it starts anything").isEmpty();
        }
        assertThat(ClusterLayout.forProject().stateFile()).doesNotExist();
    }

    @Test
    void coresMaxIsForClusterMasters() {
        assertRefused(RefusalsTest.ssp("run", "phase1", "--cores-max", "4"), "--cores-max is for spark:// masters", "--master local[4]");
    }

    @Test
    void aDriverForAMasterThatIsNotThereIsRefused() throws Exception {
        assertRefused(RefusalsTest.ssp("run", "phase1", "--master", "spark://127.0.0.1:" + freePort(), "--no-ui"),
                "no Spark master is listening", "bin/ssp cluster start");
    }

    private static void assertRefused(RefusalsTest.Outcome o, String... fragments) {
        assertThat(o.code()).as("exit code; stderr: %s", o.err()).isEqualTo(ExitCodes.USAGE);
        assertThat(o.err().strip().lines()).as("one line: %s", o.err()).hasSize(1);
        for (String f : fragments) assertThat(o.err()).contains(f);
    }

    static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            return s.getLocalPort();
        }
    }
}
