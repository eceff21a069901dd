package io.ssplab.cli;

import java.util.concurrent.Callable;

import io.ssplab.grader.GradeReport;
import io.ssplab.grader.Grader;
import io.ssplab.grader.Lesson;
import io.ssplab.run.StopSignal;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code bin/ssp check EXERCISE}: grade an exercise on a short measured run, criterion by criterion. */
@Command(name = "check", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Check an exercise: pass or fail, criterion by criterion, with the numbers and a hint.",
                "Runs your code (or the reference solution) briefly against an embedded source, then grades it criterion by criterion, "
                        + "each with the measured number and, when it fails, a hint.",
                "An exercise with a gap still open is NOT ATTEMPTED (nothing is run). Takes about half a minute."},
        footer = {"", "Examples:",
                "  bin/ssp check fill-gaps              # step 1: did you create the delay?",
                "  bin/ssp check fix-delay              # step 2: did you fix it?",
                "  bin/ssp check fix-delay --solution   # what a pass looks like",
                "", "Exit codes: 0 pass, 1 fail or not attempted, 2 bad input.",
                "Guide: exercises/README.md (English), exercises/README.vi.md (tiếng Việt)."})
public final class CheckCommand implements Callable<Integer> {
    @ParentCommand
    Main main;

    @Parameters(index = "0", paramLabel = "EXERCISE", completionCandidates = ExerciseNames.class, descriptionKey = "ssp.check.exercise",
            description = "One of: ${COMPLETION-CANDIDATES}.")
    String exercise;

    @Option(names = "--solution", description = "Check the reference solution instead of your code.")
    boolean solution;

    @Option(names = "--batches", paramLabel = "N", defaultValue = "" + Grader.DEFAULT_MEASURED_BATCHES,
            description = "Batches to measure after warm-up (" + Grader.MIN_MEASURED_BATCHES + "–" + Grader.MAX_MEASURED_BATCHES + "). Default: ${DEFAULT-VALUE}.")
    int batches;

    @Override
    public Integer call() throws Exception {
        Lesson lesson = Lesson.byName(exercise);
        StopSignal stop = new StopSignal();
        GradeReport report;
        try (CtrlC ignored = CtrlC.onFirstPress(() -> stop.request("Ctrl-C"))) {
            report = lesson.skew() ? io.ssplab.grader.SkewGrader.check(io.ssplab.grader.SkewGrader.exercise(solution), batches, main.out, stop)
                    : Grader.check(lesson, lesson.exercise(solution), batches, main.out, stop);
        }
        report.print(main.out);
        return report.exitCode();
    }

    /** For picocli's completion candidates and help text. */
    static final class ExerciseNames implements Iterable<String> {
        @Override
        public java.util.Iterator<String> iterator() {
            return java.util.Arrays.stream(Lesson.values()).map(Lesson::cliName).iterator();
        }
    }
}
