package io.ssplab.model;

import java.util.ArrayList;
import java.util.List;

import io.ssplab.core.Columns;
import io.ssplab.core.CostKind;
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
 * @param costTimeMs             waves × records per partition × cost (evenly spread partitions and a wait);
 *                               otherwise the busiest path of the {@link TaskSchedule} × cost
 * @param largestPartitionRecords costed records in the largest partition (= records per partition when they are even)
 * @param medianPartitionRecords  costed records in the median partition
 * @param criticalRecords        the records whose cost the batch waits for one after the other: waves × records per
 *                               partition when the partitions are even and the cost a wait; with a hot partition or
 *                               CPU-bound work, what the {@link TaskSchedule} makes of them (costTime = this × cost)
 */
public record BatchArithmetic(double linesPerBatch, double costedRecordsPerBatch, int partitions,
                              double recordsPerPartition, int cores, int receivers, int freeSlots, int waves,
                              int lastWaveTasks, double costTimeMs, double largestPartitionRecords,
                              double medianPartitionRecords, double criticalRecords) {

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
        double[] loads = partitionRecords(workload, p);
        double largest = perPartition;
        double median = perPartition;
        double critical = waves * perPartition;
        if (loads != null || k.costKind() == CostKind.CPU) {
            if (loads == null) {
                loads = new double[p];
                java.util.Arrays.fill(loads, perPartition);
            }
            largest = java.util.Arrays.stream(loads).max().orElse(0);
            median = io.ssplab.core.Stats.median(loads);
            critical = free == 0 || p == 0 ? 0
                    : TaskSchedule.makespan(loads, free, k.costKind() == CostKind.CPU ? workload.cpuCores() : Double.POSITIVE_INFINITY);
        }
        double costTime = critical * k.costMs();
        return new BatchArithmetic(k.linesPerBatch(), k.costedRecordsPerBatch(), p, perPartition, workload.cores(), workload.receivers(),
                free, waves, last, costTime, largest, median, critical);
    }

    /**
     * The costed records of each partition when the cost is paid after a shuffle by key (the keys' skew
     * and Spark's hash partitioner decide them, {@link io.ssplab.core.KeyDistribution#partitionShares});
     * null when the partitions are even.
     */
    /** Partition shares by skew/P/salts: the fix searches ask for the same ones thousands of times. */
    private static final java.util.Map<String, double[]> SHARES = new java.util.concurrent.ConcurrentHashMap<>();

    static double[] partitionRecords(Workload workload, int p) {
        if (!workload.keyed() || p == 0) return null;
        String key = workload.knobs().skew() + "/" + p + "/" + workload.keySalts();
        double[] shares = SHARES.computeIfAbsent(key, x -> workload.knobs().keys().partitionShares(p, workload.keySalts()));
        double[] records = new double[p];
        for (int i = 0; i < p; i++) records[i] = shares[i] * workload.knobs().costedRecordsPerBatch();
        return records;
    }

    public boolean partialLastWave() {
        return lastWaveTasks < freeSlots;
    }

    /**
     * Records the busiest slot works through per batch: waves × records per partition when partitions are
     * even and the cost is a wait; in general the batch's {@link #criticalRecords}, so that cost time = this × cost.
     */
    public double recordsPerSlot() {
        return criticalRecords;
    }

    /** Whether the schedule is the lesson's simple one: even partitions and a wait (cost time = waves × records per partition × cost). */
    public boolean even() {
        return largestPartitionRecords == recordsPerPartition && criticalRecords == waves * recordsPerPartition;
    }

    /** Predicted longest over median task of the cost stage (the Spark UI's Duration Max / Median): 1 when even. */
    public double predictedTaskSkew() {
        return medianPartitionRecords > 0 ? largestPartitionRecords / medianPartitionRecords : Double.NaN;
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
        if (workload.kafka()) {
            // Kafka: no receiver, one input partition per topic partition (docs/kafka.md).
            lines.add("arith.label.partitions", Messages.in(lang, workload.repartitioned() ? "kafka.arith.repartitioned" : "kafka.arith.topic",
                    Messages.count(lang, workload.sourcePartitions(), "noun.partition"), k.partitions()));
        } else if (!workload.repartitioned() && !workload.keyed()) {
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
        String unit = Messages.noun(lang, 2, "noun." + k.costUnit().label());
        if (workload.keyed()) {
            lines.add("arith.label.keys", keysLine(workload, lang, unit));
        } else if (k.skew() > 0) {
            lines.add("arith.label.keys", Messages.in(lang, "arith.keys.beforeShuffle", keys(k.keys(), lang), KeyWords.hot(k.keys(), lang)));
        }
        lines.add("arith.label.freeSlots", Messages.in(lang, "arith.freeSlots", Messages.count(lang, cores, "noun.core"),
                Messages.count(lang, receivers, "noun.receiver"), freeSlots));
        boolean cpu = k.costKind() == CostKind.CPU;
        if (cpu) {
            lines.add("arith.label.cpu", Messages.in(lang, "arith.cpu", Format.plain(lang, round2(workload.cpuCores())), freeSlots,
                    Format.plain(lang, round2(Math.min(freeSlots, workload.cpuCores())))));
        }
        lines.add("arith.label.waves", Messages.in(lang, "arith.waves", partitions, freeSlots, waves)
                + (partialLastWave() ? Messages.in(lang, "arith.partialWave", Messages.count(lang, lastWaveTasks, "noun.task"), freeSlots) : ""));
        lines.add("arith.label.costTime", costTimeLine(workload, lang, unit, cpu));
        if (workload.keyed()) {
            lines.add("arith.label.taskSkew", Messages.in(lang, "arith.taskSkew", Format.fixed(lang, predictedTaskSkew(), 1),
                    Format.fixed(lang, largestPartitionRecords, 1), Format.fixed(lang, medianPartitionRecords, 1), unit));
        }
        return lines.lines;
    }

    /** How the cost time comes about: the lesson's simple product, or what the largest partition and the CPU cores make of it. */
    private String costTimeLine(Workload workload, Lang lang, String unit, boolean cpu) {
        Knobs k = workload.knobs();
        String cost = Format.plain(lang, k.costMs());
        boolean even = !workload.keyed();
        if (even && !cpu) {
            return Messages.in(lang, "arith.costTime", waves, Format.fixed(lang, recordsPerPartition, 1), cost, Format.seconds(lang, costTimeMs));
        }
        if (even) {
            // every wave of k tasks on c cores takes max(1, k/c) times one task's time: the factor sums them
            return Messages.in(lang, "arith.costTime.cpu", Format.fixed(lang, recordsPerPartition, 1), cost,
                    Format.fixed(lang, recordsPerPartition == 0 ? 0 : criticalRecords / recordsPerPartition, 2),
                    Format.seconds(lang, costTimeMs), Format.seconds(lang, waves * recordsPerPartition * k.costMs()));
        }
        double evenMs = waves * recordsPerPartition * k.costMs();
        if (waves == 1 && !cpu) {
            return Messages.in(lang, "arith.costTime.largest", Format.fixed(lang, largestPartitionRecords, 1), cost, Format.seconds(lang, costTimeMs),
                    Format.seconds(lang, evenMs));
        }
        return Messages.in(lang, cpu ? "arith.costTime.scheduleCpu" : "arith.costTime.schedule", partitions, freeSlots,
                Format.fixed(lang, largestPartitionRecords, 1), unit, cost, Format.seconds(lang, costTimeMs), Format.seconds(lang, evenMs),
                Format.plain(lang, round2(workload.cpuCores())));
    }

    /** Where the keys put the costed records: the hot word, and the largest and median partitions by key. */
    private String keysLine(Workload workload, Lang lang, String unit) {
        Knobs k = workload.knobs();
        double costed = costedRecordsPerBatch;
        String largest = KeyWords.percent1(lang, costed == 0 ? 0 : largestPartitionRecords / costed);
        String median = KeyWords.percent1(lang, costed == 0 ? 0 : medianPartitionRecords / costed);
        String spread = workload.salted()
                ? Messages.in(lang, "arith.keys.salted", workload.keySalts(), io.ssplab.core.KeyDistribution.saltedKey("word0", 0),
                        io.ssplab.core.KeyDistribution.saltedKey("word0", workload.keySalts() - 1))
                : "";
        return Messages.in(lang, "arith.keys.hashed", keys(k.keys(), lang), KeyWords.hot(k.keys(), lang), spread, partitions, largest,
                Format.fixed(lang, largestPartitionRecords, 1), unit, median, Format.fixed(lang, medianPartitionRecords, 1));
    }

    /** "Zipf 1.2 over 50 words" / "uniform over 50 words". */
    static String keys(io.ssplab.core.KeyDistribution keys, Lang lang) {
        return KeyWords.distribution(keys, lang);
    }

    private static double round2(double v) {
        return Math.round(v * 100) / 100.0;
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
