package io.ssplab.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import io.ssplab.core.Api;
import io.ssplab.core.BadInputException;
import io.ssplab.core.ExitCodes;
import io.ssplab.core.Knobs;
import io.ssplab.core.Lang;
import io.ssplab.core.Limits;
import io.ssplab.core.Master;
import io.ssplab.core.Messages;
import io.ssplab.core.RunSummary;
import io.ssplab.exercises.MissingSolutionException;
import io.ssplab.exercises.structured.QueryExercise;
import io.ssplab.grader.Lesson;
import io.ssplab.jobs.structured.StructuredJobs;
import io.ssplab.metrics.Summarizer;
import io.ssplab.pipeline.StructuredJob;
import io.ssplab.report.ReportWriter;
import io.ssplab.run.RunOptions;
import io.ssplab.run.RunResult;
import io.ssplab.run.StopSignal;
import io.ssplab.run.StructuredRunner;

/**
 * {@code bin/ssp run JOB --api structured}: the lesson as a Structured Streaming query, with the same
 * options, table-per-batch, summary, files and exit codes as a DStream run ({@link RunCommand} hands over
 * here). What only a DStream run has is refused in one line: a checkpoint to resume from (the socket
 * source cannot recover), the exercises' reference solutions, a cluster (next step).
 */
final class StructuredRun {
    private final RunCommand run;

    StructuredRun(RunCommand run) {
        this.run = run;
    }

    /** Whether a run goes to Structured Streaming: {@code --api structured}, or an ss-* lesson with no {@code --api}. */
    static boolean applies(Api api, String job) {
        if (api == Api.DSTREAM && StructuredJobs.isStructured(job))
            throw new BadInputException(Messages.get("ss.bad.dstreamJob", job, String.join(", ", StructuredJobs.NAMES)));
        return api == Api.STRUCTURED || api == null && StructuredJobs.isStructured(job);
    }

    Integer call() throws Exception {
        PrintStream out = run.main.out;
        QueryExercise exercise = exercise();
        StructuredJob job = exercise != null ? exercise : StructuredJobs.byName(run.job);
        run.kafkaLesson = job.kafkaPartitions() > 0;
        Knobs knobs = knobs(job);
        RunOptions options = run.options(out, Map.of());
        StopSignal stop = new StopSignal();
        RunResult result;
        try (CtrlC ignored = CtrlC.onFirstPress(() -> stop.request("Ctrl-C"))) {
            result = StructuredRunner.run(job, knobs, options, stop);
        }
        if (run.metricsOut != null) {
            out.println(Messages.get("ss.run.files", run.metricsOut, RunOptions.summaryPathFor(run.metricsOut),
                    StructuredRunner.progressPathFor(run.metricsOut)));
            Path dir = run.metricsOut.toAbsolutePath().normalize().getParent();
            ReportWriter.tryWrite(List.of(run.metricsOut), dir, ReportCommand.pageNameFor(run.metricsOut), "bin/ssp report " + run.metricsOut, run.main.err)
                    .ifPresent(page -> out.println(Messages.get("demo.report", page)));
        }
        if (run.expect != null && result.summary().verdict() != run.expect) {
            RunSummary s = result.summary();
            run.main.err.println(run.spec.name() + ": " + Messages.get("run.expectMismatch", run.expect, s.verdict(), Summarizer.reason(s, Lang.current())));
            return ExitCodes.FAILED;
        }
        return ExitCodes.OK;
    }

    /** The Structured Streaming exercise (or its reference solution) that {@code run fill-gaps|fix-delay --api structured} names; null for a lesson. */
    QueryExercise exercise() {
        return switch (run.job) {
            case "fill-gaps", "fix-delay" -> Lesson.byName(run.job).queryExercise(run.solution);
            default -> null;
        };
    }

    /** The lesson's knobs with the options applied, validated: every refusal happens here, before Spark starts. */
    Knobs knobs(StructuredJob job) {
        JobKnobOptions o = run.knobs;
        if (job instanceof QueryExercise e) {
            // an exercise's knobs are its gaps: they live in its code
            if (o.master != null || o.batchInterval != null || o.partitions != null || o.cost != null || o.batchCost != null)
                throw new BadInputException(Messages.get("bad.knobsInCode", run.job, e.getClass().getSimpleName(), Messages.get("bad.knobsInCode.run")));
            MissingSolutionException open = e.firstOpenGap();
            if (open != null) throw open;
        } else if (run.solution) {
            throw new BadInputException(Messages.get("ss.bad.solution"));
        }
        if (run.checkpoint != null || run.wal) throw new BadInputException(Messages.get("ss.bad.checkpoint"));
        if (run.skew != null) throw new BadInputException(Messages.get("ss.bad.level2", "--skew"));
        if (run.maxRatePerPartition != null) throw new BadInputException(Messages.get("kafka.bad.maxRateStructured", run.maxRatePerPartition));
        if (run.costKind != null) throw new BadInputException(Messages.get("ss.bad.level2", "--cost-kind"));
        Knobs k = job.defaults().withOverrides(o.master != null ? o.master : System.getProperty("spark.master"), o.batchInterval, o.partitions,
                o.cost, run.rate);
        if (o.batchCost != null) k = k.withBatchCost(Limits.BATCH_COST.check(o.batchCost));
        k = k.withApi(Api.STRUCTURED).validate();
        if (!Master.parse(k.master()).isLocal()) throw new BadInputException(Messages.get("ss.bad.cluster", k.master()));
        if (run.coresMax != null) throw new BadInputException(Messages.get("bad.coresMaxLocal", Math.max(2, Math.min(run.coresMax, Limits.MAX_LOCAL_CORES))));
        run.validateRunOptions();
        // A running source of ours says how fast it sends: the run's arithmetic and warm-up count with that rate.
        return run.externalSource != null && run.externalSource.linesPerSecond() > 0 ? k.withRate(run.externalSource.linesPerSecond()) : k;
    }
}
