package io.ssplab.cluster;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;

/**
 * The jar executors load the lab's classes from (Spark ships it to them through {@code spark.jars}):
 * the application jar bin/ssp names ({@code ssp.appJar}), else the jar these classes were loaded from,
 * else — when they come from a classes folder (an IDE, the test suite) — a jar made from that folder.
 */
public final class AppJar {
    private AppJar() {
    }

    public static Path locate() throws IOException {
        String named = System.getProperty("ssp.appJar");
        if (named != null && Files.isRegularFile(Path.of(named))) return Path.of(named).toAbsolutePath();
        Path origin;
        try {
            origin = Path.of(AppJar.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException | NullPointerException e) {
            throw new IOException(io.ssplab.core.Messages.get("cluster.appJarUnknown"), e);
        }
        if (Files.isRegularFile(origin)) return origin;
        Path jar = Files.createTempFile("ssp-app-", ".jar");
        jar.toFile().deleteOnExit();
        return jarOf(origin, jar);
    }

    /** Packs a classes folder into {@code jar}, entries in a stable order. */
    static Path jarOf(Path classes, Path jar) throws IOException {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(classes)) {
            files = walk.filter(Files::isRegularFile).sorted().toList();
        }
        try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file)) {
            for (Path f : files) {
                out.putNextEntry(new JarEntry(classes.relativize(f).toString().replace('\\', '/')));
                Files.copy(f, out);
                out.closeEntry();
            }
        }
        return jar;
    }
}
