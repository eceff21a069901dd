package io.ssplab.pipeline;

import java.util.Map;

import org.apache.spark.streaming.api.java.JavaDStream;
import org.apache.spark.streaming.api.java.JavaPairDStream;

import io.ssplab.core.Knobs;
import io.ssplab.core.Master;
import io.ssplab.core.Messages;

/**
 * What the lab's runner needs of a job: its name, its knobs and its pipeline. The runner
 * ({@code io.ssplab.run.StreamingRunner}) supplies the input stream, the Spark context, the metrics and
 * the verdict, so a job class holds only what a student should read — and its own {@code main} for
 * plain {@code spark-submit}.
 */
public interface StreamingJob {

    /** Name on the command line: phase1, fill-gaps, … — its knobs' job name unless a class says otherwise. */
    default String name() {
        return defaults().job();
    }

    /** One sentence: what this job shows, in the current language (message {@code job.NAME.description}). */
    default String description() {
        return Messages.get("job." + name() + ".description");
    }

    /** The job's knobs before command-line overrides. */
    Knobs defaults();

    /**
     * Builds the word counts from the input lines. Runs on the driver while the streaming graph is
     * defined, before any batch: a gap left open in an exercise fails here, not in a task.
     */
    JavaPairDStream<String, Integer> wordCounts(JavaDStream<String> lines, Knobs knobs);

    /**
     * The task slots the lesson was designed for: N of the job's own local master. A cluster run that
     * asks for no cores is planned and run with this many ({@code Master#slotsFor}).
     */
    default int designedCores() {
        Master m = Master.parse(defaults().master());
        return m.isLocal() ? m.cores() : Master.DEFAULT_CLUSTER_CORES;
    }

    /**
     * Where the job pays its cost, for the model: 0 before any shuffle, on partitions of evenly spread
     * lines (the phases, the exercises); n ≥ 1 after a shuffle by key, each key spread over n salted
     * sub-keys (1: not salted) — then skewed keys make the partitions uneven (the skew lesson, docs/level2.md).
     */
    default int keySalts() {
        return 0;
    }

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
     * Whether the pipeline repartitions its input before the costly step (every socket lesson does). Without
     * one, on Kafka, the costly stage has one task per topic partition (docs/kafka.md): the model must know.
     */
    default boolean repartitions() {
        return true;
    }

    /**
     * A Kafka lesson's topic partitions (0: not a Kafka lesson; the run's {@code --kafka-partitions} or the
     * default). A Kafka lesson reads from Kafka unless {@code --source} names another one.
     */
    default int kafkaPartitions() {
        return 0;
    }

    /**
     * The lesson's own arithmetic, printed before the first batch after the model's (Kafka lesson 3: where the hot key
     * lands and what the per-partition limit takes from it), in the reader's language; none by default.
     *
     * @param topicPartitions the run's topic partitions (0: not a Kafka run)
     * @param sparkConf       the run's Spark settings (the job's, the command line's winning)
     */
    default java.util.List<String> arithmetic(Knobs knobs, int topicPartitions, Map<String, String> sparkConf) {
        return java.util.List.of();
    }
}
