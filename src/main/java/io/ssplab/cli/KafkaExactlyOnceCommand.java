package io.ssplab.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;

import io.ssplab.core.BadInputException;
import io.ssplab.core.ExitCodes;
import io.ssplab.core.Limits;
import io.ssplab.core.Messages;
import io.ssplab.jobs.kafka.ExactlyOnceLesson;
import io.ssplab.run.StopSignal;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code bin/ssp kafka exactly-once --checkpoint DIR --out DIR}: the exactly-once lesson
 * ({@link ExactlyOnceLesson}); kill it with {@code kill -9} and run the same command again.
 */
@Command(name = "exactly-once", mixinStandardHelpOptions = true, sortOptions = false)
public final class KafkaExactlyOnceCommand implements Callable<Integer> {
    @ParentCommand
    KafkaCommand kafka;

    @Option(names = "--checkpoint", paramLabel = "DIR")
    Path checkpoint;

    @Option(names = "--out", paramLabel = "DIR")
    Path out;

    @Option(names = "--bootstrap-server", paramLabel = "HOST:PORT")
    String bootstrap;

    @Option(names = "--lines", paramLabel = "N", defaultValue = "" + ExactlyOnceLesson.DEFAULT_LINES)
    long lines;

    @Option(names = "--rate", paramLabel = "LINES_PER_S", defaultValue = "" + ExactlyOnceLesson.DEFAULT_RATE)
    double rate;

    @Override
    public Integer call() throws Exception {
        ExactlyOnceLesson.LINES.check(lines);
        Limits.RATE.check(rate);
        if (checkpoint != null) Options.writableDirectory("--checkpoint", checkpoint);
        if (out != null) Options.writableDirectory("--out", out);
        String broker = KafkaBrokers.outliving(bootstrap);
        // both directories are the lesson's memory across driver runs: named by the user, so the same command finds them again
        if (checkpoint == null || out == null) throw new BadInputException(Messages.get("eo.bad.needDirs"));
        ExactlyOnceLesson.Plan plan = ExactlyOnceLesson.prepare(new ExactlyOnceLesson.Settings(broker, checkpoint, out, lines, rate,
                ExactlyOnceLesson.DEFAULT_PARTITIONS));
        StopSignal stop = new StopSignal();
        ExactlyOnceLesson.Result result;
        try (CtrlC ignored = CtrlC.onFirstPress(() -> stop.request(Messages.get("run.stop.ctrlC")))) {
            result = ExactlyOnceLesson.run(plan, kafka.main.out, stop);
        }
        if (result == null) return ExitCodes.FAILED;
        return result.account().exactlyOnce() ? ExitCodes.OK : ExitCodes.FAILED;
    }
}
