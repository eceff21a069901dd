package io.ssplab.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * One Spark version in every place that names one. The version on the test classpath (the pom's
 * {@code spark.version}) is the truth; every "Spark 4.2.0" / "Spark 4.2" in the README, the docs, the
 * launcher, the Docker files and the main code's comments, and every artifact-style quote
 * ({@code apache/spark:4.2.0-scala2.13}, {@code spark-4.2.0}), must be that version or its
 * major.minor. The Docker image tag has its own test (cluster.DockerFilesTest) and the JVM options
 * theirs (JvmOptionsTest); this one catches the prose.
 *
 * <p>A sentence about history ("deprecated since Spark 3.4") is allowed only when the line carries one
 * of the words listed for that version in {@link #HISTORY}: a new historical mention is a deliberate edit
 * here, not an accident in a doc.
 */
class SparkVersionQuotesTest {
    private static final Path PROJECT = Path.of(System.getProperty("ssp.project.dir", "."));

    /** "Spark 4.2.0", "Spark 4.2" in prose. */
    private static final Pattern PROSE = Pattern.compile("\\bSpark (\\d+\\.\\d+(?:\\.\\d+)?)\\b");
    /** "apache/spark:4.2.0-scala2.13", "spark-4.2.0", "spark-core_2.13-4.2.0.jar". */
    private static final Pattern ARTIFACT = Pattern.compile("\\bspark[\\w-]*?[:-](\\d+\\.\\d+\\.\\d+)\\b");

    /** Versions a line may name as history, and the words that make it history. */
    private static final Map<String, List<String>> HISTORY = Map.of(
            "3.4", List.of("deprecated", "since", "từ", "kể từ"),
            "4.1.0", List.of("does not resolve", "không", "token provider"),
            "4.1", List.of("does not resolve", "không", "token provider"));

    @Test
    void everyQuotedSparkVersionIsTheOneWeBuildWith() {
        String version = org.apache.spark.package$.MODULE$.SPARK_VERSION();
        String minor = version.substring(0, version.lastIndexOf('.'));
        List<String> wrong = new ArrayList<>();
        int seen = 0;
        for (Path file : files()) {
            List<String> lines = read(file);
            for (int i = 0; i < lines.size(); i++) {
                String line = lines.get(i);
                for (Pattern p : List.of(PROSE, ARTIFACT)) {
                    Matcher m = p.matcher(line);
                    while (m.find()) {
                        seen++;
                        String quoted = m.group(1);
                        boolean current = quoted.equals(version) || quoted.equals(minor);
                        if (!current && !isHistory(quoted, line)) {
                            wrong.add(PROJECT.relativize(file) + ":" + (i + 1) + ": " + m.group() + " (we build with " + version + ")");
                        }
                    }
                }
            }
        }
        assertThat(seen).as("the docs name the Spark version somewhere").isGreaterThan(5);
        assertThat(wrong).as("Spark versions other than the pom's").isEmpty();
    }

    private static boolean isHistory(String quoted, String line) {
        String lower = line.toLowerCase();
        return HISTORY.getOrDefault(quoted, List.of()).stream().anyMatch(lower::contains);
    }

    private static List<Path> files() {
        List<Path> files = new ArrayList<>();
        for (String name : List.of("README.md", "README.vi.md", "Dockerfile", "docker-compose.yml", "bin/ssp")) {
            Path p = PROJECT.resolve(name);
            if (Files.exists(p)) files.add(p);
        }
        for (String dir : List.of("docs", "docker", "spark", "src/main/java")) {
            Path root = PROJECT.resolve(dir);
            if (!Files.isDirectory(root)) continue;
            try (Stream<Path> walk = Files.walk(root)) {
                walk.filter(Files::isRegularFile)
                        .filter(p -> p.toString().matches(".*\\.(md|java|sh|conf)$"))
                        .forEach(files::add);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return files;
    }

    private static List<String> read(Path file) {
        try {
            return Files.readAllLines(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
