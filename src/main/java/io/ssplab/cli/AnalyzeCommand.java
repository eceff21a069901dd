package io.ssplab.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;

import io.ssplab.core.ExitCodes;
import io.ssplab.core.Format;
import io.ssplab.core.Lang;
import io.ssplab.core.Limits;
import io.ssplab.core.Messages;
import io.ssplab.core.RunSummary;
import io.ssplab.metrics.JsonLines;
import io.ssplab.model.SmallestFixes;
import io.ssplab.ownjob.CostFit;
import io.ssplab.ownjob.FittedPlan;
import io.ssplab.ownjob.ForeignRun;
import io.ssplab.ownjob.OwnJobs;
import io.ssplab.report.ReportWriter;
import io.ssplab.run.StructuredSummaryBlock;
import io.ssplab.run.SummaryBlock;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code bin/ssp analyze PATH}: the summary, verdict and report page of any streaming app, from its Spark event log. */
@Command(name = "analyze", mixinStandardHelpOptions = true, sortOptions = false)
public final class AnalyzeCommand implements Callable<Integer> {
    /** --interval: a batch interval or trigger, in the range every BI of the lab has. */
    static final io.ssplab.core.Range INTERVAL = io.ssplab.core.Range.ofMillis("--interval", Limits.MIN_BATCH_INTERVAL_MS,
            Limits.MAX_BATCH_INTERVAL_MS, "2s");

    @ParentCommand
    Main main;

    @Parameters(index = "0", paramLabel = "PATH", descriptionKey = "ssp.analyze.path")
    Path path;

    @Option(names = "--app", paramLabel = "ID")
    String app;

    @Option(names = "--query", paramLabel = "NAME")
    String query;

    @Option(names = "--interval", paramLabel = "DURATION", converter = DurationConverter.class)
    Duration interval;

    @Option(names = "--metrics-out", paramLabel = "FILE")
    Path metricsOut;

    @Option(names = "--out", paramLabel = "DIR")
    Path out;

    @Option(names = "--no-report")
    boolean noReport;

    @Override
    public Integer call() throws IOException {
        notBlank("PATH", path.toString());
        notBlank("--app", app);
        notBlank("--query", query);
        if (interval != null) INTERVAL.check(interval);
        if (metricsOut != null) Options.writableFile("--metrics-out", metricsOut);
        if (out != null) Options.writableDirectory("--out", out);
        OwnJobs.FromLog found = OwnJobs.eventLog(path, app, interval == null ? null : interval.toMillis(), query);
        ForeignRun run = found.run();
        PrintStream console = main.out;
        console.println(Messages.get("analyze.head", run.job(), found.appId(), Messages.get("analyze.api." + run.api().name().toLowerCase(java.util.Locale.ROOT)),
                run.batches().size(), Format.seconds(run.batchIntervalMs()), found.where().toAbsolutePath().normalize()));
        console.println(Messages.get("analyze.cannot.head"));
        for (String limit : run.limits(Lang.current())) console.println("  - " + limit);

        RunSummary summary = run.summary();
        if (run.structured()) StructuredSummaryBlock.print(console, summary);
        else SummaryBlock.print(console, summary);
        console.println();
        try {
            FittedPlan plan = FittedPlan.of(run, SmallestFixes.DEFAULT_TARGET_RATIO);
            console.println(fitLine(plan.fit()) + " " + Messages.get("analyze.planHint", path));
        } catch (RuntimeException noPlan) {
            // The verdict stands without a plan: the fit's own command says what went wrong.
            console.println(Messages.get("analyze.planHint", path));
        }

        Path dir = out != null ? out : Path.of(System.getProperty("ssp.home", "."), "runs", "analyze-" + safe(found.appId()));
        Path jsonl = metricsOut != null ? metricsOut : dir.resolve(safe(run.job()) + ".jsonl");
        Options.writableFile("--metrics-out", jsonl);
        try (JsonLines.Writer w = new JsonLines.Writer(jsonl)) {
            run.batches().forEach(w);
        }
        console.println(Messages.get("analyze.metricsWritten", jsonl.toAbsolutePath().normalize()));
        if (!noReport) {
            Path reportDir = out != null || metricsOut == null ? dir : jsonl.toAbsolutePath().getParent();
            ReportWriter.tryWrite(List.of(jsonl), reportDir, ReportCommand.pageNameFor(jsonl), "bin/ssp report " + jsonl, main.err)
                    .ifPresent(page -> console.println(ReportWriter.writtenLine(page)));
        }
        return ExitCodes.OK;
    }

    /** "fit: 2.03 ms ± 0.05 ms per record (least squares on 56 tasks)", or why there is none. */
    static String fitLine(CostFit fit) {
        if (!fit.exists()) return Messages.get("analyze.fit.none", fit.samples());
        return Messages.get("analyze.fit", Format.fixed(fit.perRecordMs(), 3), Format.fixed(fit.ciMs(), 3),
                Messages.get("fit.method." + fit.method().name()), fit.samples());
    }

    /** An option given but empty ("--app ''") is refused: it would otherwise mean "the current folder" or "any". */
    static void notBlank(String option, String value) {
        if (value != null && value.isBlank()) throw new io.ssplab.core.BadInputException(Messages.get("analyze.bad.blank", option));
    }

    /** A name that can be part of a file name. */
    static String safe(String name) {
        return name.replaceAll("[^A-Za-z0-9._-]", "_");
    }
}
