package io.ssplab.grader;

import java.util.List;
import java.util.Map;

import io.ssplab.core.BatchMetrics;
import io.ssplab.core.Knobs;
import io.ssplab.core.Stats;
import io.ssplab.metrics.Summarizer;
import io.ssplab.metrics.Warmup;

/**
 * What a graded run measured: the knobs, every completed batch, and the words the job counted in
 * each batch. The criteria are pure functions of this, so they are tested on recorded sequences. The
 * batches they judge are those after the run's warm-up ({@link Warmup}, the rule every view uses), so
 * the grade and the run's summary speak of the same batches and the same median.
 *
 * @param lesson         the step the run is judged for
 * @param knobs          the knobs the exercise ran with
 * @param batches        every completed batch, in order, warm-up included
 * @param wordsPerBatch  batch time (ms) → sum of the job's word counts in that batch
 * @param wantedBatches  batches the check wanted to measure after warm-up
 * @param stopReason     why the run stopped
 * @param timeLimitReached whether the run ended at the check's time limit rather than when asked to
 */
public record Evidence(Lesson lesson, Knobs knobs, List<BatchMetrics> batches, Map<Long, Long> wordsPerBatch, int wantedBatches,
                       String stopReason, boolean timeLimitReached) {

    public Evidence {
        batches = List.copyOf(batches);
        wordsPerBatch = Map.copyOf(wordsPerBatch);
    }

    public int warmup() {
        return Warmup.batches(batches, Summarizer.nominalLines(knobs));
    }

    /** The batches the criteria judge: those after warm-up. */
    public List<BatchMetrics> measured() {
        return batches.subList(warmup(), batches.size());
    }

    public long batchIntervalMs() {
        return knobs.batchIntervalMs();
    }

    public double medianProcessingTimeMs() {
        return Stats.median(measured().stream().mapToDouble(BatchMetrics::processingTimeMs).toArray());
    }

    /** Measured batches whose PT exceeded BI. */
    public int batchesOverBudget() {
        return (int) measured().stream().filter(BatchMetrics::overBudget).count();
    }

    /** Least-squares growth of SD over the measured batches, ms per batch (the summary's own trend). */
    public double schedulingDelaySlopeMsPerBatch() {
        return Summarizer.schedulingDelayTrend(measured().stream().mapToDouble(BatchMetrics::schedulingDelayMs).toArray());
    }

    public long finalSchedulingDelayMs() {
        List<BatchMetrics> m = measured();
        return m.isEmpty() ? 0 : m.get(m.size() - 1).schedulingDelayMs();
    }

    public long maxSchedulingDelayMs() {
        return measured().stream().mapToLong(BatchMetrics::schedulingDelayMs).max().orElse(0);
    }

    /** Measured batches that started later than {@code shareOfBi} × BI after being cut. */
    public int batchesDelayedOver(double shareOfBi) {
        return (int) measured().stream().filter(b -> b.schedulingDelayMs() > shareOfBi * b.batchIntervalMs()).count();
    }

    /** Measured batches that completed while later batches were already waiting. */
    public int batchesWithQueue() {
        return (int) measured().stream().filter(b -> b.queuedBatches() > 0).count();
    }

    public int maxQueuedBatches() {
        return measured().stream().mapToInt(BatchMetrics::queuedBatches).max().orElse(0);
    }

    /** Lines per second the receiver delivered, averaged over the measured batches. */
    public double meanInputRatePerSec() {
        return Stats.mean(measured().stream().mapToDouble(BatchMetrics::inputRatePerSec).toArray());
    }

    /** Median lines per measured batch. */
    public double medianLinesPerBatch() {
        return Stats.median(measured().stream().mapToDouble(BatchMetrics::records).toArray());
    }

    /** Lines received in the batches whose words were counted (warm-up included: every line counts). */
    public long linesReceived() {
        return batches.stream().filter(b -> wordsPerBatch.containsKey(b.batchTimeMs())).mapToLong(BatchMetrics::records).sum();
    }

    /** What the counts must add up to: every received line has {@code wordsPerLine} words. */
    public long wordsExpected() {
        return linesReceived() * knobs.wordsPerLine();
    }

    public long wordsCounted() {
        return batches.stream().mapToLong(b -> wordsPerBatch.getOrDefault(b.batchTimeMs(), 0L)).sum();
    }

    /** Batches whose counts were seen (each completed batch should have one). */
    public int batchesCounted() {
        return (int) batches.stream().filter(b -> wordsPerBatch.containsKey(b.batchTimeMs())).count();
    }
}
