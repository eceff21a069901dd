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

    @Test
    void aStaleStateIsReportedAndCleaned() throws Exception {
        ClusterLayout layout = ClusterLayout.forProject();
        new ClusterState("127.0.0.1", 7077, 8081, ProcessHandle.current().pid(), List.of(), "then").save(layout);
        RefusalsTest.Outcome status = RefusalsTest.ssp("cluster", "status");
        assertThat(status.code()).isEqualTo(ExitCodes.FAILED);
        assertThat(status.out()).contains("stale state", "cleaned");
        assertThat(layout.stateFile()).doesNotExist();
        assertThat(ProcessHandle.current().isAlive()).isTrue();
    }

    @Test
    void badSettingsAndATakenPortAreRefusedBeforeAnyJvmStarts() throws Exception {
        assertRefused(RefusalsTest.ssp("cluster", "start", "--cores", "1"), "receiver");
        assertRefused(RefusalsTest.ssp("cluster", "start", "--memory", "512m"), "1g");
        assertRefused(RefusalsTest.ssp("cluster", "start", "--workers", "0"), "--workers");
        assertRefused(RefusalsTest.ssp("cluster", "start", "--host", "0.0.0.0"), "every interface");
        assertRefused(RefusalsTest.ssp("cluster", "start", "--cores", "four"), "bin/ssp cluster start --help");
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            int port = taken.getLocalPort();
            assertRefused(RefusalsTest.ssp("cluster", "start", "--port", String.valueOf(port), "--ui-port", String.valueOf(freePort())),
                    "port " + port + " on 127.0.0.1 is taken", "--port N");
        }
        assertThat(ClusterLayout.forProject().stateFile()).doesNotExist();
    }

    @Test
    void coresMaxIsForClusterMasters() {
        assertRefused(RefusalsTest.ssp("run", "phase1", "--cores-max", "4"), "--cores-max is for spark:// masters");
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
