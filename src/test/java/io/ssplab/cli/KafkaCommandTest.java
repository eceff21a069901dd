package io.ssplab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.ssplab.core.ExitCodes;
import io.ssplab.core.Lang;
import io.ssplab.kafka.BrokerHandle;
import io.ssplab.kafka.KafkaAdmin;
import io.ssplab.kafka.KafkaBroker;
import io.ssplab.kafka.KafkaLayout;
import io.ssplab.kafka.KafkaLineProducer;
import io.ssplab.kafka.KafkaTool;
import io.ssplab.source.LineFormat;
import io.ssplab.source.LineStamp;
import io.ssplab.source.SourceConfig;

/**
 * {@code bin/ssp kafka start|status|stop} through {@link Main#run}, on a real broker: one start for the class
 * (the lifecycle test), the other tests start nothing. The project folder is a temporary one, so the
 * developer's runs/kafka is never touched.
 */
class KafkaCommandTest {
    /** The range this test's brokers may use, so parallel work on the machine does not collide. */
    static final int FIRST_PORT = 19100;
    static final int LAST_PORT = 19199;

    static Path home;
    static String savedHome;

    @BeforeAll
    static void ownProjectFolder() throws IOException {
        savedHome = System.getProperty("ssp.home");
        home = Files.createTempDirectory("ssp-kafka-cli-");
        System.setProperty("ssp.home", home.toString());
    }

    @AfterAll
    static void restore() throws IOException {
        KafkaBroker.stop(KafkaLayout.forProject()); // whatever a failed test left
        if (savedHome == null) System.clearProperty("ssp.home");
        else System.setProperty("ssp.home", savedHome);
        try (var walk = Files.walk(home)) {
            walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    @AfterEach
    void english() {
        Lang.use(Lang.EN);
    }

    record Outcome(int code, String out, String err) {
    }

    static Outcome ssp(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8), args);
        return new Outcome(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    static int freePortInRange() {
        for (int p = FIRST_PORT; p <= LAST_PORT; p++) {
            try (ServerSocket s = new ServerSocket(p, 1, InetAddress.getLoopbackAddress())) {
                return p;
            } catch (IOException taken) {
                // next
            }
        }
        throw new IllegalStateException("no free port in " + FIRST_PORT + "–" + LAST_PORT);
    }

    @Test
    void startStatusProduceConsumeStopLeavesNoProcess() throws Exception {
        assertThat(ssp("kafka", "status").code()).isEqualTo(ExitCodes.FAILED);
        int port = freePortInRange();
        Outcome start = ssp("kafka", "start", "--port", String.valueOf(port));
        assertThat(start.code()).as(start.out() + start.err()).isZero();
        String bootstrap = "127.0.0.1:" + port;
        assertThat(start.out()).contains(bootstrap).contains("bin/ssp kafka stop").contains("from this machine only");
        KafkaLayout layout = KafkaLayout.forProject();
        long pid = KafkaBroker.status(layout).state().pid();
        assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive)).contains(true);
        try {
            Outcome again = ssp("kafka", "start", "--port", String.valueOf(freePortInRange()));
            assertThat(again.code()).isEqualTo(ExitCodes.USAGE);
            assertThat(again.err().strip()).doesNotContain("\n").contains("already running").contains(bootstrap);

            // Lines produced by our generator come back with their stamps, as many as it says it sent.
            String topic = "lifecycle";
            try (KafkaAdmin admin = KafkaAdmin.connect(bootstrap)) {
                admin.ensureTopic(topic, 2);
            }
            KafkaLineProducer producer = KafkaLineProducer.start(SourceConfig.embedded(500).withFormat(LineFormat.STAMPED), bootstrap, topic, 300);
            assertThat(producer.awaitFinished(Duration.ofSeconds(60))).isTrue();
            producer.close();
            assertThat(producer.sent()).isEqualTo(300);
            Set<Long> seqs = new HashSet<>();
            for (String line : consume(bootstrap, topic, 2, 300)) {
                LineStamp stamp = LineStamp.parse(line);
                assertThat(stamp).as(line).isNotNull();
                assertThat(stamp.stream()).isEqualTo(producer.id() + ":0");
                seqs.add(stamp.seq());
            }
            assertThat(seqs).hasSize(300);
            assertThat(producer.sentLines().total()).isEqualTo(300L);

            // Kafka's own kafka-consumer-groups sees the topic and a group the lab committed for.
            try (KafkaAdmin admin = KafkaAdmin.connect(bootstrap)) {
                admin.commit("lab-group", topic, java.util.Map.of(0, 10L, 1, 20L));
            }
            KafkaTool.Result groups = KafkaTool.run(Duration.ofSeconds(120), KafkaTool.CONSUMER_GROUPS,
                    List.of("--bootstrap-server", bootstrap, "--describe", "--group", "lab-group"));
            assertThat(groups.exitCode()).as(groups.output()).isZero();
            assertThat(groups.output()).contains("lab-group").contains(topic);

            Outcome status = ssp("kafka", "status");
            assertThat(status.code()).isZero();
            assertThat(status.out()).contains(bootstrap).contains(String.valueOf(pid)).contains(topic);

            // run, demo and the lessons find this broker and leave it running when they end.
            ByteArrayOutputStream said = new ByteArrayOutputStream();
            try (BrokerHandle found = BrokerHandle.findOrStart(null, BrokerHandle.Announcement.RUN, new PrintStream(said, true, StandardCharsets.UTF_8))) {
                assertThat(found.started()).isFalse();
                assertThat(found.bootstrap()).isEqualTo(bootstrap);
            }
            assertThat(said.toString(StandardCharsets.UTF_8)).as("nothing started, nothing said").isEmpty();
            assertThat(KafkaBroker.status(layout).running()).as("a broker found is left running").isTrue();
        } finally {
            Outcome stop = ssp("kafka", "stop");
            assertThat(stop.code()).isZero();
            assertThat(stop.out()).contains(String.valueOf(pid));
        }
        ProcessHandle.of(pid).ifPresent(p -> assertThat(p.isAlive()).as("pid %d after stop", pid).isFalse());
        assertThat(layout.stateFile()).doesNotExist();
        assertThat(layout.formatted()).as("data kept").exists();
        assertThat(ssp("kafka", "stop").out()).contains("nothing to stop");
        assertThat(ssp("kafka", "status").code()).isEqualTo(ExitCodes.FAILED);
    }

