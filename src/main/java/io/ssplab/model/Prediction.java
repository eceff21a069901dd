package io.ssplab.model;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.ssplab.core.Columns;
import io.ssplab.core.Format;
import io.ssplab.core.Json;
import io.ssplab.core.Knobs;
import io.ssplab.core.Lang;
import io.ssplab.core.Messages;
import io.ssplab.core.Verdict;

/**
 * What the model predicts for one batch of a workload, with the arithmetic behind it.
 *
 * @param workload                  the setting predicted
 * @param arithmetic                records, partitions, slots, waves and cost time
 * @param overheadMs                Spark's own time for a batch of this workload
 * @param overhead                  where the overhead comes from (calibration, default, an earlier act)
 * @param predictedProcessingTimeMs PT = overhead + cost time
 */
public record Prediction(Workload workload, BatchArithmetic arithmetic, double overheadMs, Overhead overhead,
                         double predictedProcessingTimeMs) {

    public Knobs knobs() {
        return workload.knobs();
    }

    public long batchIntervalMs() {
        return workload.knobs().batchIntervalMs();
    }

    /** ρ = PT / BI: the share of each interval the batch needs. */
    public double ratio() {
        return predictedProcessingTimeMs / batchIntervalMs();
    }

    /** Stable when a batch ends no later than the next one is cut ({@link Verdict#keepsUp}). */
    public boolean stable() {
        return Verdict.keepsUp(ratio());
    }

    public Verdict verdict() {
        return Verdict.ofRatio(ratio());
    }

    /** When unstable: each batch starts this much later than the one before (PT − BI); 0 when stable. */
    public double schedulingDelayGrowthMsPerBatch() {
        return stable() ? 0 : predictedProcessingTimeMs - batchIntervalMs();
    }

    /** When stable: time left in each interval (BI − PT); 0 when unstable. */
    public double headroomMs() {
        return stable() ? batchIntervalMs() - predictedProcessingTimeMs : 0;
    }

    /** The whole explanation, one step per line, in the current language. */
    public List<String> explain() {
        return explain(Lang.current());
    }

    public List<String> explain(Lang lang) {
        List<String> lines = new ArrayList<>(arithmetic.explain(workload, lang));
        BatchArithmetic.Lines more = new BatchArithmetic.Lines(lang);
        more.add("arith.label.overhead", Messages.in(lang, overhead.unit() == Overhead.Unit.TASK && Overhead.inSeries(workload)
                        ? "predict.overhead.inSeries" : "predict.overhead", Format.seconds(lang, overheadMs),
                Messages.count(lang, workload.tasksPerBatch(), "noun.task"), Overhead.countedTasksSum(workload), overhead.describe(lang), Overhead.PARALLEL_TASK_WORK));
        more.add("arith.label.predictedPt", Messages.in(lang, "predict.pt", Format.seconds(lang, arithmetic.costTimeMs()),
                Format.seconds(lang, overheadMs), Format.seconds(lang, predictedProcessingTimeMs)));
        more.add("arith.label.ratio", Messages.in(lang, "predict.ratio", Format.seconds(lang, predictedProcessingTimeMs),
                Format.seconds(lang, batchIntervalMs()), Format.fixed(lang, ratio(), 2), verdict()));
        lines.addAll(more.lines);
        lines.add(consequence(lang));
        return lines;
    }

    /** What ρ means for this job: how fast it falls behind, or how much room it has. */
    public String consequence(Lang lang) {
        long bi = batchIntervalMs();
        BatchArithmetic.Lines line = new BatchArithmetic.Lines(lang);
        if (!stable()) {
            int perMinute = (int) Math.max(1, Math.round(60_000.0 / bi));
            line.add("arith.label.sdGrowth", Messages.in(lang, "predict.sdGrows", Format.seconds(lang, schedulingDelayGrowthMsPerBatch()),
                    perMinute, Format.seconds(lang, perMinute * (double) bi), Format.seconds(lang, perMinute * schedulingDelayGrowthMsPerBatch())));
            return line.lines.get(0);
        }
        String room = Messages.in(lang, "predict.headroom", Format.seconds(lang, headroomMs()), Format.percent(lang, headroomMs() / bi));
        if (arithmetic.costTimeMs() > 0) {
            room += Messages.in(lang, "predict.costCouldGrow", Format.fixed(lang, (bi - overheadMs) / arithmetic.costTimeMs(), 2));
        }
        line.add("arith.label.headroom", room);
        return line.lines.get(0);
    }

    /**
     * This prediction next to an earlier setting's (phase 3 after phase 2, step 2 after step 1): both
     * computations on one line each, and where the difference in cost time comes from — records each
     * slot works through per batch, and the cost per record.
     */
    public List<String> compareWith(String beforeName, Prediction before) {
        Lang lang = Lang.current();
        String unit = Messages.noun(lang, 2, "noun." + knobs().costUnit().label());
        List<String> lines = new ArrayList<>();
        lines.add(Messages.get(stable() && !before.stable() ? "predict.compare.whyStable" : "predict.compare.head", beforeName));
        String b4 = Messages.get("predict.compare.before");
        String now = Messages.get("predict.compare.now");
        int width = Math.max(Columns.width(b4), Columns.width(now)) + 2;
        lines.add("  " + Columns.left(b4, width) + before.oneLine());
        lines.add("  " + Columns.left(now, width) + oneLine());
        double b = before.arithmetic.costTimeMs();
        double n = arithmetic.costTimeMs();
        String factor = n > 0 && b > 0 ? Messages.get(b >= n ? "predict.compare.less" : "predict.compare.more", Format.fixed(Math.max(b, n) / Math.min(b, n), 1)) : "";
        lines.add("  " + Messages.get("predict.compare.busiestSlot", Format.fixed(before.arithmetic.recordsPerSlot(), 0),
                Format.fixed(arithmetic.recordsPerSlot(), 0), unit, before.arithmetic.partitions(), before.arithmetic.freeSlots(),
                arithmetic.partitions(), arithmetic.freeSlots(), Format.plain(before.knobs().costMs()), Format.plain(knobs().costMs()), factor));
        return lines;
    }

    /** "local[4], P=4, 15 ms/line, BI 2.00 s: 2 waves × 70.0 lines × 15 ms = 2.10 s + 0.06 s = 2.16 s → ρ 1.08 UNSTABLE" */
    public String oneLine() {
        Lang lang = Lang.current();
        if (!arithmetic.even()) {
            // a hot partition or CPU-bound work: the records the batch waits for are not waves × the mean partition
            return Messages.get("predict.oneLine.busiest", settingLabel(), Format.fixed(arithmetic.recordsPerSlot(), 1),
                    Messages.noun(lang, 2, "noun." + knobs().costUnit().label()), Format.plain(knobs().costMs()), Format.seconds(arithmetic.costTimeMs()),
                    Format.seconds(overheadMs), Format.seconds(predictedProcessingTimeMs), Format.fixed(ratio(), 2), verdict());
        }
        return Messages.get("predict.oneLine", settingLabel(), Messages.count(lang, arithmetic.waves(), "noun.wave"),
                Format.fixed(arithmetic.recordsPerPartition(), 1), Messages.noun(lang, 2, "noun." + knobs().costUnit().label()),
                Format.plain(knobs().costMs()), Format.seconds(arithmetic.costTimeMs()), Format.seconds(overheadMs),
                Format.seconds(predictedProcessingTimeMs), Format.fixed(ratio(), 2), verdict());
    }

    /** The prediction as flat JSON fields (plan --json, sweep.json): the knobs' own fields, then the model's. */
    public Map<String, Object> fields() {
        @SuppressWarnings("unchecked")
        Map<String, Object> f = new LinkedHashMap<>(Json.MAPPER.convertValue(knobs(), Map.class));
        f.put("cores", workload.cores());
        f.put("receivers", workload.receivers());
        if (workload.kafka()) f.put("kafkaPartitions", workload.sourcePartitions()); // a Kafka source: one task each, no receiver
        f.put("freeSlots", arithmetic.freeSlots());
        f.put("repartitioned", workload.repartitioned());
        f.put("costStagePartitions", arithmetic.partitions());
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
        f.put("overheadSource", overhead.token());
        f.put("predictedProcessingTimeMs", predictedProcessingTimeMs);
        f.put("ratio", ratio());
        f.put("stable", stable());
        f.put("verdict", verdict());
        f.put("schedulingDelayGrowthMsPerBatch", schedulingDelayGrowthMsPerBatch());
        f.put("headroomMs", headroomMs());
        // level 2: where the keys put the records, and the CPU cores a CPU-bound cost shares (docs/level2.md)
        f.put("keySalts", workload.keySalts());
        f.put("cpuCores", workload.cpuCores());
        f.put("largestPartitionRecords", arithmetic.largestPartitionRecords());
        f.put("medianPartitionRecords", arithmetic.medianPartitionRecords());
        f.put("criticalRecords", arithmetic.criticalRecords());
        double skew = arithmetic.predictedTaskSkew();
        f.put("predictedTaskSkew", Double.isNaN(skew) ? null : skew);
        return f;
    }

    /** One line: "local[4], P=4, 5.6 ms/word, BI 2.00 s". */
    public String settingLabel() {
        return Messages.get("predict.setting", workload.masterLabel(), arithmetic.partitions(), Format.plain(knobs().costMs()),
                knobs().costUnit().inWords(), Format.seconds(batchIntervalMs()));
    }
}
