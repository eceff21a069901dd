package io.ssplab.faults;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The external source ({@code bin/ssp source}, a real process) is killed with SIGKILL mid-run and
 * started again on the same port: Spark's receiver reconnects, the job keeps running, and the summary
 * accounts for both streams and the gap between them. The job runs as a process of its own and is
 * stopped with Ctrl-C (SIGINT), as a user stops it: a clean stop with the summary and exit code 0.
 */
class SourceRestartTest {
    /** The job's batches: 1 s, the story is told in batches and nothing here depends on phase1's interval. */
    private static final long BATCH_INTERVAL_MS = 1000;
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void killingTheSourceAndRestartingItLeavesTheJobRunningAndTheGapAccounted(@TempDir Path dir) throws Exception {
        int port = ChildJvm.freePort();
        String[] source = {"source", "--port", String.valueOf(port), "--format", "stamped", "--status-every", "0"};
        Path metrics = dir.resolve("run.jsonl");
        String transcript;

        try (ChildJvm first = ChildJvm.ssp(dir, source)) {
            first.awaitLine(l -> l.contains("listening on"), 60_000);
            // The job is a process of its own too, stopped with Ctrl-C once the story is told: no fixed duration to wait out.
            try (ChildJvm job = ChildJvm.ssp(dir, "run", "phase1", "--source", "127.0.0.1:" + port, "--batch-interval", BATCH_INTERVAL_MS + "ms",
                    "--duration", "5m", "--no-ui", "--metrics-out", metrics.toString())) {
                awaitBatches(() -> FaultsTestSupport.batchesWithRecords(metrics), 2, job);
                first.kill9();
                Thread.sleep(2500); // the receiver finds the connection gone and retries 2 s later, against a closed port

                try (ChildJvm second = ChildJvm.ssp(dir, source)) {
                    second.awaitLine(l -> l.contains("listening on"), 60_000);
                    // A batch cut a full interval after the new source listened holds only lines received since: the new
                    // source's. Counting batches after the kill would not do: a busy job still has the old source's queued.
                    long listening = System.currentTimeMillis();
                    awaitBatches(() -> batchesWithRecordsCutAfter(metrics, listening + BATCH_INTERVAL_MS), 2, job);
                    job.ctrlC();
                    int exit = job.awaitExit(60_000);
                    transcript = job.transcript();
                    assertThat(exit).as(transcript).isZero();
                    assertThat(transcript).contains("stopped: Ctrl-C");
                }
            }
        }

        System.out.println(transcript); // the run's table and accounting, in the test's output file
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

    /** Batches in the metrics file that carried records and were cut after {@code sinceMs}. */
    private static long batchesWithRecordsCutAfter(Path metrics, long sinceMs) throws IOException {
        if (!Files.exists(metrics)) return 0;
        long n = 0;
        for (String line : Files.readAllLines(metrics)) {
            JsonNode batch;
            try {
                batch = JSON.readTree(line);
            } catch (IOException halfWritten) {
                continue; // the job is writing it
            }
            if (batch != null && batch.path("records").asLong() > 0 && batch.path("batchTimeMs").asLong() > sinceMs) n++;
        }
        return n;
    }

    private interface Count {
        long get() throws IOException;
    }

    private static void awaitBatches(Count batches, long n, ChildJvm job) throws Exception {
        long deadline = System.nanoTime() + 120_000_000_000L;
        while (batches.get() < n) {
            if (!job.process.isAlive()) throw new AssertionError("the job ended early:\n" + job.transcript());
            if (System.nanoTime() > deadline) throw new AssertionError("fewer than " + n + " batches with records:\n" + job.transcript());
            Thread.sleep(200);
        }
    }
}
