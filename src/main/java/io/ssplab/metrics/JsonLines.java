package io.ssplab.metrics;

import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.ssplab.core.BatchMetrics;
import io.ssplab.core.Json;
import io.ssplab.core.Lang;
import io.ssplab.core.Messages;

/**
 * Reads and writes batch metrics as JSON Lines: one object per line, flushed per batch, so a run
 * stopped by Ctrl-C leaves only whole lines. (Other JSON files: {@link Json}.)
 */
public final class JsonLines {
    private static final ObjectMapper COMPACT = Json.COMPACT;

    private JsonLines() {
    }

    /** A sink that appends each batch to {@code file} as one line. */
    public static final class Writer implements Consumer<BatchMetrics>, Closeable {
        private final BufferedWriter out;

        public Writer(Path file) throws IOException {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) Files.createDirectories(parent);
            this.out = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
        }

        @Override
        public synchronized void accept(BatchMetrics m) {
            try {
                out.write(COMPACT.writeValueAsString(m));
                out.write('\n');
                out.flush();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public synchronized void close() throws IOException {
            out.close();
        }
    }

    /**
     * What reading a metrics file gave: the batches, and each line that could not be used.
     *
     * @param skipped the unusable lines, in file order
     */
    public record ReadResult(List<BatchMetrics> batches, List<Skipped> skipped) {
        /** A note per unusable line, in English (as before: for logs and files). */
        public List<String> problems() {
            return problems(Lang.EN);
        }

        /** A note per unusable line, in {@code lang}: "phase2.jsonl:12: last line is cut short or not a batch object — skipped". */
        public List<String> problems(Lang lang) {
            return skipped.stream().map(s -> s.describe(lang)).toList();
        }
    }

    /**
     * One line of a metrics file that is not a batch object.
     *
     * @param file   the file's name
     * @param line   its number, from 1
     * @param isLast whether it is the file's last line (the one a killed run may have cut short)
     */
    public record Skipped(String file, int line, boolean isLast) {
        public String describe(Lang lang) {
            return Messages.in(lang, isLast ? "jsonl.skippedLast" : "jsonl.skipped", file, line);
        }
    }

    /**
     * Reads a JSON Lines metrics file, keeping every line it can use: a blank line is skipped, a line
     * that is not a batch object (e.g. the truncated last line of a killed run) is noted with its line
     * number instead of an exception.
     */
    public static ReadResult read(Path file) throws IOException {
        List<BatchMetrics> batches = new ArrayList<>();
        List<Skipped> skipped = new ArrayList<>();
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty()) continue;
            BatchMetrics m = batch(line);
            if (m != null) batches.add(m);
            else skipped.add(new Skipped(file.getFileName().toString(), i + 1, i == lines.size() - 1));
        }
        return new ReadResult(batches, skipped);
    }

    /** The batch on this line, or null when it is not one (not JSON, not a batch, no batch interval). */
    private static BatchMetrics batch(String line) {
        try {
            BatchMetrics m = COMPACT.readValue(line, BatchMetrics.class);
            return m != null && m.batchIntervalMs() > 0 ? m : null;
        } catch (IOException notABatch) {
            return null;
        }
    }
}
