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
@Command(name = "check", mixinStandardHelpOptions = true, sortOptions = false)
public final class CheckCommand implements Callable<Integer> {
    @ParentCommand
    Main main;

    @Parameters(index = "0", paramLabel = "EXERCISE", completionCandidates = ExerciseNames.class, descriptionKey = "ssp.check.exercise")
    String exercise;

    @Option(names = "--solution")
    boolean solution;

    @Option(names = "--batches", paramLabel = "N", defaultValue = "" + Grader.DEFAULT_MEASURED_BATCHES)
    int batches;

    @Option(names = "--api", paramLabel = "dstream|structured", descriptionKey = "ssp.check.api")
    io.ssplab.core.Api api;

    // Kafka (docs/kafka.md): the exercise graded over a real broker, as run and demo take it.
    @Option(names = "--source", paramLabel = "embedded|kafka|kafka://HOST:PORT/TOPIC", descriptionKey = "ssp.check.source")
    String source;

    @Option(names = "--kafka-partitions", paramLabel = "N", descriptionKey = "ssp.run.kafka-partitions")
    Integer kafkaPartitions;

    @Override
    public Integer call() throws Exception {
        Lesson lesson = Lesson.byName(exercise);
        boolean structured = api == io.ssplab.core.Api.STRUCTURED;
        if (structured) io.ssplab.grader.Grader.BATCHES.check(batches);
        io.ssplab.run.SourceEndpoint kafka = KafkaSourceOption.embeddedOrKafka(source, kafkaPartitions, "kafka.bad.checkSource");
        if (kafka != null && lesson.skew() && !structured) throw new io.ssplab.core.BadInputException(io.ssplab.core.Messages.get("kafka.bad.checkSkew", source));
        io.ssplab.run.SourceEndpoint on = kafka != null ? kafka : io.ssplab.run.SourceEndpoint.EMBEDDED;
        // Every refusal before Spark starts: fix-skew has no Structured Streaming exercise.
        io.ssplab.exercises.structured.QueryExercise query = structured ? lesson.queryExercise(solution) : null;
        StopSignal stop = new StopSignal();
        GradeReport report;
        try (CtrlC ignored = CtrlC.onFirstPress(() -> stop.request("Ctrl-C"))) {
            report = structured ? io.ssplab.grader.QueryGrader.check(lesson, query, batches, on, kafkaPartitions, main.out, stop)
                    : lesson.skew() ? io.ssplab.grader.SkewGrader.check(io.ssplab.grader.SkewGrader.exercise(solution), batches, main.out, stop)
                    : Grader.check(lesson, lesson.exercise(solution), batches, on, kafkaPartitions, main.out, stop);
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
