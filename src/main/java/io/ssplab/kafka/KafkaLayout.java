package io.ssplab.kafka;

import java.nio.file.Path;

/**
 * Where a broker keeps everything of its own: one folder, so {@code stop}, {@code status} and the runs of the
 * same project find it, and deleting the folder leaves nothing behind. {@code bin/ssp kafka start} uses the
 * project's git-ignored {@code runs/kafka}; an embedded broker (one run, one test class) a temporary folder.
 *
 * <pre>
 *   runs/kafka/state.json          PID, address, ports, start time
 *   runs/kafka/server.properties   the broker's settings, written at each start
 *   runs/kafka/log4j2.properties   its logging: WARN, plus the start and stop lines
 *   runs/kafka/data/               the topics' data and the KRaft metadata (formatted once, kept across restarts)
 *   runs/kafka/logs/               server.log (the broker's log), console.log (its standard output), format.log
 * </pre>
 *
 * @param dir the folder, absolute
 */
public record KafkaLayout(Path dir) {

    public KafkaLayout {
        dir = dir.toAbsolutePath().normalize();
    }

    /** The project's broker folder: {@code <ssp.home>/runs/kafka} ({@code ssp.home} is set by bin/ssp). */
    public static KafkaLayout forProject() {
        return new KafkaLayout(Path.of(System.getProperty("ssp.home", "."), "runs", "kafka"));
    }

    public Path stateFile() {
        return dir.resolve("state.json");
    }

    public Path serverProperties() {
        return dir.resolve("server.properties");
    }

    public Path log4jConfig() {
        return dir.resolve("log4j2.properties");
    }

    public Path data() {
        return dir.resolve("data");
    }

    /** Written by the format step: its presence says the data folder is formatted. */
    public Path formatted() {
        return data().resolve("meta.properties");
    }

    public Path logs() {
        return dir.resolve("logs");
    }

    public Path serverLog() {
        return logs().resolve("server.log");
    }

    public Path consoleLog() {
        return logs().resolve("console.log");
    }

    public Path formatLog() {
        return logs().resolve("format.log");
    }

    /** A path for people to read: relative to the working directory when it lies below it. */
    public static String display(Path p) {
        Path here = Path.of("").toAbsolutePath();
        Path abs = p.toAbsolutePath().normalize();
        return abs.startsWith(here) && !abs.equals(here) ? here.relativize(abs).toString() : abs.toString();
    }
}
