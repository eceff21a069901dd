package io.ssplab.model;

import java.util.ArrayList;
import java.util.List;

import io.ssplab.core.Columns;
import io.ssplab.core.CostUnit;
import io.ssplab.core.Format;
import io.ssplab.core.Knobs;
import io.ssplab.core.Lang;
import io.ssplab.core.Messages;

/**
 * The lesson's arithmetic for one batch, from the knobs alone: how many records, how they are split,
 * how many tasks run at once, and how long the per-record cost keeps the slots busy.
 *
 * <pre>
 *   lines per batch      = rate × BI                  ({@link Knobs#linesPerBatch()})
 *   costed records       = lines (cost per line) or lines × words per line (cost per word)
 *   records / partition  = costed records / P
 *   free slots           = cores − receivers         (each receiver holds one slot for good)
 *   waves                = ⌈P / free slots⌉          (the last one may be partial)
 *   cost time            = waves × records / partition × cost
 * </pre>
 * The cost time is the part of PT that the knobs control; Spark adds a per-batch overhead on top
 * (scheduling, shuffles): {@link Overhead}. Every view of the lesson (run header, plan, report, grader
 * hints) renders these numbers; none computes them again.
 *
 * @param linesPerBatch          lines the receiver puts in one batch
 * @param costedRecordsPerBatch  records that pay the cost
 * @param partitions             P of the costly stage
 * @param recordsPerPartition    costed records in one partition
 * @param cores                  task slots the job has
 * @param receivers              slots held by receivers
 * @param freeSlots              slots left for batch tasks
 * @param waves                  rounds of tasks needed for P partitions
 * @param lastWaveTasks          tasks in the last wave (== freeSlots when it is full)
 * @param costTimeMs             waves × records per partition × cost
 */
public record BatchArithmetic(double linesPerBatch, double costedRecordsPerBatch, int partitions,
                              double recordsPerPartition, int cores, int receivers, int freeSlots, int waves,
                              int lastWaveTasks, double costTimeMs) {

    /** For knobs on their master, one receiver, repartitioned ({@link Workload#of(Knobs)}). */
    public static BatchArithmetic of(Knobs knobs) {
        return of(Workload.of(knobs));
    }

    /** For a workload: its cores and receivers, and its partitions (P, or one per block without a repartition). */
    public static BatchArithmetic of(Workload workload) {
        Knobs k = workload.knobs();
        int p = workload.costStagePartitions();
        int free = workload.freeSlots();
        int waves = free == 0 || p == 0 ? 0 : Workload.ceilDiv(p, free);
        int last = waves == 0 ? 0 : p - (waves - 1) * free;
        double perPartition = p == 0 ? 0 : k.costedRecordsPerBatch() / p;
        double costTime = waves * perPartition * k.costMs();
        return new BatchArithmetic(k.linesPerBatch(), k.costedRecordsPerBatch(), p, perPartition, workload.cores(), workload.receivers(),
                free, waves, last, costTime);
    }

    public boolean partialLastWave() {
        return lastWaveTasks < freeSlots;
    }

    /** Records the busiest slot works through per batch: waves × records per partition. */
    public double recordsPerSlot() {
        return waves * recordsPerPartition;
    }

    /**
     * The arithmetic as labelled lines in the current language, for consoles and reports; when the
     * pipeline does not repartition, preceded by where its partitions come from (one per receiver block).
     */
    public List<String> explain(Workload workload) {
        return explain(workload, Lang.current());
    }

    public List<String> explain(Workload workload, Lang lang) {
        Knobs k = workload.knobs();
        Lines lines = new Lines(lang);
        if (!workload.repartitioned()) {
            lines.add("arith.label.partitions", Messages.in(lang, "arith.blocks", Format.seconds(lang, k.batchIntervalMs()), k.blockIntervalMs(),
                    Messages.count(lang, receivers, "noun.receiver"), Messages.count(lang, partitions, "noun.block")));
        }
        String records = k.costUnit() == CostUnit.WORD
                ? Messages.in(lang, "arith.recordsWords", Format.plain(lang, k.linesPerSecond()), Format.seconds(lang, k.batchIntervalMs()),
                        Format.fixed(lang, linesPerBatch, 0), k.wordsPerLine(), Format.fixed(lang, costedRecordsPerBatch, 0))
                : Messages.in(lang, "arith.records", Format.plain(lang, k.linesPerSecond()), Format.seconds(lang, k.batchIntervalMs()),
                        Format.fixed(lang, linesPerBatch, 0));
        lines.add("arith.label.records", records);
        lines.add("arith.label.perPartition", Messages.in(lang, "arith.perPartition", Format.fixed(lang, costedRecordsPerBatch, 0), partitions,
                Format.fixed(lang, recordsPerPartition, 1), Messages.noun(lang, 2, "noun." + k.costUnit().label())));
        lines.add("arith.label.freeSlots", Messages.in(lang, "arith.freeSlots", Messages.count(lang, cores, "noun.core"),
                Messages.count(lang, receivers, "noun.receiver"), freeSlots));
        lines.add("arith.label.waves", Messages.in(lang, "arith.waves", partitions, freeSlots, waves)
                + (partialLastWave() ? Messages.in(lang, "arith.partialWave", Messages.count(lang, lastWaveTasks, "noun.task"), freeSlots) : ""));
        lines.add("arith.label.costTime", Messages.in(lang, "arith.costTime", waves, Format.fixed(lang, recordsPerPartition, 1),
                Format.plain(lang, k.costMs()), Format.seconds(lang, costTimeMs)));
        return lines.lines;
    }

    /** One labelled line in the current language, aligned with {@link #explain}'s: "measured            median PT …". */
    public static String labelled(String labelKey, String value) {
        Lines l = new Lines(Lang.current());
        l.add(labelKey, value);
        return l.lines.get(0);
    }

    /** Labelled lines, the values aligned after a common label width. */
    static final class Lines {
        static final int LABEL_WIDTH = 20;
        final Lang lang;
        final List<String> lines = new ArrayList<>();

        Lines(Lang lang) {
            this.lang = lang;
        }

        void add(String labelKey, String value) {
            String label = Messages.in(lang, labelKey);
            lines.add(label + " ".repeat(Math.max(1, LABEL_WIDTH - Columns.width(label))) + value);
        }
    }
}
