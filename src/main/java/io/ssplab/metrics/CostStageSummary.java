package io.ssplab.metrics;

import java.util.List;

import io.ssplab.core.BatchMetrics;
import io.ssplab.core.Format;
import io.ssplab.core.Messages;
import io.ssplab.core.Stats;

/**
 * The cost stage's tasks over a run: per batch its longest and median task, then the median of each over
 * the measured batches — the numbers a practitioner reads on the Spark UI's stage page (Summary Metrics:
 * Duration Median and Max) to spot skew, here for every batch at once.
 *
 * @param batches        measured batches that carried task metrics
 * @param maxMs          median over batches of the longest task
 * @param medianMs       median over batches of the median task
 * @param skew           median over batches of longest / median (1: even tasks; NaN when no median was measurable)
 * @param maxRecords     the most records one task read, over all those batches
 */
public record CostStageSummary(int batches, double maxMs, double medianMs, double skew, long maxRecords) {

    /** Over the batches that carry task metrics; null when none does. */
    public static CostStageSummary of(List<BatchMetrics> measured) {
        List<BatchMetrics> known = measured.stream().filter(BatchMetrics::hasCostStage).toList();
        if (known.isEmpty()) return null;
        double[] skews = known.stream().mapToDouble(BatchMetrics::costStageSkew).filter(v -> !Double.isNaN(v)).toArray();
        return new CostStageSummary(known.size(),
                Stats.median(known.stream().mapToDouble(BatchMetrics::costStageTaskMaxMs).toArray()),
                Stats.median(known.stream().mapToDouble(BatchMetrics::costStageTaskMedianMs).toArray()),
                skews.length == 0 ? Double.NaN : Stats.median(skews),
                known.stream().mapToLong(b -> b.costStageMaxRecordsPerTask() == null ? 0 : b.costStageMaxRecordsPerTask()).max().orElse(0));
    }

    /** One line for the run's summary, in the current language. */
    public String line() {
        return Messages.get("summary.costStage", Messages.count(batches, "noun.batch"), Format.seconds(maxMs), Format.seconds(medianMs),
                Double.isNaN(skew) ? "—" : Format.fixed(skew, 1), Format.integer(maxRecords));
    }
}
