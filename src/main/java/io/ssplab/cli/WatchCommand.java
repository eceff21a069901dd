package io.ssplab.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

import io.ssplab.core.Api;
import io.ssplab.core.BadInputException;
import io.ssplab.core.BatchMetrics;
import io.ssplab.core.ExitCodes;
import io.ssplab.core.Json;
import io.ssplab.core.Lang;
import io.ssplab.core.Messages;
import io.ssplab.core.RunSummary;
import io.ssplab.core.Verdict;
import io.ssplab.listener.MetricsFolder;
import io.ssplab.metrics.ConsoleTable;
import io.ssplab.metrics.JsonLines;
import io.ssplab.metrics.QueryTable;
import io.ssplab.metrics.Summarizer;
import io.ssplab.report.ReportWriter;
import io.ssplab.run.RunOptions;
import io.ssplab.watch.WatchSummary;
import io.ssplab.watch.Watcher;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code bin/ssp watch URL}: attaches to a running app through its Spark UI's REST API ({@link Watcher}), prints a
 * row per batch and the verdict as it changes, writes the JSON Lines, and ends with the summary and the report
 * page when the app ends or on Ctrl-C.
 */
@Command(name = "watch", mixinStandardHelpOptions = true, sortOptions = false)
public final class WatchCommand implements Callable<Integer> {
    /** Where the batches go without --metrics-out: runs/watch-APPID.jsonl. */
    static final String DEFAULT_OUT = "runs/watch-%s.jsonl";

    @ParentCommand
    Main main;

    @Parameters(index = "0", paramLabel = "URL", descriptionKey = "ssp.watch.url")
    String url;

    @Option(names = "--metrics-dir", paramLabel = "DIR", descriptionKey = "ssp.watch.metrics-dir")
    Path metricsDir;

    @Option(names = "--metrics-out", paramLabel = "FILE", descriptionKey = "ssp.watch.metrics-out")
    Path metricsOut;

    @Override
    public Integer call() throws Exception {
        PrintStream out = main.out;
        if (!url.matches("(?i)https?://\\S+")) throw new BadInputException(Messages.get("watch.badUrl", url));
        if (metricsDir != null && Files.exists(metricsDir) && !Files.isDirectory(metricsDir)) throw new BadInputException(Messages.get("watch.noMetricsDir", metricsDir));
        if (metricsOut != null) Options.writableFile("--metrics-out", metricsOut);

        Watcher watcher = new Watcher(url);
        Watcher.Attached app = watcher.attach(metricsDir);
        Path file = metricsOut != null ? metricsOut : Path.of(String.format(DEFAULT_OUT, MetricsFolder.safe(app.app().id())));
        Options.writableFile("--metrics-out", file);
        out.println(app.dstream()
                ? Messages.get("watch.attached.dstream", app.app().name(), app.app().id(), io.ssplab.core.Format.seconds(app.batchIntervalMs()))
                : Messages.get("watch.attached.files", app.app().name(), app.app().id(), metricsDir));

        List<BatchMetrics> batches = new ArrayList<>();
        AtomicBoolean stop = new AtomicBoolean();
        Watcher.End end;
        try (CtrlC ctrlC = CtrlC.onFirstPress(() -> stop.set(true)); JsonLines.Writer writer = new JsonLines.Writer(file)) {
            end = watcher.watch(app, new Live(out, batches, writer), stop::get);
        }
        out.println(end == Watcher.End.APP_ENDED ? Messages.get("watch.appEnded", batches.size()) : Messages.get("watch.stopped", batches.size()));
        if (batches.isEmpty()) {
            out.println(Messages.get("watch.noBatches"));
            return ExitCodes.OK;
        }
        RunSummary summary = Watcher.summarize(batches);
        WatchSummary.print(out, summary);
        try {
            Json.write(RunOptions.summaryPathFor(file), summary);
        } catch (IOException e) {
            main.err.println(Messages.get("watch.cannotWrite", RunOptions.summaryPathFor(file), e.getMessage()));
        }
        out.println(Messages.get("cli.run.metrics", file, RunOptions.summaryPathFor(file)));
        Path dir = file.toAbsolutePath().normalize().getParent();
        ReportWriter.tryWrite(List.of(file), dir, ReportCommand.pageNameFor(file), "bin/ssp report " + file, main.err)
                .ifPresent(page -> out.println(ReportWriter.writtenLine(page)));
        return ExitCodes.OK;
    }

    /** Each batch as it comes: kept, a table row (a query's table for a query), a line of the file, and the verdict when it changes. */
    private static final class Live implements Consumer<BatchMetrics> {
        private final PrintStream out;
        private final List<BatchMetrics> batches;
        private final JsonLines.Writer writer;
        private Consumer<BatchMetrics> rows;
        private Verdict shown;

        Live(PrintStream out, List<BatchMetrics> batches, JsonLines.Writer writer) {
            this.out = out;
            this.batches = batches;
            this.writer = writer;
        }

        @Override
        public void accept(BatchMetrics m) {
            // No nominal batch size for a foreign app: the warm-up rule takes the first batch with records as the first full one.
            if (rows == null) rows = m.api() == Api.STRUCTURED ? new QueryTable(out, Double.NaN) : new ConsoleTable(out, Double.NaN);
            batches.add(m);
            rows.accept(m);
            writer.accept(m);
            RunSummary s = Watcher.summarize(batches);
            if (s.verdict() != Verdict.INCONCLUSIVE && s.verdict() != shown) {
                shown = s.verdict();
                out.println(Messages.get("watch.verdictNow", batches.size(), s.verdict(), Summarizer.reason(s, Lang.current())));
            }
        }
    }
}
