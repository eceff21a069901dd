package io.ssplab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.ssplab.core.ExitCodes;
import io.ssplab.report.RunChart;
import io.ssplab.report.SyntheticRuns;

class ReportCommandTest {
    @TempDir
    Path tmp;

    private record Result(int code, String out, String err) {
        List<String> outLines() {
            return out.lines().toList();
        }

        String lastLine() {
            List<String> lines = outLines();
            return lines.isEmpty() ? "" : lines.get(lines.size() - 1);
        }
    }

    private static Result report(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        String[] all = new String[args.length + 1];
        all[0] = "report";
        System.arraycopy(args, 0, all, 1, args.length);
        int code = Main.run(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8), all);
        return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private static void assertNoStackTrace(Result r) {
        assertThat(r.out() + r.err()).doesNotContain("Exception").doesNotContain("\tat ");
    }

    @Test
    void aRunDirectoryGetsItsIndexPageAndTheLastLineIsItsPath() throws IOException {
        Path dir = SyntheticRuns.demoDir(tmp.resolve("run"), 8);
        Result r = report(dir.toString());
        assertThat(r.code()).isEqualTo(ExitCodes.OK);
        Path page = dir.resolve("index.html").toAbsolutePath();
        assertThat(r.lastLine()).isEqualTo("report: " + page);
        assertThat(page).isRegularFile();
        assertThat(r.out()).contains("phase2.jsonl: phase2, 8 batches, UNSTABLE");
        try (var charts = Files.list(dir.resolve("charts"))) {
            assertThat(charts).hasSize(2 * (3 * RunChart.values().length + 1)); // every chart in English and in Vietnamese (-vi.png)
        }
        assertThat(r.err()).isEmpty();
    }

    @Test
    void oneFileGetsAPageNamedAfterIt() throws IOException {
        Path file = tmp.resolve("p2.jsonl");
        SyntheticRuns.writeJsonl(file, SyntheticRuns.phase2(8));
        Result r = report(file.toString());
        assertThat(r.code()).isEqualTo(ExitCodes.OK);
        assertThat(r.lastLine()).isEqualTo("report: " + tmp.resolve("p2.html").toAbsolutePath());
        assertThat(r.out()).contains("note: no summary file beside it");
        assertThat(tmp.resolve("charts").resolve(RunChart.PROCESSING_TIME.fileName("p2"))).isRegularFile();
    }

    @Test
    void outPutsThePageElsewhere() throws IOException {
        Path dir = SyntheticRuns.demoDir(tmp.resolve("run"), 6);
        Path slides = tmp.resolve("slides");
        Result r = report(dir.resolve("phase2.jsonl").toString(), dir.resolve("phase3.jsonl").toString(), "--out", slides.toString());
        assertThat(r.code()).isEqualTo(ExitCodes.OK);
        assertThat(slides.resolve("index.html")).isRegularFile();
        assertThat(slides.resolve("charts/before-after-phase2-phase3.png")).isRegularFile();
        assertThat(dir.resolve("index.html")).doesNotExist();
    }

    @Test
    void aRunCutShortWithATruncatedLastLineIsChartedWithANote() throws IOException {
        Path dir = SyntheticRuns.demoDir(tmp.resolve("run"), 3);
        SyntheticRuns.append(dir.resolve("phase3.jsonl"), "{\"job\":\"phase3\",\"batchTi");
        Result r = report(dir.toString());
        assertThat(r.code()).isEqualTo(ExitCodes.OK);
        assertThat(r.out()).contains("phase3.jsonl: phase3, 3 batches").contains("note: phase3.jsonl:4: last line is cut short");
        assertNoStackTrace(r);
    }

    @Test
    void aMissingPathIsOneLineAndExitCode2() {
        Result r = report(tmp.resolve("nope").toString());
        assertThat(r.code()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err().lines()).singleElement().asString().contains("nope does not exist");
        assertThat(r.out()).isEmpty();
        assertNoStackTrace(r);
    }

    @Test
    void nothingUsableIsOneLinePerInputAndExitCode2() throws IOException {
        Path empty = Files.createFile(tmp.resolve("empty.jsonl"));
        Path junk = Files.writeString(tmp.resolve("junk.jsonl"), "not json\n");
        Path dir = Files.createDirectory(tmp.resolve("nothing"));
        Result r = report(empty.toString(), junk.toString(), dir.toString());
        assertThat(r.code()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err().lines()).hasSize(4);
        assertThat(r.err()).contains("empty.jsonl: empty").contains("junk.jsonl: no batch object").contains("no .jsonl metrics file")
                .contains("nothing usable to chart");
        assertThat(tmp.resolve("index.html")).doesNotExist();
        assertNoStackTrace(r);
    }

    @Test
    void someUnusableInputsDoNotStopTheReport() throws IOException {
        Path dir = SyntheticRuns.demoDir(tmp.resolve("run"), 6);
        Files.writeString(dir.resolve("phase3.jsonl"), "");
        Result r = report(dir.toString());
        assertThat(r.code()).isEqualTo(ExitCodes.OK);
        assertThat(r.err().lines()).singleElement().asString().contains("phase3.jsonl: empty");
        assertThat(Files.readString(dir.resolve("index.html"))).contains("id=\"skipped\"").contains("before-after-phase2-phase1.png").isNotEmpty();
    }

    @Test
    void anOutThatIsAFileIsRefused() throws IOException {
        Path dir = SyntheticRuns.demoDir(tmp.resolve("run"), 4);
        Path file = Files.writeString(tmp.resolve("file.txt"), "x");
        Result r = report(dir.toString(), "--out", file.toString());
        assertThat(r.code()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err()).contains("is a file: give a directory");
    }

    @Test
    void noPathIsAUsageError() {
        Result r = report();
        assertThat(r.code()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err()).contains("PATH");
    }

    @Test
    void helpNamesTheInputs() {
        Result r = report("--help");
        assertThat(r.code()).isEqualTo(ExitCodes.OK);
        assertThat(r.out()).contains("bin/ssp report").contains("a run directory").contains("--out=DIR");
    }

    @Test
    void pageNamesFollowTheMetricsFile() {
        assertThat(ReportCommand.pageNameFor(Path.of("runs/p2.jsonl"))).isEqualTo("p2.html");
        assertThat(ReportCommand.pageNameFor(Path.of("runs/p2.summary.json"))).isEqualTo("p2.html");
        assertThat(ReportCommand.pageNameFor(Path.of("runs/summary.json"))).isEqualTo("index.html");
    }
}
