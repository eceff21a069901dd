package io.ssplab.exercises;

import java.time.Duration;

import io.ssplab.jobs.JobSpec;
import io.ssplab.jobs.StreamingJob;
import io.ssplab.pipeline.CostUnit;
import io.ssplab.source.SourceConfig;

/**
 * What an exercise and its solution have in common: the five gaps of the lesson, as methods, and
 * the master the step is run with. {@link #defaults()} reads the gaps, so the runner finds an open
 * gap before Spark starts — and {@link #firstOpenGap()} lets the grader say "not attempted".
 */
public abstract class WordCountExercise implements StreamingJob {

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

    @Override
    public JobSpec defaults() {
        return new JobSpec(name(), master(), batchInterval(), repartitionTo(), sleepPerLine(), CostUnit.LINE,
                SourceConfig.DEFAULT_RATE, SourceConfig.DEFAULT_WORDS_PER_LINE, JobSpec.DEFAULT_BLOCK_INTERVAL);
    }

    /** The first gap still open, in gap order, or null when all five are filled. */
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

    /** An open gap: throws, naming the gap and giving a hint. Replace the call with your value. */
    protected final <T> T gap(int number, String gapName, String hint) {
        throw new MissingSolutionException(name(), number, gapName, hint);
    }
}
