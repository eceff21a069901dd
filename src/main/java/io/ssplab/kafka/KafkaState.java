package io.ssplab.kafka;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;

import io.ssplab.core.Json;

/**
 * What a running broker is, as {@code state.json} records it: enough to find, check and stop exactly its process.
 *
 * @param host           address its client listener binds (and advertises)
 * @param port           its client port: the bootstrap address is host:port
 * @param controllerPort its KRaft controller's port, always on 127.0.0.1 (only the broker itself talks to it)
 * @param pid            the broker JVM
 * @param startedAt      ISO-8601 instant of the start
 */
public record KafkaState(String host, int port, int controllerPort, long pid, String startedAt) {

    /** {@code host:port}, what clients pass as {@code bootstrap.servers}. */
    public String bootstrap() {
        return host + ":" + port;
    }

    void save(KafkaLayout layout) throws IOException {
        Files.createDirectories(layout.dir());
        Path tmp = layout.dir().resolve("state.json.tmp");
        Json.write(tmp, this);
        Files.move(tmp, layout.stateFile(), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** The recorded state, or empty when there is none (or it is unreadable: then it is stale by definition). */
    static Optional<KafkaState> load(KafkaLayout layout) {
        if (!Files.isRegularFile(layout.stateFile())) return Optional.empty();
        try {
            return Optional.of(Json.MAPPER.readValue(layout.stateFile().toFile(), KafkaState.class));
        } catch (IOException | RuntimeException unreadable) {
            return Optional.empty();
        }
    }
}
