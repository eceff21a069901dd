package io.ssplab.grader;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

class GradeReportTest {

    @Test
    void wrapsAtSpacesWithinTheWidth() {
        String text = "word ".repeat(80).strip();
        List<String> lines = GradeReport.wrap(text, "  hint: ", "        ");
        assertThat(lines).hasSizeGreaterThan(3).allMatch(l -> l.length() <= GradeReport.WIDTH);
        assertThat(lines.get(0)).startsWith("  hint: word");
        assertThat(lines.subList(1, lines.size())).allMatch(l -> l.startsWith("        word"));
        assertThat(String.join(" ", lines).replaceAll("\\s+", " ").strip()).isEqualTo("hint: " + text);
    }

    @Test
    void aWordLongerThanTheWidthGetsItsOwnLine() {
        List<String> lines = GradeReport.wrap("a " + "x".repeat(150) + " b", "", "");
        assertThat(lines).containsExactly("a", "x".repeat(150), "b");
    }

    @Test
    void printsEachCriterionWithItsNumberAndHintsOnlyForFailures() {
        GradeReport r = new GradeReport(Lesson.FIX_DELAY, "my.Exercise", Outcome.FAIL, "knobs: BI 2 s",
                List.of(Criterion.pass("passed one", "42"), Criterion.fail("failed one", "7", "because of the waves")),
                List.of("waves  2"), "1 of 2 criteria not met.\nsecond paragraph");
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        r.print(new PrintStream(buffer, true, StandardCharsets.UTF_8));
        String out = buffer.toString(StandardCharsets.UTF_8);
        assertThat(out).contains("=== check fix-delay: my.Exercise ===")
                .containsPattern("\\n  PASS {6}passed one {23}42\\n")
                .containsPattern("\\n  FAIL {6}failed one {23}7\\n        hint: because of the waves\\n")
                .contains("the lesson's arithmetic for these knobs:\n  waves  2")
                .contains("FAIL — 1 of 2 criteria not met.\n  second paragraph");
        assertThat(out.lines().filter(l -> l.contains("hint:"))).hasSize(1);
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.failed()).extracting(Criterion::name).containsExactly("failed one");
    }

    @Test
    void theCriteriaStayInOneColumnInVietnameseToo() {
        GradeReport r = new GradeReport(Lesson.FIX_DELAY, "my.Exercise", Outcome.FAIL, "",
                List.of(Criterion.pass("passed one", "42"), Criterion.fail("failed one", "7", "vì các đợt")), List.of(), "x");
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        io.ssplab.core.Lang before = io.ssplab.core.Lang.current();
        try {
            io.ssplab.core.Lang.use(io.ssplab.core.Lang.VI);
            r.print(new PrintStream(buffer, true, StandardCharsets.UTF_8));
        } finally {
            io.ssplab.core.Lang.use(before);
        }
        List<String> rows = buffer.toString(StandardCharsets.UTF_8).lines().filter(l -> l.contains(" one ")).toList();
        assertThat(rows).containsExactly("  ĐẠT       passed one                       42", "  CHƯA ĐẠT  failed one                       7");
    }

    @Test
    void aLongerNameWidensTheNamesColumnForEveryCriterion() {
        String longName = "mọi dòng nhận được đều được đếm, kể cả warm-up";
        GradeReport r = new GradeReport(Lesson.FIX_DELAY, "my.Exercise", Outcome.FAIL, "",
                List.of(Criterion.pass("ngắn", "42"), Criterion.fail(longName, "7", "gợi ý")), List.of(), "x");
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        try {
            io.ssplab.core.Lang.use(io.ssplab.core.Lang.VI);
            r.print(new PrintStream(buffer, true, StandardCharsets.UTF_8));
        } finally {
            io.ssplab.core.Lang.use(io.ssplab.core.Lang.EN);
        }
        List<String> rows = buffer.toString(StandardCharsets.UTF_8).lines().filter(l -> l.endsWith(" 42") || l.endsWith(" 7")).toList();
        assertThat(rows).hasSize(2);
        // the measured values start in one column, after the longest name
        assertThat(rows.get(0).indexOf("42")).isEqualTo(rows.get(1).indexOf(" 7") + 1).isEqualTo(2 + 8 + 2 + longName.length() + 1);
    }
}
