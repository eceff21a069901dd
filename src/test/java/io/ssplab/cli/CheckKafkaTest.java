package io.ssplab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.ssplab.core.ExitCodes;
import io.ssplab.kafka.TestBroker;

/**
 * {@code bin/ssp check --source kafka}: bad input refused in one line (exit 2) before Spark starts, and an exercise
 * graded over a real broker — on one core fewer, since no receiver holds a slot on Kafka. The graded run is
 * fill-gaps' reference solution: the cheapest exercise that proves the wiring (its criteria ask for a delay, which
 * a loaded machine only makes clearer; fix-delay's ask for SD ≈ 0, which a machine at load 20 cannot give).
 */
class CheckKafkaTest {
    @RegisterExtension
    static TestBroker broker = new TestBroker();

    record Ran(int code, String out, String err) {
    }

    static Ran ssp(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8), args);
        return new Ran(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void badSourcesAreRefusedInOneLineBeforeSparkStarts() throws Exception {
        int closed;
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closed = s.getLocalPort();
        }
        List<List<String>> cases = List.of(
                List.of("check", "fix-delay", "--source", "127.0.0.1:9999"),
                List.of("check", "fix-delay", "--source", ""),
                List.of("check", "fix-delay", "--source", "kafka://nope"),
                List.of("check", "fix-delay", "--source", "kafka://127.0.0.1:" + closed + "/lines"),
                List.of("check", "fix-delay", "--source", "kafka://" + broker.bootstrap() + "/" + broker.topic("no-such-topic")),
                List.of("check", "fix-delay", "--kafka-partitions", "2"),
                List.of("check", "fix-delay", "--source", "kafka", "--kafka-partitions", "0"),
                List.of("check", "fix-skew", "--source", "kafka://" + broker.bootstrap() + "/" + broker.topic("lines"), "--kafka-partitions", "2"),
                List.of("check", "fill-gaps", "--api", "structured", "--source", "127.0.0.1:9999"));
        for (List<String> args : cases) {
            Ran r = ssp(args.toArray(String[]::new));
            assertThat(r.code()).as(args + ": " + r.err()).isEqualTo(ExitCodes.USAGE);
            assertThat(r.err().strip().lines()).as(args + ": " + r.err()).hasSize(1);
            assertThat(r.out()).as(args.toString()).doesNotContain("checking");
        }
    }

    @Test
    void anExerciseIsGradedOverARealBrokerOnOneCoreFewer() {
        String source = "kafka://" + broker.bootstrap() + "/" + broker.topic("fill-gaps");
        Ran r = ssp("check", "fill-gaps", "--solution", "--source", source, "--kafka-partitions", "2", "--batches", "3");
        String all = r.out() + r.err();
        assertThat(r.out()).as(all).contains("on Kafka: local[3] instead of local[4]").contains(source);
        assertThat(r.out()).as(all).contains("PT > BI in most batches").contains("the wait per line is paid");
        assertThat(r.code()).as(all).isEqualTo(ExitCodes.OK);
    }
}
