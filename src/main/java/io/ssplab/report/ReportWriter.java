package io.ssplab.report;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Writes a report: the charts of every run into {@code OUT/charts/}, the before/after pair, and the
 * page. The one entry point for {@code bin/ssp report}, {@code demo} and {@code run --metrics-out}, so
 * all three produce the same page from the same files.
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
        for (RecordedRun run : runs) ChartRenderer.renderRun(run, charts);
        Optional<BeforeAfter> pair = runs.size() > 1 ? BeforeAfter.choose(runs) : Optional.empty();
        if (pair.isPresent()) ChartRenderer.renderBeforeAfter(pair.get().before(), pair.get().after(), charts.resolve(pair.get().fileName()));
        String html = HtmlPage.render(new HtmlPage.Content(runs, pair, problems, CHARTS_DIR, regenerate, Instant.now()));
        Path page = outDir.resolve(pageName);
        Files.writeString(page, html, StandardCharsets.UTF_8);
        return page;
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
                for (Note n : loaded.problems()) err.println("report: " + n.en());
                err.println("report: nothing to chart, no page written");
                return Optional.empty();
            }
            return Optional.of(write(loaded.runs(), loaded.problems(), outDir, pageName, regenerate).toAbsolutePath().normalize());
        } catch (IOException | RuntimeException | java.awt.AWTError | LinkageError e) {
            err.println("report: could not write the charts and page in " + outDir + ": " + describe(e));
            return Optional.empty();
        }
    }

    /** One line for a failure, e.g. "AccessDeniedException: /x/charts". */
    public static String describe(Throwable e) {
        String m = e.getMessage();
        return e.getClass().getSimpleName() + (m == null || m.isBlank() ? "" : ": " + m.lines().findFirst().orElse(m));
    }
}
