package io.ssplab.kafka;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.ssplab.core.ServerJvm;

/**
 * Runs one of Kafka's own command-line tools from the broker's classpath (which carries kafka-tools), against any
 * broker: what {@code kafka-consumer-groups.sh} or {@code kafka-topics.sh} of a Kafka download would print. Tests
 * use it to show that Kafka's tools see the lab's topics and consumer groups.
 */
public final class KafkaTool {
    /** kafka-consumer-groups.sh */
    public static final String CONSUMER_GROUPS = "org.apache.kafka.tools.consumer.group.ConsumerGroupCommand";
    /** kafka-topics.sh */
    public static final String TOPICS = "org.apache.kafka.tools.TopicCommand";

    private KafkaTool() {
    }

    /** @param output standard output and error, merged */
    public record Result(int exitCode, String output) {
    }

    /** Runs {@code mainClass args} in a small JVM; destroyed if it has not finished within {@code timeout} (exit code -1). */
    public static Result run(Duration timeout, String mainClass, List<String> args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-Xmx128m");
        cmd.add(ServerJvm.QUICK_COMPILER); // a tool that runs for a second: compiling for speed would only cost time
        cmd.add("-cp");
        cmd.add(BrokerClasspath.read());
        cmd.add(mainClass);
        cmd.addAll(args);
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            p.getOutputStream().close();
            byte[][] out = new byte[1][];
            Thread reader = new Thread(() -> {
                try {
                    out[0] = p.getInputStream().readAllBytes();
                } catch (IOException e) {
                    out[0] = new byte[0];
                }
            }, "kafka-tool-output");
            reader.setDaemon(true);
            reader.start();
            boolean done = p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (!done) p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            reader.join(5000);
            String text = out[0] == null ? "" : new String(out[0], StandardCharsets.UTF_8);
            return new Result(done ? p.exitValue() : -1, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Result(-1, "");
        }
    }
}
