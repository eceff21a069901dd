package io.ssplab.metrics;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.spark.SparkContext;
import org.apache.spark.executor.TaskMetrics;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.scheduler.StageInfo;
import org.apache.spark.scheduler.TaskInfo;
import org.apache.spark.storage.RDDInfo;

import io.ssplab.core.BatchMetrics;
import io.ssplab.core.Stats;

/**
 * Task-level metrics per streaming batch: for the batch's <em>cost stage</em> — the stage that pays the
 * per-record cost — its longest and median task and the most records one task read: what the Spark UI's
 * stage page shows as Summary Metrics (Duration: Median, Max), and the REST API as {@code taskSummary}.
 * A longest task far above the median is skew: one task holds a hot key.
 *
 * <p><b>How a task is tied to its batch.</b> Spark Streaming runs each batch's output operations with
 * the job's local property {@value #BATCH_TIME_PROPERTY} set to the batch time (the Streaming tab of the
 * Spark UI links its batches to their jobs by the same property). {@link #onJobStart} reads it from
 * the job's properties and maps each stage of the job to the batch; {@link #onTaskEnd} then files every
 * successful task under its stage's batch. Time stamps are not used: batches that queue overlap in time,
 * stage ids never do.
 *
 * <p><b>Which stage pays the cost.</b> The stage holding an RDD named {@value #COST_RDD_NAME} (the skew
 * pipelines name theirs), else the stage whose tasks took the longest in total (the cost dominates any
 * batch that has one).
 *
 * <p><b>When a batch's numbers are complete.</b> The listener is registered on the listener bus's
 * status queue ({@link #attach}) — the queue that also delivers the streaming events — so every task
 * end of a batch reaches it before the batch's completion reaches the streaming listeners: when
 * {@link BatchMetricsListener} asks for batch T, T's tasks are all in. Where that queue cannot be
 * reached (another Spark), it falls back to the shared queue, and a batch whose tasks have not arrived
 * yet gets no task metrics (null: unknown) rather than wrong ones.
 */
public final class CostStageListener extends SparkListener {
    /** The job property Spark Streaming sets to the batch time (JobScheduler.BATCH_TIME_PROPERTY_KEY). */
    public static final String BATCH_TIME_PROPERTY = "spark.streaming.internal.batchTime";
    /** The RDD that pays the cost, as the skew pipelines name it. */
    public static final String COST_RDD_NAME = BatchMetrics.COST_STAGE_RDD;

    private final Map<Integer, Long> batchOfStage = new ConcurrentHashMap<>();
    private final Map<Integer, Boolean> costNamed = new ConcurrentHashMap<>();
    private final Map<Long, Map<Integer, List<long[]>>> tasksOfBatch = new ConcurrentHashMap<>();

    /** The cost stage of one batch: how many tasks, the longest and the median task (ms), the most records one task read. */
    public record TaskStats(int stageId, int tasks, long maxMs, long medianMs, long maxRecords) {
        /** Longest over median task (1 when even); NaN when the median task took no measurable time. */
        public double skew() {
            return medianMs > 0 ? (double) maxMs / medianMs : Double.NaN;
        }
    }

    /**
     * Attaches a new listener to {@code sc}, on the status queue when this Spark allows it (see the class
     * comment), else on the shared one.
     */
    public static CostStageListener attach(SparkContext sc) {
        CostStageListener listener = new CostStageListener();
        try {
            sc.listenerBus().addToStatusQueue(listener);
        } catch (LinkageError | RuntimeException notThisSpark) {
            sc.addSparkListener(listener);
        }
        return listener;
    }

    @Override
    public void onJobStart(SparkListenerJobStart jobStart) {
        Properties properties = jobStart.properties();
        String time = properties == null ? null : properties.getProperty(BATCH_TIME_PROPERTY);
        if (time == null) return;
        long batch;
        try {
            batch = Long.parseLong(time.strip());
        } catch (NumberFormatException notABatch) {
            return;
        }
        for (StageInfo stage : scala.jdk.javaapi.CollectionConverters.asJava(jobStart.stageInfos())) {
            batchOfStage.put(stage.stageId(), batch);
            for (RDDInfo rdd : scala.jdk.javaapi.CollectionConverters.asJava(stage.rddInfos())) {
                if (COST_RDD_NAME.equals(rdd.name())) costNamed.put(stage.stageId(), true);
            }
        }
    }

    @Override
    public void onTaskEnd(SparkListenerTaskEnd taskEnd) {
        Long batch = batchOfStage.get(taskEnd.stageId());
        TaskInfo info = taskEnd.taskInfo();
        if (batch == null || info == null || !info.successful()) return;
        TaskMetrics m = taskEnd.taskMetrics();
        // The Spark UI's task Duration is the executor's run time; without metrics, launch to finish.
        long ms = m != null ? m.executorRunTime() : info.duration();
        long records = m == null ? 0 : m.shuffleReadMetrics().recordsRead() + m.inputMetrics().recordsRead();
        tasksOfBatch.computeIfAbsent(batch, b -> new ConcurrentHashMap<>())
                .computeIfAbsent(taskEnd.stageId(), s -> java.util.Collections.synchronizedList(new ArrayList<>()))
                .add(new long[] {ms, records});
    }

    /** The cost stage of batch {@code batchTimeMs}, or null when none of its tasks was seen; forgets this batch and older ones. */
    public TaskStats take(long batchTimeMs) {
        Map<Integer, List<long[]>> stages = tasksOfBatch.remove(batchTimeMs);
        tasksOfBatch.keySet().removeIf(t -> t < batchTimeMs);
        batchOfStage.values().removeIf(t -> t <= batchTimeMs);
        if (stages == null || stages.isEmpty()) return null;
        Integer chosen = null;
        long chosenTotal = -1;
        boolean chosenNamed = false;
        for (Map.Entry<Integer, List<long[]>> e : stages.entrySet()) {
            boolean named = costNamed.getOrDefault(e.getKey(), false);
            long total = 0;
            synchronized (e.getValue()) {
                for (long[] t : e.getValue()) total += t[0];
            }
            if (chosen == null || named && !chosenNamed || named == chosenNamed && total > chosenTotal) {
                chosen = e.getKey();
                chosenTotal = total;
                chosenNamed = named;
            }
        }
        stages.keySet().forEach(costNamed::remove);
        return stats(chosen, stages.get(chosen));
    }

    /** The batch with its cost stage's task metrics, when known. */
    public BatchMetrics complete(BatchMetrics m) {
        TaskStats s = take(m.batchTimeMs());
        return s == null ? m : m.withCostStage(s.maxMs(), s.medianMs(), s.maxRecords());
    }

    static TaskStats stats(int stageId, List<long[]> tasks) {
        double[] ms;
        long maxRecords = 0;
        synchronized (tasks) {
            ms = new double[tasks.size()];
            for (int i = 0; i < ms.length; i++) {
                ms[i] = tasks.get(i)[0];
                maxRecords = Math.max(maxRecords, tasks.get(i)[1]);
            }
        }
        long max = 0;
        for (double v : ms) max = Math.max(max, (long) v);
        return new TaskStats(stageId, ms.length, max, Math.round(Stats.median(ms)), maxRecords);
    }
}
