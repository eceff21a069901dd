package io.ssplab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.spark.SparkContext$;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.ssplab.core.Columns;
import io.ssplab.core.ExitCodes;
import io.ssplab.core.Lang;

/**
 * What the commands print themselves, in Vietnamese, without Spark: plan's explanation and its fix
 * table (columns that line up around the longer Vietnamese labels, decimal commas), plan --json the
 * same bytes in every language, the cluster's answers.
 */
class OutputInVietnameseTest extends IsolatedCli {
    /**
     * A decimal with a point, as English writes it ("2.35 s", "0.250"); not part of something typed ("5.5ms",
     * "127.0.0.1", "local[4]"), and not Vietnamese thousands ("3.658 dòng").
     */
    static final Pattern DECIMAL_POINT = Pattern.compile("(?<![\\w.,])(?:0\\.\\d+|\\d+\\.(?!\\d{3}(?!\\d))\\d+)(?![\\w.,])");

    /** Sentences and words of plan's own English output: none may be left in the Vietnamese one. */
    static final List<String> ENGLISH = List.of("plan for", "lines/s", "words/line", "repartitioned", "predicted", "nothing was run",
            "smallest", "one change at a time", "setting", "pred. PT", "why", "verdict", "Check it for real", "backpressure is on",
            "rate controller", "reference", "your code", " the ", " of ", " and ", " to ");

    @AfterEach
    void neverStartsSparkAndSpeaksEnglishAgain() {
        assertThat(SparkContext$.MODULE$.getActive().isEmpty()).as("no Spark for these commands").isTrue();
        Lang.use(Lang.EN);
    }

    private String plan(String... args) {
        out.reset();
        err.reset();
        List<String> all = new ArrayList<>(List.of("plan"));
        all.addAll(List.of(args));
        int code = ssp(all.toArray(String[]::new));
        assertThat(code).as("bin/ssp %s; stderr: %s", all, err()).isEqualTo(ExitCodes.OK);
        return out();
    }

    /** The text a terminal shows: one element per character (a letter with its marks is one). */
    private static int[] shown(String line) {
        return Normalizer.normalize(line, Normalizer.Form.NFC).codePoints().toArray();
    }

    private static int find(int[] line, String what) {
        int[] w = shown(what);
        outer:
        for (int i = 0; i + w.length <= line.length; i++) {
            for (int j = 0; j < w.length; j++) if (line[i + j] != w[j]) continue outer;
            return i;
        }
        throw new AssertionError("'" + what + "' not in '" + new String(line, 0, line.length) + "'");
    }

    private static boolean blank(int[] line, int at) {
        return at >= line.length || line[at] == ' ';
    }

    /**
     * The fix table under {@code headingStart} lines up: each left-aligned column starts, and each
     * right-aligned (number) column ends, at the place its heading does, with a gap before it.
     */
    static void assertFixTableAligned(String output, String headingStart, String fix, String setting, String pt, String ratio, String why) {
        List<String> lines = output.lines().toList();
        int heading = -1;
        for (int i = 0; i < lines.size(); i++) if (lines.get(i).startsWith(headingStart)) heading = i;
        assertThat(heading).as("the fixes' heading '%s' in%n%s", headingStart, output).isNotNegative();
        int[] head = shown(lines.get(heading + 1));
        int fixAt = find(head, fix);
        int settingAt = find(head, setting);
        int ptEnd = find(head, pt) + shown(pt).length;
        int ratioEnd = find(head, ratio) + shown(ratio).length;
        int whyAt = find(head, why);
        List<String> rows = lines.subList(heading + 2, heading + 7);
        for (String row : rows) {
            int[] r = shown(row);
            String what = "row '" + row + "' under '" + lines.get(heading + 1) + "'";
            assertThat(blank(r, fixAt - 1) && !blank(r, fixAt)).as("fix column starts at %d: %s", fixAt, what).isTrue();
            assertThat(blank(r, settingAt - 1) && blank(r, settingAt - 2) && !blank(r, settingAt)).as("setting column starts at %d: %s", settingAt, what).isTrue();
            assertThat(!blank(r, ptEnd - 1) && blank(r, ptEnd)).as("PT column ends at %d: %s", ptEnd, what).isTrue();
            assertThat(!blank(r, ratioEnd - 1) && blank(r, ratioEnd)).as("PT/BI column ends at %d: %s", ratioEnd, what).isTrue();
            assertThat(blank(r, whyAt - 1) && blank(r, whyAt - 2) && !blank(r, whyAt)).as("why column starts at %d: %s", whyAt, what).isTrue();
        }
    }

