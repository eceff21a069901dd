package io.ssplab.grader;

import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.ssplab.core.BadInputException;
import io.ssplab.core.Format;
import io.ssplab.core.Knobs;
import io.ssplab.core.Master;
import io.ssplab.core.Messages;
import io.ssplab.core.Range;
import io.ssplab.exercises.MissingSolutionException;
import io.ssplab.exercises.WordCountExercise;
import io.ssplab.jobs.Story;
import io.ssplab.metrics.Warmup;
import io.ssplab.model.BatchArithmetic;
import io.ssplab.model.Workload;
import io.ssplab.run.RunLimits;
import io.ssplab.run.RunOptions;
import io.ssplab.run.RunResult;
import io.ssplab.run.SourceEndpoint;
import io.ssplab.run.StopSignal;
import io.ssplab.run.StreamingRunner;

/**
 * Grades any {@link WordCountExercise} against a {@link Lesson}: first what the code says (open gaps
 * → NOT ATTEMPTED, before Spark starts), then a short run on an embedded source (or Kafka) with no Spark UI,
 * judged criterion by criterion on the batches after warm-up.
 */
public final class Grader {
    /** Batches measured after warm-up by default: enough for a trend and for forgiving one late batch, about 40 s. */
    public static final int DEFAULT_MEASURED_BATCHES = 8;
    public static final int MIN_MEASURED_BATCHES = RunCriteria.MIN_MEASURED_BATCHES;
    public static final int MAX_MEASURED_BATCHES = 100;
    /** {@code check --batches}: a verdict needs at least 3 after warm-up; 100 is more than five minutes. */
    public static final Range BATCHES = new Range("--batches", MIN_MEASURED_BATCHES, MAX_MEASURED_BATCHES, "8");
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
        return check(lesson, exercise, measuredBatches, SourceEndpoint.EMBEDDED, null, out, stop);
    }

    /**
     * @param source the embedded socket source, or a Kafka one ({@code check --source kafka}): there no receiver
     *               holds a slot, so the run gets one core fewer ({@link Story#onKafka}) — the same free slots, waves
     *               and criteria as on the socket; the report keeps the code's knobs, whose arithmetic holds on both
     * @param kafkaPartitions the topic's partitions ({@code --kafka-partitions}), null for the default
     */
    public static GradeReport check(Lesson lesson, WordCountExercise exercise, int measuredBatches, SourceEndpoint source,
                                    Integer kafkaPartitions, PrintStream out, StopSignal stop) throws IOException {
        BATCHES.check(measuredBatches);
        String name = exercise.getClass().getName();
        Knobs knobs;
        try {
            MissingSolutionException open = exercise.firstOpenGap();
            if (open != null) return notAttempted(lesson, exercise, open);
            knobs = exercise.defaults().validate();
            if (!Master.parse(knobs.master()).isLocal()) throw new BadInputException(Messages.get("grade.masterNotLocal", knobs.master()));
        } catch (RuntimeException bad) {
            // A student's value can be anything: null, 0, a master we cannot run. One line, never a stack trace.
            String why = bad instanceof BadInputException ? withoutOptionAdvice(bad.getMessage()) : rootMessage(bad);
            return new GradeReport(lesson, name, Outcome.FAIL, "", List.of(Criterion.fail(Messages.get("crit.canRun.name"), Messages.get("crit.canRun.no"),
                    Messages.get("crit.canRun.hint", why))), List.of(), Messages.get("grade.fixValues"));
        }

        List<Criterion> criteria = new ArrayList<>(lesson.fromCode(exercise));
        if (criteria.stream().anyMatch(c -> !c.passed())) return notRun(lesson, name, knobs, criteria);
        GradedJob job = new GradedJob(exercise);
        Duration limit = timeLimit(knobs, measuredBatches);
        RunOptions options = RunOptions.quiet(source, new RunLimits(measuredBatches, limit), out).withKafkaPartitions(kafkaPartitions);
        out.println(Messages.get("grade.checking", lesson.cliName(), name, Messages.count(measuredBatches, "noun.batch"), Format.duration(limit)));
        Knobs runKnobs = source.kafka() ? Story.onKafka(knobs) : knobs;
        if (!runKnobs.master().equals(knobs.master())) out.println(Messages.get("grade.kafkaCores", runKnobs.master(), knobs.master()));
        RunResult result;
        try {
            result = StreamingRunner.run(job, runKnobs, options, stop.child());
        } catch (MissingSolutionException openInPipeline) {
            return notAttempted(lesson, exercise, openInPipeline);
        } catch (IOException e) {
            throw e;
        } catch (Exception crashed) {
            criteria.add(Criterion.fail(Messages.get("crit.runs.name"), Messages.get("crit.runs.failed", rootMessage(crashed)),
                    Messages.get("crit.runs.hint")));
            return graded(lesson, name, knobs, criteria, null);
        }

        // Not stopped by Ctrl-C and short of its batches: the run ran into the time limit.
        boolean timeLimitReached = !stop.requested() && result.summary().measuredBatches() < measuredBatches;
        Evidence evidence = new Evidence(lesson, knobs, result.batches(), job.wordsPerBatch(), measuredBatches,
                result.stopReason(), timeLimitReached);
        criteria.addAll(lesson.fromRun(evidence));
        return graded(lesson, name, knobs, criteria, evidence);
    }

    /** Long enough for a slow but honest run, short enough that a hopeless one does not hang a classroom. */
    static Duration timeLimit(Knobs knobs, int measuredBatches) {
        return START_ALLOWANCE.plus(knobs.batchInterval().multipliedBy(2L * (measuredBatches + WARMUP_ALLOWANCE)));
    }

    static GradeReport notAttempted(Lesson lesson, WordCountExercise exercise, MissingSolutionException open) {
        return notAttempted(lesson, exercise.getClass(), open, false);
    }

    /** @param structured whether the exercise is the Structured Streaming one (its check command names {@code --api structured}) */
    static GradeReport notAttempted(Lesson lesson, Class<?> c, MissingSolutionException open, boolean structured) {
        String where = c.getName().contains("$") ? c.getName()
                : "src/main/java/" + c.getName().replace('.', '/') + ".java";
        String command = structured ? lesson.cliName() + " --api structured" : lesson.cliName();
        String closing = Messages.get("grade.notAttempted", open.gap(), open.gapName(), c.getSimpleName(), open.hint(), where, command);
        return new GradeReport(lesson, c.getName(), Outcome.NOT_ATTEMPTED, "", List.of(), List.of(), closing);
    }

    /** A code criterion failed: the run could not pass, so it is skipped and the answer comes in seconds. */
    private static GradeReport notRun(Lesson lesson, String name, Knobs knobs, List<Criterion> criteria) {
        long failed = criteria.stream().filter(c -> !c.passed()).count();
        return new GradeReport(lesson, name, Outcome.FAIL, Messages.get("grade.header.notRun", Lesson.knobs(knobs)),
                criteria, BatchArithmetic.of(knobs).explain(Workload.of(knobs)),
                Messages.get("grade.closing.notRun", Messages.count(failed, "noun.value"), lesson.step(), lesson.cliName()));
    }

    private static GradeReport graded(Lesson lesson, String name, Knobs knobs, List<Criterion> criteria, Evidence evidence) {
        long failed = criteria.stream().filter(c -> !c.passed()).count();
        Outcome outcome = failed == 0 ? Outcome.PASS : Outcome.FAIL;
        String header = Messages.get("grade.header", Lesson.knobs(knobs));
        List<String> arithmetic = new ArrayList<>(BatchArithmetic.of(knobs).explain(Workload.of(knobs)));
        if (evidence != null && !evidence.measured().isEmpty()) {
            header += Messages.get("grade.header.measured", Messages.count(evidence.measured().size(), "noun.batch"),
                    Messages.count(evidence.warmup(), "noun.warmupBatch"));
            double pt = evidence.medianProcessingTimeMs();
            double cost = BatchArithmetic.of(knobs).costTimeMs();
            arithmetic.add(BatchArithmetic.labelled("arith.label.measured", Messages.get("grade.measured", Format.seconds(pt),
                    Format.seconds(cost), pt >= cost ? "+" : "−", Format.seconds(Math.abs(pt - cost)))));
        }
        String closing = outcome == Outcome.PASS ? lesson.passMessage(evidence)
                : Messages.get("grade.closing.failed", failed, criteria.size(), lesson.cliName());
        return new GradeReport(lesson, name, outcome, header, criteria, arithmetic, closing);
    }

    /**
     * The refusals of {@link Knobs#validate()} end with advice for the command line ("…: pass e.g.
     * --partitions 4"); in an exercise the value lives in the code, so that advice is left out.
     */
    static String withoutOptionAdvice(String message) {
        int advice = message.indexOf(Messages.get("bad.adviceMarker"));
        String m = advice < 0 ? message : message.substring(0, advice);
        // The value lives in a gap method, not in an option: name the method.
        for (var e : GAP_OF_OPTION.entrySet()) if (m.startsWith(e.getKey() + " ")) return e.getValue() + m.substring(e.getKey().length());
        return m;
    }

    /** The options whose ranges the knobs are checked against, and the gap method that holds the value in an exercise. */
    private static final java.util.Map<String, String> GAP_OF_OPTION = java.util.Map.of(
            "--batch-interval", "batchInterval()", "--partitions", "repartitionTo()", "--cost", "sleepPerLine()");

    /** The innermost cause's message, on one line: Spark wraps task failures several times. */
    static String rootMessage(Throwable t) {
        Throwable root = t;
        while (root.getCause() != null && root.getCause() != root) root = root.getCause();
        String message = root.getMessage() == null ? root.getClass().getSimpleName() : root.getClass().getSimpleName() + ": " + root.getMessage();
        String firstLine = message.lines().findFirst().orElse(message);
        return firstLine.length() > 200 ? firstLine.substring(0, 200) + "…" : firstLine;
    }
}
