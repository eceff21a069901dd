package io.ssplab.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The hook {@code demo} and {@code run --metrics-out} call after a run: it must never throw. */
class ReportWriterTest {
    @TempDir
    Path tmp;

    private final ByteArrayOutputStream errBytes = new ByteArrayOutputStream();
    private final PrintStream err = new PrintStream(errBytes, true, StandardCharsets.UTF_8);

    private String err() {
        return errBytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void writesThePageOfADirectory() throws IOException {
        Path dir = SyntheticRuns.demoDir(tmp.resolve("run"), 6);
        Optional<Path> page = ReportWriter.tryWrite(List.of(dir), dir, "index.html", "bin/ssp report " + dir, err);
        assertThat(page).contains(dir.resolve("index.html").toAbsolutePath());
        assertThat(Files.readString(page.orElseThrow())).contains("bin/ssp report " + dir);
        assertThat(err()).isEmpty();
    }

    @Test
    void nothingToChartIsSaidNotThrown() throws IOException {
        Path dir = Files.createDirectory(tmp.resolve("empty"));
        Files.createFile(dir.resolve("phase1.jsonl"));
        assertThat(ReportWriter.tryWrite(List.of(dir), dir, "index.html", "x", err)).isEmpty();
        assertThat(err().lines()).containsExactly(
                "report: " + dir.resolve("phase1.jsonl").toAbsolutePath() + ": empty — the run recorded no completed batch (stopped before the first one?); nothing to chart",
                "report: nothing to chart, no page written");
    }

    @Test
    void aPlaceThatCannotBeWrittenIsOneLine() throws IOException {
        Path dir = SyntheticRuns.demoDir(tmp.resolve("run"), 6);
        Path blocked = Files.writeString(tmp.resolve("blocked"), "a file where the report directory should be");
        assertThat(ReportWriter.tryWrite(List.of(dir), blocked, "index.html", "x", err)).isEmpty();
        assertThat(err().lines()).singleElement().asString().startsWith("report: could not write the charts and page in " + blocked + ": ");
        assertThat(err()).doesNotContain("\tat ");
    }
}
