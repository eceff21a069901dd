package io.ssplab.grader;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.spark.streaming.api.java.JavaDStream;
import org.apache.spark.util.LongAccumulator;
import org.apache.spark.streaming.api.java.JavaPairDStream;

import io.ssplab.exercises.WordCountExercise;
import io.ssplab.core.Knobs;
import io.ssplab.pipeline.StreamingJob;

/**
 * The student's job as the grader runs it: the student's own pipeline, untouched, plus a tap on its
 * word counts that adds them up per batch, so the grader can compare them with the lines the receiver
 * got (every line has the same number of words). It is a {@code mapValues} appended after the
 * student's last step, feeding one accumulator per batch: it runs inside the tasks that print the top
 * words, so it adds no Spark job and no task to a batch, and PT stays what the student's pipeline
 * costs. (Local mode never retries a failed task, so no value is counted twice.)
 */
final class GradedJob implements StreamingJob {
    private final WordCountExercise exercise;
    private final Map<Long, LongAccumulator> wordsPerBatch = new ConcurrentHashMap<>();

    GradedJob(WordCountExercise exercise) {
        this.exercise = exercise;
    }

    /** Batch time (ms) → the sum of the word counts the job produced for that batch, for every batch that ran. */
    Map<Long, Long> wordsPerBatch() {
        Map<Long, Long> sums = new HashMap<>();
        wordsPerBatch.forEach((time, words) -> sums.put(time, words.value()));
        return sums;
    }

    @Override
    public JavaPairDStream<String, Integer> wordCounts(JavaDStream<String> lines, Knobs knobs) {
        JavaPairDStream<String, Integer> counts = exercise.wordCounts(lines, knobs);
        Map<Long, LongAccumulator> perBatch = wordsPerBatch; // the closure captures the map only, not this job
        return counts.transformToPair((rdd, time) -> {
            // Runs on the driver when the batch is cut; the accumulator travels to the tasks.
            LongAccumulator words = rdd.context().longAccumulator("words counted in batch " + time.milliseconds());
            perBatch.put(time.milliseconds(), words);
            return rdd.mapValues(count -> {
                words.add(count);
                return count;
            });
        });
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
    public Knobs defaults() {
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
