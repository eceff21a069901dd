package io.ssplab.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.jar.JarFile;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The state folder without Spark: JSON, the owner-only secret, and never touching a process that is not ours. */
class ClusterStateTest {

    @Test
    void stateRoundTripsAndHoldsNoSecret(@TempDir Path dir) throws Exception {
        ClusterLayout layout = new ClusterLayout(dir);
        ClusterState s = new ClusterState("127.0.0.1", 7077, 8081, 100, List.of(), "2026-01-01T00:00:00Z")
                .withWorker(new ClusterState.Worker(1, 101, 4, "2g")).withWorker(new ClusterState.Worker(2, 102, 4, "2g"));
        s.save(layout);
        assertThat(ClusterState.load(layout)).contains(s);
        assertThat(s.pids()).containsExactly(100L, 101L, 102L);
        assertThat(s.totalCores()).isEqualTo(8);
        assertThat(s.masterUiUrl()).isEqualTo("http://127.0.0.1:8081");
        assertThat(Files.readString(layout.stateFile())).doesNotContain("secret");

        Files.writeString(layout.stateFile(), "{ not json");
        assertThat(ClusterState.load(layout)).isEmpty();
        assertThat(StandaloneCluster.status(layout).condition()).isEqualTo(StandaloneCluster.Condition.STALE);
    }

    @Test
    void theSecretFileIsOwnerOnlyFromTheStart(@TempDir Path dir) throws Exception {
        Path conf = dir.resolve("spark-cluster.conf");
        String secret = ClusterSecurity.newSecret();
        assertThat(secret).hasSize(64).matches("[0-9a-f]+").isNotEqualTo(ClusterSecurity.newSecret());
        ClusterSecurity.writeOwnerOnly(conf, "comment\nsecond line", Map.of(ClusterSecurity.SECRET, secret, "spark.authenticate", "true"));
        assertThat(ClusterSecurity.ownerOnly(conf)).isTrue();
        assertThat(ClusterSecurity.read(conf)).containsEntry(ClusterSecurity.SECRET, secret).containsEntry("spark.authenticate", "true");
        assertThat(Files.readString(conf)).startsWith("# comment\n# second line\n");
    }

    /** Recorded PIDs that are alive but not our daemons (a reused PID): stale, cleaned, and left alone. */
    @Test
    void aStaleStateIsCleanedWithoutTouchingOtherProcesses(@TempDir Path dir) throws Exception {
        ClusterLayout layout = new ClusterLayout(dir);
        Process stranger = new ProcessBuilder("sleep", "60").start();
        try {
            long me = ProcessHandle.current().pid();
            new ClusterState("127.0.0.1", 7077, 8081, me, List.of(new ClusterState.Worker(1, stranger.pid(), 4, "2g")), "then").save(layout);
            Files.createDirectories(layout.logs());
            Files.writeString(layout.masterLog(), "old log");
            ClusterSecurity.writeOwnerOnly(layout.sparkConf(), "x", Map.of(ClusterSecurity.SECRET, "old"));

            StandaloneCluster.Status status = StandaloneCluster.status(layout);
            assertThat(status.condition()).isEqualTo(StandaloneCluster.Condition.STALE);
            assertThat(StandaloneCluster.running(layout)).isEmpty();

            StandaloneCluster.Stopped stopped = StandaloneCluster.stop(layout);
            assertThat(stopped.stopped()).isEmpty();
            assertThat(stopped.killed()).isEmpty();
            assertThat(stranger.isAlive()).as("a process that is not ours survives 'stop'").isTrue();
            assertThat(layout.stateFile()).doesNotExist();
            assertThat(layout.sparkConf()).doesNotExist();
            assertThat(layout.masterLog()).exists();
            assertThat(StandaloneCluster.status(layout).condition()).isEqualTo(StandaloneCluster.Condition.NOT_RUNNING);
        } finally {
            stranger.destroyForcibly();
        }
    }

    @Test
    void ourDaemonsAreKnownByMarkerAndMainClass() {
        long me = ProcessHandle.current().pid();
        assertThat(Daemons.commandLine(me)).isPresent();
        assertThat(Daemons.isOurs(me, "-Dssp.cluster=/nowhere", StandaloneCluster.MASTER_CLASS)).isFalse();
        assertThat(Daemons.isOurs(Long.MAX_VALUE, "", "")).as("no such process").isFalse();
    }

    @Test
    void aClassesFolderBecomesAJarForExecutors(@TempDir Path dir) throws Exception {
        Path classes = dir.resolve("classes");
        Files.createDirectories(classes.resolve("io/ssplab"));
        Files.writeString(classes.resolve("io/ssplab/A.class"), "a");
        Files.writeString(classes.resolve("log4j2.properties"), "b");
        Path jar = AppJar.jarOf(classes, dir.resolve("app.jar"));
        try (JarFile j = new JarFile(jar.toFile())) {
            assertThat(j.stream().map(e -> e.getName()).toList()).containsExactly("io/ssplab/A.class", "log4j2.properties");
        }
    }

    @Test
    void sparkHomeJarsAreLinksToTheClasspathsJars(@TempDir Path dir) throws Exception {
        Path lib = Files.createDirectories(dir.resolve("lib"));
        Path core = Files.writeString(lib.resolve("spark-core_2.13-4.1.0.jar"), "x");
        Path other = Files.writeString(lib.resolve("other.jar"), "y");
        Path classes = Files.createDirectories(dir.resolve("classes"));
        String cp = String.join(java.io.File.pathSeparator, classes.toString(), core.toString(), dir.resolve("missing.jar").toString(), lib + "/*");
        List<Path> jars = SparkJars.jarsOf(cp);
        assertThat(jars).containsExactly(core.toAbsolutePath(), other.toAbsolutePath());
        String daemonClasspath = SparkJars.populate(dir.resolve("home"), jars);
        assertThat(daemonClasspath).endsWith("jars" + java.io.File.separator + "*");
        assertThat(Files.readString(dir.resolve("home/jars/other.jar"))).isEqualTo("y");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> SparkJars.jarsOf(other.toString())).hasMessageContaining("spark-core");
    }
}
