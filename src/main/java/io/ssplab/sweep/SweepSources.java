package io.ssplab.sweep;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

import io.ssplab.run.SourceEndpoint;
import io.ssplab.source.SocketSource;
import io.ssplab.source.SourceConfig;

/**
 * The sweep's embedded sources: one per skew of its grid, started when its first cell needs it and
 * shared by every cell of that skew (a source's words are its own: a skew is a source's setting). All
 * closed at the end.
 */
final class SweepSources implements AutoCloseable {
    private final SourceConfig config;
    private final Consumer<String> log;
    private final Map<Double, SocketSource> started = new LinkedHashMap<>();

    SweepSources(SourceConfig config, Consumer<String> log) {
        this.config = config;
        this.log = log;
    }

    /** Where the source of this skew listens, started now if no cell used it yet. */
    SourceEndpoint forSkew(double skew) throws IOException {
        SocketSource s = started.get(skew);
        if (s == null) {
            s = SocketSource.start(config.withSkew(skew), log);
            started.put(skew, s);
        }
        return new SourceEndpoint(s.host(), s.port());
    }

    @Override
    public void close() {
        started.values().forEach(SocketSource::close);
        started.clear();
    }
}
