package io.ssplab.metrics;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.spark.SparkConf;
import org.apache.spark.executor.TaskMetrics;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerApplicationEnd;
import org.apache.spark.scheduler.SparkListenerJobEnd;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.apache.spark.scheduler.SparkListenerStageCompleted;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.scheduler.StageInfo;
import org.apache.spark.scheduler.TaskInfo;

import io.ssplab.core.Json;

/**
 * Where a batch's time goes, from Spark's own task and stage metrics: for every streaming batch, its
 * jobs' span (the batch's processing time as Spark Streaming counts it: first job start to last job end)
 * and, for each of its stages, when it was submitted and completed, when its first task launched and
 * its last one finished, and its tasks' time summed by part — scheduler delay (launch and result
 * shipping: the Spark UI's formula), deserialisation, executor run time (where the per-record cost
 * waits are paid), shuffle write, shuffle fetch wait, result serialisation. {@link BatchBreakdown} turns
 * them into the terms the planner names.
 *
 * <p>Attached by Spark itself ({@code spark.extraListeners}, {@link #sparkConf}), so any run can have it
 * without a change to the runner; it writes one JSON line per batch to the file named by
 * {@value #FILE_KEY} when the application ends (the listener bus drains before {@code stop} returns).
 * Batches are told apart by the job property Spark Streaming sets ({@link CostStageListener#BATCH_TIME_PROPERTY}).
 */
public final class BatchBreakdownListener extends SparkListener {
    /** The Spark setting naming the file the breakdown goes to. */
    public static final String FILE_KEY = "spark.ssplab.breakdown.file";

    private final Path file;
    private final Map<Integer, Long> batchOfStage = new ConcurrentHashMap<>();
    private final Map<Long, BatchBreakdown.Batch> batches = new ConcurrentHashMap<>();
    private final Map<Integer, long[]> jobSpans = new ConcurrentHashMap<>();
    private final Map<Integer, Long> batchOfJob = new ConcurrentHashMap<>();
    private final Map<Integer, double[]> taskSums = new ConcurrentHashMap<>();

    /** Spark's constructor for {@code spark.extraListeners}. */
    public BatchBreakdownListener(SparkConf conf) {
        this.file = conf.contains(FILE_KEY) ? Path.of(conf.get(FILE_KEY)) : null;
    }

    /** The Spark settings that attach this listener to a run and send its breakdown to {@code file}. */
    public static Map<String, String> sparkConf(Path file) {
        return Map.of("spark.extraListeners", BatchBreakdownListener.class.getName(), FILE_KEY, file.toAbsolutePath().toString());
    }

    @Override
    public void onJobStart(SparkListenerJobStart jobStart) {
        Properties properties = jobStart.properties();
        String time = properties == null ? null : properties.getProperty(CostStageListener.BATCH_TIME_PROPERTY);
        if (time == null) return;
        long batch;
        try {
            batch = Long.parseLong(time.strip());
        } catch (NumberFormatException notABatch) {
            return;
        }
        batchOfJob.put(jobStart.jobId(), batch);
        jobSpans.put(jobStart.jobId(), new long[] {jobStart.time(), -1});
        for (StageInfo stage : scala.jdk.javaapi.CollectionConverters.asJava(jobStart.stageInfos())) batchOfStage.put(stage.stageId(), batch);
    }

    @Override
    public void onJobEnd(SparkListenerJobEnd jobEnd) {
        Long batch = batchOfJob.remove(jobEnd.jobId());
        long[] span = jobSpans.remove(jobEnd.jobId());
        if (batch == null || span == null) return;
        batches.compute(batch, (b, old) -> {
            BatchBreakdown.Batch x = old != null ? old : new BatchBreakdown.Batch(b, Long.MAX_VALUE, Long.MIN_VALUE, 0, new ArrayList<>());
            return new BatchBreakdown.Batch(b, Math.min(x.firstJobStartMs(), span[0]), Math.max(x.lastJobEndMs(), jobEnd.time()), x.jobs() + 1, x.stages());
        });
    }

    @Override
    public void onTaskEnd(SparkListenerTaskEnd taskEnd) {
        TaskInfo info = taskEnd.taskInfo();
        TaskMetrics m = taskEnd.taskMetrics();
        if (!batchOfStage.containsKey(taskEnd.stageId()) || info == null || m == null || !info.successful()) return;
        long duration = info.finishTime() - info.launchTime();
        long gettingResult = info.gettingResultTime() > 0 ? info.finishTime() - info.gettingResultTime() : 0;
        // the Spark UI's scheduler delay: what the task's wall time holds beyond the executor's own parts
        double schedulerDelay = Math.max(0, duration - m.executorRunTime() - m.executorDeserializeTime() - m.resultSerializationTime() - gettingResult);
        double[] part = {1, schedulerDelay, m.executorDeserializeTime(), m.executorRunTime(), m.shuffleWriteMetrics().writeTime() / 1e6,
                m.shuffleReadMetrics().fetchWaitTime(), m.resultSerializationTime() + gettingResult, info.launchTime(), info.finishTime()};
        taskSums.merge(taskEnd.stageId(), part, (a, b) -> {
            double[] s = a.clone();
            for (int i = 0; i < 7; i++) s[i] += b[i];
            s[7] = Math.min(a[7], b[7]);
            s[8] = Math.max(a[8], b[8]);
            return s;
        });
    }

    @Override
    public void onStageCompleted(SparkListenerStageCompleted completed) {
        StageInfo s = completed.stageInfo();
        Long batch = batchOfStage.remove(s.stageId());
        double[] t = taskSums.remove(s.stageId());
        if (batch == null || t == null || s.submissionTime().isEmpty() || s.completionTime().isEmpty()) return;
        String name = s.name();
        BatchBreakdown.Stage stage = new BatchBreakdown.Stage(s.stageId(), name, (int) t[0], (Long) s.submissionTime().get(),
                (Long) s.completionTime().get(), (long) t[7], (long) t[8], t[1], t[2], t[3], t[4], t[5], t[6]);
        batches.compute(batch, (b, old) -> {
            BatchBreakdown.Batch x = old != null ? old : new BatchBreakdown.Batch(b, Long.MAX_VALUE, Long.MIN_VALUE, 0, new ArrayList<>());
            List<BatchBreakdown.Stage> stages = new ArrayList<>(x.stages());
            stages.add(stage);
            return new BatchBreakdown.Batch(b, x.firstJobStartMs(), x.lastJobEndMs(), x.jobs(), stages);
        });
    }

    @Override
    public void onApplicationEnd(SparkListenerApplicationEnd end) {
        if (file == null) return;
        try (PrintStream out = new PrintStream(Files.newOutputStream(file), true, StandardCharsets.UTF_8)) {
            for (BatchBreakdown.Batch b : new TreeMap<>(batches).values()) {
                if (b.jobs() == 0) continue; // a batch cut off by the stop: no span to split
                out.println(Json.COMPACT.writeValueAsString(b));
            }
        } catch (IOException e) {
            // a breakdown is evidence, not the run: a run whose breakdown cannot be written still ends normally
            System.err.println(e.getMessage());
        }
    }
}
