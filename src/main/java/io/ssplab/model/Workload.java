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
 * @param keySalts      0: the cost is paid before any shuffle by key, on evenly spread partitions; n ≥ 1: after a
 *                      shuffle by key into P partitions, each key spread over n salted keys (1: not salted), so
 *                      skewed keys make the partitions uneven (the skew lesson, docs/level2.md)
 * @param cpuCores      CPU cores a CPU-bound cost shares ({@link CpuCapacity}); a wait ignores them
 * @param sourcePartitions 0: the input comes in receiver blocks; n ≥ 1: a Kafka topic of n partitions read without
 *                      a receiver (the direct stream, the Structured Streaming source): one input partition, so one
 *                      task, per topic partition per batch, and no slot held for good (docs/kafka.md)
 */
public record Workload(Knobs knobs, int cores, int receivers, boolean repartitioned, int keySalts, double cpuCores,
                       int sourcePartitions) {

    public Workload {
        if (cores < 1) throw new BadInputException(Messages.get("workload.bad.cores", cores));
        if (receivers < 0) throw new BadInputException(Messages.get("workload.bad.receivers", receivers));
        if (keySalts < 0) throw new IllegalArgumentException("key salts: 0 (no shuffle by key) or more, got " + keySalts);
        if (!(cpuCores > 0)) throw new IllegalArgumentException("CPU cores must be positive, got " + cpuCores);
        if (sourcePartitions < 0) throw new IllegalArgumentException("source partitions: 0 (receiver blocks) or more, got " + sourcePartitions);
    }

    /** Input in receiver blocks (a socket source). */
    public Workload(Knobs knobs, int cores, int receivers, boolean repartitioned, int keySalts, double cpuCores) {
        this(knobs, cores, receivers, repartitioned, keySalts, cpuCores, 0);
    }

    /**
     * A Kafka topic of {@code topicPartitions} partitions read without a receiver: every slot runs batch tasks,
     * and without a repartition the costly stage has one task per topic partition — the partitions cap parallelism.
     */
    public static Workload kafka(Knobs knobs, int cores, int topicPartitions, boolean repartitioned) {
        return new Workload(knobs, cores, 0, repartitioned, 0, CpuCapacity.load().cores(), topicPartitions);
    }

    /** Whether the input is a Kafka topic (no receiver, one input partition per topic partition). */
    public boolean kafka() {
        return sourcePartitions > 0;
    }

    /**
     * A pipeline that pays its cost before any shuffle by key, on this machine's CPU capacity ({@link CpuCapacity#load()}:
     * the calibration file is read once, not at each construction).
     */
    public Workload(Knobs knobs, int cores, int receivers, boolean repartitioned) {
        this(knobs, cores, receivers, repartitioned, 0, CpuCapacity.load().cores());
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
        if (sourcePartitions > 0) return sourcePartitions; // Kafka: one input partition per topic partition
        long bi = knobs.batchInterval().toNanos();
        long block = knobs.blockInterval().toNanos();
        return receivers * (int) Math.max(1, (bi + block - 1) / block);
    }

    /** Partitions of the stage that pays the cost: P after a repartition or a shuffle by key, else one per block. */
    public int costStagePartitions() {
        return repartitioned || keyed() ? knobs.partitions() : blocksPerBatch();
    }

    /** Whether the cost is paid after a shuffle by key (so the keys' skew decides the partitions' sizes). */
    public boolean keyed() {
        return keySalts >= 1;
    }

    /** Whether each key is spread over several salted keys (a two-phase aggregation). */
    public boolean salted() {
        return keySalts >= 2;
    }

    /**
     * Tasks Spark runs per batch for the word count: the block stage (one task per block), the
     * costly stage after the repartition (P tasks), and reduceByKey's result stage (P tasks). Without
     * a repartition the block stage is the costly one.
     */
    public int tasksPerBatch() {
        return java.util.stream.IntStream.of(tasksPerStage()).sum();
    }

    /** The tasks of each stage {@link #tasksPerBatch()} counts, in order: {10, 4, 4} for phase 2. */
    public int[] tasksPerStage() {
        int blocks = blocksPerBatch();
        int p = knobs.partitions();
        // By key: the block stage, then the costly stage by key (which also counts); salted, a second aggregation after it.
        boolean thirdStage = keyed() ? salted() : repartitioned;
        return thirdStage ? new int[] {blocks, p, p} : new int[] {blocks, p};
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
        if (keyed()) return salted() ? blocks + p + p : blocks + p;
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
        return new Workload(k, c, receivers, repartitioned, keySalts, cpuCores, sourcePartitions);
    }

    public Workload withPartitions(int p) {
        return new Workload(knobs.withPartitions(p), cores, receivers, repartitioned, keySalts, cpuCores, sourcePartitions);
    }

    public Workload withCost(Duration cost) {
        return new Workload(knobs.withCost(cost), cores, receivers, repartitioned, keySalts, cpuCores, sourcePartitions);
    }

    public Workload withBatchInterval(Duration bi) {
        return new Workload(knobs.withBatchInterval(bi), cores, receivers, repartitioned, keySalts, cpuCores, sourcePartitions);
    }

    public Workload withRate(double linesPerSecond) {
        return new Workload(knobs.withRate(linesPerSecond), cores, receivers, repartitioned, keySalts, cpuCores, sourcePartitions);
    }

    public Workload withRepartition(boolean r) {
        return new Workload(knobs, cores, receivers, r, keySalts, cpuCores, sourcePartitions);
    }

    /** The cost paid after a shuffle by key, each key over {@code salts} salted keys (1: not salted); 0: before any shuffle. */
    public Workload withKeySalts(int salts) {
        return new Workload(knobs, cores, receivers, repartitioned, salts, cpuCores, sourcePartitions);
    }

    /** CPU-bound work sharing this many cores. */
    public Workload withCpuCores(double c) {
        return new Workload(knobs, cores, receivers, repartitioned, keySalts, c, sourcePartitions);
    }

    /** Other knobs on the same slots, keys and CPU (the cost kind, the skew). */
    public Workload withKnobs(Knobs k) {
        return new Workload(k, cores, receivers, repartitioned, keySalts, cpuCores, sourcePartitions);
    }
}
