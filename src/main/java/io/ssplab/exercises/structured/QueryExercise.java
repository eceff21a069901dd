package io.ssplab.exercises.structured;

import java.time.Duration;

import org.apache.spark.sql.Dataset;

import io.ssplab.core.Api;
import io.ssplab.core.CostUnit;
import io.ssplab.core.Knobs;
import io.ssplab.exercises.MissingSolutionException;
import io.ssplab.pipeline.StructuredJob;
import io.ssplab.pipeline.StructuredWordCount;

/**
 * What a Structured Streaming exercise and its solution have in common (the DStream exercises'
 * {@link io.ssplab.exercises.WordCountExercise}, for a query): the five gaps as methods, and the one pipeline
 * both run with their values, the lessons' {@link StructuredWordCount#costPerLine}:
 * {@code lines → repartition(gap 4) → wait per line (gap 2) → split}, then per micro-batch the word count
 * (spark.sql.shuffle.partitions = gap 4), printing the top gap 5 words, a micro-batch every gap 1 on
 * {@code local[gap 3]}. A solution extends this class, never the student's exercise, so it never inherits an edit.
 *
 * <p>{@link #defaults()} reads the gaps, so the runner finds an open gap before Spark starts, and
 * {@link #firstOpenGap()} lets the grader say "not attempted".
 */
public abstract class QueryExercise implements StructuredJob {

    /** Gap 1: the ProcessingTime trigger T, how often a micro-batch starts. */
    public abstract Duration trigger();

    /** Gap 2: the wait paid for each line. */
    public abstract Duration costPerLine();

    /** Gap 3: the task slots, N of {@code local[N]}. */
    public abstract int cores();

    /** Gap 4: P, the partitions after {@code repartition} and of the count's shuffle ({@code spark.sql.shuffle.partitions}). */
    public abstract int partitions();

    /** Gap 5: how many top words to print per micro-batch. */
    @Override
    public abstract int topWordsToPrint();

    /** The master the gaps ask for: {@code local[cores()]}. */
    public final String master() {
        return "local[" + cores() + "]";
    }

    /** @throws MissingSolutionException for the first open gap, in gap order */
    @Override
    public Knobs defaults() {
        MissingSolutionException open = firstOpenGap();
        if (open != null) throw open;
        return new Knobs(name(), master(), trigger(), partitions(), costPerLine(), CostUnit.LINE, Knobs.DEFAULT_RATE,
                Knobs.DEFAULT_WORDS_PER_LINE, Knobs.DEFAULT_BLOCK_INTERVAL, Api.STRUCTURED, Duration.ZERO);
    }

    /** The exercise's pipeline with its gap values: the same for every exercise and solution. */
    @Override
    public final Dataset<String> words(Dataset<String> lines, Knobs knobs) {
        return StructuredWordCount.costPerLine(lines, partitions(), costPerLine());
    }

    /** The first gap still open, in gap order, or null when all five are filled. */
    public MissingSolutionException firstOpenGap() {
        try {
            trigger();
            costPerLine();
            cores();
            partitions();
            topWordsToPrint();
            return null;
        } catch (MissingSolutionException open) {
            return open;
        }
    }

    /** An open gap: throws, naming the gap and giving a hint. Replace the call with your value. */
    protected final <T> T gap(int number) {
        throw new MissingSolutionException(name(), number);
    }
}
