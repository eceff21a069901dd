package io.ssplab.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import io.ssplab.core.BadInputException;
import io.ssplab.core.Limits;
import io.ssplab.core.Messages;
import io.ssplab.core.Range;

/**
 * What the commands check before anything starts, beside the knobs' own ranges ({@link Limits}): the
 * ranges of the commands' own options, quoted in their help texts, and whether an output path can be
 * written — a run that cannot write its files is refused, not started and then lost.
 */
final class Options {
    private Options() {
    }

    static final int MAX_DEMO_BATCHES = 1000;
    static final String DEMO_BATCHES_SPAN = Summaries.MIN + "–" + MAX_DEMO_BATCHES;
    static final Range DEMO_BATCHES = new Range("--batches", Summaries.MIN, MAX_DEMO_BATCHES, "10");
    static final String PORT_SPAN = Limits.MIN_PORT + "–" + Limits.MAX_PORT;
    static final Range UI_PORT = Limits.UI_PORT;
    static final String BATCHES_SPAN = "1–" + Limits.MAX_BATCHES;

    /** The fewest measured batches a summary can judge. */
    static final class Summaries {
        static final int MIN = io.ssplab.metrics.Summarizer.MIN_BATCHES_FOR_VERDICT;

        private Summaries() {
        }
    }

    /**
     * A directory the command will write into: created now if missing, refused if it is a file or
     * cannot be written.
     *
     * @throws BadInputException naming the option, the path and why
     */
    static Path writableDirectory(String option, Path dir) {
        if (Files.exists(dir) && !Files.isDirectory(dir)) throw new BadInputException(Messages.get("bad.outIsFile", option, dir));
        try {
            Files.createDirectories(dir);
        } catch (IOException | SecurityException e) {
            throw new BadInputException(Messages.get("bad.outUnwritable", option, dir, reason(e)));
        }
        if (!Files.isWritable(dir)) throw new BadInputException(Messages.get("bad.outUnwritable", option, dir, Messages.get("bad.noWritePermission")));
        return dir;
    }

    /** A file the command will write: its folder must be writable (created now if missing), and it must not be a directory. */
    static Path writableFile(String option, Path file) {
        if (Files.isDirectory(file)) throw new BadInputException(Messages.get("bad.outIsDirectory", option, file, file.resolve("run.jsonl")));
        Path parent = file.toAbsolutePath().normalize().getParent();
        if (parent != null) writableDirectory(option, parent);
        if (Files.exists(file) && !Files.isWritable(file))
            throw new BadInputException(Messages.get("bad.outUnwritable", option, file, Messages.get("bad.noWritePermission")));
        return file;
    }

    private static String reason(Exception e) {
        String m = e.getMessage();
        return e.getClass().getSimpleName().replace("Exception", "") + (m == null ? "" : ": " + m);
    }
}
