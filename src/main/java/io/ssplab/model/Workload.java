package io.ssplab.model;

import java.time.Duration;

import io.ssplab.core.BadInputException;
import io.ssplab.core.Knobs;
import io.ssplab.core.Master;
import io.ssplab.core.Messages;

/**
 * What the model needs beside the job's knobs: how many task slots the job really gets, how many of
 * them receivers hold, and whether the pipeline repartitions the input.
 *
 * <p>Without a repartition, the stage that pays the cost runs on the receivers' blocks as they are:
 * one partition per block, that is {@code receivers × ⌈BI / blockInterval⌉} partitions.
 *
 * @param knobs         the job's knobs (BI, P, cost, rate, words per line, block interval)
 * @param cores         task slots: N of local[N], or what the job gets on a standalone master ({@link Master#slotsFor})
 * @param receivers     receivers; each holds one slot for as long as the job runs
 * @param repartitioned whether the pipeline calls repartition(P) before the costly step (every job of the lab does)
 */
public record Workload(Knobs knobs, int cores, int receivers, boolean repartitioned) {

    public Workload {
        if (cores < 1) throw new BadInputException(Messages.get("workload.bad.cores", cores));
        if (receivers < 0) throw new BadInputException(Messages.get("workload.bad.receivers", receivers));
    }

    /**
     * The lab's setting: one receiver, repartitioned, on the slots the master gives — on a standalone
     * master the job's {@code spark.cores.max} or, without one, the cores its lesson was designed with.
     *
     * @param coresMax      spark.cores.max of a cluster run, or null
     * @param designedCores N of the job's own local master (phase 3: 8)
     */
    public static Workload of(Knobs knobs, Integer coresMax, int designedCores) {
        return new Workload(knobs, Master.slotsFor(knobs.master(), coresMax, designedCores), 1, true);
    }

    /** On a local master; a standalone one is taken to give {@link Master#DEFAULT_CLUSTER_CORES}. */
    public static Workload of(Knobs knobs) {
        return of(knobs, null, Master.DEFAULT_CLUSTER_CORES);
    }

    public int freeSlots() {
        return Master.freeSlots(cores, receivers);
    }

    /** Receiver blocks in one batch: each receiver cuts one block per block interval. */
    public int blocksPerBatch() {
        long bi = knobs.batchInterval().toNanos();
        long block = knobs.blockInterval().toNanos();
        return receivers * (int) Math.max(1, (bi + block - 1) / block);
    }

    /** Partitions of the stage that pays the cost: P after a repartition, else one per block. */
    public int costStagePartitions() {
        return repartitioned ? knobs.partitions() : blocksPerBatch();
    }

    /**
     * Tasks Spark runs per batch for the word count: the block stage (one task per block), the
     * costly stage after the repartition (P tasks), and reduceByKey's result stage (P tasks). Without
     * a repartition the block stage is the costly one.
     */
    public int tasksPerBatch() {
        int reduce = knobs.partitions();
        return repartitioned ? blocksPerBatch() + knobs.partitions() + reduce : blocksPerBatch() + reduce;
    }

    /**
     * Rounds of tasks one batch needs over its stages on the free slots: {@code ⌈blocks / free⌉ +
     * ⌈P / free⌉ + ⌈P / free⌉} (without a repartition {@code ⌈blocks / free⌉ + ⌈P / free⌉}). Spark's
     * per-task overhead is paid in these rounds, like the cost is paid in waves: on one free slot every
     * task waits for the one before, on seven slots seven tasks share a round.
     */
    public int taskWavesPerBatch() {
        int free = freeSlots();
        if (free == 0) return 0;
        int blocks = ceilDiv(blocksPerBatch(), free);
        int p = ceilDiv(knobs.partitions(), free);
        return repartitioned ? blocks + p + p : blocks + p;
    }

    static int ceilDiv(int a, int b) {
        return (a + b - 1) / b;
    }

    /** Master URL to show: local[N] with this workload's cores, or the standalone URL with its cores. */
    public String masterLabel() {
        Master m = Master.parse(knobs.master(), cores);
        return m.isLocal() ? "local[" + cores + "]" : Messages.get("master.withCores", m.url(), Messages.count(cores, "noun.core"));
    }

    public Workload withCores(int c) {
        Master m = Master.parse(knobs.master(), c);
        Knobs k = m.isLocal() ? knobs.withMaster("local[" + c + "]") : knobs;
        return new Workload(k, c, receivers, repartitioned);
    }

    public Workload withPartitions(int p) {
        return new Workload(knobs.withPartitions(p), cores, receivers, repartitioned);
    }

    public Workload withCost(Duration cost) {
        return new Workload(knobs.withCost(cost), cores, receivers, repartitioned);
    }

    public Workload withBatchInterval(Duration bi) {
        return new Workload(knobs.withBatchInterval(bi), cores, receivers, repartitioned);
    }

    public Workload withRate(double linesPerSecond) {
        return new Workload(knobs.withRate(linesPerSecond), cores, receivers, repartitioned);
    }

    public Workload withRepartition(boolean r) {
        return new Workload(knobs, cores, receivers, r);
    }
}
