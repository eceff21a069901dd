package io.ssplab.model;

import java.util.ArrayList;
import java.util.List;

import io.ssplab.core.CostKind;
import io.ssplab.core.Format;
import io.ssplab.core.KeyDistribution;
import io.ssplab.core.Knobs;
import io.ssplab.core.Lang;
import io.ssplab.core.Messages;

/**
 * What {@code bin/ssp plan} adds for the two lessons of level 2 (docs/level2.md), in the current language:
 * <ul>
 *   <li>skewed keys paid for after a shuffle by key: why more partitions do not help (the hot key stays
 *       one task) and what salting does (a two-phase aggregation spreads it);</li>
 *   <li>CPU-bound work: why more task slots than CPU cores do not help, what the same cost as a wait would
 *       give, and what does help — less work per record, fewer records, more machines.</li>
 * </ul>
 * Every number is the model's ({@link ProcessingTimeModel}); none is computed here on the side.
 */
public final class WorkNotes {
    /** The fewest CPU cores searched up to for "more machines". */
    static final int MAX_CPU_CORES = 256;

    private WorkNotes() {
    }

    /** The notes for this workload; empty when its keys are not skewed and its cost is a wait. */
    public static List<String> of(ProcessingTimeModel model, Workload w, double targetRatio) {
        List<String> lines = new ArrayList<>();
        Knobs k = w.knobs();
        if (w.keyed() && k.skew() > 0 && k.costMs() > 0) skew(model, w, lines);
        if (k.costKind() == CostKind.CPU && k.costMs() > 0) cpu(model, w, targetRatio, lines);
        return lines;
    }

    private static void skew(ProcessingTimeModel model, Workload w, List<String> lines) {
        Knobs k = w.knobs();
        String unit = Messages.noun(Lang.current(), 2, "noun." + k.costUnit().label());
        KeyDistribution keys = k.keys();
        double hot = keys.hotShare() * k.costedRecordsPerBatch();
        if (!w.salted()) {
            int more = Math.min(io.ssplab.core.Limits.MAX_PARTITIONS, 4 * k.partitions());
            Prediction many = model.predict(w.withPartitions(more));
            lines.add(Messages.get("plan.skew.morePartitions", KeyDistribution.word(0), Format.fixed(hot, 0), unit, Format.plain(k.costMs()),
                    Format.seconds(hot * k.costMs()), more, Format.fixed(many.arithmetic().largestPartitionRecords(), 1),
                    Format.seconds(many.predictedProcessingTimeMs()), Format.fixed(many.ratio(), 2), many.verdict()));
            int salts = k.partitions();
            Prediction salted = model.predict(w.withKeySalts(salts));
            lines.add(Messages.get("plan.skew.salting", salts, KeyDistribution.saltedKey(KeyDistribution.word(0), 0),
                    KeyDistribution.saltedKey(KeyDistribution.word(0), salts - 1), Format.fixed(salted.arithmetic().largestPartitionRecords(), 1),
                    unit, Format.seconds(salted.predictedProcessingTimeMs()), Format.fixed(salted.ratio(), 2), salted.verdict()));
        } else {
            Prediction unsalted = model.predict(w.withKeySalts(1));
            Prediction now = model.predict(w);
            lines.add(Messages.get("plan.skew.salted", w.keySalts(), Format.fixed(now.arithmetic().largestPartitionRecords(), 1), unit,
                    Format.fixed(unsalted.arithmetic().largestPartitionRecords(), 1), Format.seconds(unsalted.predictedProcessingTimeMs()),
                    Format.fixed(unsalted.ratio(), 2)));
        }
    }

    private static void cpu(ProcessingTimeModel model, Workload w, double targetRatio, List<String> lines) {
        Knobs k = w.knobs();
        String unit = Messages.noun(Lang.current(), 2, "noun." + k.costUnit().label());
        double work = k.costedRecordsPerBatch() * k.costMs();
        lines.add(Messages.get("plan.cpu.bound", Format.fixed(k.costedRecordsPerBatch(), 0), unit, Format.plain(k.costMs()), Format.seconds(work),
                Format.plain(round2(w.cpuCores())), Format.seconds(work / w.cpuCores()), w.freeSlots()));
        Prediction asWait = model.predict(w.withKnobs(k.withCostKind(CostKind.WAIT)));
        lines.add(Messages.get("plan.cpu.asWait", Format.seconds(asWait.predictedProcessingTimeMs()), Format.fixed(asWait.ratio(), 2), asWait.verdict()));
        SmallestFixes fixes = new SmallestFixes(model, targetRatio);
        Fix cost = fixes.largestStableCost(w);
        Fix rate = fixes.largestStableRate(w);
        String machines = moreMachines(model, w, fixes);
        lines.add(Messages.get("plan.cpu.helps", Format.fixed(targetRatio, 2), cost.exists() ? cost.setting() : Messages.get("fix.none"),
                rate.exists() ? rate.setting() : Messages.get("fix.none"), machines));
    }

    /** "4 CPU cores (2 machines like this one), P=7": the fewest cores that reach the target, each with its best partition count. */
    static String moreMachines(ProcessingTimeModel model, Workload w, SmallestFixes fixes) {
        double perMachine = Math.max(1, w.cpuCores());
        for (int c = (int) Math.floor(w.cpuCores()) + 1; c <= MAX_CPU_CORES; c++) {
            // each machine brings its cores and as many task slots: a slot per core at least
            Workload more = w.withCpuCores(c);
            if (more.freeSlots() < c) more = more.withCores(c + w.receivers());
            Prediction best = fixes.bestPartitionsFor(more);
            if (fixes.fits(best)) {
                return Messages.get("plan.cpu.machines", c, (int) Math.ceil(c / perMachine), best.arithmetic().partitions(),
                        Format.seconds(best.predictedProcessingTimeMs()));
            }
        }
        return Messages.get("fix.none");
    }

    private static double round2(double v) {
        return Math.round(v * 100) / 100.0;
    }
}
