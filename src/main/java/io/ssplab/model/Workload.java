package io.ssplab.model;

import java.time.Duration;

import io.ssplab.jobs.InvalidSpecException;
import io.ssplab.jobs.JobSpec;
import io.ssplab.run.Master;

/**
 * What the model needs beside the job's knobs: how many task slots the job really gets, how many of
 * them receivers hold, and whether the pipeline repartitions the input.
 *
 * <p>Without a repartition, the stage that pays the cost runs on the receivers' blocks as they are:
 * one partition per block, that is {@code receivers × ⌈BI / blockInterval⌉} partitions.
 *
 * @param spec          the job's knobs (BI, P, cost, rate, words per line, block interval)
 * @param cores         task slots: N of local[N], or spark.cores.max on a standalone master
 * @param receivers     receivers; each holds one slot for as long as the job runs
 * @param repartitioned whether the pipeline calls repartition(P) before the costly step (every job of the lab does)
 */
public record Workload(JobSpec spec, int cores, int receivers, boolean repartitioned) {

    public Workload {
        if (cores < 1) throw new InvalidSpecException("cores must be at least 1, got " + cores);
        if (receivers < 0) throw new InvalidSpecException("receivers must not be negative, got " + receivers);
    }

    /** The lab's setting: the master's cores (a standalone master: {@link Master#DEFAULT_CLUSTER_CORES}), one receiver, repartitioned. */
    public static Workload of(JobSpec spec) {
        return new Workload(spec, Master.parse(spec.master()).cores(), 1, true);
    }

    /** For a master URL: local[N] gives N; a standalone master gives {@code clusterCores} (its spark.cores.max). */
    public static Workload of(JobSpec spec, int clusterCores) {
        return new Workload(spec, Master.parse(spec.master(), clusterCores).cores(), 1, true);
    }

    public int freeSlots() {
        return Math.max(0, cores - receivers);
    }

    /** Receiver blocks in one batch: each receiver cuts one block per block interval. */
    public int blocksPerBatch() {
        long bi = spec.batchInterval().toNanos();
        long block = spec.blockInterval().toNanos();
        return receivers * (int) Math.max(1, (bi + block - 1) / block);
    }

    /** Partitions of the stage that pays the cost: P after a repartition, else one per block. */
    public int costStagePartitions() {
        return repartitioned ? spec.partitions() : blocksPerBatch();
    }

    /**
     * Tasks Spark runs per batch for the word count: the block stage (one task per block), the
     * costly stage after the repartition (P tasks), and reduceByKey's result stage (P tasks). Without
     * a repartition the block stage is the costly one.
     */
    public int tasksPerBatch() {
        int reduce = spec.partitions();
        return repartitioned ? blocksPerBatch() + spec.partitions() + reduce : blocksPerBatch() + reduce;
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
        int p = ceilDiv(spec.partitions(), free);
        return repartitioned ? blocks + p + p : blocks + p;
    }

    private static int ceilDiv(int a, int b) {
        return (a + b - 1) / b;
    }

    /** Master URL to show: local[N] with this workload's cores, or the standalone URL as given. */
    public String masterLabel() {
        Master m = Master.parse(spec.master(), cores);
        return m.isLocal() ? "local[" + cores + "]" : m.url() + " (" + cores + " cores)";
    }

    public Workload withCores(int c) {
        Master m = Master.parse(spec.master(), c);
        JobSpec s = m.isLocal() ? spec.withMaster("local[" + c + "]") : spec;
        return new Workload(s, c, receivers, repartitioned);
    }

    public Workload withPartitions(int p) {
        return new Workload(spec.withPartitions(p), cores, receivers, repartitioned);
    }

    public Workload withCost(Duration cost) {
        return new Workload(spec.withCost(cost), cores, receivers, repartitioned);
    }

    public Workload withBatchInterval(Duration bi) {
        return new Workload(spec.withBatchInterval(bi), cores, receivers, repartitioned);
    }

    public Workload withRate(double linesPerSecond) {
        return new Workload(spec.withRate(linesPerSecond), cores, receivers, repartitioned);
    }

    public Workload withRepartition(boolean r) {
        return new Workload(spec, cores, receivers, r);
    }
}
