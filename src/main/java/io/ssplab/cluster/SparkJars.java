package io.ssplab.cluster;

import java.io.File;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.ssplab.core.BadInputException;
import io.ssplab.core.Messages;

/**
 * Spark without a Spark download: the project's own Maven jars are a complete Spark. A worker only needs
 * a {@code SPARK_HOME} whose {@code jars/} folder holds them, because it launches each executor with
 * {@code -cp SPARK_HOME/jars/*}; the master and workers run from the same folder.
 */
final class SparkJars {
    private SparkJars() {
    }

    /** The classpath bin/ssp started us with ({@code ssp.classpath}), else this JVM's own. */
    static String currentClasspath() {
        return System.getProperty("ssp.classpath", System.getProperty("java.class.path", ""));
    }

    /** The jar files of a classpath: folders are skipped (our classes reach executors as the app jar), {@code dir/*} is expanded. */
    static List<Path> jarsOf(String classpath) throws IOException {
        Map<String, Path> byName = new LinkedHashMap<>();
        for (String entry : classpath.split(File.pathSeparator)) {
            if (entry.isBlank()) continue;
            if (entry.endsWith("*")) {
                Path dir = Path.of(entry.substring(0, entry.length() - 1));
                if (!Files.isDirectory(dir)) continue;
                try (DirectoryStream<Path> jars = Files.newDirectoryStream(dir, "*.jar")) {
                    for (Path j : jars) byName.putIfAbsent(j.getFileName().toString(), j.toAbsolutePath());
                }
            } else if (entry.endsWith(".jar") && Files.isRegularFile(Path.of(entry))) {
                Path j = Path.of(entry).toAbsolutePath();
                byName.putIfAbsent(j.getFileName().toString(), j);
            }
        }
        List<Path> jars = new ArrayList<>(byName.values());
        if (jars.stream().noneMatch(j -> j.getFileName().toString().startsWith("spark-core_")))
            throw new BadInputException(Messages.get("cluster.noSparkJars"));
        return jars;
    }

    /** Fills {@code home/jars} with links to the jars (copies where links are not allowed); returns {@code home/jars/*}. */
    static String populate(Path home, List<Path> jars) throws IOException {
        Path dir = home.resolve("jars");
        Files.createDirectories(dir);
        for (Path jar : jars) {
            Path link = dir.resolve(jar.getFileName().toString());
            try {
                Files.createSymbolicLink(link, jar);
            } catch (FileAlreadyExistsException e) {
                // a previous start left it: same jar name, same content for a given project build
            } catch (UnsupportedOperationException | IOException noLinks) {
                Files.copy(jar, link, StandardCopyOption.REPLACE_EXISTING);
            }
        }
        return dir + File.separator + "*";
    }
}
