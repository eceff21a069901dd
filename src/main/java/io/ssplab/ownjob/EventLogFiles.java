package io.ssplab.ownjob;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.apache.spark.SparkConf;
import org.apache.spark.io.CompressionCodec;

import io.ssplab.core.BadInputException;
import io.ssplab.core.Messages;

/**
 * Where an application's Spark event log is, and how to read it, the way Spark writes it:
 * <ul>
 *   <li>a single file {@code APP_ID[.CODEC][.inprogress]} in {@code spark.eventLog.dir} (rolling off);</li>
 *   <li>a folder {@code eventlog_v2_APP_ID/} holding {@code events_N_APP_ID[.CODEC][.inprogress]} files, read in the
 *       order of N (rolling on: {@code spark.eventLog.rolling.enabled}, Spark's default in this major version);</li>
 *   <li>compressed ({@code spark.eventLog.compress}, on by default in this major version, zstd unless
 *       {@code spark.io.compression.codec} says otherwise): the codec is the file's extension, and the
 *       stream is opened with Spark's own {@link CompressionCodec}, so whatever Spark can write, this reads.</li>
 * </ul>
 * A folder that is none of these is taken for {@code spark.eventLog.dir}: the newest application in it, or
 * the one named by {@code --app}.
 */
public final class EventLogFiles {
    /** A rolling log's folder: eventlog_v2_APP_ID. */
    static final String ROLLING_PREFIX = "eventlog_v2_";
    private static final Pattern EVENTS_FILE = Pattern.compile("events_(\\d+)_.*");
    /** Extensions Spark gives a compressed log: the short names of its codecs. */
    static final List<String> CODECS = List.of("lz4", "lzf", "snappy", "zstd");
    private static final String IN_PROGRESS = ".inprogress";

    private EventLogFiles() {
    }

    /**
     * One application's log.
     *
     * @param appId what the file or folder name says the application is
     * @param files its event files, in the order to read them
     * @param where the path it was found at (a file, or a rolling folder)
     */
    public record Located(String appId, List<Path> files, Path where) {
        /** Whether the application was still writing it (Spark's .inprogress): its last line may be cut. */
        public boolean inProgress() {
            return files.stream().anyMatch(f -> f.getFileName().toString().endsWith(IN_PROGRESS));
        }
    }

    /**
     * @param app an application id to pick in a log folder, or null for the newest
     * @throws BadInputException when the path holds no event log (one line: what is wrong, what to pass)
     */
    public static Located locate(Path path, String app) {
        if (!Files.exists(path)) throw new BadInputException(Messages.get("analyze.bad.noSuchPath", path));
        if (Files.isRegularFile(path)) return new Located(appIdOf(path.getFileName().toString()), List.of(path), path);
        String name = path.getFileName() == null ? "" : path.getFileName().toString();
        if (name.startsWith(ROLLING_PREFIX)) return rolling(path);
        List<Path> apps;
        try (Stream<Path> list = Files.list(path)) {
            apps = list.filter(EventLogFiles::isApplication).toList();
        } catch (IOException e) {
            throw new BadInputException(Messages.get("analyze.bad.unreadable", path, String.valueOf(e.getMessage())));
        }
        if (apps.isEmpty()) throw new BadInputException(Messages.get("analyze.bad.emptyDir", path));
        Path chosen;
        if (app != null) {
            chosen = apps.stream().filter(p -> app.equals(appIdOf(p.getFileName().toString()))).findFirst()
                    .orElseThrow(() -> new BadInputException(Messages.get("analyze.bad.noSuchApp", app, path,
                            String.join(", ", apps.stream().map(p -> appIdOf(p.getFileName().toString())).sorted().toList()))));
        } else {
            chosen = apps.stream().max(Comparator.comparingLong(EventLogFiles::modified)).orElseThrow();
        }
        return Files.isDirectory(chosen) ? rolling(chosen) : new Located(appIdOf(chosen.getFileName().toString()), List.of(chosen), chosen);
    }

    /** An application's entry in spark.eventLog.dir: a rolling folder, or a log file (not Spark's .crc side files). */
    private static boolean isApplication(Path p) {
        String n = p.getFileName().toString();
        if (n.startsWith(".") || n.endsWith(".crc")) return false;
        return Files.isDirectory(p) ? n.startsWith(ROLLING_PREFIX) : Files.isRegularFile(p);
    }

    private static Located rolling(Path dir) {
        List<Path> files = new ArrayList<>();
        try (Stream<Path> list = Files.list(dir)) {
            list.filter(p -> EVENTS_FILE.matcher(p.getFileName().toString()).matches()).forEach(files::add);
        } catch (IOException e) {
            throw new BadInputException(Messages.get("analyze.bad.unreadable", dir, String.valueOf(e.getMessage())));
        }
        if (files.isEmpty()) throw new BadInputException(Messages.get("analyze.bad.noEventFiles", dir));
        files.sort(Comparator.comparingLong(EventLogFiles::index));
        return new Located(dir.getFileName().toString().substring(ROLLING_PREFIX.length()), List.copyOf(files), dir);
    }

    private static long index(Path eventsFile) {
        Matcher m = EVENTS_FILE.matcher(eventsFile.getFileName().toString());
        return m.matches() ? Long.parseLong(m.group(1)) : Long.MAX_VALUE;
    }

    private static long modified(Path p) {
        try {
            return Files.getLastModifiedTime(p).toMillis();
        } catch (IOException e) {
            return Long.MIN_VALUE;
        }
    }

    /** local-1700000000000.lz4.inprogress → local-1700000000000; events_1_local-17… → local-17… */
    static String appIdOf(String fileName) {
        String n = fileName;
        if (n.startsWith(ROLLING_PREFIX)) return n.substring(ROLLING_PREFIX.length());
        if (n.endsWith(IN_PROGRESS)) n = n.substring(0, n.length() - IN_PROGRESS.length());
        String codec = codecOf(n);
        if (codec != null) n = n.substring(0, n.length() - codec.length() - 1);
        Matcher m = EVENTS_FILE.matcher(n);
        if (m.matches()) n = n.substring(n.indexOf('_', "events_".length()) + 1);
        return n;
    }

    /** The codec a file's extension names, or null for a plain log. */
    static String codecOf(String fileName) {
        String n = fileName.endsWith(IN_PROGRESS) ? fileName.substring(0, fileName.length() - IN_PROGRESS.length()) : fileName;
        int dot = n.lastIndexOf('.');
        if (dot < 0) return null;
        String ext = n.substring(dot + 1).toLowerCase(Locale.ROOT);
        return CODECS.contains(ext) ? ext : null;
    }

    /** The file's lines, decompressed with Spark's codec when its extension names one. */
    public static BufferedReader open(Path file) throws IOException {
        InputStream in = Files.newInputStream(file);
        String codec = codecOf(file.getFileName().toString());
        if (codec != null) {
            try {
                in = CompressionCodec.createCodec(new SparkConf(false), codec).compressedInputStream(in);
            } catch (Exception e) { // Scala declares nothing: a bad header surfaces as any exception
                in.close();
                throw e instanceof IOException io ? io : new IOException(e.getMessage(), e);
            }
        }
        return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
    }
}
