package io.ssplab.cli;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import io.ssplab.demo.Story;
import io.ssplab.jobs.InvalidSpecException;
import io.ssplab.jobs.JobSpec;
import io.ssplab.jobs.Jobs;
import io.ssplab.jobs.StreamingJob;
import io.ssplab.metrics.JsonLines;
import io.ssplab.metrics.RunSummary;
import io.ssplab.report.ReportWriter;
import io.ssplab.run.RunOptions;
import io.ssplab.run.SourceEndpoint;
import io.ssplab.run.StopSignal;
import io.ssplab.run.StreamingRunner;
import io.ssplab.source.LineFormat;
import io.ssplab.source.SocketSource;
import io.ssplab.source.SourceConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code bin/ssp demo}: the whole classroom story in one command. */
@Command(name = "demo", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"The whole story in one command: phase1, phase2 and phase3 in turn, compared.",
                "One embedded source feeds phase1 (baseline), phase2 (bottleneck) and phase3 (more parallelism); the demo then",
                "says whether the story held: phase1 STABLE, phase2 UNSTABLE, phase3 STABLE. Exit code 0 only if it held."})
public final class DemoCommand implements Callable<Integer> {
    @ParentCommand
    Main main;

    @Option(names = "--batches", paramLabel = "N", defaultValue = "12", description = "Completed batches per act. Default: ${DEFAULT-VALUE}.")
    int batches;

    @Option(names = "--out", paramLabel = "DIR", description = "Where to write <job>.jsonl and summary.json. Default: runs/<timestamp>/.")
    Path out;

    @Option(names = "--ui-port", paramLabel = "PORT", defaultValue = "4040", description = "Spark UI port of each act. Default: ${DEFAULT-VALUE}.")
    int uiPort;

    @Option(names = "--no-ui", description = "Do not start the Spark UI.")
    boolean noUi;

    @Option(names = "--with-backpressure", description = "Add a 4th act: phase4, phase2's overload with Spark's backpressure, whose scheduling delay must stay bounded.")
    boolean withBackpressure;

    @Override
    public Integer call() throws Exception {
        if (batches < 4) throw new InvalidSpecException("--batches must be at least 4, so each act has batches left after warm-up: pass e.g. --batches 12");
        if (!noUi && (uiPort < 1 || uiPort > 65535)) throw new InvalidSpecException("--ui-port " + uiPort + " is not 1..65535");
        Path dir = out != null ? out : defaultRunDir();
        if (Files.exists(dir) && !Files.isDirectory(dir)) throw new InvalidSpecException("--out " + dir + " is a file: give a directory");
        Files.createDirectories(dir);

        PrintStream console = main.out;
        List<RunSummary> summaries = new ArrayList<>();
        StopSignal interrupted = new StopSignal();
        List<String> acts = new ArrayList<>(Jobs.PHASES);
        if (withBackpressure) acts.add(Jobs.BACKPRESSURE);
        // Stamped lines: each act's summary accounts for every line it was sent (docs/reliability.md).
        SourceConfig sourceConfig = SourceConfig.embedded(SourceConfig.DEFAULT_RATE).withFormat(LineFormat.STAMPED);
        try (SocketSource source = SocketSource.start(sourceConfig, line -> console.println("[source] " + line));
             CtrlC ignored = CtrlC.onFirstPress(() -> interrupted.request("Ctrl-C"))) {
            for (String name : acts) {
                if (interrupted.requested()) break;
                StreamingJob job = Jobs.byName(name, false);
                JobSpec spec = job.defaults().validate();
                console.println();
                console.println("=== " + name + " ===");
                RunOptions options = new RunOptions(new SourceEndpoint(source.host(), source.port()), batches, null,
                        noUi ? -1 : uiPort, dir.resolve(name + ".jsonl"), Map.of(), console);
                StopSignal stop = new StopSignal();
                // Ctrl-C stops the act that runs now, and the demo after it.
                Thread relay = new Thread(() -> {
                    try {
                        String why = null;
                        while (why == null && !stop.requested()) why = interrupted.await(200);
                        if (why != null) stop.request(why);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }, "demo-ctrl-c");
                relay.setDaemon(true);
                relay.start();
                summaries.add(StreamingRunner.run(job, spec, options, stop).summary());
                stop.request("act finished");
            }
        }
        JsonLines.writeJson(dir.resolve("summary.json"), summaries);

        console.println();
        console.println("=== comparison ===");
        Story.printComparison(console, summaries);
        console.println();
        Story.printAccounting(console, summaries);
        List<String> failures = Story.failures(summaries);
        console.println();
        if (summaries.size() < acts.size()) {
            console.println("the story was cut short after " + summaries.size() + " act(s)");
        } else if (failures.isEmpty()) {
            console.println("the story held: phase1 STABLE, phase2 UNSTABLE, phase3 STABLE"
                    + (withBackpressure ? ", phase4 scheduling delay bounded by backpressure" : ""));
        } else {
            console.println("the story did NOT hold:");
            failures.forEach(f -> console.println("  " + f));
        }
        console.println("results: " + dir.resolve("summary.json"));
        // The page comes from the files just written, exactly as 'bin/ssp report DIR' would make it.
        ReportWriter.tryWrite(List.of(dir), dir, "index.html", "bin/ssp report " + dir, main.err)
                .ifPresent(page -> console.println("report: " + page));
        return summaries.size() == acts.size() && failures.isEmpty() ? ExitCodes.OK : ExitCodes.FAILED;
    }

    static Path defaultRunDir() {
        String home = System.getProperty("ssp.home", ".");
        return Path.of(home, "runs", LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
    }
}
