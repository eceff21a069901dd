package io.ssplab.core;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/**
 * The lab's JSON: one configured mapper for every machine file (summary.json, calibration, cluster
 * state, plan --json, the JSON Lines of {@code io.ssplab.metrics.JsonLines}). Locale-free by
 * construction: Jackson writes 2.5, never "2,5".
 */
public final class Json {
    /** Indented, tolerant of fields it does not know (files written by a newer lab). Thread-safe once configured. */
    public static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
    /** One object per line: JSON Lines, status answers. */
    public static final ObjectMapper COMPACT = MAPPER.copy().disable(SerializationFeature.INDENT_OUTPUT);

    private Json() {
    }

    /** Writes {@code value} to {@code file} as indented JSON, creating the parent directories. */
    public static void write(Path file, Object value) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) Files.createDirectories(parent);
        MAPPER.writeValue(file.toFile(), value);
    }

    public static <T> T read(Path file, Class<T> type) throws IOException {
        return MAPPER.readValue(file.toFile(), type);
    }
}
