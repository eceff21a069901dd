package io.ssplab.grader;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.spark.streaming.api.java.JavaDStream;
import org.apache.spark.util.LongAccumulator;
import org.apache.spark.streaming.api.java.JavaPairDStream;

import io.ssplab.exercises.WordCountExercise;
import io.ssplab.jobs.JobSpec;
import io.ssplab.jobs.StreamingJob;
import io.ssplab.metrics.BatchMetrics;
import io.ssplab.run.StopSignal;

/**
 * The student's job as the grader runs it: the student's own pipeline, untouched, plus two things
 * the grader needs and the student should not have to write.
 * <ul>
 *   <li>A tap on the job's word counts that adds them up per batch, so the grader can compare them
 *       with the lines the receiver got (every line has the same number of words). It is a
 *       {@code mapValues} appended after the student's last step, feeding one accumulator per batch:
 *       it runs inside the tasks that print the top words, so it adds no Spark job and no task to a
 *       batch, and PT stays what the student's pipeline costs. (Local mode never retries a failed
 *       task, so no value is counted twice.)</li>
 *   <li>{@link #onBatch}: stops the run once enough batches past warm-up have completed, so the check
 *       takes as long as it must and no longer, however long the receiver needs to connect.</li>
 * </ul>
 */
final class GradedJob implements StreamingJob {
    private final WordCountExercise exercise;
    private final boolean waitForBacklog;
    private final int measuredBatches;
    private final StopSignal stop;
    private final Map<Long, LongAccumulator> wordsPerBatch = new ConcurrentHashMap<>();
    private final List<BatchMetrics> seen = new ArrayList<>();
    private volatile double nominalLinesPerBatch;

    GradedJob(WordCountExercise exercise, Lesson lesson, int measuredBatches, StopSignal stop) {
        this.exercise = exercise;
        this.waitForBacklog = lesson.waitsForStartupBacklog();
        this.measuredBatches = measuredBatches;
        this.stop = stop;
    }

    /** Batch time (ms) → the sum of the word counts the job produced for that batch, for every batch that ran. */
    Map<Long, Long> wordsPerBatch() {
        Map<Long, Long> sums = new HashMap<>();
        wordsPerBatch.forEach((time, words) -> sums.put(time, words.value()));
        return sums;
    }

    @Override
    public JavaPairDStream<String, Integer> wordCounts(JavaDStream<String> lines, JobSpec knobs) {
        JavaPairDStream<String, Integer> counts = exercise.wordCounts(lines, knobs);
        Map<Long, LongAccumulator> perBatch = wordsPerBatch; // the closure captures the map only, not this job
        JavaPairDStream<String, Integer> tapped = counts.transformToPair((rdd, time) -> {
            // Runs on the driver when the batch is cut; the accumulator travels to the tasks.
            LongAccumulator words = rdd.context().longAccumulator("words counted in batch " + time.milliseconds());
            perBatch.put(time.milliseconds(), words);
            return rdd.mapValues(count -> {
                words.add(count);
                return count;
            });
        });
        nominalLinesPerBatch = knobs.linesPerSecond() * knobs.batchIntervalMs() / 1000.0;
        return tapped;
    }

    /** The run's own batches, in the order it reports them: the stop rule counts what the grade will see. */
    @Override
    public synchronized void onBatch(BatchMetrics m) {
        double nominalLines = nominalLinesPerBatch;
        seen.add(m);
        int warmup = Warmup.batches(seen, nominalLines, waitForBacklog);
        if (seen.size() - warmup >= measuredBatches) {
            stop.request(String.format(Locale.ROOT, "%d batches measured after %s", measuredBatches,
                    LessonTerms.count(warmup, "warm-up batch", "warm-up batches")));
        }
    }

    @Override
    public String name() {
        return exercise.name();
    }

    @Override
    public String description() {
        return exercise.description();
    }

    @Override
    public JobSpec defaults() {
        return exercise.defaults();
    }

    @Override
    public int topWordsToPrint() {
        return exercise.topWordsToPrint();
    }

    @Override
    public boolean knobsInCode() {
        return exercise.knobsInCode();
    }
}
