package io.ssplab.exercises;

import java.time.Duration;

import org.apache.spark.streaming.api.java.JavaDStream;
import org.apache.spark.streaming.api.java.JavaPairDStream;

import io.ssplab.core.CostUnit;
import io.ssplab.core.Knobs;
import io.ssplab.pipeline.WordCountPipeline;

/**
 * What an exercise and its solution have in common: the five gaps of the lesson, as methods, the
 * master the step runs on, and the one pipeline both run with their gap values,
 * {@link WordCountPipeline#costPerLine}: {@code lines → repartition(gap 3) → wait per line (gap 2) →
 * split → (word, 1) → reduceByKey(+, gap 4)}, cut every batch interval (gap 1), printing the top words
 * (gap 5). A solution extends this class, never the student's exercise, so it never inherits an edit.
 *
 * <p>{@link #defaults()} reads the gaps, so the runner finds an open gap before Spark starts — and
 * {@link #firstOpenGap()} lets the grader say "not attempted".
 */
public abstract class WordCountExercise extends GapExercise {

    /** Gap 1 — the batch interval (BI). */
    public abstract Duration batchInterval();

    /** Gap 2 — the wait paid for each line (the "sleep"). */
    public abstract Duration sleepPerLine();

    /** Gap 3 — partitions after {@code repartition}. */
    public abstract int repartitionTo();

    /** Gap 4 — partitions of {@code reduceByKey}. */
    public abstract int reducePartitions();

    /** Gap 5 — how many top words to print per batch. */
    @Override
    public abstract int topWordsToPrint();

    /** Which Spark master the step runs on (not a gap: the step's run command sets it). */
    public abstract String master();

    @Override
    public final boolean knobsInCode() {
        return true;
    }

    /** @throws MissingSolutionException for the first open gap, in gap order */
    @Override
    public Knobs defaults() {
        MissingSolutionException open = firstOpenGap();
        if (open != null) throw open;
        return new Knobs(name(), master(), batchInterval(), repartitionTo(), sleepPerLine(), CostUnit.LINE,
                Knobs.DEFAULT_RATE, Knobs.DEFAULT_WORDS_PER_LINE, Knobs.DEFAULT_BLOCK_INTERVAL);
    }

    /** The exercise's pipeline with its gap values: the same for every exercise and solution. */
    @Override
    public final JavaPairDStream<String, Integer> wordCounts(JavaDStream<String> lines, Knobs knobs) {
        return WordCountPipeline.costPerLine(lines, repartitionTo(), sleepPerLine(), reducePartitions());
    }

    /** The first gap still open, in gap order, or null when all five are filled. */
    @Override
    public MissingSolutionException firstOpenGap() {
        try {
            batchInterval();
            sleepPerLine();
            repartitionTo();
            reducePartitions();
            topWordsToPrint();
            return null;
        } catch (MissingSolutionException open) {
            return open;
        }
    }
}
