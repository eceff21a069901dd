package io.ssplab.metrics;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Collections;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.JsonNode;

import io.ssplab.core.Json;

/**
 * What the lab reads of one Structured Streaming progress event ({@code StreamingQueryProgress}, one per
 * executed micro-batch), taken from Spark's own JSON of it ({@code progress.json()}): the one format the
 * listener reads live and the tests read from recorded events.
 *
 * @param batchId                the micro-batch's id
 * @param timestampMs            when its trigger started (Spark's {@code timestamp}, UTC, epoch ms)
 * @param durationMs             Spark's breakdown: latestOffset, getBatch, queryPlanning, walCommit, addBatch,
 *                               commitOffsets, triggerExecution (ms)
 * @param numInputRows           rows the batch took in (here: lines)
 * @param inputRowsPerSecond     rows / (this trigger's start − the previous one's); NaN when Spark leaves it out
 * @param processedRowsPerSecond rows / this batch's duration; NaN when Spark leaves it out
 * @param batchDurationMs        Spark's batchDuration (equals triggerExecution)
 */
public record QueryProgress(long batchId, long timestampMs, Map<String, Long> durationMs, long numInputRows,
                            double inputRowsPerSecond, double processedRowsPerSecond, long batchDurationMs) {

    /** The batch's duration: {@code durationMs.triggerExecution}, else Spark's batchDuration. */
    public long triggerExecutionMs() {
        Long t = durationMs.get("triggerExecution");
        return t != null ? t : batchDurationMs;
    }

    /** When the batch ended: its start plus its duration. */
    public long endMs() {
        return timestampMs + triggerExecutionMs();
    }

    /** Reads Spark's JSON of a progress event: {@code StreamingQueryProgress.json()}, or the progress object of an event log's QueryProgressEvent. */
    public static QueryProgress fromJson(String json) {
        try {
            JsonNode n = Json.MAPPER.readTree(json);
            Map<String, Long> durations = new TreeMap<>();
            JsonNode d = n.path("durationMs");
            for (Iterator<Map.Entry<String, JsonNode>> it = d.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                durations.put(e.getKey(), e.getValue().asLong());
            }
            return new QueryProgress(n.path("batchId").asLong(), Instant.parse(n.path("timestamp").asText()).toEpochMilli(),
                    Collections.unmodifiableMap(durations), (long) total(n, "numInputRows"), total(n, "inputRowsPerSecond"),
                    total(n, "processedRowsPerSecond"), n.path("batchDuration").asLong(durations.getOrDefault("triggerExecution", 0L)));
        } catch (IOException e) {
            throw new UncheckedIOException("not a progress event: " + e.getMessage(), e);
        }
    }

    /**
     * A query-wide number: the field itself in {@code StreamingQueryProgress.json()}; in an event log, where Spark writes
     * the progress object's fields only (its totals are methods, {@code sources.map(_.x).sum}), the sum over the sources.
     */
    private static double total(JsonNode n, String field) {
        if (n.has(field)) return number(n, field);
        JsonNode sources = n.path("sources");
        if (!sources.isArray() || sources.isEmpty()) return field.equals("numInputRows") ? 0 : Double.NaN;
        double sum = 0;
        for (JsonNode source : sources) sum += number(source, field);
        return sum;
    }

    /** Spark leaves NaN and infinite rates out of its JSON. */
    private static double number(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || !v.isNumber() ? Double.NaN : v.asDouble();
    }
}
