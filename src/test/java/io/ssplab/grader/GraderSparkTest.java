package io.ssplab.grader;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import io.ssplab.exercises.ExerciseStates;
import io.ssplab.exercises.WordCountExercise;
import io.ssplab.run.StopSignal;

/**
 * The grader on real Spark runs (local mode, embedded source, no UI): a fill-gaps exercise filled with
 * the solution's values passes, and the wrong variant that only a run can catch fails with the hint that
 * names its mistake. Two runs of about half a minute each (the fix-delay solution's pass on the command
 * line is {@link FixDelayGraderSparkTest}, in the quiet lane: it must keep up with every batch); the
 * variants caught from the code alone (wrong gap values, a master with enough slots for one wave, no
 * cost, a longer interval) are in {@link GraderTest}, and the measured criteria are tested on
 * recorded sequences in the *CriteriaTest classes (dropped or doubled lines among them: a student's
 * exercise cannot change the pipeline any more, {@code WordCountExercise.wordCounts} is final).
 * Each run stops by the one stop rule ({@code RunLimits}) after exactly {@value #BATCHES} batches
 * measured after warm-up.
 */
class GraderSparkTest {
    static final int BATCHES = 4;
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

    /** "; measured 4 batches after 2 warm-up batches (…)": the run stopped once the wanted batches were measured. */
    static void assertStoppedAfterTheWantedBatches(GradeReport r, String text) {
        assertThat(r.header()).as(text).containsPattern("; measured " + BATCHES + " batches after \\d+ warm-up batch(es)? \\(");
        assertThat(text).contains("stopped: " + BATCHES + " batches measured");
    }

    @Test
    void aFillGapsExerciseFilledWithTheSolutionsValuesCreatesTheDelay() throws IOException {
        GradeReport r = check(Lesson.FILL_GAPS, ExerciseStates.fillGaps(5));
        String text = buffer.toString(StandardCharsets.UTF_8);
        assertThat(r.outcome()).as(text).isEqualTo(Outcome.PASS);
        assertThat(r.criteria()).hasSize(9); // 5 gaps, master, PT > BI, SD grows, the wait is paid
        assertThat(r.criteria()).extracting(Criterion::name).endsWith("PT > BI in most batches", "scheduling delay grows",
                "the wait per line is paid");
        assertThat(r.arithmetic()).anyMatch(l -> l.startsWith("measured            median PT"));
        assertThat(text).contains("PASS — you created the delay");
        assertStoppedAfterTheWantedBatches(r, text);
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
        assertStoppedAfterTheWantedBatches(r, text);
    }
}
