package io.ssplab.cli;

import java.io.IOException;
import java.net.BindException;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

import io.ssplab.core.ExitCodes;
import io.ssplab.core.BadInputException;
import io.ssplab.core.Format;
import io.ssplab.core.Limits;
import io.ssplab.core.Messages;
import io.ssplab.source.LineFormat;
import io.ssplab.source.SocketSource;
import io.ssplab.source.SourceConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code bin/ssp source}: the word-line generator on its own — the original demo's "Terminal 1". */
@Command(name = "source", mixinStandardHelpOptions = true, sortOptions = false)
public final class SourceCommand implements Callable<Integer> {
    @ParentCommand
    Main main;

    @Option(names = "--host", paramLabel = "ADDRESS", defaultValue = SourceConfig.DEFAULT_HOST)
    String host;

    @Option(names = "--port", paramLabel = "PORT", defaultValue = "" + SourceConfig.DEFAULT_PORT)
    int port;

    @Option(names = "--rate", paramLabel = "LINES_PER_S", defaultValue = "140")
    double rate;

    @Option(names = "--words-per-line", paramLabel = "N", defaultValue = "" + SourceConfig.DEFAULT_WORDS_PER_LINE)
    int wordsPerLine;

    @Option(names = "--vocabulary", paramLabel = "N", defaultValue = "" + SourceConfig.DEFAULT_VOCABULARY)
    int vocabulary;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "" + SourceConfig.DEFAULT_SEED)
    long seed;

    @Option(names = "--skew", descriptionKey = "ssp.source.skew", paramLabel = "S", defaultValue = "0")
    double skew;

    @Option(names = "--status-every", paramLabel = "DURATION", defaultValue = "10s", converter = DurationConverter.class)
    Duration statusEvery;

    @Option(names = "--format", paramLabel = "classic|stamped", defaultValue = "classic")
    LineFormat format;

    @Override
    public Integer call() throws Exception {
        SourceConfig config = config();
        SocketSource source;
        try {
            source = SocketSource.start(config, line -> main.out.println("[source] " + line));
        } catch (BindException e) {
            // The address is one of ours (checked in config()): what is left is a port someone holds, or one we may not bind.
            if (Options.inUse(e))
                throw new BadInputException(Messages.get("source.portTaken", host, port, BadArguments.oneLine(e), Options.freePortAfter(host, port)));
            throw new BadInputException(Messages.get("source.cannotListen", host, port, BadArguments.oneLine(e)));
        } catch (IOException e) {
            throw new BadInputException(Messages.get("source.cannotListen", host, port, BadArguments.oneLine(e)));
        }
        // Which words come how often: the hot key's share, before the first line.
        main.out.println("[source] " + io.ssplab.model.KeyWords.line(config.keys(), io.ssplab.core.Lang.current()));
        CountDownLatch stopped = new CountDownLatch(1);
        try (CtrlC ignored = CtrlC.onFirstPress(stopped::countDown)) {
            stopped.await();
        } finally {
            source.close();
            main.out.println("[source] " + Messages.get("cli.source.stopped", Messages.count(source.linesSent(), "noun.line"),
                    Messages.count(source.clientsSeen(), "noun.client"))
                    + (source.blockedMillis() > 0 ? Messages.get("cli.source.blocked", Format.fixed(source.blockedMillis() / 1000.0, 1) + " s") : ""));
        }
        return ExitCodes.OK;
    }

    /** The options, each within its range, the address one of this machine's: every refusal happens here, before anything binds. */
    SourceConfig config() {
        Options.listenAddress("--host", host, true);
        Options.SOURCE_PORT.check(port);
        Limits.RATE.check(rate);
        Limits.WORDS_PER_LINE.check(wordsPerLine);
        Options.VOCABULARY.check(vocabulary);
        Options.STATUS_EVERY.check(statusEvery);
        Limits.SKEW.check(skew);
        return new SourceConfig(host.strip(), port, rate, wordsPerLine, vocabulary, seed, statusEvery, format, skew);
    }
}
