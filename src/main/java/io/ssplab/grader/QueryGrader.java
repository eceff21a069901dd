package io.ssplab.grader;

import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.ssplab.core.BadInputException;
import io.ssplab.core.Format;
import io.ssplab.core.Knobs;
import io.ssplab.core.Lang;
import io.ssplab.core.Master;
import io.ssplab.core.Messages;
import io.ssplab.core.RunSummary;
import io.ssplab.exercises.MissingSolutionException;
import io.ssplab.exercises.structured.QueryExercise;
import io.ssplab.metrics.StructuredSummarizer;
import io.ssplab.run.RunLimits;
import io.ssplab.run.RunOptions;
import io.ssplab.run.RunResult;
import io.ssplab.run.SourceEndpoint;
import io.ssplab.run.StopSignal;
import io.ssplab.run.StructuredRunner;

/**
 * Grades a Structured Streaming exercise ({@link QueryExercise}) against a {@link Lesson}, the way {@link Grader}
 * grades a DStream one: open gaps → NOT ATTEMPTED before Spark starts; then what the code says
 * ({@link QueryCriteria#fromCode}); then a short run as {@code bin/ssp run} would run the query
 * ({@link StructuredRunner}, an embedded source, no Spark UI), stopped by the one stop rule ({@link RunLimits}:
 * N batches after the query's warm-up, or a time limit) and judged by {@link QueryCriteria#fromRun}.
 */
public final class QueryGrader {

    private QueryGrader() {
    }

    public static GradeReport check(Lesson lesson, QueryExercise exercise, int measuredBatches, PrintStream out, StopSignal stop)
            throws IOException {
        return check(lesson, exercise, measuredBatches, SourceEndpoint.EMBEDDED, null, out, stop);
    }

    /**
     * @param source the embedded socket source, or a Kafka one ({@code check --source kafka}): the same slots on
     *               both (Spark's socket source holds no receiver slot either), so the same knobs and criteria
     * @param kafkaPartitions the topic's partitions ({@code --kafka-partitions}), null for the default
     */
    public static GradeReport check(Lesson lesson, QueryExercise exercise, int measuredBatches, SourceEndpoint source, Integer kafkaPartitions, PrintStream out,
                                    StopSignal stop) throws IOException {
        Grader.BATCHES.check(measuredBatches);
        String name = exercise.getClass().getName();
        Knobs knobs;
        try {
            MissingSolutionException open = exercise.firstOpenGap();
            if (open != null) return Grader.notAttempted(lesson, exercise.getClass(), open, true);
            knobs = exercise.defaults().validate();
            if (!Master.parse(knobs.master()).isLocal()) throw new BadInputException(Messages.get("grade.masterNotLocal", knobs.master()));
        } catch (RuntimeException bad) {
            String why = bad instanceof BadInputException ? withoutOptionAdvice(bad.getMessage()) : Grader.rootMessage(bad);
            return new GradeReport(lesson, name, Outcome.FAIL, "", List.of(Criterion.fail(Messages.get("crit.canRun.name"), Messages.get("crit.canRun.no"),
                    Messages.get("crit.canRun.hint", why))), List.of(), Messages.get("grade.fixValues"));
        }

        List<Criterion> criteria = new ArrayList<>(QueryCriteria.fromCode(lesson, exercise, lesson.querySolution()));
        List<String> arithmetic = QueryCriteria.predict(knobs).explain();
        if (criteria.stream().anyMatch(c -> !c.passed())) {
            long failed = criteria.stream().filter(c -> !c.passed()).count();
            return new GradeReport(lesson, name, Outcome.FAIL, Messages.get("grade.header.notRun", knobs(knobs)), criteria, arithmetic,
                    Messages.get("grade.ss.closing.notRun", Messages.count(failed, "noun.value"), lesson.step(), lesson.cliName()));
        }
        Duration limit = Grader.timeLimit(knobs, measuredBatches);
        RunOptions options = RunOptions.quiet(source, new RunLimits(measuredBatches, limit), out).withKafkaPartitions(kafkaPartitions);
        out.println(Messages.get("grade.checking", lesson.cliName(), name, Messages.count(measuredBatches, "noun.batch"), Format.duration(limit)));
        RunResult result;
        try {
            result = StructuredRunner.run(exercise, knobs, options, stop.child());
        } catch (MissingSolutionException openInPipeline) {
            return Grader.notAttempted(lesson, exercise.getClass(), openInPipeline, true);
        } catch (IOException e) {
            throw e;
        } catch (Exception crashed) {
            criteria.add(Criterion.fail(Messages.get("crit.runs.name"), Messages.get("crit.runs.failed", Grader.rootMessage(crashed)),
                    Messages.get("crit.runs.hint")));
            return graded(lesson, name, knobs, criteria, arithmetic, null);
        }
        QueryEvidence evidence = new QueryEvidence(lesson, knobs, result.batches(), measuredBatches, result.stopReason(), false);
        // Not stopped by Ctrl-C and short of its batches: the run ran into the time limit.
        boolean timeLimitReached = !stop.requested() && evidence.measured().size() < measuredBatches;
        evidence = new QueryEvidence(lesson, knobs, result.batches(), measuredBatches, result.stopReason(), timeLimitReached);
        criteria.addAll(QueryCriteria.fromRun(evidence));
        return graded(lesson, name, knobs, criteria, arithmetic, evidence);
    }

