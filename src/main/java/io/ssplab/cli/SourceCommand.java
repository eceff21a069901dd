package io.ssplab.cli;

import java.io.IOException;
import java.net.BindException;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

import io.ssplab.core.ExitCodes;
import io.ssplab.core.BadInputException;
import io.ssplab.source.LineFormat;
import io.ssplab.source.SocketSource;
import io.ssplab.source.SourceConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code bin/ssp source}: the word-line generator on its own — the original demo's "Terminal 1". */
@Command(name = "source", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Serve word lines over TCP until Ctrl-C: each client gets its own paced, reproducible stream.",
                "Attach a job with: bin/ssp run phase2 --source 127.0.0.1:9999"})
public final class SourceCommand implements Callable<Integer> {
    @ParentCommand
    Main main;

    @Option(names = "--host", paramLabel = "ADDRESS", defaultValue = SourceConfig.DEFAULT_HOST,
            description = "Address to listen on. Default: ${DEFAULT-VALUE} (this machine only); 0.0.0.0 opens it to the network.")
    String host;

    @Option(names = "--port", paramLabel = "PORT", defaultValue = "9999", description = "TCP port. Default: ${DEFAULT-VALUE}.")
    int port;

    @Option(names = "--rate", paramLabel = "LINES_PER_S", defaultValue = "140", description = "Lines per second, per client. Default: ${DEFAULT-VALUE}.")
    double rate;

    @Option(names = "--words-per-line", paramLabel = "N", defaultValue = "3", description = "Words in a line. Default: ${DEFAULT-VALUE}.")
    int wordsPerLine;

    @Option(names = "--vocabulary", paramLabel = "N", defaultValue = "50", description = "Words are word0 … word{N-1}. Default: ${DEFAULT-VALUE}.")
    int vocabulary;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "42", description = "Random seed: the same seed sends the same lines. Default: ${DEFAULT-VALUE}.")
    long seed;

    @Option(names = "--status-every", paramLabel = "DURATION", defaultValue = "10s", converter = DurationConverter.class,
            description = "How often to print lines sent and the actual rate; 0 for never. Default: ${DEFAULT-VALUE}.")
    Duration statusEvery;

    @Option(names = "--format", paramLabel = "classic|stamped", defaultValue = "classic",
            description = "'stamped' puts #SOURCE:CLIENT:SEQ:SENT_MS before the words, so jobs can account for every line (docs/reliability.md). Default: ${DEFAULT-VALUE}.")
    LineFormat format;

    @Override
    public Integer call() throws Exception {
        SourceConfig config = config();
        SocketSource source;
        try {
            source = SocketSource.start(config, line -> main.out.println("[source] " + line));
        } catch (BindException e) {
            throw new BadInputException("cannot listen on " + host + ":" + port + " (" + e.getMessage()
                    + "): is another source running? stop it, or pass --port N");
        } catch (IOException e) {
            throw new BadInputException("cannot listen on " + host + ":" + port + ": " + e.getMessage());
        }
        CountDownLatch stopped = new CountDownLatch(1);
        try (CtrlC ignored = CtrlC.onFirstPress(stopped::countDown)) {
            stopped.await();
        } finally {
            source.close();
            main.out.printf(Locale.ROOT, "[source] stopped: %,d lines sent to %d client(s)%s%n", source.linesSent(), source.clientsSeen(),
                    source.blockedMillis() > 0 ? String.format(Locale.ROOT, "; writes blocked %.1f s in all", source.blockedMillis() / 1000.0) : "");
        }
        return ExitCodes.OK;
    }

    SourceConfig config() {
        if (port < 0 || port > 65535) throw new BadInputException("--port " + port + " is not 0..65535: pass e.g. --port 9999");
        if (!(rate > 0) || Double.isInfinite(rate)) throw new BadInputException("--rate must be a positive number of lines per second, e.g. --rate 140");
        if (wordsPerLine < 1) throw new BadInputException("--words-per-line must be at least 1, e.g. --words-per-line 3");
        if (vocabulary < 1) throw new BadInputException("--vocabulary must be at least 1, e.g. --vocabulary 50");
        if (statusEvery.isNegative()) throw new BadInputException("--status-every must not be negative: pass e.g. 10s, or 0 for never");
        return new SourceConfig(host, port, rate, wordsPerLine, vocabulary, seed, statusEvery, format);
    }
}
