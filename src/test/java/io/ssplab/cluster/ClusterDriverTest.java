package io.ssplab.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.ssplab.cluster.ClusterDriver.Auth;
import io.ssplab.cluster.ClusterDriver.Credentials;
import io.ssplab.core.BadInputException;
import io.ssplab.core.Master;

/** Which secret, cores and jar a driver on a spark:// master gets: pure logic, every branch. */
class ClusterDriverTest {
    private static final Master LOCAL_CLUSTER = Master.parse("spark://127.0.0.1:7077");
    private static final ClusterState OURS = new ClusterState("127.0.0.1", 7077, 8081, 11, List.of(new ClusterState.Worker(1, 12, 4, "2g")), "now");
    private static final Path SETTINGS = Path.of("runs/cluster/spark-cluster.conf");
    private static final Path JAR = Path.of("/x/app.jar");

    private static Credentials credentials(Master m, Optional<ClusterState> ours, Map<String, String> env, Map<String, String> props) {
        return ClusterDriver.credentials(m, ours, ours.isPresent() ? Map.of(ClusterSecurity.SECRET, "s3cret") : Map.of(), SETTINGS, env, props);
    }

    @Test
    void theSecretComesFromSparkSubmitThenOurClusterThenTheEnvironment() {
        Map<String, String> env = Map.of(ClusterSecurity.SECRET_ENV, "from-env");
        Credentials submitted = credentials(LOCAL_CLUSTER, Optional.of(OURS), env, Map.of(ClusterSecurity.SECRET, "given"));
        assertThat(submitted.auth()).isEqualTo(Auth.SUBMIT_SETTINGS);
        assertThat(submitted.settings()).isEmpty(); // already in force: nothing to add

        Credentials ours = credentials(LOCAL_CLUSTER, Optional.of(OURS), env, Map.of());
        assertThat(ours.auth()).isEqualTo(Auth.CLUSTER_STATE);
        assertThat(ours.settings()).containsEntry("spark.authenticate", "true").containsEntry(ClusterSecurity.SECRET, "s3cret");
        assertThat(ours.note()).contains("bin/ssp cluster start").doesNotContain("s3cret");

        Credentials elsewhere = credentials(Master.parse("spark://10.1.2.3:7077"), Optional.of(OURS), env, Map.of());
        assertThat(elsewhere.auth()).isEqualTo(Auth.ENVIRONMENT);
        assertThat(elsewhere.settings()).containsEntry(ClusterSecurity.SECRET, "from-env");

        Credentials none = credentials(LOCAL_CLUSTER, Optional.empty(), Map.of(), Map.of());
        assertThat(none.auth()).isEqualTo(Auth.NONE);
        assertThat(none.settings()).isEmpty();
        assertThat(credentials(LOCAL_CLUSTER, Optional.empty(), Map.of(ClusterSecurity.SECRET_ENV, "  "), Map.of()).auth()).isEqualTo(Auth.NONE);
    }

    @Test
    void aClusterOpenedToTheNetworkEncryptsAndItsDriversDoToo() {
        Map<String, String> open = ClusterSecurity.clusterSettings("s", "spark://192.168.1.10:7077", false);
        assertThat(open).containsEntry(ClusterSecurity.ENCRYPTION, "true").containsEntry("spark.master.rest.enabled", "false");
        assertThat(ClusterSecurity.clusterSettings("s", "spark://127.0.0.1:7077", true)).doesNotContainKey(ClusterSecurity.ENCRYPTION);
        ClusterState remote = new ClusterState("192.168.1.10", 7077, 8081, 1, List.of(), "now");
        Credentials c = ClusterDriver.credentials(Master.parse("spark://192.168.1.10:7077"), Optional.of(remote), open, SETTINGS, Map.of(), Map.of());
        assertThat(c.settings()).containsEntry(ClusterSecurity.ENCRYPTION, "true").containsEntry(ClusterSecurity.SECRET, "s");
    }

    @Test
    void ourClusterIsRecognisedByPortAndLoopbackHostWhateverTheSpelling() {
        assertThat(ClusterDriver.sameEndpoint(OURS, Master.parse("spark://localhost:7077"))).isTrue();
        assertThat(ClusterDriver.sameEndpoint(OURS, Master.parse("spark://127.0.0.1:7078"))).isFalse();
        assertThat(ClusterDriver.sameEndpoint(OURS, Master.parse("spark://10.1.2.3:7077"))).isFalse();
    }

