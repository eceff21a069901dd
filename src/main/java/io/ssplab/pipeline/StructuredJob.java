package io.ssplab.pipeline;

import org.apache.spark.sql.Dataset;

import io.ssplab.core.Knobs;
import io.ssplab.core.Master;
import io.ssplab.core.Messages;

/**
 * What the lab's runner needs of a Structured Streaming lesson ({@link StreamingJob} is the DStream one):
 * its name, its knobs and its pipeline, from the lines to the words. The runner
 * ({@code io.ssplab.run.StructuredRunner}) supplies the source, the session, the trigger, the per-batch word
 * count (foreachBatch) and the measurements, so a lesson class holds only what a student should read —
 * and its own {@code main} for plain {@code spark-submit} ({@link StandaloneQuery}).
 */
public interface StructuredJob {

    /** Name on the command line: ss-baseline, … — its knobs' job name unless a class says otherwise. */
    default String name() {
        return defaults().job();
    }

    /** One sentence: what this lesson shows, in the current language (message {@code job.NAME.description}). */
    default String description() {
        return Messages.get("job." + name() + ".description");
    }

    /** The lesson's knobs before command-line overrides (api structured). */
    Knobs defaults();

    /**
     * The streaming part of the query: lines in, words out (a test feeds it from a MemoryStream, a run from
     * the socket source). Stateless: the words are counted per batch in foreachBatch
     * ({@link StructuredWordCount#countWords}).
     */
    Dataset<String> words(Dataset<String> lines, Knobs knobs);

    /** The task slots the lesson was designed for: N of the lesson's own local master. */
    default int designedCores() {
        Master m = Master.parse(defaults().master());
        return m.isLocal() ? m.cores() : Master.DEFAULT_CLUSTER_CORES;
    }

    /** How many of the most frequent words to print per batch. */
    default int topWordsToPrint() {
        return 5;
    }

    /**
     * A Kafka lesson's options for Spark's kafka source ({@code maxOffsetsPerTrigger}, {@code minOffsetsPerTrigger},
     * {@code maxTriggerDelay}); empty for the others (docs/kafka.md).
     */
    default java.util.Map<String, String> kafkaOptions() {
        return java.util.Map.of();
    }

    /** A Kafka lesson's topic partitions (0: not a Kafka lesson; the run's --kafka-partitions or the default). */
    default int kafkaPartitions() {
        return 0;
    }

    /**
     * The knobs as one micro-batch sees them: the lesson's, unless its source caps what one trigger may take
     * ({@code maxOffsetsPerTrigger}): then the rate that cap allows. The runner's warm-up, live table, lag rule
     * and prediction count a batch's lines with these; the producer still sends at the lesson's rate.
     */
    default Knobs perTrigger(Knobs knobs) {
        return knobs;
    }

    /** Lines of the lesson's own arithmetic, printed before the first batch (the run's knobs); none by default. */
    default java.util.List<String> notes(Knobs knobs) {
        return java.util.List.of();
    }
}