    static GradeReport graded(Lesson lesson, String name, Knobs knobs, List<Criterion> criteria, List<String> arithmetic, QueryEvidence evidence) {
        long failed = criteria.stream().filter(c -> !c.passed()).count();
        Outcome outcome = failed == 0 ? Outcome.PASS : Outcome.FAIL;
        String header = Messages.get("grade.header", knobs(knobs));
        List<String> lines = new ArrayList<>(arithmetic);
        RunSummary s = evidence == null || evidence.measured().isEmpty() ? null : evidence.summary();
        if (s != null) {
            header += Messages.get("grade.ss.header.measured", Messages.count(evidence.measured().size(), "noun.batch"),
                    Messages.count(evidence.warmup(), "noun.warmupBatch"));
            lines.add(io.ssplab.model.BatchArithmetic.labelled("arith.label.measured", Messages.get("grade.ss.measured", Format.seconds(evidence.medianDurationMs()), Format.seconds(evidence.triggerMs()),
                    Format.integer(Math.round(evidence.medianRows())), Format.integer(Math.round(evidence.onTimeRows())), s.verdict(),
                    StructuredSummarizer.reason(s, Lang.current()))));
        }
        String closing = outcome == Outcome.PASS ? passMessage(lesson, evidence)
                : Messages.get("grade.ss.closing.failed", failed, criteria.size(), lesson.cliName());
        return new GradeReport(lesson, name, outcome, header, criteria, lines, closing);
    }

    static String passMessage(Lesson lesson, QueryEvidence e) {
        return switch (lesson) {
            case FILL_GAPS -> Messages.get("grade.ss.pass.fillGaps", QueryCriteria.growth(e.rowsGrowth()), Format.signed(e.latenessSlopeMsPerBatch(), 0));
            case FIX_DELAY -> Messages.get("grade.ss.pass.fixDelay", Format.seconds(e.medianDurationMs()), Format.seconds(e.triggerMs()),
                    Format.integer(Math.round(e.medianRows())));
            case FIX_SKEW -> throw new IllegalStateException("fix-skew has no Structured Streaming exercise");
        };
    }

    /** The exercise's knobs, for the report's header: "T 3.00 s, local[2], P=2, 16 ms per line". */
    static String knobs(Knobs k) {
        return Messages.get("grade.ss.knobs", Format.duration(k.batchInterval()), k.master(), k.partitions(), Format.duration(k.cost()));
    }

    /** A refusal of {@link Knobs#validate()} with its command-line advice left out, the option named as the gap method that holds it. */
    static String withoutOptionAdvice(String message) {
        int advice = message.indexOf(Messages.get("bad.adviceMarker"));
        String m = advice < 0 ? message : message.substring(0, advice);
        for (var e : GAP_OF_OPTION.entrySet()) if (m.startsWith(e.getKey() + " ")) return e.getValue() + m.substring(e.getKey().length());
        return m;
    }

    private static final Map<String, String> GAP_OF_OPTION = Map.of("--batch-interval", "trigger()", "--partitions", "partitions()",
            "--cost", "costPerLine()", "--master", "cores()");
}