    @Test
    void planSpeaksVietnameseThroughoutWithDecimalCommas() {
        String vi = plan("--lang", "vi");
        assertThat(vi).startsWith("kế hoạch cho phase2 — ").contains("140 dòng/s × 3 từ/dòng, 1 receiver, có repartition — chỉ là dự đoán")
                .contains("các cách sửa nhỏ nhất (mỗi lần một thay đổi").contains("đưa PT/BI về ≤ 0,90):")
                .contains("ít core nhất").contains("số partition tốt nhất").contains("chi phí lớn nhất còn ổn định")
                .contains("2,35 s").contains("kết luận dự đoán: UNSTABLE (ρ ").contains("Kiểm tra thực tế bằng: bin/ssp run phase2 --batches 10");
        for (String english : ENGLISH) assertThat(vi).as("English left in plan --lang vi").doesNotContain(english);
        for (String line : vi.lines().toList()) {
            if (line.contains("bin/ssp")) continue; // a command to type keeps its points
            Matcher point = DECIMAL_POINT.matcher(line);
            assertThat(point.find()).as("a decimal point in '%s'", line).isFalse();
        }
        // the English output is English, with points
        String en = plan();
        assertThat(en).startsWith("plan for phase2").contains("2.35 s").contains("verdict predicted: UNSTABLE").contains("Check it for real:");
    }

    @ParameterizedTest
    @ValueSource(strings = {"--job phase2", "--job phase3", "--job fix-delay --solution", "--job phase4", "--receivers 2"})
    void theFixTableLinesUpInBothLanguages(String args) {
        String vi = plan((args + " --lang vi").split(" "));
        assertFixTableAligned(vi, "các ", "cách sửa", "cấu hình", "PT dự đoán", "PT/BI", "vì sao");
        String en = plan(args.split(" "));
        assertFixTableAligned(en, "smallest ", "fix", "setting", "pred. PT", "PT/BI", "why");
    }

    @Test
    void theVietnameseNotesOfAPlanAreVietnamese() {
        String phase3 = plan("--job", "phase3", "--lang", "vi");
        assertThat(phase3).contains("vì sao giờ đã ổn định, so với phase2:").contains("các cấu hình ổn định nhỏ nhất");
        String step2 = plan("--job", "fix-delay", "--solution", "--lang", "vi");
        assertThat(step2).contains("fix-delay (lời giải mẫu)").contains("fill-gaps (bước 1, cấu hình của lời giải mẫu)");
        String phase4 = plan("--job", "phase4", "--lang", "vi");
        assertThat(phase4).contains("backpressure đang bật: bộ điều khiển tốc độ của Spark").containsPattern("≈ \\d+ trên 140 dòng/s được gửi")
                .containsPattern("thay vì tăng \\d+,\\d\\d s mỗi batch");
        String receivers = plan("--receivers", "2", "--lang", "vi");
        assertThat(receivers).contains("2 receiver").contains("bin/ssp run phase2 --batches 10 (các job của lab không có --receivers");
    }

