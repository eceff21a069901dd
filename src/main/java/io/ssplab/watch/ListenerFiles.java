package io.ssplab.watch;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import io.ssplab.core.BatchMetrics;
import io.ssplab.core.Json;

/**
 * The JSON Lines the lab's listener jar writes for app {@code appId} in its metrics folder
 * ({@code spark.ssp.metrics.dir}; files {@code JOB-APPID.jsonl}), read as they grow: each call returns the
 * whole lines added since the previous one. With several streams or queries, the first file by name (the
 * app's first query is named after the app alone, so it sorts first).
 */
public final class ListenerFiles {
    private final Path dir;
    private final String appId;
    private Path file;
    private long offset;

    public ListenerFiles(Path dir, String appId) {
        this.dir = dir;
        this.appId = appId;
    }

    /** The file being read, or null while the listener has written none. */
    public Path file() {
        return file;
    }

    /** The batches written since the last call (none while there is no file yet). */
    public List<BatchMetrics> next() throws IOException {
        if (file == null) file = find();
        if (file == null) return List.of();
        List<BatchMetrics> batches = new ArrayList<>();
        try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r")) {
            long length = in.length();
            if (length <= offset) return batches;
            byte[] bytes = new byte[(int) (length - offset)];
            in.seek(offset);
            in.readFully(bytes);
            int end = lastNewline(bytes);
            if (end < 0) return batches; // a line still being written
            offset += end + 1;
            for (String line : new String(bytes, 0, end, StandardCharsets.UTF_8).split("\n")) {
                if (line.isBlank()) continue;
                try {
                    batches.add(Json.COMPACT.readValue(line, BatchMetrics.class));
                } catch (IOException notABatch) {
                    // not one of the listener's lines: skipped, as JsonLines.read does
                }
            }
        }
        return batches;
    }

    private Path find() throws IOException {
        if (!Files.isDirectory(dir)) return null;
        String suffix = "-" + appId + ".jsonl";
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().endsWith(suffix)).sorted().findFirst().orElse(null);
        }
    }

    private static int lastNewline(byte[] bytes) {
        for (int i = bytes.length - 1; i >= 0; i--) if (bytes[i] == '\n') return i;
        return -1;
    }
}
