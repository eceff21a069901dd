package io.ssplab.exercises;

import io.ssplab.core.Knobs;
import io.ssplab.pipeline.Standalone;
import io.ssplab.pipeline.StreamingJob;

/**
 * What every DStream exercise does with its gaps, whatever the lesson: a gap is a method that throws until
 * the student writes it ({@link #gap}), the first open one is found before anything starts
 * ({@link #firstOpenGap}: the grader's "not attempted", the runner's refusal), and {@code main} runs the
 * exercise under plain spark-submit once no gap is open ({@link #runStandalone}).
 */
public abstract class GapExercise implements StreamingJob {

    /** The first gap still open, or null when every gap is filled: each gap method is called once. */
    public abstract MissingSolutionException firstOpenGap();

    /** An open gap: throws, naming the gap and giving a hint. Replace the call with your code. */
    protected final <T> T gap(int number) {
        throw new MissingSolutionException(name(), number);
    }

    /** What {@code main} does: this exercise under plain spark-submit, on lines from {@code bin/ssp source} ({@link Standalone}). */
    protected void runStandalone(String[] args) throws InterruptedException {
        MissingSolutionException open = firstOpenGap();
        if (open != null) {
            System.err.println(open.getMessage());
            System.exit(1);
        }
        Knobs knobs = defaults();
        Standalone.run(knobs, java.util.Map.of(), topWordsToPrint(), lines -> wordCounts(lines, knobs), args);
    }
}
