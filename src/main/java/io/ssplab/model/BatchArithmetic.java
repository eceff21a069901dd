package io.ssplab.model;

import java.util.List;
import java.util.Locale;

import io.ssplab.jobs.JobSpec;
import io.ssplab.metrics.ConsoleTable;
import io.ssplab.run.Master;

/**
 * The lesson's arithmetic for one batch, from the knobs alone: how many records, how they are split,
 * how many tasks run at once, and how long the per-record cost keeps the slots busy.
 *
 * <pre>
 *   lines per batch      = rate × BI
 *   costed records       = lines (cost per line) or lines × words per line (cost per word)
 *   records / partition  = costed records / P
 *   free slots           = cores − receivers         (each receiver holds one slot for good)
 *   waves                = ⌈P / free slots⌉          (the last one may be partial)
 *   cost time            = waves × records / partition × cost
 * </pre>
 * The cost time is the part of PT that the knobs control; Spark adds a per-batch overhead on top
 * (scheduling, shuffles), which {@code bin/ssp calibrate} measures.
 *
 * @param linesPerBatch          lines the receiver puts in one batch
 * @param costedRecordsPerBatch  records that pay the cost
 * @param partitions             P
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

    /** For a spec on its master; a standalone master is taken to give {@link Master#DEFAULT_CLUSTER_CORES}. */
    public static BatchArithmetic of(JobSpec spec) {
        return of(Workload.of(spec));
    }

    public static BatchArithmetic of(JobSpec spec, int cores, int receivers) {
        return of(new Workload(spec, cores, receivers, true));
    }

    /** For a workload: its cores and receivers, and its partitions (P, or one per block without a repartition). */
    public static BatchArithmetic of(Workload workload) {
        JobSpec spec = workload.spec();
        double lines = spec.linesPerSecond() * spec.batchInterval().toNanos() / 1e9;
        double costed = spec.costedRecordsPerBatch();
        int p = workload.costStagePartitions();
        int free = workload.freeSlots();
        int waves = free == 0 || p == 0 ? 0 : (p + free - 1) / free;
        int last = waves == 0 ? 0 : p - (waves - 1) * free;
        double perPartition = p == 0 ? 0 : costed / p;
        double costTime = waves * perPartition * spec.costMs();
        return new BatchArithmetic(lines, costed, p, perPartition, workload.cores(), workload.receivers(), free, waves, last,
                costTime);
    }

    public boolean partialLastWave() {
        return lastWaveTasks < freeSlots;
    }

    /** The arithmetic as short lines, for consoles and reports. */
    public List<String> explain(JobSpec spec) {
        String unit = spec.costUnit().label();
        return List.of(
                String.format(Locale.ROOT, "records per batch   %s lines/s × %s = %.0f lines%s",
                        ConsoleTable.trim(spec.linesPerSecond()), seconds(spec.batchIntervalMs()), linesPerBatch,
                        unit.equals("word") ? String.format(Locale.ROOT, " × %d words = %.0f words", spec.wordsPerLine(), costedRecordsPerBatch) : ""),
                String.format(Locale.ROOT, "per partition       %.0f / P=%d = %.1f %ss", costedRecordsPerBatch, partitions, recordsPerPartition, unit),
                String.format(Locale.ROOT, "free task slots     %d cores − %d receiver%s = %d", cores, receivers, receivers == 1 ? "" : "s", freeSlots),
                String.format(Locale.ROOT, "waves               ⌈%d / %d⌉ = %d%s", partitions, freeSlots, waves,
                        partialLastWave() ? String.format(Locale.ROOT, " (the last one runs %d task%s on %d slots)", lastWaveTasks, lastWaveTasks == 1 ? "" : "s", freeSlots) : ""),
                String.format(Locale.ROOT, "cost time           %d × %.1f × %s ms = %s", waves, recordsPerPartition,
                        ConsoleTable.trim(spec.costMs()), seconds(costTimeMs)));
    }

    /**
     * The arithmetic of a workload: {@link #explain(JobSpec)}, preceded, when the pipeline does not
     * repartition, by where its partitions come from (one per receiver block).
     */
    public List<String> explain(Workload workload) {
        List<String> lines = explain(workload.spec());
        if (workload.repartitioned()) return lines;
        JobSpec spec = workload.spec();
        String blocks = String.format(Locale.ROOT, "partitions          no repartition: ⌈%s / %d ms block interval⌉ × %d receiver%s = %d blocks",
                seconds(spec.batchIntervalMs()), spec.blockInterval().toMillis(), receivers, receivers == 1 ? "" : "s", partitions);
        return java.util.stream.Stream.concat(java.util.stream.Stream.of(blocks), lines.stream()).toList();
    }

    private static String seconds(double ms) {
        return String.format(Locale.ROOT, "%.2f s", ms / 1000);
    }
}
