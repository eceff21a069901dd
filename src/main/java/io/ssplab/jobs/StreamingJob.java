package io.ssplab.jobs;

import java.util.Map;

import org.apache.spark.streaming.api.java.JavaDStream;
import org.apache.spark.streaming.api.java.JavaPairDStream;

/**
 * A job of the lab: its knobs and its pipeline. The runner ({@link io.ssplab.run.StreamingRunner})
 * supplies the input stream, the Spark context, the metrics and the verdict, so a job class holds
 * only what a student should read.
 */
public interface StreamingJob {

    /** Name on the command line: phase1, fill-gaps, … */
    String name();

    /** One sentence: what this job shows. */
    String description();

    /** The job's knobs before command-line overrides. */
    JobSpec defaults();

    /**
     * Builds the word counts from the input lines. Runs on the driver while the streaming graph is
     * defined, before any batch: a gap left open in an exercise fails here, not in a task.
     */
    JavaPairDStream<String, Integer> wordCounts(JavaDStream<String> lines, JobSpec knobs);

    /** How many of the most frequent words to print per batch. */
    default int topWordsToPrint() {
        return 5;
    }

    /**
     * Whether batch interval, partitions and cost are written in the job's code (the exercises) rather
     * than taken from options: then {@code --batch-interval}, {@code --partitions} and {@code --cost}
     * are refused, because the lesson is to set them in the code.
     */
    default boolean knobsInCode() {
        return false;
    }

    /**
     * Spark settings this job needs beyond the runner's (e.g. phase4's backpressure). Command-line
     * {@code sparkConf} extras still win over these.
     */
    default Map<String, String> sparkConf() {
        return Map.of();
    }

    /**
     * Called once per completed batch the run reports, after the live table, the metrics file and
     * the summary have it — so a job that decides when to stop (the grader's) decides on exactly the
     * batches the run reports. Runs on Spark's listener-bus thread: keep it short.
     */
    default void onBatch(io.ssplab.metrics.BatchMetrics batch) {
    }
}
