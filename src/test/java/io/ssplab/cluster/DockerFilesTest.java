package io.ssplab.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import io.ssplab.jobs.Jobs;
import io.ssplab.run.RunOptions;

/**
 * The docker files, checked without a Docker engine (the build machines have none): the compose file
 * parses, every file they use exists, and image, ports, paths and security settings agree with the code.
 */
class DockerFilesTest {
    private static final Path PROJECT = Path.of(System.getProperty("ssp.project.dir", "."));

    @SuppressWarnings("unchecked")
    private static Map<String, Object> compose() throws IOException {
        try (Reader r = Files.newBufferedReader(PROJECT.resolve("docker-compose.yml"))) {
            return new Yaml().load(r); // resolves the <<: merge of the shared x-lab block
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> service(String name) throws IOException {
        Map<String, Object> services = (Map<String, Object>) compose().get("services");
        assertThat(services).containsKey(name);
        return (Map<String, Object>) services.get(name);
    }

    private static String dockerfile() throws IOException {
        return Files.readString(PROJECT.resolve("Dockerfile"));
    }

    private static String daemonScript() throws IOException {
        return Files.readString(PROJECT.resolve("docker/spark-daemon.sh"));
    }

    @Test
    @SuppressWarnings("unchecked")
    void composeDescribesTheOriginalsClusterOnLoopbackPortsOnly() throws Exception {
        Map<String, Object> master = service("spark-master");
        Map<String, Object> worker = service("spark-worker");
        assertThat(master).containsEntry("container_name", "spark-master").containsEntry("hostname", "spark-master");
        assertThat(master.get("build")).isEqualTo(".");
        assertThat(worker.get("image")).isEqualTo(master.get("image"));
        List<String> ports = new ArrayList<>();
        for (String s : List.of("spark-master", "spark-worker")) ports.addAll((List<String>) service(s).getOrDefault("ports", List.of()));
        assertThat(ports).allSatisfy(p -> assertThat(p).startsWith("127.0.0.1:"));
        assertThat(ports).contains("127.0.0.1:" + ClusterSettings.DEFAULT_UI_PORT + ":8081", "127.0.0.1:7077:7077",
                "127.0.0.1:" + RunOptions.DEFAULT_UI_PORT + ":4040");
        Map<String, String> workerEnv = (Map<String, String>) worker.get("environment");
        assertThat(workerEnv.get("SSP_WORKER_CORES")).isEqualTo("${SSP_WORKER_CORES:-4}");
        assertThat(workerEnv.get("SSP_MASTER_URL")).isEqualTo("spark://spark-master:7077");
        for (Map<String, Object> s : List.of(master, worker)) {
            Map<String, String> env = (Map<String, String>) s.get("environment");
            assertThat(env.get(ClusterSecurity.SECRET_ENV)).as("no secret, no cluster").startsWith("${" + ClusterSecurity.SECRET_ENV + ":?");
            List<String> command = (List<String>) s.get("command");
            Path script = PROJECT.resolve(command.get(0).replaceFirst("^/opt/ssp/", ""));
            assertThat(script).isRegularFile().isExecutable();
        }
        assertThat((List<String>) worker.get("depends_on")).contains("spark-master");
    }

    @Test
    void theImageIsTheOfficialSparkImageOfOurSparkAndScalaOnJava17() throws Exception {
        String spark = org.apache.spark.package$.MODULE$.SPARK_VERSION();
        String scalaVersion = scala.util.Properties.versionNumberString();
        String binary = scalaVersion.substring(0, scalaVersion.lastIndexOf('.'));
        List<String> froms = dockerfile().lines().filter(l -> l.startsWith("FROM ")).toList();
        assertThat(froms).contains("FROM apache/spark:" + spark + "-scala" + binary + "-java17-ubuntu");
        assertThat(froms).allSatisfy(f -> assertThat(f).contains("17"));
    }

    /** Every COPY source exists; every /opt/ssp path the scripts and compose use is a COPY destination. */
    @Test
    void everyFileTheDockerFilesUseExists() throws Exception {
        List<String> destinations = new ArrayList<>();
        List<String> sources = new ArrayList<>();
        for (String line : dockerfile().lines().filter(l -> l.startsWith("COPY ") && !l.startsWith("COPY --from")).toList()) {
            List<String> words = List.of(line.substring(5).trim().split("\\s+"));
            sources.addAll(words.subList(0, words.size() - 1));
            destinations.add(words.get(words.size() - 1));
        }
        assertThat(sources).contains("mvnw", "pom.xml", ".mvn/", "src/", "bin/ssp", "spark/spark-defaults.conf", "docker/spark-daemon.sh");
        assertThat(sources).allSatisfy(src -> assertThat(PROJECT.resolve(src)).as(src).exists());
        Matcher fromBuild = Pattern.compile("(?m)^COPY --from=build (\\S+) (\\S+)$").matcher(dockerfile());
        assertThat(fromBuild.find()).isTrue();
        assertThat(fromBuild.group(1)).isEqualTo("/src/target/spark-streaming-lab-app.jar"); // the shade plugin's finalName
        destinations.add(fromBuild.group(2));
        assertThat(Files.readString(PROJECT.resolve("pom.xml"))).contains("<finalName>spark-streaming-lab-app</finalName>");

        List<String> used = new ArrayList<>();
        Matcher opt = Pattern.compile("/opt/ssp/[\\w./-]+").matcher(daemonScript() + Files.readString(PROJECT.resolve("docker-compose.yml")));
        while (opt.find()) used.add(opt.group());
        assertThat(used).isNotEmpty().allSatisfy(p -> assertThat(destinations).contains(p));
        assertThat(dockerfile()).contains("/opt/spark/jars/*:/opt/ssp/target/spark-streaming-lab-app.jar");
    }

    @Test
    void sparkDefaultsHoldTheCodesSecuritySettingsAndNoSecret() throws Exception {
        Map<String, String> defaults = ClusterSecurity.read(PROJECT.resolve("spark/spark-defaults.conf"));
        ClusterSecurity.DAEMON_SETTINGS.forEach((k, v) -> assertThat(defaults).containsEntry(k, v));
        assertThat(defaults).doesNotContainKey(ClusterSecurity.SECRET);
        assertThat(defaults).containsEntry("spark.master", "spark://spark-master:7077")
                .containsEntry("spark.ui.port", String.valueOf(RunOptions.DEFAULT_UI_PORT));
        String script = daemonScript();
        assertThat(script).contains("--port " + ClusterSettings.DEFAULT_MASTER_PORT, "--webui-port " + ClusterSettings.DEFAULT_UI_PORT,
                "spark.authenticate.secret", "umask 077", "SSP_WORKER_CORES:-4");
        assertThat(Files.readAllLines(PROJECT.resolve(".gitignore"))).contains(".env");
        assertThat(Files.readAllLines(PROJECT.resolve(".dockerignore"))).contains(".env");
    }

    @Test
    void theWalkthroughShowsSparkSubmitForEveryJob() throws Exception {
        for (String doc : List.of("docs/cluster.md", "docs/cluster.vi.md")) {
            String text = Files.readString(PROJECT.resolve(doc));
            // Every job class is listed for spark-submit on its own, and the lab's own main is shown with 'run JOB'.
            for (String job : Jobs.NAMES) {
                assertThat(text).as(doc).contains("`" + Jobs.byName(job, false).getClass().getName() + "`");
            }
            for (String exercise : Jobs.EXERCISES) {
                assertThat(text).as(doc).contains("`" + Jobs.byName(exercise, true).getClass().getName() + "`");
            }
            assertThat(text).as(doc).contains("--class io.ssplab.jobs.Phase2Bottleneck", "target/spark-streaming-lab-app.jar 127.0.0.1 9999",
                    "target/spark-streaming-lab-app.jar run phase2 --batches 10");
            assertThat(text).as(doc).contains("docker exec -it spark-master", "docker compose up -d --build", "bin/ssp cluster start",
                    "spark.authenticate", ClusterSecurity.SECRET_ENV);
        }
    }

    /** Where a docker client with the compose plugin exists, compose itself must accept the file — and refuse it without a secret. */
    @Test
    void dockerComposeConfigAcceptsTheFileWhereAClientExists() throws Exception {
        Assumptions.assumeTrue(run(Map.of(), "docker", "compose", "version") == 0, "no 'docker compose' client here");
        assertThat(run(Map.of(ClusterSecurity.SECRET_ENV, "test-secret"), "docker", "compose", "config", "--quiet")).isZero();
        assertThat(run(Map.of(ClusterSecurity.SECRET_ENV, ""), "docker", "compose", "config", "--quiet")).isNotZero();
    }

    private static int run(Map<String, String> env, String... command) {
        try {
            ProcessBuilder pb = new ProcessBuilder(command).directory(PROJECT.toFile()).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD);
            pb.environment().putAll(env);
            Process p = pb.start();
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return -1;
            }
            return p.exitValue();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }
}
