package io.ssplab.faults;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

import io.ssplab.kafka.TestBroker;

/**
 * {@code kafka exactly-once} in a real driver JVM on a real broker, killed with SIGKILL inside a batch (after
 * the batch's naive append, before its idempotent writes and its commit), then the same command again: the
 * restarted driver runs that batch again, and the topic read back against the output shows every produced
 * line counted exactly once, while the naive append sink holds the replayed batch twice.
 */
class KafkaExactlyOnceTest {
    @RegisterExtension
    static TestBroker broker = new TestBroker();

    @Test
    void aDriverKilledInsideABatchAndStartedAgainCountsEveryProducedLineExactlyOnce(@TempDir Path dir) throws Exception {
        Path checkpoint = dir.resolve("ckpt");
        Path out = dir.resolve("out");
        String[] command = {"kafka", "exactly-once", "--bootstrap-server", broker.bootstrap(), "--checkpoint", checkpoint.toString(),
                "--out", out.toString(), "--lines", "2000", "--rate", "100"};

        int killedInBatch;
        try (ChildJvm first = ChildJvm.ssp(dir, command)) {
            // printed after the batch's naive append, before its two idempotent writes and its commit: the kill lands inside the batch
            String line = first.awaitLine(l -> l.matches("batch [1-9]\\d*: .*"), 180_000);
            first.kill9();
            killedInBatch = Integer.parseInt(line.substring("batch ".length(), line.indexOf(':')));
        }
        assertThat(lastBatch(checkpoint.resolve("offsets"))).as("offsets/N logged before the batch ran").isEqualTo(killedInBatch);
        assertThat(lastBatch(checkpoint.resolve("commits"))).as("no commits/N: killed inside batch N").isLessThan(killedInBatch);

        try (ChildJvm second = ChildJvm.ssp(dir, command)) {
            assertThat(second.awaitExit(240_000)).as(second.transcript()).isZero();
            System.out.println(second.transcript()); // the restarted run and its accounting, in the test's output file
            assertThat(second.transcript()).contains("driver run 2", "Spark runs batch " + killedInBatch + " again",
                    "EXACTLY ONCE: each of the", "across 2 driver run(s)");
        }

        JsonNode summary = FaultsTestSupport.json(out.resolve("exactly-once.json"));
        JsonNode a = summary.get("account");
        assertThat(summary.get("driverRuns").asInt()).isEqualTo(2);
        assertThat(summary.get("replayedBatch").asInt()).isEqualTo(killedInBatch);
        assertThat(a.get("exactlyOnce").asBoolean()).as(a.toPrettyString()).isTrue();
        assertThat(a.get("producedLines").asLong()).as("at least the lines asked for, read back from the topic").isGreaterThanOrEqualTo(2000);
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
