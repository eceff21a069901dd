package io.ssplab.plainapps;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.ssplab.core.BatchMetrics;
import io.ssplab.metrics.JsonLines;
import io.ssplab.metrics.QueryProgress;
import io.ssplab.watch.SparkRest;

/**
 * The listener jar on apps written the plain way, added by configuration only: its JSON Lines are Spark's own
 * numbers, batch by batch (the REST API for DStreams, the query's own progress for Structured Streaming), and
 * an unwritable metrics folder costs one WARN line, not the app.
 */
class ListenerJarTest {
    /** Timeouts only: how long a loaded machine may take to start a Spark app, never a measured number. */
    static final long START_MS = 120_000;
    static final long RUN_SLACK_MS = 120_000;

    @Test
    void dstreamFilesMatchTheRestApiBatchByBatch(@TempDir Path dir) throws Exception {
        PlainApp app = PlainApp.stableDStream("plain-dstream", 20);
        List<SparkRest.Batch> rest = new ArrayList<>();
        try (PlainApp.Running r = app.start(dir)) {
            String appId = r.awaitStarted(START_MS);
            SparkRest api = new SparkRest(r.url());
            long deadline = System.currentTimeMillis() + app.seconds * 1000 + RUN_SLACK_MS;
            while (r.process.isAlive() && System.currentTimeMillis() < deadline) {
                try {
                    List<SparkRest.Batch> now = api.batches(appId);
                    if (now.size() >= rest.size()) {
                        rest.clear();
                        rest.addAll(now);
                    }
                } catch (IOException notYetOrGone) {
                    // the StreamingContext is not started yet, or the app is stopping
                }
                Thread.sleep(1000);
            }
            assertThat(r.awaitExit(RUN_SLACK_MS)).as(String.join("\n", r.output())).isZero();
            assertThat(r.output()).noneMatch(l -> l.contains("WARN") && l.contains("ssp listener"));
        }
        List<Path> files = Files.list(dir.resolve("ssp-metrics")).toList();
        assertThat(files).hasSize(1);
        List<BatchMetrics> batches = JsonLines.read(files.get(0)).batches();
        Map<Long, SparkRest.Batch> completed = rest.stream().filter(SparkRest.Batch::completed)
                .collect(Collectors.toMap(SparkRest.Batch::batchTimeMs, Function.identity(), (a, b) -> a, TreeMap::new));
        assertThat(completed).as("batches seen by the REST API").hasSizeGreaterThanOrEqualTo(5);
        long lastInFile = batches.get(batches.size() - 1).batchTimeMs();
        Map<Long, BatchMetrics> byTime = batches.stream().collect(Collectors.toMap(BatchMetrics::batchTimeMs, Function.identity()));
        int compared = 0;
        for (SparkRest.Batch b : completed.values()) {
            if (b.batchTimeMs() > lastInFile) continue;
            BatchMetrics m = byTime.get(b.batchTimeMs());
            assertThat(m).as("batch %d of the REST API in the listener's file", b.batchTimeMs()).isNotNull();
            assertThat(m.job()).isEqualTo("plain-dstream");
            assertThat(m.batchIntervalMs()).isEqualTo(b.batchDurationMs()).isEqualTo(1000);
            assertThat(m.records()).isEqualTo(b.inputSize());
            assertThat(m.processingTimeMs()).isEqualTo(b.processingTimeMs());
            assertThat(m.schedulingDelayMs()).isEqualTo(b.schedulingDelayMs());
            assertThat(m.totalDelayMs()).isEqualTo(b.totalDelayMs());
            compared++;
        }
        assertThat(compared).isGreaterThanOrEqualTo(5);
        assertThat(batches).anyMatch(m -> m.records() > 0);
    }

    @Test
    void queryFilesMatchTheQuerysOwnProgress(@TempDir Path dir) throws Exception {
        PlainApp app = PlainApp.stableQuery("plain-query", 20);
        List<String> output;
        try (PlainApp.Running r = app.start(dir)) {
            r.awaitStarted(START_MS);
            assertThat(r.awaitExit(app.seconds * 1000 + RUN_SLACK_MS)).as(String.join("\n", r.output())).isZero();
            output = r.output();
        }
        List<QueryProgress> progress = output.stream().filter(l -> l.startsWith("PROGRESS ")).map(l -> QueryProgress.fromJson(l.substring(9))).toList();
        assertThat(progress).hasSizeGreaterThanOrEqualTo(5);
        List<Path> files = Files.list(dir.resolve("ssp-metrics")).toList();
        assertThat(files).hasSize(1);
        Map<Long, BatchMetrics> byId = JsonLines.read(files.get(0)).batches().stream()
                .collect(Collectors.toMap(BatchMetrics::batchId, Function.identity()));
        for (QueryProgress p : progress) {
            BatchMetrics m = byId.get(p.batchId());
            assertThat(m).as("micro-batch %d in the listener's file", p.batchId()).isNotNull();
            assertThat(m.job()).isEqualTo("plain-query");
            assertThat(m.batchIntervalMs()).as("the trigger interval").isEqualTo(1000);
            assertThat(m.batchTimeMs()).isEqualTo(p.timestampMs());
            assertThat(m.records()).isEqualTo(p.numInputRows());
            assertThat(m.processingTimeMs()).isEqualTo(p.triggerExecutionMs());
            assertThat(m.durationMs()).isEqualTo(p.durationMs());
        }
    }

    @Test
    void anUnwritableFolderCostsOneWarningNotTheApp(@TempDir Path dir) throws Exception {
        Path notAFolder = Files.writeString(dir.resolve("a-file"), "not a folder");
        PlainApp app = PlainApp.dstream("plain-unwritable", 500, 20, 1, 8).conf("spark.ssp.metrics.dir", notAFolder.resolve("metrics").toString());
        try (PlainApp.Running r = app.start(dir)) {
            r.awaitStarted(START_MS);
            assertThat(r.awaitExit(app.seconds * 1000 + RUN_SLACK_MS)).as(String.join("\n", r.output())).isZero();
            List<String> warnings = r.output().stream().filter(l -> l.contains("cannot write the batch metrics")).toList();
            assertThat(warnings).as(String.join("\n", r.output())).hasSize(1);
            assertThat(warnings.get(0)).contains("WARN").contains("spark.ssp.metrics.dir");
            assertThat(r.output()).contains("DONE");
        }
    }
}
