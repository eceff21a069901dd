package io.ssplab.accounting;

import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The accounting's own log in a checkpoint directory, one JSON line per batch event, flushed at once:
 * a driver killed with {@code kill -9} leaves its batches behind, and the run that recovers from the
 * checkpoint reads them to tell whether every line an earlier run received was processed by some run.
 *
 * <pre>
 * {"run":1,"event":"submitted","batchTimeMs":…,"records":280}
 * {"run":1,"event":"completed","batchTimeMs":…,"lines":280,"streams":{"k3f9a2:0":[[0,279]]}}
 * </pre>
 * A half-written last line (the kill landed mid-write) is skipped when read.
 */
public final class Journal implements Closeable {
    public static final String FILE_NAME = "ssp-ledger.jsonl";
    private static final ObjectMapper JSON = new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private final int run;
    private final BufferedWriter out;

    public Journal(Path dir, int run) throws IOException {
        this.run = run;
        Files.createDirectories(dir);
        this.out = Files.newBufferedWriter(dir.resolve(FILE_NAME), StandardCharsets.UTF_8,
                StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    public synchronized void submitted(long batchTimeMs, long records) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("run", run);
        e.put("event", "submitted");
        e.put("batchTimeMs", batchTimeMs);
        e.put("records", records);
        write(e);
    }

    public synchronized void completed(long batchTimeMs, BatchTally tally) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("run", run);
        e.put("event", "completed");
        e.put("batchTimeMs", batchTimeMs);
        e.put("lines", tally == null ? 0 : tally.lines());
        Map<String, List<long[]>> streams = new TreeMap<>();
        if (tally != null) tally.streams().forEach((id, s) -> streams.put(id, s.seqs().toList()));
        e.put("streams", streams);
        write(e);
    }

    private void write(Map<String, Object> event) {
        try {
            out.write(JSON.writeValueAsString(event));
            out.write('\n');
            out.flush();
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    @Override
    public synchronized void close() throws IOException {
        out.close();
    }

    /**
     * What the runs before {@code beforeRun} left in the journal.
     *
     * @param runs      earlier runs that wrote anything
     * @param submitted batch time → records, of batches earlier runs cut (the largest count if several did)
     * @param processed batch time → lines processed by an earlier run
     * @param streams   stamped streams' sequence numbers processed by earlier runs
     */
    public record History(int runs, Map<Long, Long> submitted, Map<Long, Long> processed, Map<String, SeqRanges> streams) {
        public static final History NONE = new History(0, Map.of(), Map.of(), Map.of());

        public long receivedLines() {
            return submitted.values().stream().mapToLong(Long::longValue).sum();
        }
    }

    public static History read(Path dir, int beforeRun) throws IOException {
        Path file = dir.resolve(FILE_NAME);
        if (!Files.exists(file)) return History.NONE;
        Map<Long, Long> submitted = new HashMap<>();
        Map<Long, Long> processed = new HashMap<>();
        Map<String, SeqRanges> streams = new TreeMap<>();
        java.util.Set<Integer> runs = new java.util.HashSet<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            JsonNode e;
            try {
                e = JSON.readTree(line);
            } catch (IOException cutShort) {
                continue; // the last line of a killed run
            }
            if (e == null || !e.has("run") || e.get("run").asInt() >= beforeRun) continue;
            runs.add(e.get("run").asInt());
            long t = e.path("batchTimeMs").asLong();
            if ("submitted".equals(e.path("event").asText())) {
                submitted.merge(t, e.path("records").asLong(), Math::max);
            } else if ("completed".equals(e.path("event").asText())) {
                processed.merge(t, e.path("lines").asLong(), Math::max);
                e.path("streams").fields().forEachRemaining(s -> {
                    List<long[]> ranges = new ArrayList<>();
                    s.getValue().forEach(r -> ranges.add(new long[] {r.get(0).asLong(), r.get(1).asLong()}));
                    streams.computeIfAbsent(s.getKey(), k -> new SeqRanges()).addAll(SeqRanges.of(ranges));
                });
            }
        }
        return new History(runs.size(), submitted, processed, streams);
    }
}
