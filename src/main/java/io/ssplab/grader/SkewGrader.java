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
import io.ssplab.exercises.MissingSolutionException;
import io.ssplab.exercises.SaltingExercise;
import io.ssplab.jobs.Jobs;
import io.ssplab.jobs.KeySkew;
import io.ssplab.metrics.CostStageSummary;
import io.ssplab.model.BatchArithmetic;
import io.ssplab.model.Prediction;
import io.ssplab.model.ProcessingTimeModel;
import io.ssplab.model.Workload;
import io.ssplab.run.RunLimits;
import io.ssplab.run.RunOptions;
import io.ssplab.run.RunResult;
import io.ssplab.run.SourceEndpoint;
import io.ssplab.run.StopSignal;
import io.ssplab.run.StreamingRunner;

/**
 * Grades the skew exercise ({@code bin/ssp check fix-skew}, {@link Lesson#FIX_SKEW}): first the code (open
 * gaps → NOT ATTEMPTED; salts, spread and round trip read from the gap methods, before Spark starts),
 * then two short runs on embedded sources with the same seed and skew, so the same stream: the
 * unsalted job ({@link KeySkew}, "before", {@value #BEFORE_BATCHES} measured batches) and the student's
 * salted one ("after"), each between the taps of a {@link CountsTap}, judged by {@link FixSkewCriteria}.
 */
public final class SkewGrader {
    /** Batches measured of the unsalted run: enough for its skew and its PT, which are the same in every batch. */
    static final int BEFORE_BATCHES = 3;

    private SkewGrader() {
    }

    /** The student's exercise, or the reference solution. */
    public static SaltingExercise exercise(boolean solution) {
        return (SaltingExercise) Jobs.byName(Lesson.FIX_SKEW.cliName(), solution);
    }

    /**
     * @param measuredBatches batches of the salted run to measure after warm-up
     * @param out             where the runs' live tables go
     * @param stop            Ctrl-C: the run under way ends, and what was measured is graded
     */
    public static GradeReport check(SaltingExercise exercise, int measuredBatches, PrintStream out, StopSignal stop) throws IOException {
        return grade(exercise, measuredBatches, out, stop).report();
    }

    /** A grade and what it was measured on (null when nothing ran). */
    record Graded(GradeReport report, SkewEvidence evidence) {
    }

    static Graded grade(SaltingExercise exercise, int measuredBatches, PrintStream out, StopSignal stop) throws IOException {
        Grader.BATCHES.check(measuredBatches);
        Lesson lesson = Lesson.FIX_SKEW;
        String name = exercise.getClass().getName();
        Knobs knobs;
        List<Criterion> criteria;
        try {
            MissingSolutionException open = exercise.firstOpenGap();
            if (open != null) return new Graded(notAttempted(exercise, open), null);
            knobs = exercise.defaults().validate();
            if (!Master.parse(knobs.master()).isLocal()) throw new BadInputException(Messages.get("grade.masterNotLocal", knobs.master()));
            criteria = new ArrayList<>(FixSkewCriteria.fromCode(exercise));
        } catch (MissingSolutionException open) {
            return new Graded(notAttempted(exercise, open), null);
        } catch (RuntimeException bad) {
            // A student's code can throw anything: one line, never a stack trace.
            String why = bad instanceof BadInputException ? Grader.withoutOptionAdvice(bad.getMessage()) : Grader.rootMessage(bad);
            return new Graded(new GradeReport(lesson, name, Outcome.FAIL, "", List.of(Criterion.fail(Messages.get("crit.canRun.name"),
                    Messages.get("crit.canRun.no"), Messages.get("crit.canRun.hint", why))), List.of(), Messages.get("grade.fixValues")), null);
        }
        if (criteria.stream().anyMatch(c -> !c.passed())) {
            long failed = criteria.stream().filter(c -> !c.passed()).count();
            return new Graded(new GradeReport(lesson, name, Outcome.FAIL, Messages.get("grade.header.notRun", knobsText(knobs)), criteria,
                    arithmetic(knobs, exercise), Messages.get("grade.skew.closing.notRun", Messages.count(failed, "noun.value"), lesson.cliName())), null);
        }

        // Before: the lesson's unsalted job on the same stream (an embedded source has the same seed and skew every time).
        Knobs beforeKnobs = knobs.withJob(new KeySkew().name());
        CountsTap before = new CountsTap(new KeySkew());
        Duration beforeLimit = Grader.timeLimit(beforeKnobs, BEFORE_BATCHES);
        out.println(Messages.get("grade.skew.before", Messages.count(BEFORE_BATCHES, "noun.batch"), Format.duration(beforeLimit)));
        RunResult b;
        try {
            b = StreamingRunner.run(before, beforeKnobs, RunOptions.quiet(SourceEndpoint.EMBEDDED, new RunLimits(BEFORE_BATCHES, beforeLimit), out),
                    stop.child());
        } catch (IOException e) {
            throw e;
        } catch (Exception crashed) {
            criteria.add(Criterion.fail(Messages.get("crit.runs.name"), Messages.get("crit.runs.failed", Grader.rootMessage(crashed)),
                    Messages.get("crit.runs.hint")));
            return new Graded(graded(name, knobs, exercise, criteria, null), null);
        }

        // After: the student's salted job.
        CountsTap after = new CountsTap(exercise);
        Duration limit = Grader.timeLimit(knobs, measuredBatches);
        out.println(Messages.get("grade.checking", lesson.cliName(), name, Messages.count(measuredBatches, "noun.batch"), Format.duration(limit)));
        RunResult a;
        try {
            a = stop.requested() ? null
                    : StreamingRunner.run(after, knobs, RunOptions.quiet(SourceEndpoint.EMBEDDED, new RunLimits(measuredBatches, limit), out), stop.child());
        } catch (MissingSolutionException openInPipeline) {
            return new Graded(notAttempted(exercise, openInPipeline), null);
        } catch (IOException e) {
            throw e;
        } catch (Exception crashed) {
            criteria.add(Criterion.fail(Messages.get("crit.runs.name"), Messages.get("crit.runs.failed", Grader.rootMessage(crashed)),
                    Messages.get("crit.runs.hint")));
            return new Graded(graded(name, knobs, exercise, criteria, null), null);
        }
        SkewEvidence evidence = new SkewEvidence(knobs, b.batches(), before.direct(), before.counted(),
                a == null ? List.of() : a.batches(), after.direct(), after.counted(), measuredBatches,
                a == null ? stop.reason() : a.stopReason());
        int measured = evidence.measuredAfter().size();
        if (measured < FixSkewCriteria.MIN_MEASURED_BATCHES || evidence.measuredBefore().size() < FixSkewCriteria.MIN_MEASURED_BATCHES) {
            criteria.add(Criterion.fail(Messages.get("crit.enough.name"), Messages.get("crit.skew.enough.found", evidence.measuredBefore().size(),
                    measured, measuredBatches, evidence.stopReason()), Messages.get("crit.skew.enough.hint", FixSkewCriteria.MIN_MEASURED_BATCHES)));
            return new Graded(graded(name, knobs, exercise, criteria, evidence), evidence);
        }
        criteria.addAll(FixSkewCriteria.fromRun(evidence));
        return new Graded(graded(name, knobs, exercise, criteria, evidence), evidence);
    }

