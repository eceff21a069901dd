package io.ssplab.report;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.ssplab.page.Bilingual;
import io.ssplab.core.Lang;
import io.ssplab.core.Messages;

/**
 * Writes a report: the charts of every run into {@code OUT/charts/} in each language of the page
 * (English "phase2-processing-time.png", Vietnamese "phase2-processing-time-vi.png"), the before/after
 * pair likewise, and the page. The one entry point for {@code bin/ssp report}, {@code demo} and
 * {@code run --metrics-out}, so all three produce the same page from the same files, and say so with
 * the same lines ({@link #writtenLine}, {@link #failedLine}, {@link #problemLine}).
 */
public final class ReportWriter {
    /** Folder beside the page that holds the PNGs. */
    public static final String CHARTS_DIR = "charts";

    private ReportWriter() {
    }

    /**
     * @param runs       at least one run
     * @param problems   inputs that could not be used, listed on the page
     * @param regenerate the command that re-creates the page, shown in its footer
     * @return the page
     */
    public static Path write(List<RecordedRun> runs, List<Note> problems, Path outDir, String pageName, String regenerate)
            throws IOException {
        if (runs.isEmpty()) throw new IllegalArgumentException("a report needs at least one run");
        Path charts = outDir.resolve(CHARTS_DIR);
        Files.createDirectories(charts);
        // A DStream run and a query on the same knobs: the page compares the two APIs instead of a before/after pair.
        Optional<TwoApis> apis = TwoApis.find(runs);
        Optional<BeforeAfter> pair = runs.size() > 1 && apis.isEmpty() ? BeforeAfter.choose(runs) : Optional.empty();
        renderCharts(runs, pair, apis, charts);
        String html = HtmlPage.render(new HtmlPage.Content(runs, pair, apis, problems, CHARTS_DIR, regenerate, Instant.now()));
        Path page = outDir.resolve(pageName);
        Files.writeString(page, html, StandardCharsets.UTF_8);
        return page;
    }

    /**
     * Every chart of the page, each language's on a thread of its own: drawing every chart twice
     * costs about one language's time on a machine with two free cores (and no more than twice it on
     * a busy one).
     */
    static void renderCharts(List<RecordedRun> runs, Optional<BeforeAfter> pair, Path charts) throws IOException {
        renderCharts(runs, pair, Optional.empty(), charts);
    }

    static void renderCharts(List<RecordedRun> runs, Optional<BeforeAfter> pair, Optional<TwoApis> apis, Path charts) throws IOException {
        List<Callable<Void>> languages = new ArrayList<>();
        for (Lang lang : Bilingual.LANGS) {
            languages.add(() -> {
                for (RecordedRun run : runs) ChartRenderer.renderRun(run, charts, lang);
                if (pair.isPresent())
                    ChartRenderer.renderBeforeAfter(pair.get().before(), pair.get().after(), charts.resolve(pair.get().fileName(lang)), lang);
                if (apis.isPresent()) ChartRenderer.renderApis(apis.get(), charts.resolve(apis.get().fileName(lang)), lang);
                return null;
            });
        }
        ExecutorService pool = Executors.newFixedThreadPool(languages.size(), task -> {
            Thread t = new Thread(task, "report-charts");
            t.setDaemon(true);
            return t;
        });
        try {
            for (Future<Void> done : pool.invokeAll(languages)) done.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(Messages.get("report.error.chartsInterrupted"), e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof IOException io) throw io;
            if (cause instanceof RuntimeException r) throw r;
            if (cause instanceof Error err) throw err;
            throw new IOException(cause);
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * For the end of {@code demo} and {@code run}: loads the recorded files and writes the page, and
     * never throws — the run itself already succeeded, so a report that cannot be made is one line
     * on {@code err}, not a stack trace.
     *
     * @return the page, or empty when none was written (the reason is on {@code err})
     */
    public static Optional<Path> tryWrite(List<Path> inputs, Path outDir, String pageName, String regenerate, PrintStream err) {
        try {
            RunLoader.Loaded loaded = RunLoader.load(inputs);
            if (loaded.runs().isEmpty()) {
                for (Note n : loaded.problems()) err.println(problemLine(n));
                err.println(Messages.get("report.line.nothingToChart"));
                return Optional.empty();
            }
            return Optional.of(write(loaded.runs(), loaded.problems(), outDir, pageName, regenerate).toAbsolutePath().normalize());
        } catch (IOException | RuntimeException | java.awt.AWTError | LinkageError e) {
            err.println(failedLine(outDir, e));
            return Optional.empty();
        }
    }

    /** "report: /runs/x/index.html" in the current language: what a command prints once the page is written. */
    public static String writtenLine(Path page) {
        return Messages.get("report.line.written", page);
    }

    /** "report: could not write the charts and page in DIR: …", in the current language. */
    public static String failedLine(Path outDir, Throwable e) {
        return Messages.get("report.line.cannotWrite", outDir, describe(e));
    }

    /** "report: x.jsonl: empty — …": an input that could not be used, in the current language. */
    public static String problemLine(Note problem) {
        return Messages.get("report.line.problem", problem.text());
    }

    /** "report: nothing usable to chart: x.jsonl: empty — …": the one input given, and why it cannot be used. */
    public static String nothingUsableLine(Note problem) {
        return Messages.get("report.line.nothingUsable", problem.text());
    }

    /** "report: nothing usable to chart in a b": several inputs, none usable (each said why above). */
    public static String nothingUsableLine(List<Path> inputs) {
        return Messages.get("report.line.nothingUsableIn", inputs.stream().map(Path::toString).collect(java.util.stream.Collectors.joining(" ")));
    }

    /** "phase2.jsonl: phase2, 8 batches, UNSTABLE": a run found, in the current language. */
    public static String runLine(RecordedRun run) {
        return Messages.get("report.line.run", run.metricsFile().getFileName(), run.job(),
                Messages.count(run.summary().batches(), "noun.batch"), run.summary().verdict());
    }

    /** "  note: …" under a run's line. */
    public static String noteLine(Note note) {
        return Messages.get("report.line.note", note.text());
    }

    /** One line for a failure, e.g. "AccessDeniedException: /x/charts". */
    public static String describe(Throwable e) {
        String m = e.getMessage();
        return e.getClass().getSimpleName() + (m == null || m.isBlank() ? "" : ": " + m.lines().findFirst().orElse(m));
    }
}
