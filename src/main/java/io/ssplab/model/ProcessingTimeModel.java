package io.ssplab.model;

import java.util.Map;

import io.ssplab.core.BadInputException;
import io.ssplab.core.Knobs;
import io.ssplab.core.Messages;

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
public class ProcessingTimeModel {
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
     * The prediction for a run about to start, for its summary: the lab's pipeline (one receiver,
     * repartitioned), and on a standalone master the cores of {@code spark.cores.max} when the run sets
     * it, else the job's designed cores. With backpressure on, the rate controller lets in only what
     * the job processes, so PT settles at BI when the nominal input would need more: the prediction
     * is capped there. Null when the knobs leave nothing to predict.
     *
     * @param sparkConf     the run's Spark settings (the job's own, with the command line's on top)
     * @param designedCores N of the job's own local master
     */
    public Prediction predictRun(Knobs knobs, Map<String, String> sparkConf, int designedCores) {
        return predictRun(knobs, sparkConf, designedCores, 0);
    }

    /**
     * @param keySalts where the job pays its cost: 0 before any shuffle by key, n ≥ 1 after one, each key
     *                 over n salted keys (io.ssplab.pipeline.StreamingJob#keySalts)
     */
    public Prediction predictRun(Knobs knobs, Map<String, String> sparkConf, int designedCores, int keySalts) {
        try {
            String coresMax = sparkConf.get("spark.cores.max");
            Prediction p = predict(Workload.of(knobs, coresMax == null ? null : Integer.valueOf(coresMax.strip()), designedCores)
                    .withKeySalts(keySalts));
            if (!backpressure(sparkConf) || p.predictedProcessingTimeMs() <= p.batchIntervalMs()) return p;
            return new Prediction(p.workload(), p.arithmetic(), p.overheadMs(), p.overhead(), p.batchIntervalMs());
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
     * Spark's own time for a batch of this workload: the overhead's, at the workload's tasks.
     * {@link StructuredModel} counts a micro-batch's waves and adds its fixed batch cost.
     */
    protected double overheadMs(Workload workload) {
        return overhead.at(workload);
    }

    /**
     * @throws BadInputException when no task slot is left beside the receivers (no batch would ever run)
     */
    public Prediction predict(Workload workload) {
        if (workload.freeSlots() < 1)
            throw new BadInputException(Messages.get("bad.noFreeSlot", workload.cores(), workload.receivers(), workload.receivers() + 1));
        if (workload.costStagePartitions() < 1) throw new BadInputException(Messages.get("bad.noBlocks"));
        BatchArithmetic arithmetic = BatchArithmetic.of(workload);
        double overheadMs = overheadMs(workload);
        return new Prediction(workload, arithmetic, overheadMs, overhead, overheadMs + arithmetic.costTimeMs());
    }
}
