package io.ssplab.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

import io.ssplab.core.ExitCodes;
import io.ssplab.core.Messages;
import io.ssplab.core.BadInputException;
import io.ssplab.report.Note;
import io.ssplab.report.RecordedRun;
import io.ssplab.report.ReportWriter;
import io.ssplab.report.RunLoader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code bin/ssp report PATH…}: charts and the HTML page from recorded JSON Lines, later or on another machine. */
@Command(name = "report", mixinStandardHelpOptions = true, sortOptions = false)
public final class ReportCommand implements Callable<Integer> {
    @ParentCommand
    Main main;

    @Parameters(arity = "1..*", paramLabel = "PATH", descriptionKey = "ssp.report.paths")
    List<Path> paths;

    @Option(names = "--out", paramLabel = "DIR")
    Path out;

    @Override
    public Integer call() {
        PrintStream console = main.out;
        for (Path p : paths) {
            if (p.toString().isBlank()) throw new BadInputException(Messages.get("report.emptyPath"));
            if (!Files.exists(p)) throw new BadInputException(Messages.get("report.pathMissing", p));
        }
        Path outDir = out != null ? out : defaultOutDir(paths.get(0));
        Options.writableDirectory("--out", outDir);

        RunLoader.Loaded loaded = RunLoader.load(paths);
        if (loaded.runs().isEmpty() && loaded.problems().size() == 1) {
            // One input, one reason: that reason is the one line to read.
            main.err.println(ReportWriter.nothingUsableLine(loaded.problems().get(0)));
            return ExitCodes.USAGE;
        }
        for (Note problem : loaded.problems()) main.err.println(ReportWriter.problemLine(problem));
        if (loaded.runs().isEmpty()) {
            main.err.println(ReportWriter.nothingUsableLine(paths));
            return ExitCodes.USAGE;
        }
        for (RecordedRun run : loaded.runs()) {
            console.println(ReportWriter.runLine(run));
            for (Note note : run.notes()) console.println(ReportWriter.noteLine(note));
        }
        Path page;
        try {
            Files.createDirectories(outDir);
            page = ReportWriter.write(loaded.runs(), loaded.problems(), outDir, pageName(), regenerateCommand());
        } catch (IOException | RuntimeException | java.awt.AWTError | LinkageError e) {
            main.err.println(ReportWriter.failedLine(outDir, e));
            return ExitCodes.FAILED;
        }
        console.println(ReportWriter.writtenLine(page.toAbsolutePath().normalize()));
        return ExitCodes.OK;
    }

    /** One file gets a page named after it (p2.jsonl → p2.html), so that it does not replace a directory's index.html. */
    private String pageName() {
        if (paths.size() == 1 && Files.isRegularFile(paths.get(0))) return pageNameFor(paths.get(0));
        return "index.html";
    }

    /** p2.jsonl → p2.html; p2.summary.json → p2.html. */
    public static String pageNameFor(Path metricsFile) {
        String name = metricsFile.getFileName().toString();
        if (name.endsWith(".summary.json")) name = name.substring(0, name.length() - ".summary.json".length()) + ".jsonl";
        if (name.equals("summary.json")) return "index.html";
        return RunLoader.baseName(Path.of(name)) + ".html";
    }

    static Path defaultOutDir(Path first) {
        Path abs = first.toAbsolutePath().normalize();
        return Files.isDirectory(abs) ? abs : abs.getParent();
    }

    private String regenerateCommand() {
        return "bin/ssp report " + paths.stream().map(Path::toString).collect(Collectors.joining(" "))
                + (out != null ? " --out " + out : "");
    }
}
