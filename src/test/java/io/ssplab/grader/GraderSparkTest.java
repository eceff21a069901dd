package io.ssplab.grader;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import io.ssplab.cli.Main;
import io.ssplab.exercises.WordCountExercise;
import io.ssplab.run.StopSignal;
import io.ssplab.solutions.FillGapsSolution;

/**
 * The grader on real Spark runs (local mode, embedded source, no UI): both solutions pass, and the
 * wrong variants that only a run can catch fail with the hint that names their mistake. Four runs
 * of about half a minute each; the variants caught from the code alone (wrong gap values, a master
 * with enough slots for one wave, no cost, a longer interval) are in {@link GraderTest}, and the
 * measured criteria are tested on recorded sequences in the *CriteriaTest classes.
 */
class GraderSparkTest {
    static final int BATCHES = 6;
    final ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    final PrintStream out = new PrintStream(buffer, true, StandardCharsets.UTF_8);

    GradeReport check(Lesson lesson, WordCountExercise exercise) throws IOException {
        GradeReport report = Grader.check(lesson, exercise, BATCHES, out, new StopSignal());
        report.print(out);
        return report;
    }

    static Criterion named(GradeReport r, String name) {
        return r.criteria().stream().filter(c -> c.name().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void theFillGapsSolutionCreatesTheDelay() throws IOException {
        GradeReport r = check(Lesson.FILL_GAPS, new FillGapsSolution());
        assertThat(r.outcome()).as(buffer.toString(StandardCharsets.UTF_8)).isEqualTo(Outcome.PASS);
        assertThat(r.criteria()).hasSize(9); // 5 gaps, master, PT > BI, SD grows, the wait is paid
        assertThat(r.arithmetic()).anyMatch(l -> l.startsWith("measured            median PT"));
        assertThat(buffer.toString(StandardCharsets.UTF_8)).contains("PASS — you created the delay");
    }

    @Test
    void theFixDelaySolutionPassesOnTheCommandLine() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(out, new PrintStream(err, true, StandardCharsets.UTF_8), "check", "fix-delay", "--solution",
                "--batches", String.valueOf(BATCHES));
        String text = buffer.toString(StandardCharsets.UTF_8);
        assertThat(code).as(text).isZero();
        assertThat(text).containsPattern("PASS  every received line counted\\s+([\\d,]+) of \\1 words")
                .contains("PASS — the delay is fixed");
    }

    @Test
    void fixDelayKeepingFourPartitionsOnLocal4StillFallsBehind() throws IOException {
        GradeReport r = check(Lesson.FIX_DELAY, new Variants.Step1CopiedFixDelay());
        String text = buffer.toString(StandardCharsets.UTF_8);
        assertThat(r.outcome()).as(text).isEqualTo(Outcome.FAIL);
        assertThat(r.failed()).as(text).extracting(Criterion::name)
                .contains("PT < BI in (nearly) all batches", "scheduling delay stays near 0", "no batches queued");
        assertThat(named(r, "PT < BI in (nearly) all batches").hint())
                .contains("4 partitions on 3 free task slots run in 2 waves of 70 lines × 15 ms = 2.10 s")
                .contains("Step 2 runs on local[8]");
        assertThat(named(r, "every received line counted").passed()).as(text).isTrue();
    }

    @Test
    void fixDelayThatDropsLinesIsCaughtByTheWordCount() throws IOException {
        GradeReport r = check(Lesson.FIX_DELAY, new Variants.DroppingFixDelay());
        Criterion counted = named(r, "every received line counted");
        assertThat(r.outcome()).as(buffer.toString(StandardCharsets.UTF_8)).isEqualTo(Outcome.FAIL);
        assertThat(counted.passed()).as(buffer.toString(StandardCharsets.UTF_8)).isFalse();
        assertThat(counted.hint()).contains("never reached reduceByKey");
        // word1 and word10…word19 begin 11 of the 50 words: about 22% of the lines are dropped.
        assertThat(counted.hint()).containsPattern("\\((1[5-9]|2\\d|3[0-2])%\\)");
    }
}
