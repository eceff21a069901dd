package io.ssplab.model;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;

import io.ssplab.metrics.ConsoleTable;

/**
 * What the model predicts for one batch of a workload, with the arithmetic behind it.
 *
 * @param workload                  the setting predicted
 * @param arithmetic                records, partitions, slots, waves and cost time
 * @param overheadMs                Spark's own time for a batch of this workload
 * @param overhead                  where the overhead comes from (calibration or default)
 * @param predictedProcessingTimeMs PT = overhead + cost time
 */
public record Prediction(Workload workload, BatchArithmetic arithmetic, double overheadMs, Overhead overhead,
                         double predictedProcessingTimeMs) {

    public long batchIntervalMs() {
        return workload.spec().batchIntervalMs();
    }

    /** ρ = PT / BI: the share of each interval the batch needs. */
    public double ratio() {
        return predictedProcessingTimeMs / batchIntervalMs();
    }

    /** Stable when a batch ends before the next one is cut: ρ &lt; 1. */
    public boolean stable() {
        return ratio() < 1;
    }

    /** When unstable: each batch starts this much later than the one before (PT − BI); 0 when stable. */
    public double schedulingDelayGrowthMsPerBatch() {
        return stable() ? 0 : predictedProcessingTimeMs - batchIntervalMs();
    }

    /** When stable: time left in each interval (BI − PT); 0 when unstable. */
    public double headroomMs() {
        return stable() ? batchIntervalMs() - predictedProcessingTimeMs : 0;
    }

    /** The whole explanation, one step per line, for a console or a report. */
    public List<String> explain() {
        List<String> lines = new ArrayList<>(arithmetic.explain(workload));
        lines.add(String.format(Locale.ROOT, "overhead            %s for %d tasks in %d waves on %d slot%s — %s", seconds(overheadMs),
                workload.tasksPerBatch(), workload.taskWavesPerBatch(), arithmetic.freeSlots(), arithmetic.freeSlots() == 1 ? "" : "s",
                overhead.source()));
        lines.add(String.format(Locale.ROOT, "predicted PT        %s cost + %s overhead = %s", seconds(arithmetic.costTimeMs()),
                seconds(overheadMs), seconds(predictedProcessingTimeMs)));
        lines.add(String.format(Locale.ROOT, "PT / BI (ρ)         %s / %s = %.2f → %s", seconds(predictedProcessingTimeMs),
                seconds(batchIntervalMs()), ratio(), stable() ? "STABLE" : "UNSTABLE"));
        lines.add(consequence());
        return lines;
    }

    /** What ρ means for this job: how fast it falls behind, or how much room it has. */
    public String consequence() {
        long bi = batchIntervalMs();
        if (!stable()) {
            int perMinute = (int) Math.max(1, Math.round(60_000.0 / bi));
            return String.format(Locale.ROOT, "scheduling delay    grows ≈ %s per batch (PT − BI), without bound: after %d batches (%s of input) ≈ %s behind",
                    seconds(schedulingDelayGrowthMsPerBatch()), perMinute, seconds(perMinute * (double) bi),
                    seconds(perMinute * schedulingDelayGrowthMsPerBatch()));
        }
        String room = String.format(Locale.ROOT, "headroom            %s per batch (%.0f%% of BI unused); scheduling delay stays ≈ 0",
                seconds(headroomMs()), 100 * headroomMs() / bi);
        if (arithmetic.costTimeMs() > 0) {
            room += String.format(Locale.ROOT, "; the cost could grow %.2f× before PT reaches BI",
                    (bi - overheadMs) / arithmetic.costTimeMs());
        }
        return room;
    }

    /**
     * This prediction next to an earlier setting's (phase 3 after phase 2, step 2 after step 1): both
     * computations on one line each, and where the difference in cost time comes from — records each
     * slot works through per batch, and the cost per record.
     */
    public List<String> compareWith(String beforeName, Prediction before) {
        String unit = workload.spec().costUnit().label();
        double slotRecordsBefore = before.arithmetic.waves() * before.arithmetic.recordsPerPartition();
        double slotRecordsNow = arithmetic.waves() * arithmetic.recordsPerPartition();
        List<String> lines = new ArrayList<>();
        lines.add((stable() && !before.stable() ? "why it is stable now, compared with " : "compared with ") + beforeName + ":");
        lines.add("  before  " + before.oneLine());
        lines.add("  now     " + oneLine());
        String factor = arithmetic.costTimeMs() > 0
                ? String.format(Locale.ROOT, ": %.1f× %s cost time", Math.max(before.arithmetic.costTimeMs(), arithmetic.costTimeMs())
                        / Math.min(before.arithmetic.costTimeMs(), arithmetic.costTimeMs()),
                        before.arithmetic.costTimeMs() >= arithmetic.costTimeMs() ? "less" : "more")
                : "";
        lines.add(String.format(Locale.ROOT, "  the busiest slot works through %.0f → %.0f %ss per batch (%d partitions on %d free slots → %d on %d), at %s → %s ms each%s",
                slotRecordsBefore, slotRecordsNow, unit, before.arithmetic.partitions(), before.arithmetic.freeSlots(),
                arithmetic.partitions(), arithmetic.freeSlots(), ConsoleTable.trim(before.workload.spec().costMs()),
                ConsoleTable.trim(workload.spec().costMs()), factor));
        return lines;
    }

    /** "local[4], P=4, 15 ms/line, BI 2.00 s: 2 waves × 70.0 lines × 15 ms = 2.10 s + 0.25 s = 2.35 s → ρ 1.18 UNSTABLE" */
    public String oneLine() {
        String unit = workload.spec().costUnit().label();
        return String.format(Locale.ROOT, "%s: %d wave%s × %.1f %ss × %s ms = %s + %s = %s → ρ %.2f %s", settingLabel(), arithmetic.waves(),
                arithmetic.waves() == 1 ? "" : "s", arithmetic.recordsPerPartition(), unit, ConsoleTable.trim(workload.spec().costMs()),
                seconds(arithmetic.costTimeMs()), seconds(overheadMs), seconds(predictedProcessingTimeMs), ratio(),
                stable() ? "STABLE" : "UNSTABLE");
    }

    /** The prediction as flat JSON fields (plan --json, sweep.json). */
    public Map<String, Object> fields() {
        var spec = workload.spec();
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("job", spec.job());
        f.put("master", spec.master());
        f.put("cores", workload.cores());
        f.put("receivers", workload.receivers());
        f.put("freeSlots", arithmetic.freeSlots());
        f.put("batchIntervalMs", spec.batchIntervalMs());
        f.put("linesPerSecond", spec.linesPerSecond());
        f.put("wordsPerLine", spec.wordsPerLine());
        f.put("costMs", spec.costMs());
        f.put("costUnit", spec.costUnit().label());
        f.put("repartitioned", workload.repartitioned());
        f.put("blockIntervalMs", spec.blockInterval().toMillis());
        f.put("partitions", arithmetic.partitions());
        f.put("linesPerBatch", arithmetic.linesPerBatch());
        f.put("costedRecordsPerBatch", arithmetic.costedRecordsPerBatch());
        f.put("recordsPerPartition", arithmetic.recordsPerPartition());
        f.put("waves", arithmetic.waves());
        f.put("lastWaveTasks", arithmetic.lastWaveTasks());
        f.put("partialLastWave", arithmetic.partialLastWave());
        f.put("tasksPerBatch", workload.tasksPerBatch());
        f.put("taskWavesPerBatch", workload.taskWavesPerBatch());
        f.put("costTimeMs", arithmetic.costTimeMs());
        f.put("overheadMs", overheadMs);
        f.put("overheadCalibrated", overhead.calibrated());
        f.put("overheadSource", overhead.source());
        f.put("predictedProcessingTimeMs", predictedProcessingTimeMs);
        f.put("ratio", ratio());
        f.put("stable", stable());
        f.put("schedulingDelayGrowthMsPerBatch", schedulingDelayGrowthMsPerBatch());
        f.put("headroomMs", headroomMs());
        return f;
    }

    /** One line: "local[4], P=4, 5.6 ms/word, BI 2.00 s". */
    public String settingLabel() {
        var spec = workload.spec();
        return String.format(Locale.ROOT, "%s, P=%d, %s ms/%s, BI %s", workload.masterLabel(), arithmetic.partitions(),
                ConsoleTable.trim(spec.costMs()), spec.costUnit().label(), seconds(spec.batchIntervalMs()));
    }

    static String seconds(double ms) {
        return String.format(Locale.ROOT, "%.2f s", ms / 1000);
    }
}
