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

    /** What reading a metrics file gave: the batches, and a note per line that could not be used. */
    public record ReadResult(List<BatchMetrics> batches, List<String> problems) {
    }

    /**
     * Reads a JSON Lines metrics file, keeping every line it can use: a blank line is skipped, a line
     * that is not a batch object (e.g. the truncated last line of a killed run) becomes a problem
     * note with its line number instead of an exception.
     */
    public static ReadResult read(Path file) throws IOException {
        List<BatchMetrics> batches = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty()) continue;
            try {
                BatchMetrics m = COMPACT.readValue(line, BatchMetrics.class);
                if (m.batchIntervalMs() <= 0) throw new IOException("batchIntervalMs missing or not positive");
                batches.add(m);
            } catch (IOException e) {
                String kind = i == lines.size() - 1 ? "last line is cut short or not a batch object" : "not a batch object";
                problems.add(file.getFileName() + ":" + (i + 1) + ": " + kind + " — skipped");
            }
        }
        return new ReadResult(batches, problems);
    }
}
