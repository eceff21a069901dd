package io.ssplab.faults;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

import io.ssplab.cli.Main;
import io.ssplab.kafka.TestBroker;

/**
 * {@code kafka exactly-once} in a real driver JVM on a real broker, killed with SIGKILL inside a batch (after
 * the batch's naive append, before its idempotent writes and its commit), then the same command again (in the test's
 * JVM: the restart is about the checkpoint, not the process): the restarted driver runs that batch again, and the
 * topic read back against the output shows every produced line counted exactly once, while the naive append sink
 * holds the replayed batch twice.
 */
class KafkaExactlyOnceTest {
    @RegisterExtension
    static TestBroker broker = new TestBroker();

    /**
     * 10 s of production at 100 lines/s: the first driver must plan batch 0 before the last line is in the topic (else
     * batch 0 takes every line and no batch 1 comes to be killed in); machines at load 20–30 planned it within 3.3 s. What the
     * killed driver did not produce, the restarted one does, at the same rate: the shorter, the sooner it ends.
     */
    static final int LINES = 1000;
    static final int RATE = 100;

    @Test
    void aDriverKilledInsideABatchAndStartedAgainCountsEveryProducedLineExactlyOnce(@TempDir Path dir) throws Exception {
        Path checkpoint = dir.resolve("ckpt");
        Path out = dir.resolve("out");
        String[] command = {"kafka", "exactly-once", "--bootstrap-server", broker.bootstrap(), "--checkpoint", checkpoint.toString(),
                "--out", out.toString(), "--lines", String.valueOf(LINES), "--rate", String.valueOf(RATE)};

        int killedInBatch;
        try (ChildJvm first = ChildJvm.ssp(dir, command)) {
            // printed after the batch's naive append, before its two idempotent writes and its commit: the kill lands inside the batch
            String line = first.awaitLine(l -> l.matches("batch [1-9]\\d*: .*"), 180_000);
            first.kill9();
            killedInBatch = Integer.parseInt(line.substring("batch ".length(), line.indexOf(':')));
        }
        assertThat(lastBatch(checkpoint.resolve("offsets"))).as("offsets/N logged before the batch ran").isEqualTo(killedInBatch);
        assertThat(lastBatch(checkpoint.resolve("commits"))).as("no commits/N: killed inside batch N").isLessThan(killedInBatch);

        // The restarted driver needs no process of its own (the killed one is gone, its checkpoint is what counts): the
        // same command in this JVM, which spares a second JVM and Spark start.
        ByteArrayOutputStream said = new ByteArrayOutputStream();
        PrintStream to = new PrintStream(said, true, StandardCharsets.UTF_8);
        int code = Main.run(to, to, command);
        String transcript = said.toString(StandardCharsets.UTF_8);
        System.out.println(transcript); // the restarted run and its accounting, in the test's output file
        assertThat(code).as(transcript).isZero();
        assertThat(transcript).contains("driver run 2", "Spark runs batch " + killedInBatch + " again",
                "EXACTLY ONCE: each of the", "across 2 driver run(s)");

        JsonNode summary = FaultsTestSupport.json(out.resolve("exactly-once.json"));
        JsonNode a = summary.get("account");
        assertThat(summary.get("driverRuns").asInt()).isEqualTo(2);
        assertThat(summary.get("replayedBatch").asInt()).isEqualTo(killedInBatch);
        assertThat(a.get("exactlyOnce").asBoolean()).as(a.toPrettyString()).isTrue();
        assertThat(a.get("producedLines").asLong()).as("at least the lines asked for, read back from the topic").isGreaterThanOrEqualTo(LINES);
        assertThat(a.get("outputRows").asLong()).isEqualTo(a.get("producedLines").asLong());
        assertThat(a.get("outputLines").asLong()).isEqualTo(a.get("producedLines").asLong());
        assertThat(a.get("duplicated").asLong()).isZero();
        assertThat(a.get("missing").asLong()).isZero();
        assertThat(a.get("unexpected").asLong()).isZero();
        assertThat(a.get("wordsDiffer").asInt()).isZero();
        assertThat(a.get("countedWords").asLong()).isEqualTo(a.get("topicWords").asLong()).isPositive();
        // the contrast: the append without a batch key holds the replayed batch twice
        assertThat(a.get("naiveDuplicated").asLong()).as(a.toPrettyString()).isPositive();
        assertThat(a.get("naiveRows").asLong()).isEqualTo(a.get("producedLines").asLong() + a.get("naiveDuplicated").asLong());
    }

    private static long lastBatch(Path log) throws Exception {
        if (!Files.isDirectory(log)) return -1;
        try (Stream<Path> files = Files.list(log)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.matches("\\d+")).mapToLong(Long::parseLong).max().orElse(-1);
        }
    }
}
