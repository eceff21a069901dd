package io.ssplab.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

import io.ssplab.core.BadInputException;
import io.ssplab.core.ExitCodes;
import io.ssplab.core.Json;
import io.ssplab.core.Knobs;
import io.ssplab.core.Lang;
import io.ssplab.core.Master;
import io.ssplab.core.Messages;
import io.ssplab.core.Range;
import io.ssplab.core.RunSummary;
import io.ssplab.jobs.ApiComparison;
import io.ssplab.model.Overhead;
import io.ssplab.model.StructuredModel;
import io.ssplab.report.ReportWriter;
import io.ssplab.report.RunLoader;
import io.ssplab.report.TwoApis;
import io.ssplab.run.ReliabilityOptions;
import io.ssplab.run.RunLimits;
import io.ssplab.run.RunOptions;
import io.ssplab.run.SourceEndpoint;
import io.ssplab.run.StopSignal;
import io.ssplab.run.StreamingRunner;
import io.ssplab.run.StructuredRunner;
import io.ssplab.source.LineFormat;
import io.ssplab.source.SocketSource;
import io.ssplab.source.SourceConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code bin/ssp compare}: the two APIs on the same knobs. One setting ({@link ApiComparison#KNOBS}, with the
 * options laid over it) runs once as a DStream job and once as a Structured Streaming query, one after the
 * other on one embedded source at the same rate, with the same pipeline (a wait per line after
 * {@code repartition(P)}), the same master and partitions, and BI = the trigger; then one page
 * ({@code DIR/index.html}: the two side by side and the model's arithmetic) and the same arithmetic on the console.
 *
 * <p>Why a command of its own and not {@code demo --api both}: the demos tell a fixed story, act after act, and
 * take no knobs; a comparison is one setting that a user wants to move (a higher cost, more cores, another
 * rate) and see both APIs answer, so it takes the knobs {@code run} takes. {@code bin/ssp report DIR} on its
 * directory writes the same page again: the report compares any DStream run and query it finds on the same knobs.
 */
@Command(name = "compare", mixinStandardHelpOptions = true, sortOptions = false)
public final class CompareCommand implements Callable<Integer> {
    /** Batches each run measures after its warm-up: the query judges its last 6, the fewest that show a trend. */
    static final Range BATCHES = new Range("--batches", io.ssplab.metrics.StructuredSummarizer.MIN_BATCHES_FOR_VERDICT, 30, "6");

    @ParentCommand
    Main main;

    @Option(names = "--master", paramLabel = "URL", defaultValue = "local[2]")
    String master;

    @Option(names = "--batch-interval", paramLabel = "DURATION", converter = DurationConverter.class, defaultValue = "3s")
    Duration batchInterval;

    @Option(names = "--partitions", paramLabel = "N", defaultValue = "2")
    int partitions;

    @Option(names = "--cost", paramLabel = "DURATION", converter = DurationConverter.class, defaultValue = "10ms")
    Duration cost;

    @Option(names = "--rate", paramLabel = "LINES_PER_S", defaultValue = "140")
    double rate;

    @Option(names = "--batches", paramLabel = "N", defaultValue = "6")
    int batches;

    @Option(names = "--out", paramLabel = "DIR")
    Path out;

    @Override
    public Integer call() throws Exception {
        Knobs knobs = knobs();
        BATCHES.check(batches);
        Path dir = Options.writableDirectory("--out", out != null ? out : defaultDir());
        PrintStream console = main.out;

        Knobs dKnobs = ApiComparison.dstreamKnobs(knobs);
        Knobs qKnobs = ApiComparison.queryKnobs(knobs);
        // Each run stops after its batches, or after this long whatever happens (a DStream batch that takes far
        // longer than BI would otherwise keep the command waiting for minutes).
        Duration cap = Duration.ofSeconds(Math.max(60, 3 * (batches + 4) * knobs.batchIntervalMs() / 1000));
        RunLimits limits = RunLimits.batches(batches).withDuration(cap);
        List<RunSummary> summaries = new ArrayList<>();
        SourceConfig sourceConfig = SourceConfig.embedded(knobs.linesPerSecond()).withFormat(LineFormat.STAMPED);
        StopSignal ctrlC = new StopSignal();
        try (SocketSource source = SocketSource.start(sourceConfig, line -> console.println("[source] " + line));
             CtrlC ignored = CtrlC.onFirstPress(() -> ctrlC.request(Messages.get("run.stop.ctrlC")))) {
            SourceEndpoint endpoint = new SourceEndpoint(source.host(), source.port());
            console.println();
            console.println(Messages.get("demo.act", ApiComparison.DSTREAM));
            RunOptions dOptions = new RunOptions(endpoint, limits, -1, dir.resolve(ApiComparison.DSTREAM + ".jsonl"), null, console,
                    ReliabilityOptions.DEFAULT, Overhead.load());
            summaries.add(StreamingRunner.run(new ApiComparison.DStreamSide(), dKnobs, dOptions, ctrlC.child()).summary());
            if (!ctrlC.requested()) {
                console.println();
                console.println(Messages.get("demo.act", ApiComparison.STRUCTURED));
                RunOptions qOptions = new RunOptions(endpoint, limits, -1, dir.resolve(ApiComparison.STRUCTURED + ".jsonl"), null, console,
                        ReliabilityOptions.DEFAULT, StructuredModel.defaultOverhead());
                summaries.add(StructuredRunner.run(new ApiComparison.QuerySide(), qKnobs, qOptions, ctrlC.child()).summary());
            }
        }
        Json.write(dir.resolve("summary.json"), summaries);
        console.println(Messages.get("demo.results", dir.resolve("summary.json")));
        if (summaries.size() < 2) {
            console.println(Messages.get("cmp.cutShort"));
            return ExitCodes.FAILED;
        }

        // The console's comparison and the page's come from the files just written, as 'bin/ssp report DIR' reads them.
        Optional<TwoApis> apis = TwoApis.find(RunLoader.load(List.of(dir)).runs());
        if (apis.isPresent()) {
            console.println();
            console.println(Messages.get("cmp.console.title"));
            console.println(apis.get().headline(Lang.current()));
            for (String line : apis.get().lines(Lang.current())) console.println("  " + line);
            console.println();
            console.println(Messages.get(apis.get().differenceShown() ? "cmp.shown" : "cmp.notShown"));
        }
        ReportWriter.tryWrite(List.of(dir), dir, "index.html", "bin/ssp report " + dir, main.err)
                .ifPresent(page -> console.println(Messages.get("demo.report", page)));
        return ExitCodes.OK;
    }

    /** The setting with the options applied, validated for both APIs: every refusal happens here, before Spark starts. */
    Knobs knobs() {
        Knobs k = ApiComparison.KNOBS.withOverrides(master, batchInterval, partitions, cost, rate);
        if (!Master.parse(k.master()).isLocal()) throw new BadInputException(Messages.get("ss.bad.cluster", k.master()));
        ApiComparison.dstreamKnobs(k).validate();
        ApiComparison.queryKnobs(k).validate();
        return k;
    }

    static Path defaultDir() {
        String home = System.getProperty("ssp.home", ".");
        return Path.of(home, "runs", "compare-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
    }
}
