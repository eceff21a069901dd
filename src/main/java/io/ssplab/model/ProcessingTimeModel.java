package io.ssplab.model;

import java.util.Map;

import io.ssplab.jobs.InvalidSpecException;
import io.ssplab.jobs.JobSpec;
import io.ssplab.run.Master;

/**
 * Predicts a batch's processing time from the knobs, before anything runs:
 * <pre>
 *   PT = overhead(tasks) + waves × records per partition × cost per record
 * </pre>
 * The cost term is exact for the lab's jobs because the cost is a wait paid on a schedule
 * ({@link io.ssplab.pipeline.RecordCost}): a task of n records takes n × cost, and a slot runs its
 * tasks one after the other, so the slowest slot runs {@code waves} partitions. The overhead term is
 * Spark's own time per batch ({@link Overhead}).
 */
public final class ProcessingTimeModel {
    private final Overhead overhead;

    public ProcessingTimeModel(Overhead overhead) {
        this.overhead = overhead;
    }

    /** With this machine's calibration, or the documented default. */
    public static ProcessingTimeModel calibrated() {
        return new ProcessingTimeModel(Overhead.load());
    }

    /** The Spark setting that turns the rate controller on (phase 4). */
    public static final String BACKPRESSURE = "spark.streaming.backpressure.enabled";

    /**
     * The predicted PT of a run about to start, for its summary: this machine's calibration, the
     * lab's pipeline (one receiver, repartitioned), and on a standalone master the cores of
     * {@code spark.cores.max} when the run sets it. With backpressure on, the rate controller lets in
     * only what the job processes, so PT settles at BI when the nominal input would need more. Null
     * when the knobs leave nothing to predict.
     *
     * @param jobConf the job's own Spark settings; {@code runConf}'s win over them, as in the run
     */
    public static Double predictRun(JobSpec spec, Map<String, String> jobConf, Map<String, String> runConf) {
        try {
            Map<String, String> conf = new java.util.HashMap<>(jobConf);
            conf.putAll(runConf);
            String coresMax = conf.get("spark.cores.max");
            int clusterCores = coresMax == null ? Master.DEFAULT_CLUSTER_CORES : Integer.parseInt(coresMax.strip());
            double pt = calibrated().predict(Workload.of(spec, clusterCores)).predictedProcessingTimeMs();
            return backpressure(conf) ? Math.min(pt, spec.batchIntervalMs()) : pt;
        } catch (RuntimeException unpredictable) {
            return null; // a summary without a prediction beats a failed run
        }
    }

    public static boolean backpressure(Map<String, String> sparkConf) {
        return "true".equalsIgnoreCase(sparkConf.getOrDefault(BACKPRESSURE, "false").strip());
    }

    public Overhead overhead() {
        return overhead;
    }

    /**
     * @throws InvalidSpecException when no task slot is left beside the receivers (no batch would ever run)
     */
    public Prediction predict(Workload workload) {
        if (workload.freeSlots() < 1)
            throw new InvalidSpecException(workload.cores() + " core(s) and " + workload.receivers()
                    + " receiver(s) leave no task slot, so no batch would ever run: give the job at least "
                    + (workload.receivers() + 1) + " cores");
        if (workload.costStagePartitions() < 1)
            throw new InvalidSpecException("without a repartition the batches have one partition per receiver block, and there is no receiver: repartition, or count a receiver");
        BatchArithmetic arithmetic = BatchArithmetic.of(workload);
        double overheadMs = overhead.at(workload);
        return new Prediction(workload, arithmetic, overheadMs, overhead, overheadMs + arithmetic.costTimeMs());
    }
}
