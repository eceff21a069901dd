package io.ssplab.run;

import java.time.Duration;

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
}
