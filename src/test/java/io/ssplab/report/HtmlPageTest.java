package io.ssplab.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.ssplab.core.BatchMetrics;
import io.ssplab.metrics.Summarizer;

class HtmlPageTest {
    @TempDir
    Path tmp;

    private String render(List<RecordedRun> runs, List<Note> problems) {
        return HtmlPage.render(new HtmlPage.Content(runs, BeforeAfter.choose(runs), problems, "charts", "bin/ssp report DIR", Instant.EPOCH));
    }

    private List<RecordedRun> demoRuns() throws IOException {
        return RunLoader.load(List.of(SyntheticRuns.demoDir(tmp.resolve("run"), 12))).runs();
    }

    private static int count(String haystack, String needle) {
        return haystack.split(Pattern.quote(needle), -1).length - 1;
    }

    @Test
    void thePageHasTheComparisonTableTheStoryAndEveryChart() throws IOException {
        String html = render(demoRuns(), List.of());
        assertThat(html).startsWith("<!DOCTYPE html>").contains("<table id=\"comparison\">");
        assertThat(count(html, "<tr><td><a href=\"#run-")).isEqualTo(3);
        assertThat(html).contains("The story held: phase1 STABLE, phase2 UNSTABLE, phase3 STABLE.")
                .contains("Câu chuyện diễn ra đúng như dự kiến");
        for (String run : List.of("phase1", "phase2", "phase3")) {
            assertThat(html).contains("id=\"run-" + run + "\"");
            for (RunChart chart : RunChart.values()) {
                assertThat(html).contains("src=\"charts/" + chart.fileName(run) + "\"")
                        .contains("src=\"charts/" + chart.fileName(run, io.ssplab.core.Lang.VI) + "\"");
            }
        }
        assertThat(html).contains("src=\"charts/before-after-phase2-phase3.png\"").contains("src=\"charts/before-after-phase2-phase3-vi.png\"");
        // every chart once per language
        assertThat(count(html, "<img ")).isEqualTo(2 * (3 * RunChart.values().length + 1));
        assertThat(html).contains("1.27").contains("+541 ms/batch").contains("local[8]");
    }

    @Test
    void everyTextIsThereInBothLanguagesAndTheSwitchIsInline() throws IOException {
        String html = render(demoRuns(), List.of());
        assertThat(count(html, "<span class=\"en\" lang=\"en\">")).isEqualTo(count(html, "<span class=\"vi\" lang=\"vi\">")).isGreaterThan(20);
        assertThat(count(html, "<p class=\"explain en\"")).isEqualTo(3);
        assertThat(count(html, "<p class=\"explain vi\"")).isEqualTo(3);
        assertThat(html).contains("Tiếng Việt").contains("data-set-lang=\"vi\"").contains("html[data-lang=\"en\"] .vi");
        // each language's explanation with its own numbers: phase2's waits, 2 × 210 words × 5.4 ms
        assertThat(html).contains("2 × 210.0 × 5.4 ms ≈ 2.27 s").contains("2 × 210,0 × 5,4 ms ≈ 2,27 s");
    }

    @Test
    void thePageNeedsNoNetwork() throws IOException {
        String html = render(demoRuns(), List.of());
        assertThat(html).doesNotContain("http://").doesNotContain("https://").doesNotContain("<link").doesNotContain("@import");
        Matcher src = Pattern.compile("src=\"([^\"]*)\"").matcher(html);
        int sources = 0;
        for (; src.find(); sources++) assertThat(src.group(1)).startsWith("charts/").endsWith(".png");
        assertThat(sources).as("every image checked").isEqualTo(2 * (3 * RunChart.values().length + 1));
    }

    @Test
    void aStoryThatDidNotHoldSaysWhichActFailed() throws IOException {
        List<RecordedRun> runs = demoRuns();
        RecordedRun p2 = runs.get(1);
        List<BatchMetrics> fast = SyntheticRuns.simulate("phase2", 12, 2000, 1500, 50, 280, 9);
        RecordedRun stable = new RecordedRun("phase2", p2.metricsFile(), fast,
                Summarizer.summarize(SyntheticRuns.knobs("phase2", "local[4]", 4, 5.4, "word", 2000), fast), true, List.of());
        String html = render(List.of(runs.get(0), stable, runs.get(2)), List.of());
        assertThat(html).contains("The story did not hold: ").contains("phase2 should be UNSTABLE but was STABLE")
                .contains("phase2 lẽ ra UNSTABLE nhưng lại STABLE");
    }

    @Test
    void withoutTheThreeActsThereIsNoStoryLineAndOneRunHasNoPair() throws IOException {
        List<RecordedRun> runs = demoRuns();
        String html = render(List.of(runs.get(1)), List.of());
        assertThat(html).doesNotContain("class=\"story").doesNotContain("before-after");
        assertThat(count(html, "<img ")).isEqualTo(2 * RunChart.values().length);
    }

    @Test
    void notesAndSkippedInputsAreListed() throws IOException {
        List<RecordedRun> runs = demoRuns();
        RecordedRun noted = new RecordedRun("phase1", runs.get(0).metricsFile(), runs.get(0).batches(), runs.get(0).summary(), true,
                List.of(Note.of("report.note.lastLineCut", "phase1.jsonl", 13)));
        String html = render(List.of(noted), List.of(Note.of("report.note.empty", "x.jsonl")));
        assertThat(html).contains("class=\"notes\"").contains("phase1.jsonl:13: last line is cut short")
                .contains("phase1.jsonl:13: dòng cuối bị cắt cụt").contains("id=\"skipped\"").contains("x.jsonl: empty").contains("x.jsonl: rỗng");
    }

    @Test
    void recordedTextIsEscaped() {
        List<BatchMetrics> batches = SyntheticRuns.simulate("<img src=x onerror=alert(1)>", 6, 2000, 500, 0, 280, 1);
        RecordedRun run = new RecordedRun("evil", Path.of("evil.jsonl"), batches,
                Summarizer.summarize(SyntheticRuns.knobs(batches.get(0).job(), "local[4]\"><b>", 4, 1, "word", 2000), batches), true, List.of());
        String html = render(List.of(run), List.of(Note.of("report.note.skippedLine", "<script>")));
        assertThat(html).doesNotContain("<img src=x").doesNotContain("<b>").doesNotContain("<script>alert")
                .contains("&lt;img src=x onerror=alert(1)&gt;");
        assertThat(count(html, "<script>")).isEqualTo(1); // the language switch only
    }

    @Test
    void escapeCoversTheFiveSpecialCharacters() {
        assertThat(HtmlPage.esc("a&b<c>d\"e'f")).isEqualTo("a&amp;b&lt;c&gt;d&quot;e&#39;f");
        assertThat(HtmlPage.esc(null)).isEmpty();
        assertThat(Optional.of(HtmlPage.both("x", "y"))).contains("<span class=\"en\" lang=\"en\">x</span><span class=\"vi\" lang=\"vi\">y</span>");
    }
}
