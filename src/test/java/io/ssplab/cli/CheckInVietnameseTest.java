package io.ssplab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.regex.Matcher;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.ssplab.core.ExitCodes;
import io.ssplab.core.Lang;

/**
 * A graded check, end to end, in Vietnamese: {@code bin/ssp check fill-gaps --solution --lang vi} runs
 * Spark for real (the one real run of these tests) and passes, with its criteria, numbers and verdict in
 * Vietnamese. It measures the fewest batches a check takes ({@value #BATCHES}), not the check's default 8: what is tested
 * here is the language, and GraderSparkTest shows the same lesson's solution passing on more ({@code GraderSparkTest.BATCHES}).
 */
class CheckInVietnameseTest extends IsolatedCli {
    static final int BATCHES = io.ssplab.grader.Grader.MIN_MEASURED_BATCHES;

    @AfterEach
    void english() {
        Lang.use(Lang.EN);
    }

    @Test
    void theReferenceSolutionOfStepOnePassesInVietnamese() {
        int code = ssp("check", "fill-gaps", "--solution", "--batches", String.valueOf(BATCHES), "--lang", "vi");
        String shown = out();
        System.out.println(shown);
        assertThat(code).as("exit code; stdout:%n%s%nstderr:%n%s", shown, err()).isEqualTo(ExitCodes.OK);

        assertThat(shown).contains("=== kiểm tra fill-gaps").contains("ĐẠT");
        List<String> criteria = shown.lines().filter(l -> l.strip().startsWith("ĐẠT")).toList();
        assertThat(criteria).as("criteria, each ĐẠT:%n%s", shown).hasSizeGreaterThanOrEqualTo(5);
        assertThat(shown.lines().filter(l -> l.strip().startsWith("CHƯA ĐẠT"))).as("no criterion failed").isEmpty();
        for (String english : List.of("PASS", "FAIL", "NOT ATTEMPTED", "hint:", "checking ", "median PT", "batches measured", "verdict"))
            assertThat(shown).as("English left in the check's output").doesNotContain(english);

        // numbers in the Vietnamese way: "2,61 s", never "2.61 s" (outside a command to type)
        assertThat(shown).containsPattern("\\d+,\\d+ s");
        for (String line : shown.lines().toList()) {
            if (line.contains("bin/ssp") || line.contains("--")) continue;
            Matcher point = OutputInVietnameseTest.DECIMAL_POINT.matcher(line);
            assertThat(point.find()).as("a decimal point in '%s'", line).isFalse();
        }
        // the live table of the run before the grade is Vietnamese too
        assertThat(shown).contains("bản ghi").contains("tốc độ/s");
    }
}
