package io.ssplab.faults;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Reading what a run left behind. */
final class FaultsTestSupport {
    private static final ObjectMapper JSON = new ObjectMapper();

    private FaultsTestSupport() {
    }

    static JsonNode json(Path file) throws IOException {
        return JSON.readTree(file.toFile());
    }

    /** Batches in a metrics file that carried records. */
    static long batchesWithRecords(Path metrics) throws IOException {
        if (!Files.exists(metrics)) return 0;
        return Files.readAllLines(metrics).stream().filter(l -> l.contains("\"records\":") && !l.contains("\"records\":0,")).count();
    }

    static String[] concat(String[] a, String... b) {
        String[] all = new String[a.length + b.length];
        System.arraycopy(a, 0, all, 0, a.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }
}
