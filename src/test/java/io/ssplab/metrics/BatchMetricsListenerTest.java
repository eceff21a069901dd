package io.ssplab.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.spark.streaming.Time;
import org.apache.spark.streaming.scheduler.BatchInfo;
import org.apache.spark.streaming.scheduler.StreamingListenerBatchCompleted;
import org.apache.spark.streaming.scheduler.StreamingListenerBatchSubmitted;
import org.junit.jupiter.api.Test;

import io.ssplab.core.BatchMetrics;

/** The listener on hand-made Spark events: no Spark context needed. */
class BatchMetricsListenerTest {

    /** A batch cut at {@code timeMs}, submitted then, started after {@code sdMs} and done after {@code ptMs} more. */
    private static BatchInfo batch(long timeMs, long sdMs, long ptMs) {
        return new BatchInfo(new Time(timeMs), scala.collection.immutable.Map$.MODULE$.empty(), timeMs,
                scala.Option.apply(timeMs + sdMs), scala.Option.apply(timeMs + sdMs + ptMs),
                scala.collection.immutable.Map$.MODULE$.empty());
    }

    @Test
    void reportsPtSdAndTheBacklogOfEachCompletedBatch() {
        List<BatchMetrics> seen = new ArrayList<>();
        BatchMetricsListener listener = new BatchMetricsListener("phase2", 2000, n -> { }).onBatch(seen::add);
        listener.onBatchSubmitted(new StreamingListenerBatchSubmitted(batch(2000, 0, 0)));
        listener.onBatchSubmitted(new StreamingListenerBatchSubmitted(batch(4000, 0, 0)));
        listener.onBatchCompleted(new StreamingListenerBatchCompleted(batch(2000, 100, 2500)));
        assertThat(seen).singleElement().satisfies(m -> {
            assertThat(m.processingTimeMs()).isEqualTo(2500);
            assertThat(m.schedulingDelayMs()).isEqualTo(100);
            assertThat(m.totalDelayMs()).isEqualTo(2600);
            assertThat(m.queuedBatches()).as("the 4000 batch, cut and not started").isEqualTo(1);
        });
    }

    @Test
    void onceASinkAsksToStopNoLaterBatchReachesAnySink() {
        List<BatchMetrics> seen = new ArrayList<>();
        AtomicInteger completed = new AtomicInteger();
        io.ssplab.run.StopSignal stop = new io.ssplab.run.StopSignal();
        BatchMetricsListener listener = new BatchMetricsListener("phase2", 2000, n -> { }).onBatch(seen::add)
                .closeOnStop(stop::requested)
                .onBatch(m -> {
                    if (completed.incrementAndGet() >= 3) stop.request("3 batches completed");
                });
        // An overloaded job: queued batches complete one right after the other, before the job has stopped.
        for (int i = 1; i <= 5; i++) listener.onBatchCompleted(new StreamingListenerBatchCompleted(batch(2000L * i, 600L * i, 2600)));
        assertThat(seen).extracting(BatchMetrics::batchTimeMs).containsExactly(2000L, 4000L, 6000L);
        assertThat(completed).hasValue(3);
    }
}
