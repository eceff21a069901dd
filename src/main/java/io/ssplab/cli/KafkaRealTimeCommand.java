package io.ssplab.cli;

import java.time.Duration;
import java.util.concurrent.Callable;

import io.ssplab.core.ExitCodes;
import io.ssplab.core.Limits;
import io.ssplab.core.Messages;
import io.ssplab.jobs.kafka.RealTimeAct;
import io.ssplab.run.StopSignal;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code bin/ssp kafka real-time}: micro-batch against real-time mode, end-to-end latency side by side ({@link RealTimeAct}). */
@Command(name = "real-time", mixinStandardHelpOptions = true, sortOptions = false)
public final class KafkaRealTimeCommand implements Callable<Integer> {
    @ParentCommand
    KafkaCommand kafka;

    @Option(names = "--bootstrap-server", paramLabel = "HOST:PORT")
    String bootstrap;

    @Option(names = "--rate", paramLabel = "LINES_PER_S", defaultValue = "" + RealTimeAct.DEFAULT_RATE)
    double rate;

    @Option(names = "--duration", paramLabel = "DURATION", converter = DurationConverter.class, defaultValue = "20s")
    Duration duration;

    @Override
    public Integer call() throws Exception {
        Limits.RATE.check(rate);
        RealTimeAct.MEASURE.check(duration);
        StopSignal stop = new StopSignal();
        try (io.ssplab.kafka.BrokerHandle broker = KafkaBrokers.any(bootstrap, kafka.main.out);
             CtrlC ignored = CtrlC.onFirstPress(() -> stop.request(Messages.get("run.stop.ctrlC")))) {
            RealTimeAct.run(broker.bootstrap(), duration, rate, kafka.main.out, stop);
        }
        return stop.requested() ? ExitCodes.FAILED : ExitCodes.OK;
    }
}