    static GradeReport notAttempted(SaltingExercise exercise, MissingSolutionException open) {
        return Grader.notAttempted(Lesson.FIX_SKEW, exercise.getClass(), open, false);
    }

    private static GradeReport graded(String name, Knobs knobs, SaltingExercise exercise, List<Criterion> criteria, SkewEvidence evidence) {
        long failed = criteria.stream().filter(c -> !c.passed()).count();
        Outcome outcome = failed == 0 ? Outcome.PASS : Outcome.FAIL;
        String header = Messages.get("grade.header", knobsText(knobs));
        List<String> arithmetic = new ArrayList<>(arithmetic(knobs, exercise));
        if (evidence != null && !evidence.measuredAfter().isEmpty()) {
            header += Messages.get("grade.header.measured", Messages.count(evidence.measuredAfter().size(), "noun.batch"),
                    Messages.count(evidence.warmupAfter(), "noun.warmupBatch"));
            arithmetic.add(BatchArithmetic.labelled("arith.label.measured", Messages.get("grade.skew.measured",
                    Format.seconds(evidence.medianPtBefore()), skew(evidence.tasksBefore()), Format.seconds(evidence.medianPtAfter()),
                    skew(evidence.tasksAfter()))));
        }
        String closing;
        if (outcome == Outcome.PASS) {
            closing = Messages.get("grade.pass.fixSkew", skew(evidence.tasksBefore()), skew(evidence.tasksAfter()),
                    Format.seconds(evidence.medianPtBefore()), Format.seconds(evidence.medianPtAfter()));
        } else {
            closing = Messages.get("grade.closing.failed", failed, criteria.size(), Lesson.FIX_SKEW.cliName());
        }
        return new GradeReport(Lesson.FIX_SKEW, name, outcome, header, criteria, arithmetic, closing);
    }

    private static String skew(CostStageSummary s) {
        return s == null || Double.isNaN(s.skew()) ? "—" : Format.fixed(s.skew(), 1);
    }

    /** The model's two settings side by side: the unsalted job and the salted one, on the same knobs. */
    static List<String> arithmetic(Knobs knobs, SaltingExercise exercise) {
        ProcessingTimeModel model = ProcessingTimeModel.calibrated();
        Workload salted = Workload.of(knobs).withKeySalts(Math.max(1, exercise.salts()));
        Prediction after = model.predict(salted);
        Prediction before = model.predict(salted.withKeySalts(1));
        List<String> lines = new ArrayList<>(after.arithmetic().explain(salted));
        lines.add(BatchArithmetic.labelled("arith.label.predictedPt", Messages.get("grade.skew.predicted", Format.seconds(before.predictedProcessingTimeMs()),
                Format.fixed(before.arithmetic().predictedTaskSkew(), 1), Format.seconds(after.predictedProcessingTimeMs()),
                Format.fixed(after.arithmetic().predictedTaskSkew(), 1))));
        return lines;
    }

    /** "BI 2 s, local[8], P=7, 8 ms/word after the shuffle by key, words Zipf 1.2". */
    static String knobsText(Knobs k) {
        return Messages.get("grade.skew.knobs", Format.duration(k.batchInterval()), k.master(), k.partitions(), Format.duration(k.cost()),
                k.costUnit().inWords(), Format.plain(k.skew()));
    }
}
