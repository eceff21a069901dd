package io.ssplab.cli;

import java.time.Duration;

import io.ssplab.exercises.MissingSolutionException;
import io.ssplab.exercises.WordCountExercise;
import io.ssplab.core.BadInputException;
import io.ssplab.core.Knobs;
import io.ssplab.core.Messages;
import io.ssplab.pipeline.StreamingJob;
import picocli.CommandLine.Option;

/**
 * The knobs of the lesson — master, batch interval, partitions, cost per record — as the options
 * {@code run} and {@code plan} share (a picocli mixin): one description each, one way to lay them
 * over a job's defaults, and one refusal for the exercises, whose knobs are their code. Their help
 * texts are the bundle's {@code ssp.knob.*}, the same in both commands.
 */
public final class JobKnobOptions {
    @Option(names = "--master", descriptionKey = "ssp.knob.master", paramLabel = "URL")
    String master;

    @Option(names = "--batch-interval", descriptionKey = "ssp.knob.batch-interval", paramLabel = "DURATION", converter = DurationConverter.class)
    Duration batchInterval;

    @Option(names = "--partitions", descriptionKey = "ssp.knob.partitions", paramLabel = "N")
    Integer partitions;

    @Option(names = "--cost", descriptionKey = "ssp.knob.cost", paramLabel = "DURATION", converter = DurationConverter.class)
    Duration cost;

    @Option(names = "--batch-cost", paramLabel = "DURATION", converter = DurationConverter.class, descriptionKey = "ssp.knob.batch-cost")
    Duration batchCost;

    /** The options given, as command-line arguments (" --master 'local[2]' --cost 2ms"), to repeat them in another command. */
    String asArguments() {
        StringBuilder s = new StringBuilder();
        if (master != null) s.append(" --master ").append(master.matches("[\\w:/.\\-]+") ? master : "'" + master + "'");
        if (batchInterval != null) s.append(" --batch-interval ").append(DurationConverter.format(batchInterval));
        if (partitions != null) s.append(" --partitions ").append(partitions);
        if (cost != null) s.append(" --cost ").append(DurationConverter.format(cost));
        if (batchCost != null) s.append(" --batch-cost ").append(DurationConverter.format(batchCost));
        return s.toString();
    }

    /** Whether any option that an exercise keeps in its code was given. */
    boolean anyCodeKnob() {
        return batchInterval != null || partitions != null || cost != null;
    }

    /**
     * The job's defaults with these options (and {@code rate}, when given) laid over them, not yet
     * validated. Refuses, before anything starts: knob options for an exercise (its knobs are the
     * gaps: {@code alsoGiven} says whether the command's own code-knob options were used too), and an
     * exercise with a gap still open.
     *
     * @param masterFallback the master when {@code --master} is absent (spark-submit passes one), or null
     * @param insteadKey     message key of what to do instead, for the refusal: "edit X.java" is always said, this follows it
     */
    Knobs applyTo(StreamingJob job, String jobName, String masterFallback, Double rate, boolean alsoGiven, String insteadKey) {
        if (job.knobsInCode() && (anyCodeKnob() || alsoGiven)) {
            throw new BadInputException(Messages.get("bad.knobsInCode", jobName, job.getClass().getSimpleName(), Messages.get(insteadKey)));
        }
        if (batchCost != null) throw new BadInputException(Messages.get("ss.bad.batchCostDstream"));
        if (job instanceof WordCountExercise exercise) {
            MissingSolutionException open = exercise.firstOpenGap();
            if (open != null) throw open;
        }
        return job.defaults().withOverrides(master != null ? master : masterFallback, batchInterval, partitions, cost, rate);
    }
}
