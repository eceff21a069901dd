package io.ssplab.grader;

import java.util.List;

import io.ssplab.core.BatchMetrics;
import io.ssplab.core.Knobs;
import io.ssplab.core.RunSummary;
import io.ssplab.core.Stats;
import io.ssplab.metrics.StructuredSummarizer;
import io.ssplab.metrics.StructuredWarmup;
import io.ssplab.metrics.Summarizer;

/**
 * What a graded Structured Streaming run measured ({@link Evidence} is the DStream one): the knobs and every
 * micro-batch. The criteria are pure functions of this, so they are tested on recorded queries. The batches
 * they judge are those after the query's warm-up ({@link StructuredWarmup}, the rule every view of a query
 * uses), and the verdict is the run summary's own ({@link StructuredSummarizer}).
 *
 * @param lesson           the step the run is judged for
 * @param knobs            the knobs the exercise ran with
 * @param batches          every micro-batch, in order, warm-up included
 * @param wantedBatches    batches the check wanted to measure after warm-up
 * @param stopReason       why the run stopped
 * @param timeLimitReached whether the run ended at the check's time limit rather than when asked to
 */
public record QueryEvidence(Lesson lesson, Knobs knobs, List<BatchMetrics> batches, int wantedBatches, String stopReason,
                            boolean timeLimitReached) {

    public QueryEvidence {
        batches = List.copyOf(batches);
    }

    public int warmup() {
        return StructuredWarmup.batches(batches, Summarizer.nominalLines(knobs));
    }

    /** The batches the criteria judge: those after warm-up. */
    public List<BatchMetrics> measured() {
        return batches.subList(warmup(), batches.size());
    }

    /** The run summary's numbers and verdict, over the same batches. */
    public RunSummary summary() {
        return StructuredSummarizer.summarize(knobs, batches, warmup(), null);
    }

    public long triggerMs() {
        return knobs.batchIntervalMs();
    }

    /** r·T: the rows of a micro-batch that starts on time. */
    public double onTimeRows() {
        return knobs.linesPerBatch();
    }

    public double medianDurationMs() {
        return Stats.median(measured().stream().mapToDouble(BatchMetrics::processingTimeMs).toArray());
    }

    /** Measured micro-batches that lasted longer than the trigger. */
    public int batchesOverTrigger() {
        return (int) measured().stream().filter(BatchMetrics::overBudget).count();
    }

    public double medianRows() {
        return Stats.median(measured().stream().mapToDouble(BatchMetrics::records).toArray());
    }

    public long firstRows() {
        List<BatchMetrics> m = measured();
        return m.isEmpty() ? 0 : m.get(0).records();
    }

    public long lastRows() {
        List<BatchMetrics> m = measured();
        return m.isEmpty() ? 0 : m.get(m.size() - 1).records();
    }

    /** g: the growth of the rows per batch (least-squares slope over the mean), over the measured batches. */
    public double rowsGrowth() {
        return StructuredSummarizer.rowsGrowth(measured().stream().mapToDouble(BatchMetrics::records).toArray());
    }

    /** Least-squares growth of the lateness (the query's scheduling delay), ms per batch. */
    public double latenessSlopeMsPerBatch() {
        return Summarizer.schedulingDelayTrend(measured().stream().mapToDouble(BatchMetrics::schedulingDelayMs).toArray());
    }

    public long lastLatenessMs() {
        List<BatchMetrics> m = measured();
        return m.isEmpty() ? 0 : m.get(m.size() - 1).schedulingDelayMs();
    }

    public long maxLatenessMs() {
        return measured().stream().mapToLong(BatchMetrics::schedulingDelayMs).max().orElse(0);
    }

    /** Measured micro-batches that started later than {@code shareOfT} × T after their trigger slot. */
    public int batchesLateOver(double shareOfT) {
        return (int) measured().stream().filter(b -> b.schedulingDelayMs() > shareOfT * b.batchIntervalMs()).count();
    }
}