    @ParameterizedTest
    @ValueSource(strings = {"--job phase2", "--job phase3", "--job phase4", "--job fix-delay --solution", "--no-repartition --receivers 2"})
    void planJsonIsTheSameBytesInEveryLanguage(String args) {
        String english = plan((args + " --json").split(" "));
        String vietnamese = plan((args + " --json --lang vi").split(" "));
        assertThat(vietnamese).isEqualTo(english);
        // its words are English and its numbers locale-free
        assertThat(vietnamese).doesNotContain("đợt").doesNotContain("dòng").doesNotContain("trên").doesNotContain("không")
                .containsPattern("\"fix\"\\s*:\\s*\"fewestCores\"").containsPattern("\"verdict\"\\s*:\\s*\"");
        assertThat(vietnamese).containsPattern("\"ratio\"\\s*:\\s*\\d+\\.\\d+");
    }

    @Test
    void planJsonNotesAreEnglish() {
        String json = plan("--json", "--lang", "vi");
        assertThat(json).contains("free slots").containsPattern("\"setting\"\\s*:\\s*\"P=\\d+ on local\\[4]\"")
                .containsPattern("\"setting\"\\s*:\\s*\"≤ \\d+(\\.\\d+)? ms/word\"");
    }

    @Test
    void anExerciseNotAttemptedIsSaidInVietnamese() {
        assertThat(ssp("plan", "--job", "fix-delay", "--lang", "vi")).isEqualTo(ExitCodes.FAILED);
        assertThat(err()).contains("fix-delay: chưa làm, nên chưa có gì để lập kế hoạch").contains("bin/ssp plan --job fix-delay --solution")
                .doesNotContain("not attempted");
    }

    @Test
    void theClusterAnswersInVietnamese() {
        assertThat(ssp("cluster", "status", "--lang", "vi")).isEqualTo(ExitCodes.FAILED);
        assertThat(out()).isEqualTo("cluster: không chạy (khởi động bằng: bin/ssp cluster start)\n");
        out.reset();
        assertThat(ssp("cluster", "stop", "--lang", "vi")).isZero();
        assertThat(out()).isEqualTo("cluster: không chạy, không có gì để dừng\n");
    }

    @Test
    void theClustersLabelsLineUpInEachLanguage() {
        for (Lang lang : Lang.values()) {
            Lang.use(lang);
            List<Integer> valueStarts = new ArrayList<>();
            for (String label : ClusterCommand.LABELS) {
                String line = ClusterCommand.line(label, "VALUE");
                valueStarts.add(Columns.width(line.substring(0, line.indexOf("VALUE"))));
            }
            assertThat(valueStarts).as("%s: where the values start", lang).hasSize(ClusterCommand.LABELS.size()).containsOnly(valueStarts.get(0));
        }
    }

    @Test
    void aDecimalPointIsToldFromVietnameseThousands() {
        assertThat(DECIMAL_POINT.matcher("2.35 s").find()).isTrue();
        assertThat(DECIMAL_POINT.matcher("0.250 s").find()).isTrue();
        assertThat(DECIMAL_POINT.matcher("12.5%").find()).isTrue();
        assertThat(DECIMAL_POINT.matcher("đã gửi 3.658, 1.234.567 dòng").find()).isFalse();
        assertThat(DECIMAL_POINT.matcher("--cost 5.5ms, 127.0.0.1:9999, 2,35 s").find()).isFalse();
    }

    @Test
    void columnsCountWhatATerminalShows() {
        String precomposed = "ít core nhất";
        String decomposed = Normalizer.normalize(precomposed, Normalizer.Form.NFD);
        assertThat(decomposed.length()).isGreaterThan(precomposed.length());
        assertThat(Columns.width(decomposed)).isEqualTo(Columns.width(precomposed)).isEqualTo(12);
        List<String> table = Columns.table("  ", new boolean[] {false, true, false},
                List.of(new String[] {"cách sửa", "PT", "vì sao"}, new String[] {decomposed, "1,71 s", "x"}, new String[] {"BI", "—", "y"}));
        assertThat(table).containsExactly("  cách sửa          PT  vì sao", "  " + decomposed + "  1,71 s  x", "  BI                 —  y");
    }
}
