package io.ssplab.run;

import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.ToIntFunction;

import io.ssplab.core.BatchMetrics;
import io.ssplab.core.Messages;

/**
 * When a run stops by itself: after a number of <em>measured</em> batches — those after the warm-up
 * ({@code io.ssplab.metrics.Warmup}), so every run that stops this way has exactly that many batches
 * behind its numbers — or after a duration, whichever comes first; with neither, at Ctrl-C. The one
 * stop rule of {@code run --batches}, the demo's acts, the grader and the sweep's cells.
 *
 * @param measuredBatches stop once this many batches after warm-up have completed; null for no limit
 * @param duration        stop after this long; null for no limit
 */
public record RunLimits(Integer measuredBatches, Duration duration) {
    public static final RunLimits NONE = new RunLimits(null, null);

    public static RunLimits batches(int measured) {
        return new RunLimits(measured, null);
    }

    public RunLimits withDuration(Duration d) {
        return new RunLimits(measuredBatches, d);
    }

    /**
     * The batch-count half of the rule, as a sink for a run's listener: after each completed batch, requests
     * the stop once the batches past the warm-up reach {@link #measuredBatches}. {@code warmup} is the API's own
     * warm-up rule over the batches so far ({@code Warmup} for DStreams, {@code StructuredWarmup} for queries).
     * Null when there is no batch limit.
     */
    public Consumer<BatchMetrics> stopWhenMeasured(List<BatchMetrics> batches, ToIntFunction<List<BatchMetrics>> warmup, StopSignal stop) {
        if (measuredBatches == null) return null;
        int wanted = measuredBatches;
        return m -> {
            if (batches.size() - warmup.applyAsInt(batches) >= wanted) {
                stop.request(Messages.get("run.stop.measured", Messages.count(wanted, "noun.batch")));
            }
        };
    }
}