    @Test
    void refusalsSayWhatToDoForEachSourceOfTheSecret() {
        assertThat(ClusterDriver.refusal(LOCAL_CLUSTER, MasterProbe.Answer.UNREACHABLE, Auth.NONE))
                .hasMessageContaining("no Spark master is listening at spark://127.0.0.1:7077").hasMessageContaining("bin/ssp cluster start");
        assertThat(ClusterDriver.refusal(LOCAL_CLUSTER, MasterProbe.Answer.REFUSED, Auth.NONE))
                .hasMessageContaining("refused this driver").hasMessageContaining("$SSP_CLUSTER_SECRET");
        assertThat(ClusterDriver.refusal(LOCAL_CLUSTER, MasterProbe.Answer.REFUSED, Auth.ENVIRONMENT)).hasMessageContaining("not this cluster's");
        assertThat(ClusterDriver.refusal(LOCAL_CLUSTER, MasterProbe.Answer.REFUSED, Auth.SUBMIT_SETTINGS)).hasMessageContaining("spark-submit");
        assertThat(ClusterDriver.refusal(LOCAL_CLUSTER, MasterProbe.Answer.REFUSED, Auth.CLUSTER_STATE)).hasMessageContaining("cluster status");
    }

    private static ClusterDriver plan(int designed, Integer option, MasterProbe.Capacity capacity, Map<String, String> props) {
        Credentials c = credentials(LOCAL_CLUSTER, Optional.of(OURS), Map.of(), props);
        return ClusterDriver.plan("phase3", LOCAL_CLUSTER, c, capacity, designed, option, props, JAR);
    }

    private static MasterProbe.Capacity capacity(int cores, int free) {
        return new MasterProbe.Capacity(cores, free, free < cores ? List.of("ssp-phase2 (" + (cores - free) + " cores)") : List.of(), false);
    }

    @Test
    void aJobAsksForTheSlotsOfItsLocalMasterAndWaitsForThem() {
        ClusterDriver d = plan(8, null, capacity(8, 8), Map.of());
        assertThat(d.cores()).isEqualTo(8);
        assertThat(d.sparkConf()).containsEntry("spark.cores.max", "8").containsEntry("spark.jars", JAR.toString())
                .containsEntry("spark.scheduler.minRegisteredResourcesRatio", "1.0")
                .containsEntry(ClusterSecurity.SECRET, "s3cret");
        assertThat(String.join("\n", d.notes())).contains("asking for 8 cores", "designed for 8 task slots", "7 free task slots");
    }

    @Test
    void aSmallerClusterCapsTheDefaultWithANoteButRefusesAnExplicitAsk() {
        ClusterDriver capped = plan(8, null, capacity(4, 4), Map.of());
        assertThat(capped.cores()).isEqualTo(4);
        assertThat(String.join("\n", capped.notes())).contains("the cluster has 4 cores: asking for 4", "--workers 2", "3 free task slots");
        assertThatThrownBy(() -> plan(8, 6, capacity(4, 4), Map.of())).isInstanceOf(BadInputException.class)
                .hasMessageContaining("--cores-max asks for 6 cores but the cluster has 4");
        assertThatThrownBy(() -> plan(8, null, capacity(4, 4), Map.of("spark.cores.max", "6"))).hasMessageContaining("spark.cores.max asks for 6");
        assertThat(plan(8, null, null, Map.of()).cores()).as("unknown capacity: ask for the design").isEqualTo(8);
    }

    @Test
    void coresHeldByAnotherJobAreRefusedBeforeSparkStarts() {
        assertThatThrownBy(() -> plan(4, null, capacity(4, 0), Map.of()))
                .hasMessageContaining("0 of its 4 cores free").hasMessageContaining("ssp-phase2 (4 cores)").hasMessageContaining("stop the other job");
        assertThatThrownBy(() -> plan(4, null, capacity(8, 3), Map.of())).hasMessageContaining("--cores-max 3");
        assertThatThrownBy(() -> plan(4, null, capacity(1, 1), Map.of())).hasMessageContaining("start workers first");
    }

    @Test
    void theReceiverNeedsASlotOnAClusterToo() {
        assertThatThrownBy(() -> plan(4, 1, capacity(4, 4), Map.of())).hasMessageContaining("receiver holds one").hasMessageContaining("--cores-max 4");
        assertThatThrownBy(() -> plan(4, null, capacity(4, 4), Map.of("spark.cores.max", "many"))).hasMessageContaining("not a whole number");
    }

    @Test
    void sparkSubmitsOwnSettingsWin() {
        Map<String, String> submitted = Map.of("spark.cores.max", "2", "spark.jars", "/their/app.jar", ClusterSecurity.SECRET, "given");
        ClusterDriver d = plan(8, null, capacity(4, 4), submitted);
        assertThat(d.cores()).isEqualTo(2);
        assertThat(d.sparkConf()).doesNotContainKey("spark.jars").doesNotContainKey(ClusterSecurity.SECRET);
    }
}
