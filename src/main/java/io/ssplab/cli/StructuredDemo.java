package io.ssplab.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.ssplab.core.ExitCodes;
import io.ssplab.core.Format;
import io.ssplab.core.Json;
import io.ssplab.core.Knobs;
import io.ssplab.core.Lang;
import io.ssplab.core.Messages;
import io.ssplab.core.RunSummary;
import io.ssplab.jobs.Story;
import io.ssplab.jobs.structured.Parallelism;
import io.ssplab.jobs.structured.StructuredJobs;
import io.ssplab.jobs.structured.StructuredStory;
import io.ssplab.model.Overhead;
import io.ssplab.model.StructuredModel;
import io.ssplab.model.StructuredPrediction;
import io.ssplab.pipeline.StructuredJob;
import io.ssplab.report.ReportWriter;
import io.ssplab.run.ReliabilityOptions;
import io.ssplab.run.RunLimits;
import io.ssplab.run.RunOptions;
import io.ssplab.run.SourceEndpoint;
import io.ssplab.run.StopSignal;
import io.ssplab.run.StructuredRunner;
import io.ssplab.source.LineFormat;
import io.ssplab.source.SocketSource;
import io.ssplab.source.SourceConfig;

/**
 * {@code bin/ssp demo --api structured}: the Structured Streaming story in one command
 * ({@link StructuredStory}: baseline STABLE, bottleneck FALLING_BEHIND, overload UNSTABLE, more parallelism
 * STABLE), one act after the other in one JVM on one stamped source, with the same files as the DStream
 * demo ({@code <act>.jsonl}, {@code summary.json}, the report page). The baseline has no cost, so its
 * batches are all overhead: what it measures is the o the later acts are predicted with.
 */
final class StructuredDemo {
    private final DemoCommand demo;

    StructuredDemo(DemoCommand demo) {
        this.demo = demo;
    }

    /** Whether {@code --batches} was typed: then every act measures that many (and may take longer), else each its own. */
    private boolean batchesGiven() {
        var parsed = demo.main.spec.commandLine().getParseResult();
        return parsed != null && parsed.subcommand() != null && parsed.subcommand().hasMatchedOption("--batches");
    }

    Integer call() throws Exception {
        if (demo.withBackpressure) throw new io.ssplab.core.BadInputException(Messages.get("ss.bad.backpressure"));
        Options.STRUCTURED_DEMO_BATCHES.check(demo.batches);
        if (!demo.noUi) Options.UI_PORT.check(demo.uiPort);
        Path dir = Options.writableDirectory("--out", demo.out != null ? demo.out : DemoCommand.defaultRunDir());
        PrintStream console = demo.main.out;
        boolean given = batchesGiven();
        List<RunSummary> summaries = new ArrayList<>();
        SourceConfig sourceConfig = SourceConfig.embedded(SourceConfig.DEFAULT_RATE).withFormat(LineFormat.STAMPED);
        StopSignal ctrlC = new StopSignal();
        Overhead overhead = StructuredModel.defaultOverhead();
        try (SocketSource source = SocketSource.start(sourceConfig, line -> console.println("[source] " + line));
             CtrlC ignored = CtrlC.onFirstPress(() -> ctrlC.request(Messages.get("run.stop.ctrlC")))) {
            for (StructuredStory.Act act : StructuredStory.ACTS) {
                if (ctrlC.requested()) break;
                StructuredJob job = StructuredJobs.byName(act.job());
                Knobs knobs = job.defaults().validate();
                int batches = given ? demo.batches : act.measuredBatches();
                // A longer act than designed gets the time its batches need, in proportion.
                Duration cap = given && demo.batches > act.measuredBatches()
                        ? act.maxDuration().multipliedBy(demo.batches).dividedBy(act.measuredBatches()) : act.maxDuration();
                console.println();
                console.println(Messages.get("demo.act", act.job()));
                RunOptions options = new RunOptions(new SourceEndpoint(source.host(), source.port()), RunLimits.batches(batches).withDuration(cap),
                        demo.noUi ? -1 : demo.uiPort, dir.resolve(act.job() + ".jsonl"), null, console, ReliabilityOptions.DEFAULT, overhead);
                RunSummary summary = StructuredRunner.run(job, knobs, options, ctrlC.child()).summary();
                summaries.add(summary);
                if (act.job().equals(StructuredStory.CALIBRATING_ACT) && summary.structured() != null && summary.structured().judgedBatches() > 0) {
                    overhead = calibrate(console, job, knobs, summary, options);
                }
            }
        }
        Json.write(dir.resolve("summary.json"), summaries);

        console.println();
        console.println(Messages.get("demo.comparison"));
        StructuredStory.printComparison(console, summaries);
        console.println();
        Story.printAccounting(console, summaries);
        List<String> failures = StructuredStory.failures(summaries, Lang.current());
        console.println();
        boolean complete = summaries.size() == StructuredStory.ACTS.size();
        if (!complete) {
            console.println(Messages.get("demo.cutShort", summaries.size()));
        } else if (failures.isEmpty()) {
            console.println(Messages.get("ss.demo.held"));
        } else {
            console.println(Messages.get("demo.notHeld"));
            failures.forEach(f -> console.println("  " + f));
        }
        console.println(Messages.get("demo.results", dir.resolve("summary.json")));
        ReportWriter.tryWrite(List.of(dir), dir, "index.html", "bin/ssp report " + dir, demo.main.err)
                .ifPresent(page -> console.println(Messages.get("demo.report", page)));
        return complete && failures.isEmpty() ? ExitCodes.OK : ExitCodes.FAILED;
    }

    /**
     * The baseline has no cost: its batches' duration is o. The later acts are predicted with it; a busy
     * machine (o above {@link StructuredStory#BUSY_OVERHEAD_MS}) is said to be one.
     */
    private static Overhead calibrate(PrintStream console, StructuredJob job, Knobs knobs, RunSummary summary, RunOptions options) {
        Double measured = summary.structured().measuredOverheadMs();
        double o = measured != null ? measured : summary.medianProcessingTimeMs();
        StructuredPrediction p = StructuredRunner.predict(job, knobs, options);
        Overhead overhead = StructuredModel.measuredBy(job.name(), o, p.workload());
        console.println(Messages.get("demo.calibrated", overhead.describe()));
        if (o > StructuredStory.BUSY_OVERHEAD_MS) {
            Knobs fix = Parallelism.KNOBS;
            double work = new StructuredModel(overhead).predictQuery(StructuredModel.workload(fix, null, 8)).loadFactor() * fix.batchIntervalMs();
            console.println(Messages.get("ss.demo.busy", Format.seconds(o), Format.seconds(StructuredStory.BUSY_OVERHEAD_MS), Format.seconds(work),
                    Format.seconds(fix.batchIntervalMs())));
        }
        return overhead;
    }
}
