package io.ssplab.faults;

import static io.ssplab.faults.FaultsTestSupport.concat;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

import io.ssplab.accounting.Journal;
import io.ssplab.core.Lang;
import io.ssplab.core.Messages;
import io.ssplab.source.ClientStats;
import io.ssplab.source.LineFormat;
import io.ssplab.source.SocketSource;
import io.ssplab.source.SourceConfig;

/**
 * {@code run … --checkpoint DIR --wal} in a real driver JVM, killed with SIGKILL mid-run, then the same
 * command again: it resumes from the checkpoint and every line the killed driver had received is processed.
 */
class DriverRecoveryTest {
    /** How long the resumed driver may take: it catches up on the batches cut while it was down, then measures one. */
    static final long RESUMED_RUN_LIMIT_MS = 480_000;

    @Test
    void aDriverKilledWithKill9ResumesFromItsCheckpointAndLosesNoReceivedLine(@TempDir Path dir) throws Exception {
        SourceConfig config = new SourceConfig("127.0.0.1", 0, 140, 3, 50, 42, Duration.ZERO, LineFormat.STAMPED);
        try (SocketSource source = SocketSource.start(config, line -> { })) {
            Path checkpoint = dir.resolve("ckpt");
            String[] run = {"run", "phase1", "--source", "127.0.0.1:" + source.port(), "--checkpoint", checkpoint.toString(), "--wal", "--no-ui"};

            try (ChildJvm first = ChildJvm.ssp(dir, concat(run, "--duration", "180s", "--metrics-out", "run1.jsonl"))) {
                first.awaitLine(l -> l.contains("driver run 1, receiver write-ahead log on"), 120_000);
                long deadline = System.nanoTime() + 150_000_000_000L;
                // Two completed batches with lines: the receiver stores to the log, and batches are being cut and processed.
                while (FaultsTestSupport.batchesWithRecords(dir.resolve("run1.jsonl")) < 2 && first.process.isAlive() && System.nanoTime() < deadline)
                    Thread.sleep(200);
                assertThat(first.process.isAlive()).as(first.transcript()).isTrue();
                first.kill9();
            }
            Journal.History killed = Journal.read(checkpoint, 2);
            assertThat(killed.receivedLines()).as("lines in batches the killed driver cut").isPositive();

            // The recovery is told in the resumed driver's warm-up (the batches cut while it was down, and those of the
            // write-ahead log); one batch measured after it shows the resumed driver going on with new lines.
            try (ChildJvm second = ChildJvm.ssp(dir, concat(run, "--batches", "1", "--metrics-out", "run2.jsonl"))) {
                // Generous: what is asserted is recovery, not speed. In two loaded full runs of the suite (zero-cost batches
                // taking 4–10 s beside the Kafka lessons) the resumed driver had not ended after 240 s.
                assertThat(second.awaitExit(RESUMED_RUN_LIMIT_MS)).as(second.transcript()).isZero();
                assertThat(second.transcript()).contains("driver run 2", "resuming from the checkpoint");
                System.out.println(second.transcript()); // the recovered run's table and accounting, in the test's output file
            }

            JsonNode accounting = FaultsTestSupport.json(dir.resolve("run2.summary.json")).get("accounting");
            JsonNode recovery = accounting.get("recovery");
            assertThat(recovery.get("driverRuns").asInt()).isEqualTo(2);
            assertThat(recovery.get("earlierRunsReceivedLines").asLong()).isEqualTo(killed.receivedLines());
            assertThat(recovery.get("lostReceivedLines").asLong()).as(accounting.toPrettyString()).isZero();
            assertThat(accounting.get("lostLines").asLong()).as(accounting.toPrettyString()).isZero();
            // The killed driver's connection: every sequence number from 0 up to the last one processed, none missing.
            String killedStream = source.id() + ":" + firstReceiverClient(source);
            assertThat(accounting.get("streams")).anySatisfy(s -> {
                assertThat(s.get("stream").asText()).isEqualTo(killedStream);
                assertThat(s.get("missingLines").asLong()).isZero();
                assertThat(s.get("processedLines").asLong()).isGreaterThanOrEqualTo(killed.receivedLines());
            });
            assertThat(accounting.get("answer").asText()).startsWith("nothing lost across 2 driver runs");
        }
    }

    /**
     * The killed driver's receiver: the first connection that was not a reachability probe. Each run first
     * asks the source for its status ({@code SourceEndpoint.requireReachable}); the source ends those
     * connections as answered status queries, however many lines a slow probe was sent before it asked.
     */
    private static int firstReceiverClient(SocketSource source) {
        String probe = Messages.in(Lang.EN, "source.ending.statusQuery");
        return source.clientStats().stream().filter(c -> !c.ending().equals(probe) && c.sentLines() > 0)
                .min(Comparator.comparingInt(ClientStats::client)).orElseThrow().client();
    }
}
