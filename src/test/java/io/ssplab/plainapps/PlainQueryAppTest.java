package io.ssplab.plainapps;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

import io.ssplab.core.BatchMetrics;
import io.ssplab.core.ExitCodes;
import io.ssplab.core.Json;
import io.ssplab.core.RunSummary;
import io.ssplab.core.Verdict;
import io.ssplab.metrics.JsonLines;
import io.ssplab.metrics.QueryProgress;
import io.ssplab.watch.Watcher;

/**
 * The plain Structured Streaming app (src/test/plain-apps: Spark only), a stable and an unstable setting, each
 * run ONCE with everything attached ({@link RecordedRun}: event log, the listener by configuration only,
 * {@code bin/ssp watch} through the listener's files); every assertion is made on those two runs:
 * <ul>
 *   <li>the listener's JSON Lines are the query's own progress (Spark's REST API has no endpoint for queries:
 *       the app prints {@code query.recentProgress()} at its end), micro-batch by micro-batch, and so are the
 *       batches {@code analyze} reads from the event log;</li>
 *   <li>{@code watch} and {@code analyze} give the listener's verdict (STABLE, UNSTABLE);</li>
 *   <li>{@code plan --from} the event log finds the known per-record cost: within 15 % by a least-squares slope; a ratio Σt/Σn of even tasks, which holds each task's fixed time, may read up to RATIO_FIXED_TIME_MS per task above it;</li>
 *   <li>a watch without the listener's folder, nothing answering, not an address: one line, exit code 2.</li>
 * </ul>
 * The stable query leaves Spark 4's default event log (rolling, zstd), the unstable one a single lz4 file.
 */
// In the quiet lane (io.ssplab.AloneLaneTest: normal CPU priority, the other test JVMs lowered): its stable query must wait for its trigger and its fit stay within 15 %: with three test JVMs beside it at the same priority, no micro-batch waited
class PlainQueryAppTest {
    /** The stable query's own length, then on until PlainApp.STABLE_QUERY_BATCHES micro-batches: the count decides. */
    static final long STABLE_S = 1;
    /** The unstable query's: then on until PlainApp.UNSTABLE_QUERY_BATCHES micro-batches: the count decides. */
    static final long UNSTABLE_S = 1;
    /** Rows in each of the stable query's tasks: 20 rows/s × its 2 s trigger over 2 rate partitions (PlainApp). */
    static final int ROWS_PER_TASK = 20;
    /** A task's fixed time the ratio Σt/Σn may carry above the known cost: 120 ms, 6 ms per row of 20, +30 % of 20 ms. */
    static final double RATIO_FIXED_TIME_MS = 120;

    @TempDir
    static Path dir;
    static RecordedRun stable;
    static RecordedRun unstable;

    @BeforeAll
    static void runEachSettingOnce() throws Exception {
        ExecutorService side = Executors.newFixedThreadPool(2);
        try {
            Future<RecordedRun> s = side.submit(() -> RecordedRun.query(PlainApp.stableQuery("plain-query-stable", STABLE_S), dir.resolve("stable"), true));
            Future<RecordedRun> u = side.submit(() -> RecordedRun.query(PlainApp.unstableQuery("plain-query-unstable", UNSTABLE_S)
                    .conf("spark.eventLog.rolling.enabled", "false").conf("spark.eventLog.compress", "true")
                    .conf("spark.eventLog.compression.codec", "lz4"), dir.resolve("unstable"), false));
            stable = s.get();
            unstable = u.get();
        } finally {
            side.shutdownNow();
        }
    }

    /** The trigger to tell analyze: the stable query's is read off its batches; a query behind from its start never waits for it. */
    private static String[] interval(RecordedRun run) {
        return run == stable ? new String[0] : new String[] {"--interval", "1s"};
    }

    @Test
    void theListenersFilesAreTheQuerysOwnProgress() throws Exception {
        for (RecordedRun run : List.of(stable, unstable)) {
            assertThat(run.appExit).as(run.story()).isZero();
            List<QueryProgress> progress = run.output.stream().filter(l -> l.startsWith("PROGRESS ")).map(l -> QueryProgress.fromJson(l.substring(9))).toList();
            assertThat(progress).as(run.story()).hasSizeGreaterThanOrEqualTo(6);
            Map<Long, BatchMetrics> byId = run.listenerBatches().stream().collect(Collectors.toMap(BatchMetrics::batchId, Function.identity()));
            for (QueryProgress p : progress) {
                BatchMetrics m = byId.get(p.batchId());
                assertThat(m).as("micro-batch %d of %s in the listener's file", p.batchId(), run.app.name).isNotNull();
                assertThat(m.job()).isEqualTo(run.app.name);
                assertThat(m.batchIntervalMs()).as("the trigger interval").isEqualTo(run.app.batchIntervalMs);
                assertThat(m.batchTimeMs()).isEqualTo(p.timestampMs());
                assertThat(m.records()).isEqualTo(p.numInputRows());
                assertThat(m.processingTimeMs()).isEqualTo(p.triggerExecutionMs());
                assertThat(m.durationMs()).isEqualTo(p.durationMs());
            }
        }
    }

