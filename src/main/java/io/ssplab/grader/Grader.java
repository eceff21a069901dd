package io.ssplab.grader;

import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.ssplab.exercises.MissingSolutionException;
import io.ssplab.exercises.WordCountExercise;
import io.ssplab.jobs.InvalidSpecException;
import io.ssplab.jobs.JobSpec;
import io.ssplab.metrics.Summarizer;
import io.ssplab.model.BatchArithmetic;
import io.ssplab.run.Master;
import io.ssplab.run.RunOptions;
import io.ssplab.run.RunResult;
import io.ssplab.run.SourceEndpoint;
import io.ssplab.run.StopSignal;
import io.ssplab.run.StreamingRunner;

/**
 * Grades any {@link WordCountExercise} against a {@link Lesson}: first what the code says (open gaps
 * → NOT ATTEMPTED, before Spark starts), then a short run on an embedded source with no Spark UI,
 * judged criterion by criterion on the batches after warm-up.
 */
public final class Grader {
    /** Batches measured after warm-up by default: enough for a trend and for forgiving one late batch, about 40 s. */
    public static final int DEFAULT_MEASURED_BATCHES = 8;
    public static final int MIN_MEASURED_BATCHES = RunCriteria.MIN_MEASURED_BATCHES;
    /** Time for Spark to start and the receiver to connect, before the first batch counts. */
    static final Duration START_ALLOWANCE = Duration.ofSeconds(45);
    /** Warm-up batches the time limit makes room for: the receiver connecting, then the start-up backlog. */
    static final int WARMUP_ALLOWANCE = 4 + Warmup.MAX_BACKLOG_BATCHES;

    private Grader() {
    }

    /**
     * @param measuredBatches batches to measure after warm-up (at least {@link #MIN_MEASURED_BATCHES})
     * @param out             where the run's live table and the report go
     * @param stop            lets a caller (Ctrl-C) end the run early; it is graded on what was measured
     */
    public static GradeReport check(Lesson lesson, WordCountExercise exercise, int measuredBatches, PrintStream out,
                                    StopSignal stop) throws IOException {
        if (measuredBatches < MIN_MEASURED_BATCHES)
            throw new InvalidSpecException("--batches must be at least " + MIN_MEASURED_BATCHES + ", got " + measuredBatches
                    + ": a verdict needs that many batches after warm-up (default " + DEFAULT_MEASURED_BATCHES + ")");
        String name = exercise.getClass().getName();
        JobSpec spec;
        try {
            MissingSolutionException open = exercise.firstOpenGap();
            if (open != null) return notAttempted(lesson, exercise, open);
            spec = exercise.defaults().validate();
            if (!Master.parse(spec.master()).isLocal())
                throw new InvalidSpecException("master " + spec.master() + " is not local: the check runs the exercise on this "
                        + "machine, so master() must return local[N]");
        } catch (RuntimeException bad) {
            // A student's value can be anything: null, 0, a master we cannot run. One line, never a stack trace.
            String why = bad instanceof InvalidSpecException ? withoutOptionAdvice(bad.getMessage()) : rootMessage(bad);
            return new GradeReport(lesson, name, Outcome.FAIL, "", List.of(Criterion.fail("the knobs can run", "no",
                    "your exercise's values cannot run: " + why)), List.of(), "fix the values in your code, then check again.");
        }

        List<Criterion> criteria = new ArrayList<>(lesson.fromCode(exercise));
        if (criteria.stream().anyMatch(c -> !c.passed())) return notRun(lesson, name, spec, criteria);
        GradedJob job = new GradedJob(exercise, lesson, measuredBatches, stop);
        RunOptions options = new RunOptions(SourceEndpoint.EMBEDDED, null, timeLimit(spec, measuredBatches), -1, null, Map.of(), out);
        out.printf(Locale.ROOT, "checking %s (%s): %d batches after warm-up, at most %d s%n", lesson.cliName(), name,
                measuredBatches, options.duration().toSeconds());
        RunResult result;
        try {
            result = StreamingRunner.run(job, spec, options, stop);
        } catch (MissingSolutionException openInPipeline) {
            return notAttempted(lesson, exercise, openInPipeline);
        } catch (IOException e) {
            throw e;
        } catch (Exception crashed) {
            criteria.add(Criterion.fail("the job runs without errors", "it failed: " + rootMessage(crashed),
                    "the run stopped with an error in your pipeline (the first lines above the table show where). "
                            + "Keep the pipeline's shape: repartition → slow map → split → (word, 1) → reduceByKey."));
            return graded(lesson, name, spec, criteria, null);
        }

        // Nobody asked the run to stop (enough batches, Ctrl-C): it ran into the time limit.
        boolean timeLimitReached = !stop.requested();
        Evidence evidence = new Evidence(lesson, spec, result.batches(), job.wordsPerBatch(), measuredBatches,
                result.stopReason(), timeLimitReached);
        criteria.addAll(lesson.fromRun(evidence));
        return graded(lesson, name, spec, criteria, evidence);
    }