    /**
     * {@code run --source kafka} without a running broker starts one of its own (a system-chosen loopback port, a
     * temporary folder) and leaves nothing behind: neither the process nor the folder. The run's summary judges
     * its lag, and {@code bin/ssp report} on its file reaches the same verdict.
     */
    @Test
    void aRunOnABrokerOfItsOwnLeavesNoProcessNorFolderAndItsReportAgrees() throws Exception {
        assertThat(KafkaBroker.runningForProject()).as("this class's project folder: no broker, so the run starts one").isEmpty();
        Path metrics = home.resolve("kafka-run.jsonl");
        Outcome run = ssp("run", "phase1", "--source", "kafka", "--batches", "3", "--no-ui", "--metrics-out", metrics.toString());
        String said = run.out() + run.err();
        assertThat(run.code()).as(said).isZero();
        java.util.regex.Matcher dir = java.util.regex.Pattern.compile("(\\S*" + BrokerHandle.TEMP_PREFIX + "\\d+)").matcher(run.out());
        java.util.regex.Matcher pid = java.util.regex.Pattern.compile("broker ready at \\S+ \\(pid (\\d+)\\)").matcher(run.out());
        assertThat(dir.find()).as(said).isTrue();
        assertThat(pid.find()).as(said).isTrue();
        long brokerPid = Long.parseLong(pid.group(1));
        ProcessHandle.of(brokerPid).ifPresent(p -> assertThat(p.isAlive()).as("broker pid %d after the run", brokerPid).isFalse());
        assertThat(Path.of(dir.group(1))).as("the broker's folder after the run").doesNotExist();

        io.ssplab.core.RunSummary atRun = io.ssplab.core.Json.MAPPER.readValue(io.ssplab.run.RunOptions.summaryPathFor(metrics).toFile(),
                io.ssplab.core.RunSummary.class);
        assertThat(atRun.lag()).as(said).isNotNull();
        io.ssplab.core.RunSummary page = io.ssplab.report.RunLoader.load(List.of(metrics)).runs().get(0).summary();
        assertThat(page.verdict()).isEqualTo(atRun.verdict());
        assertThat(page.lag()).isEqualTo(atRun.lag());
        assertThat(page.reason()).isEqualTo(atRun.reason());
    }

    @Test
    void staleStateIsCleanedAndAnotherProcessWithItsPidIsNeverTouched() throws IOException {
        KafkaLayout layout = KafkaLayout.forProject();
        long me = ProcessHandle.current().pid(); // alive, but not our broker
        Files.createDirectories(layout.dir());
        Files.writeString(layout.stateFile(), "{\"host\":\"127.0.0.1\",\"port\":19199,\"controllerPort\":19198,\"pid\":" + me
                + ",\"startedAt\":\"2026-01-01T00:00:00Z\"}");
        Outcome status = ssp("kafka", "status");
        assertThat(status.code()).isEqualTo(ExitCodes.FAILED);
        assertThat(status.out()).contains("stale");
        assertThat(layout.stateFile()).doesNotExist();

        Files.writeString(layout.stateFile(), "not json");
        Outcome stop = ssp("kafka", "stop");
        assertThat(stop.code()).isZero();
        assertThat(stop.out()).contains("stale");
        assertThat(layout.stateFile()).doesNotExist();
        assertThat(ProcessHandle.current().isAlive()).isTrue();
    }

    @Test
    void badInputIsOneLineExitTwoAndStartsNothing() throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            List<List<String>> cases = new ArrayList<>(List.of(
                    List.of("kafka", "start", "--port", "0"),
                    List.of("kafka", "start", "--port", "65536"),
                    List.of("kafka", "start", "--port", "x"),
                    List.of("kafka", "start", "--port", String.valueOf(taken.getLocalPort())),
                    List.of("kafka", "start", "--bind", "0.0.0.0"),
                    List.of("kafka", "start", "--bind", "8.8.8.8"),
                    List.of("kafka", "start", "--bind", "")));
            for (List<String> c : cases) {
                Outcome o = ssp(c.toArray(String[]::new));
                assertThat(o.code()).as(String.join(" ", c) + " → " + o.err()).isEqualTo(ExitCodes.USAGE);
                assertThat(o.err().strip()).as(String.join(" ", c)).isNotEmpty().doesNotContain("\n");
                assertThat(KafkaLayout.forProject().stateFile()).as("nothing started").doesNotExist();
            }
        }
        Outcome vi = ssp("kafka", "start", "--port", "0", "--lang", "vi");
        assertThat(vi.code()).isEqualTo(ExitCodes.USAGE);
        assertThat(vi.err()).contains("khoảng");
    }

    private static List<String> consume(String bootstrap, String topic, int partitions, int want) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        List<String> lines = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(p, new StringDeserializer(), new StringDeserializer())) {
            List<TopicPartition> parts = new ArrayList<>();
            for (int i = 0; i < partitions; i++) parts.add(new TopicPartition(topic, i));
            consumer.assign(parts);
            consumer.seekToBeginning(parts);
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (lines.size() < want && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(500))) lines.add(r.value());
            }
        }
        return lines;
    }
}