    @Test
    void theEventLogHoldsTheMicroBatchesTheListenerSaw() throws Exception {
        for (RecordedRun run : List.of(stable, unstable)) {
            Path out = run.dir.resolve("analyze-batches.jsonl");
            RecordedRun.Cli analyze = run.ssp(concat(new String[] {"analyze", run.eventLogDir().toString(), "--metrics-out", out.toString(), "--no-report"},
                    interval(run)));
            assertThat(analyze.code()).as(analyze.out() + analyze.err()).isZero();
            List<BatchMetrics> fromLog = JsonLines.read(out).batches();
            Map<Long, BatchMetrics> fromListener = run.listenerBatches().stream().collect(Collectors.toMap(BatchMetrics::batchId, Function.identity()));
            assertThat(fromLog.stream().map(BatchMetrics::batchId)).as(run.app.name).containsExactlyInAnyOrderElementsOf(fromListener.keySet());
            for (BatchMetrics m : fromLog) {
                BatchMetrics l = fromListener.get(m.batchId());
                assertThat(m.job()).isEqualTo(run.app.name);
                assertThat(m.batchIntervalMs()).as("the trigger, read off the batches or given").isEqualTo(run.app.batchIntervalMs);
                assertThat(m.batchTimeMs()).isEqualTo(l.batchTimeMs());
                assertThat(m.records()).isEqualTo(l.records());
                assertThat(m.processingTimeMs()).isEqualTo(l.processingTimeMs());
            }
        }
    }

    @Test
    void watchAndTheEventLogGiveTheListenersVerdict() throws Exception {
        for (RecordedRun run : List.of(stable, unstable)) {
            Verdict expected = run == stable ? Verdict.STABLE : Verdict.UNSTABLE;
            RunSummary listener = Watcher.summarize(run.listenerBatches());
            assertThat(listener.verdict()).as("%s: %s", run.app.name, listener.reason()).isEqualTo(expected);

            assertThat(run.watch.code()).as(run.story()).isEqualTo(ExitCodes.OK);
            assertThat(run.watch.out()).contains("batches from the listener's files").contains("the app ended");
            assertThat(Watcher.summarize(run.watchedBatches()).verdict()).as(run.story()).isEqualTo(expected);

            RecordedRun.Cli analyze = run.ssp(concat(new String[] {"analyze", run.eventLogDir().toString(), "--out", run.dir.resolve("analyze").toString()},
                    interval(run)));
            assertThat(analyze.code()).as(analyze.out() + analyze.err()).isZero();
            assertThat(analyze.out()).contains("verdict: " + expected + " ");
            assertThat(run.dir.resolve("analyze/" + run.app.name + ".html")).isNotEmptyFile();
        }
    }

    @Test
    void theFitFindsTheKnownPerRecordCost() throws Exception {
        for (RecordedRun run : List.of(stable, unstable)) {
            String[] args = concat(new String[] {"plan", "--from", run.eventLogDir().toString(), "--json"},
                    run == stable ? new String[0] : new String[] {"--batch-interval", "1s"});
            RecordedRun.Cli plan = run.ssp(args);
            assertThat(plan.code()).as(plan.err()).isZero();
            JsonNode fit = Json.MAPPER.readTree(plan.out()).get("fit");
            // The stable query's tasks all read 20 rows (the rate source is even): Σt/Σn, the cost plus a task's fixed time
            // over 20 rows. The unstable one's grow batch after batch: a least-squares slope (PlainApp).
            // (A first micro-batch that took in the rows of a slow start makes the stable query's sizes differ too: least squares.)
            assertThat(fit.get("method").asText()).as("%s: %s", run.app.name, fit).isIn(run == stable ? List.of("TASKS_RATIO", "TASKS_LINEAR") : List.of("TASKS_LINEAR"));
            double known = run.app.costMs;
            // Σt/Σn also carries each task's fixed time (launch, deserialisation) over its 20 rows: tens of ms on an idle
            // machine, over 60 ms under load (a CPU-throttled run read 23.1 ms). So above the known cost the ratio gets room
            // for RATIO_FIXED_TIME_MS per task; the least-squares slope leaves the fixed time out and keeps the 15 %.
            double above = fit.get("method").asText().equals("TASKS_RATIO") ? RATIO_FIXED_TIME_MS / ROWS_PER_TASK : 0;
            assertThat(fit.get("perRecordMs").asDouble()).as("%s: fitted per-record cost (known %d ms): %s", run.app.name, run.app.costMs, fit)
                    .isBetween(known * (1 - PlainDStreamAppTest.FIT_TOLERANCE), known * (1 + PlainDStreamAppTest.FIT_TOLERANCE) + above);
            assertThat(fit.get("perRecordCi95Ms").asDouble()).as("an interval, narrower than the estimate").isPositive().isLessThan(known);
        }
    }

    @Test
    void aQueryWithoutTheListenersFolderIsOneLineAndExitTwo() {
        RecordedRun.Cli refused = stable.watchWithoutFolder;
        assertThat(refused.code()).isEqualTo(ExitCodes.USAGE);
        assertThat(refused.errLines()).hasSize(1).allMatch(l -> l.contains("has no DStream StreamingContext") && l.contains("--metrics-dir"));
    }

    @Test
    void nothingAnsweringIsOneLineAndExitTwo() {
        RecordedRun.Cli refused = RecordedRun.Cli.run("watch", "http://127.0.0.1:" + PlainApp.freeUiPort());
        assertThat(refused.code()).isEqualTo(ExitCodes.USAGE);
        assertThat(refused.errLines()).hasSize(1).allMatch(l -> l.contains("no Spark UI answers at"));
    }

    @Test
    void notAnAddressIsOneLineAndExitTwo() {
        RecordedRun.Cli refused = RecordedRun.Cli.run("watch", "localhost:4040");
        assertThat(refused.code()).isEqualTo(ExitCodes.USAGE);
        assertThat(refused.errLines()).hasSize(1).allMatch(l -> l.contains("not a Spark UI address"));
    }

    private static String[] concat(String[] a, String[] b) {
        String[] all = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }
}