    /** Long enough for a slow but honest run, short enough that a hopeless one does not hang a classroom. */
    static Duration timeLimit(JobSpec spec, int measuredBatches) {
        return START_ALLOWANCE.plus(spec.batchInterval().multipliedBy(2L * (measuredBatches + WARMUP_ALLOWANCE)));
    }

    static GradeReport notAttempted(Lesson lesson, WordCountExercise exercise, MissingSolutionException open) {
        Class<?> c = exercise.getClass();
        String where = c.getName().contains("$") ? c.getName()
                : "src/main/java/" + c.getName().replace('.', '/') + ".java";
        String closing = String.format(Locale.ROOT, "gap %d (%s) of %s is still open; nothing was run.\nhint: %s.\n"
                        + "Fill it in %s, then run 'bin/ssp check %s' again.", open.gap(), open.gapName(), c.getSimpleName(),
                open.hint(), where, lesson.cliName());
        return new GradeReport(lesson, c.getName(), Outcome.NOT_ATTEMPTED, "", List.of(), List.of(), closing);
    }

    /** A code criterion failed: the run could not pass, so it is skipped and the answer comes in seconds. */
    private static GradeReport notRun(Lesson lesson, String name, JobSpec spec, List<Criterion> criteria) {
        long failed = criteria.stream().filter(c -> !c.passed()).count();
        return new GradeReport(lesson, name, Outcome.FAIL, "knobs: " + Lesson.knobs(spec) + "; not run: the values in the code must be right first",
                criteria, BatchArithmetic.of(spec).explain(spec), String.format(Locale.ROOT,
                "%s in your code not as step %d asks (see the hints above); the run was skipped because it could not pass. "
                        + "Change your code, then run 'bin/ssp check %s' again.",
                LessonTerms.count((int) failed, "value is", "values are"), lesson.step(), lesson.cliName()));
    }

    private static GradeReport graded(Lesson lesson, String name, JobSpec spec, List<Criterion> criteria, Evidence evidence) {
        long failed = criteria.stream().filter(c -> !c.passed()).count();
        Outcome outcome = failed == 0 ? Outcome.PASS : Outcome.FAIL;
        String header = "knobs: " + Lesson.knobs(spec);
        List<String> arithmetic = new ArrayList<>(BatchArithmetic.of(spec).explain(spec));
        if (evidence != null && !evidence.measured().isEmpty()) {
            header += String.format(Locale.ROOT, "; measured %s after %s (%s)",
                    LessonTerms.count(evidence.measured().size(), "batch", "batches"),
                    LessonTerms.count(evidence.warmup(), "warm-up batch", "warm-up batches"),
                    lesson.waitsForStartupBacklog()
                            ? "up to the first full batch, then while Spark's start-up backlog drained, at most "
                                    + Warmup.MAX_BACKLOG_BATCHES + " more"
                            : "up to and including the first full batch");
            double pt = evidence.medianProcessingTimeMs();
            double cost = BatchArithmetic.of(spec).costTimeMs();
            arithmetic.add(String.format(Locale.ROOT, "measured            median PT %s = %s of waits %s %s of Spark's own work",
                    Summarizer.seconds(pt), Summarizer.seconds(cost), pt >= cost ? "+" : "−", Summarizer.seconds(Math.abs(pt - cost))));
        }
        String closing = outcome == Outcome.PASS ? lesson.passMessage(evidence)
                : String.format(Locale.ROOT, "%d of %d criteria not met; the hints above say why, in the lesson's terms. "
                        + "Change your code, then run 'bin/ssp check %s' again.", failed, criteria.size(), lesson.cliName());
        return new GradeReport(lesson, name, outcome, header, criteria, arithmetic, closing);
    }

    /**
     * The refusals of {@link JobSpec#validate()} end with advice for the command line ("…: pass e.g.
     * --partitions 4"); in an exercise the value lives in the code, so that advice is left out.
     */
    static String withoutOptionAdvice(String message) {
        int advice = message.indexOf(": pass e.g. --");
        return advice < 0 ? message : message.substring(0, advice);
    }

    /** The innermost cause's message, on one line: Spark wraps task failures several times. */
    static String rootMessage(Throwable t) {
        Throwable root = t;
        while (root.getCause() != null && root.getCause() != root) root = root.getCause();
        String message = root.getMessage() == null ? root.getClass().getSimpleName() : root.getClass().getSimpleName() + ": " + root.getMessage();
        String firstLine = message.lines().findFirst().orElse(message);
        return firstLine.length() > 200 ? firstLine.substring(0, 200) + "…" : firstLine;
    }
}
