package io.ssplab.faults;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

import io.ssplab.cli.Main;

/**
 * The external source ({@code bin/ssp source}, a real process) is killed with SIGKILL mid-run and
 * started again on the same port: Spark's receiver reconnects, the job keeps running, and the summary
 * accounts for both streams and the gap between them.
 */
class SourceRestartTest {

    @Test
    void killingTheSourceAndRestartingItLeavesTheJobRunningAndTheGapAccounted(@TempDir Path dir) throws Exception {
        int port = ChildJvm.freePort();
        String[] source = {"source", "--port", String.valueOf(port), "--format", "stamped", "--status-every", "0"};
        Path metrics = dir.resolve("run.jsonl");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        AtomicInteger exit = new AtomicInteger(-1);

        try (ChildJvm first = ChildJvm.ssp(dir, source)) {
            first.awaitLine(l -> l.contains("listening on"), 60_000);
            Thread job = new Thread(() -> exit.set(Main.run(new PrintStream(out, true, StandardCharsets.UTF_8),
                    new PrintStream(out, true, StandardCharsets.UTF_8), "run", "phase1", "--source", "127.0.0.1:" + port,
                    "--duration", "50s", "--no-ui", "--metrics-out", metrics.toString())), "job");
            job.start();
            long deadline = System.nanoTime() + 90_000_000_000L;
            while (FaultsTestSupport.batchesWithRecords(metrics) < 2 && job.isAlive() && System.nanoTime() < deadline) Thread.sleep(200);
            first.kill9();
            long batchesBefore = FaultsTestSupport.batchesWithRecords(metrics);
            Thread.sleep(5000); // the receiver finds the connection gone and retries every 2 s against a closed port

            try (ChildJvm second = ChildJvm.ssp(dir, source)) {
                second.awaitLine(l -> l.contains("listening on"), 60_000);
                job.join(120_000);
                assertThat(job.isAlive()).isFalse();
                assertThat(exit.get()).as(out.toString(StandardCharsets.UTF_8)).isZero();
                assertThat(FaultsTestSupport.batchesWithRecords(metrics)).as("batches with records after the restart")
                        .isGreaterThan(batchesBefore);
            }
        }

        System.out.println(out.toString(StandardCharsets.UTF_8)); // the run's table and accounting, in the test's output file
        JsonNode accounting = FaultsTestSupport.json(dir.resolve("run.summary.json")).get("accounting");
        String text = accounting.toPrettyString();
        Set<String> sources = new HashSet<>();
        accounting.get("streams").forEach(s -> sources.add(s.get("stream").asText().split(":")[0]));
        assertThat(sources).as(text).hasSize(2);
        accounting.get("streams").forEach(s -> assertThat(s.get("missingLines").asLong()).as(text).isZero());
        assertThat(accounting.get("receiverRestarts").asInt()).as(text).isPositive();
        assertThat(accounting.get("lostLines").asLong()).as(text).isZero();
        assertThat(accounting.get("differences").toString()).as(text).contains("a new source: the source was restarted", "the receiver restarted");
    }
}
