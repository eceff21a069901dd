package io.ssplab.metrics;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import io.ssplab.core.BatchMetrics;

/**
 * Progress events recorded from real Structured Streaming runs on the lab's 2-core machine (Spark 4.2.0;
 * {@code src/test/resources/structured/*.ndjson}, Spark's own JSON of each event as {@code --metrics-out}
 * writes it to FILE.progress.ndjson):
 * <pre>
 *   stable-baseline     ss-baseline,    T 3 s, local[2], P=2, no cost                  (demo, load ≈ 5)
 *   falling-behind      ss-bottleneck,  T 3 s, local[2], P=2, 6 ms/line, 2 s per batch  (demo, load ≈ 5)
 *   unstable-overload   ss-overload,    T 3 s, local[2], P=2, 16 ms/line               (demo, load ≈ 4)
 *   stable-parallelism  ss-parallelism, T 3 s, local[8], P=8, 16 ms/line               (demo, load ≈ 3)
 *   still-settling      T 2 s, local[2], P=2, 6 ms/line, 1.5 s per batch: o drifted from 0.8 to 2 s
 *                       during the run (load 8–10), rows 545 → 821 in 7 batches
 *   late-start          T 2 s, zero cost, a cold JVM on a busy machine: batches 2.0–2.4 s, then 1.4–2.0 s
 * </pre>
 */
public final class RecordedQueries {
    private RecordedQueries() {
    }

    /** The events of a recording, in order, with their JSON. */
    public record Event(QueryProgress progress, String json) {
    }

    public static List<Event> events(String name) {
        try (InputStream in = RecordedQueries.class.getResourceAsStream("/structured/" + name + ".ndjson")) {
            if (in == null) throw new IllegalArgumentException("no recording " + name);
            List<Event> events = new ArrayList<>();
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (!line.isBlank()) events.add(new Event(QueryProgress.fromJson(line), line));
            }
            return events;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The recording as the listener turns it into the lab's batches. */
    public static List<BatchMetrics> batches(String name, String job, long triggerMs) {
        List<BatchMetrics> batches = new ArrayList<>();
        QueryProgressListener listener = new QueryProgressListener(job, triggerMs).onBatch(batches::add);
        for (Event e : events(name)) listener.accept(e.progress(), e.json());
        return batches;
    }
}
