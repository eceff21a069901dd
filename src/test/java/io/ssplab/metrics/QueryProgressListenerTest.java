package io.ssplab.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Test;

import io.ssplab.core.Api;
import io.ssplab.core.BatchMetrics;
import io.ssplab.core.Json;

/** The listener's mapping of a micro-batch onto the lab's batch fields, on recorded progress events and by hand. */
class QueryProgressListenerTest {
    private static final long T = 3000;

    @Test
    void aRecordedProgressEventFillsEveryField() {
        List<BatchMetrics> b = RecordedQueries.batches("falling-behind", "ss-bottleneck", T);
        assertThat(b).hasSize(8);
        BatchMetrics first = b.get(0);
        // batch 0: the socket source connects while it runs, so it has no row; it starts off the grid, not late
        assertThat(first.batchId()).isZero();
        assertThat(first.records()).isZero();
        assertThat(first.schedulingDelayMs()).isZero();
        assertThat(first.processingTimeMs()).isEqualTo(3407);

        BatchMetrics b2 = b.get(2);
        assertThat(b2.api()).isEqualTo(Api.STRUCTURED);
        assertThat(b2.job()).isEqualTo("ss-bottleneck");
        assertThat(b2.batchId()).isEqualTo(2);
        assertThat(b2.batchTimeMs()).isEqualTo(Instant.parse("2026-11-29T23:15:48.579Z").toEpochMilli());
        assertThat(b2.batchIntervalMs()).isEqualTo(T);
        assertThat(b2.records()).isEqualTo(562);
        assertThat(b2.processingTimeMs()).isEqualTo(4167);
        assertThat(b2.durationMs()).containsOnlyKeys("addBatch", "commitOffsets", "getBatch", "latestOffset", "queryPlanning", "triggerExecution",
                "walCommit").containsEntry("triggerExecution", 4167L);
        assertThat(b2.inputRatePerSec()).isEqualTo(140.1);
        assertThat(b2.inputRowsPerSecond()).isEqualTo(140.1);
        assertThat(b2.processedRowsPerSecond()).isEqualTo(134.9);
        assertThat(b2.queuedBatches()).isZero();
        // batch 1 started at 44.567 s, due at the slot after it, 45.000; it ran until 48.571, and batch 2 followed at once
        assertThat(b2.schedulingDelayMs()).isEqualTo(48_579 - 45_000);
        assertThat(b2.totalDelayMs()).isEqualTo(b2.schedulingDelayMs() + b2.processingTimeMs());
        assertThat(b2.skippedTriggers()).isEqualTo(1);
        assertThat(b2.overBudget()).isTrue();
        // batch 1: batch 0 started at 41.144 s (due 42.000), ended at 44.551, batch 1 followed 16 ms later
        assertThat(b.get(1).schedulingDelayMs()).isEqualTo(44_567 - 42_000);
    }

    @Test
    void batchesOnTheGridAreNotLate() {
        List<BatchMetrics> b = RecordedQueries.batches("stable-baseline", "ss-baseline", T);
        // after the first batches, each starts on a multiple of 3 s since the epoch, within a few ms
        for (BatchMetrics m : b.subList(3, b.size())) {
            assertThat(m.batchTimeMs() % T).isLessThan(QueryProgressListener.ON_GRID_MS);
            assertThat(m.schedulingDelayMs()).isLessThan(QueryProgressListener.ON_GRID_MS);
        }
    }

    @Test
    void latenessByHand() {
        // T 3 s: the grid is 9.000, 12.000, 15.000 … (epoch-aligned)
        QueryProgress prev = progress(1, 10_000, 4_000);          // due at 12.000, ends 14.000: it overran its slot
        assertThat(QueryProgressListener.latenessMs(T, prev, progress(2, 14_010, 100))).isEqualTo(2_010);
        // the previous one ran past two slots: still measured from the slot after its start
        QueryProgress longOne = progress(1, 10_000, 7_500);
        assertThat(QueryProgressListener.latenessMs(T, longOne, progress(2, 17_520, 100))).isEqualTo(5_520);
        // ended in time: the next starts on the grid, not late
        QueryProgress shortOne = progress(1, 9_000, 1_000);
        assertThat(QueryProgressListener.latenessMs(T, shortOne, progress(2, 12_002, 100))).isEqualTo(2);
        // after an idle gap (no data, no batch): on the grid again, however long ago the previous one ended
        assertThat(QueryProgressListener.latenessMs(T, prev, progress(2, 30_001, 100))).isEqualTo(1);
        // the first batch of a query has no schedule to be late against
        assertThat(QueryProgressListener.latenessMs(T, null, progress(0, 10_123, 100))).isZero();
    }

    @Test
    void onlyTheBatchesBeforeTheStopReachTheSinksButTheProgressKeepsCounting() {
        List<BatchMetrics> seen = new ArrayList<>();
        List<Long> progress = new ArrayList<>();
        List<String> json = new ArrayList<>();
        AtomicBoolean stop = new AtomicBoolean();
        QueryProgressListener listener = new QueryProgressListener("ss-overload", T).onBatch(seen::add)
                .onProgress(p -> progress.add(p.batchId())).onProgressJson(json::add).closeOnStop(stop::get)
                .enrich(m -> m.withLatency(1L, 2L, 3L));
        List<RecordedQueries.Event> events = RecordedQueries.events("unstable-overload");
        for (int i = 0; i < events.size(); i++) {
            if (i == 3) stop.set(true);
            listener.accept(events.get(i).progress(), events.get(i).json());
        }
        assertThat(seen).extracting(BatchMetrics::batchId).containsExactly(0L, 1L, 2L, 3L);
        assertThat(seen).allSatisfy(m -> assertThat(m.latencyP95Ms()).isEqualTo(2L));
        assertThat(json).hasSize(4);
        assertThat(progress).hasSize(events.size());
    }

    @Test
    void aDStreamBatchLineIsWhatItWasAndAQueryLineRoundTrips() throws Exception {
        BatchMetrics dstream = new BatchMetrics("phase2", 1_000, 2_000, 280, 140, 2_600, 600, 3_200, 1);
        String line = Json.COMPACT.writeValueAsString(dstream);
        assertThat(line).doesNotContain("api", "batchId", "durationMs", "latency");
        assertThat(Json.COMPACT.readValue(line, BatchMetrics.class)).isEqualTo(dstream);
        BatchMetrics query = RecordedQueries.batches("falling-behind", "ss-bottleneck", T).get(2).withLatency(4_000L, 5_000L, 5_500L);
        String q = Json.COMPACT.writeValueAsString(query);
        assertThat(q).contains("\"api\":\"structured\"", "\"batchId\":2", "\"walCommit\"", "\"latencyP95Ms\":5000", "\"processingTimeMs\":4167");
        assertThat(Json.COMPACT.readValue(q, BatchMetrics.class)).isEqualTo(query);
    }

    private static QueryProgress progress(long id, long startMs, long durationMs) {
        return new QueryProgress(id, startMs, Map.of("triggerExecution", durationMs), 100, 140, 140, durationMs);
    }
}
