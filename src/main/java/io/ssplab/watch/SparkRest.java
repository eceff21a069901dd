package io.ssplab.watch;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

import io.ssplab.core.Json;
import io.ssplab.core.Messages;

/**
 * What a running Spark app's REST API ({@code /api/v1}, served by its UI) tells about its streaming: the
 * applications, the DStream statistics (the batch interval) and the DStream batches. Spark's API has no
 * endpoint for Structured Streaming queries (their UI tab draws from a listener of its own): for those,
 * {@link ListenerFiles} reads what the lab's listener wrote.
 */
public final class SparkRest {
    /** How long connecting may take: a live driver's UI accepts at once; nothing listening refuses at once. */
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    /**
     * How long one answer may take: a driver whose cores are all busy with late batches, on a loaded machine, can
     * take seconds (its first REST answer also loads the REST layer); {@link Watcher} polls again after a late one.
     */
    static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final URI base;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT).build();

    /** @param url the UI's address, e.g. http://127.0.0.1:4040 (a trailing slash or /api/v1 is fine) */
    public SparkRest(String url) {
        String u = url.strip().replaceAll("/+$", "").replaceAll("/api/v1$", "");
        this.base = URI.create(u + "/api/v1/");
    }

    public URI base() {
        return base;
    }

    /** An application the UI serves. */
    public record App(String id, String name) {
    }

    /** One DStream batch as the REST API reports it (times in ms; batchId is the batch time). */
    public record Batch(long batchTimeMs, String status, long batchDurationMs, long inputSize, Long schedulingDelayMs,
                        Long processingTimeMs, Long totalDelayMs) {
        public boolean completed() {
            return "COMPLETED".equalsIgnoreCase(status);
        }

        public boolean queued() {
            return "QUEUED".equalsIgnoreCase(status);
        }
    }

    /** A request's answer: its HTTP status and body (404: the app has no such thing, e.g. no StreamingContext). */
    record Answer(int status, String body) {
    }

    public List<App> applications() throws IOException {
        Answer a = get("applications");
        List<App> apps = new ArrayList<>();
        if (a.status() != 200) throw new IOException(Messages.get("watch.http", a.status(), base.resolve("applications")));
        for (JsonNode n : Json.MAPPER.readTree(a.body())) apps.add(new App(n.path("id").asText(), n.path("name").asText()));
        return apps;
    }

    /** The app's batch interval from /streaming/statistics, or null when it has no StreamingContext. */
    public Long batchIntervalMs(String appId) throws IOException {
        Answer a = get("applications/" + appId + "/streaming/statistics");
        if (a.status() != 200) return null;
        JsonNode n = Json.MAPPER.readTree(a.body());
        return n.has("batchDuration") ? n.path("batchDuration").asLong() : null;
    }

    /** Every batch the UI still holds (spark.streaming.ui.retainedBatches), oldest first. */
    public List<Batch> batches(String appId) throws IOException {
        Answer a = get("applications/" + appId + "/streaming/batches");
        if (a.status() != 200) throw new IOException(Messages.get("watch.http", a.status(), base.resolve("applications/" + appId + "/streaming/batches")));
        List<Batch> batches = new ArrayList<>();
        for (JsonNode n : Json.MAPPER.readTree(a.body())) {
            Long sd = millis(n, "schedulingDelay");
            Long pt = millis(n, "processingTime");
            Long total = millis(n, "totalDelay");
            batches.add(new Batch(n.path("batchId").asLong(), n.path("status").asText(), n.path("batchDuration").asLong(),
                    n.path("inputSize").asLong(), sd, pt, total));
        }
        batches.sort(java.util.Comparator.comparingLong(Batch::batchTimeMs));
        return batches;
    }

    private Answer get(String path) throws IOException {
        HttpRequest request = HttpRequest.newBuilder(base.resolve(path)).timeout(TIMEOUT).GET().build();
        try {
            HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
            return new Answer(r.statusCode(), r.body());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            java.io.InterruptedIOException stopped = new java.io.InterruptedIOException();
            stopped.initCause(e);
            throw stopped;
        }
    }

    private static Long millis(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? null : v.asLong();
    }
}
