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
    /** Started sources by skew and rate ("1.2@140.0"): a random sweep's cells each have their own rate. */
    private final Map<String, SocketSource> started = new LinkedHashMap<>();

    SweepSources(SourceConfig config, Consumer<String> log) {
        this.config = config;
        this.log = log;
    }

    /** Where the source of this skew listens, started now if no cell used it yet. */
    SourceEndpoint forSkew(double skew) throws IOException {
        return forSkewAndRate(skew, config.linesPerSecond());
    }

    /** Where the source of this cell's skew and rate listens (the sweep's rate when the cell has none of its own). */
    SourceEndpoint forCell(SweepCell cell) throws IOException {
        return forSkewAndRate(cell.skew(), cell.linesPerSecond() > 0 ? cell.linesPerSecond() : config.linesPerSecond());
    }

    private SourceEndpoint forSkewAndRate(double skew, double rate) throws IOException {
        String key = skew + "@" + rate;
        SocketSource s = started.get(key);
        if (s == null) {
            SourceConfig c = config;
            s = SocketSource.start(new SourceConfig(c.host(), c.port(), rate, c.wordsPerLine(), c.vocabulary(), c.seed(), c.statusEvery(),
                    c.format(), skew), log);
            started.put(key, s);
        }
        return new SourceEndpoint(s.host(), s.port());
    }

    @Override
    public void close() {
        started.values().forEach(SocketSource::close);
        started.clear();
    }
}
