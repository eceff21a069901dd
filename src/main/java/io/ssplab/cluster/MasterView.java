package io.ssplab.cluster;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

import io.ssplab.core.Messages;
import io.ssplab.metrics.JsonLines;

/**
 * The master's own account of the cluster, from its web UI's {@code /json/} page: whether it is ALIVE,
 * which workers registered, which applications hold cores.
 *
 * @param status        ALIVE once the master is up
 * @param url           the spark:// URL it serves
 * @param cores         cores of all alive workers
 * @param coresUsed     cores held by applications
 * @param workers       every worker it knows, alive or not
 * @param activeApps    applications running now
 * @param completedApps applications that ended
 */
public record MasterView(String status, String url, int cores, int coresUsed, List<WorkerView> workers,
                         List<AppView> activeApps, List<AppView> completedApps) {

    /**
     * @param state        ALIVE, DEAD, DECOMMISSIONED…
     * @param webUiAddress its UI, e.g. http://127.0.0.1:41235
     */
    public record WorkerView(String id, String host, String state, String webUiAddress, int cores, int coresUsed, int memoryMb) {
        public boolean alive() {
            return "ALIVE".equals(state);
        }
    }

    /** @param cores cores the application holds */
    public record AppView(String id, String name, int cores, String state) {
    }

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    public boolean alive() {
        return "ALIVE".equals(status);
    }

    public long aliveWorkers() {
        return workers.stream().filter(WorkerView::alive).count();
    }

    public int coresFree() {
        return cores - coresUsed;
    }

    /** Reads {@code UI/json/}; IOException when the master UI does not answer (yet). */
    public static MasterView fetch(String uiUrl) throws IOException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(uiUrl + "/json/")).timeout(Duration.ofSeconds(3)).GET().build();
        try {
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) throw new IOException(Messages.get("cluster.masterUiHttp", response.statusCode()));
            return parse(response.body());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(Messages.get("run.stop.interrupted"), e);
        }
    }

    public static MasterView parse(String json) throws IOException {
        JsonNode root = io.ssplab.core.Json.MAPPER.readTree(json);
        List<WorkerView> workers = new ArrayList<>();
        for (JsonNode w : root.path("workers")) {
            workers.add(new WorkerView(w.path("id").asText(), w.path("host").asText(), w.path("state").asText(),
                    w.path("webuiaddress").asText(), w.path("cores").asInt(), w.path("coresused").asInt(), w.path("memory").asInt()));
        }
        return new MasterView(root.path("status").asText(), root.path("url").asText(), root.path("cores").asInt(),
                root.path("coresused").asInt(), workers, apps(root.path("activeapps")), apps(root.path("completedapps")));
    }

    private static List<AppView> apps(JsonNode array) {
        List<AppView> apps = new ArrayList<>();
        for (JsonNode a : array) {
            apps.add(new AppView(a.path("id").asText(), a.path("name").asText(), a.path("cores").asInt(), a.path("state").asText()));
        }
        return apps;
    }
}
