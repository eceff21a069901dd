package io.ssplab.grader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import io.ssplab.exercises.FillGapsExercise;
import io.ssplab.exercises.FixDelayExercise;
import io.ssplab.exercises.WordCountExercise;
import io.ssplab.core.BadInputException;
import io.ssplab.run.StopSignal;

/** Everything the grader decides before Spark starts: none of these tests runs Spark. */
class GraderTest {
    final ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    final PrintStream out = new PrintStream(buffer, true, StandardCharsets.UTF_8);

    GradeReport check(Lesson lesson, WordCountExercise exercise) throws IOException {
        return Grader.check(lesson, exercise, Grader.DEFAULT_MEASURED_BATCHES, out, new StopSignal());
    }

    String printed(GradeReport report) {
        report.print(out);
        return buffer.toString(StandardCharsets.UTF_8);
    }

    @Test
    void theShippedExercisesAreNotAttempted() throws IOException {
        for (Lesson lesson : Lesson.values()) {
            GradeReport r = check(lesson, lesson.exercise(false));
            assertThat(r.outcome()).isEqualTo(Outcome.NOT_ATTEMPTED);
            assertThat(r.exitCode()).isEqualTo(1);
            assertThat(r.criteria()).isEmpty();
            assertThat(r.closing()).startsWith("gap 1 (batch interval) of " + lesson.exercise(false).getClass().getSimpleName()
                    + " is still open; nothing was run.");
        }
        String text = printed(check(Lesson.FILL_GAPS, new FillGapsExercise()));
        assertThat(text).contains("NOT ATTEMPTED — gap 1 (batch interval)")
                .contains("hint: return Duration.ofSeconds(...)")
                .contains("src/main/java/io/ssplab/exercises/FillGapsExercise.java")
                .contains("'bin/ssp check fill-gaps'")
                .doesNotContain("Exception").doesNotContain("\tat ");
    }

    @Test
    void aPartlyFilledExerciseNamesTheFirstOpenGap() throws IOException {
        GradeReport r = check(Lesson.FILL_GAPS, new Variants.PartlyFilledFillGaps());
        assertThat(r.outcome()).isEqualTo(Outcome.NOT_ATTEMPTED);
        assertThat(r.closing()).contains("gap 3 (repartition)").contains("hint: return the number of partitions");
        assertThat(printed(r)).contains(Variants.PartlyFilledFillGaps.class.getName());
    }

    @Test
    void fixDelaysOpenGapsAreNamedInTheirOrderToo() throws IOException {
        assertThat(check(Lesson.FIX_DELAY, new FixDelayExercise()).closing()).contains("keep step 1's batch interval");
    }

    @Test
    void wrongValuesInTheCodeFailAtOnceWithoutARun() throws IOException {
        GradeReport r = check(Lesson.FILL_GAPS, new Variants.EightPartitionFillGaps());
        assertThat(r.outcome()).isEqualTo(Outcome.FAIL);
        assertThat(r.failed()).extracting(Criterion::name).containsExactly("gap 3: repartition", "gap 4: reduceByKey partitions");
        assertThat(r.header()).contains("not run");
        assertThat(r.arithmetic()).anyMatch(l -> l.contains("⌈8 / 3⌉ = 3"));
        assertThat(r.closing()).contains("2 values are in your code not as step 1 asks");
        assertThat(buffer.toString(StandardCharsets.UTF_8)).doesNotContain("batch ").doesNotContain("[source]");
    }

    @Test
    void aFillGapsWithEnoughSlotsForOneWaveFailsBeforeSparkStarts() throws IOException {
        GradeReport r = check(Lesson.FILL_GAPS, new Variants.TooParallelFillGaps());
        assertThat(r.outcome()).isEqualTo(Outcome.FAIL);
        assertThat(r.failed()).singleElement().satisfies(c -> assertThat(c.hint())
                .contains("4 partitions on 7 free task slots run in 1 wave of 70 lines × 15 ms = 1.05 s"));
        assertThat(r.arithmetic()).anyMatch(l -> l.contains("7 free") || l.contains("= 7"));
    }

    @Test
    void aFixWithoutCostFailsBeforeSparkStarts() throws IOException {
        GradeReport r = check(Lesson.FIX_DELAY, new Variants.FreeFixDelay());
        assertThat(r.outcome()).isEqualTo(Outcome.FAIL);
        assertThat(r.failed()).singleElement().satisfies(c -> {
            assertThat(c.name()).isEqualTo("a wait per line is still paid");
            assertThat(c.hint()).contains("not from deleting the work");
        });
        assertThat(printed(r)).contains("FAIL  a wait per line is still paid    0 ms");
    }

    @Test
    void aLongerIntervalFailsBeforeSparkStarts() throws IOException {
        assertThat(check(Lesson.FIX_DELAY, new Variants.LongIntervalFixDelay()).failed())
                .extracting(Criterion::name).containsExactly("batch interval kept from step 1");
    }

    @Test
    void knobsThatCannotRunAreAFailNotACrash() throws IOException {
        GradeReport zero = check(Lesson.FIX_DELAY, new Variants.NoPartitionsFixDelay());
        assertThat(zero.outcome()).isEqualTo(Outcome.FAIL);
        assertThat(zero.failed()).singleElement().satisfies(c -> assertThat(c.hint())
                .isEqualTo("your exercise's values cannot run: partitions must be at least 1, got 0"));

        GradeReport nothing = check(Lesson.FILL_GAPS, new Variants.NullIntervalFillGaps());
        assertThat(nothing.outcome()).isEqualTo(Outcome.FAIL);
        assertThat(nothing.failed()).singleElement().satisfies(c -> assertThat(c.hint()).contains("NullPointerException"));

        GradeReport cluster = check(Lesson.FIX_DELAY, new Variants.ClusterFixDelay());
        assertThat(cluster.failed()).singleElement().satisfies(c -> assertThat(c.hint()).contains("master() must return local[N]"));
    }

    @Test
    void tooFewBatchesIsBadInput() {
        assertThatThrownBy(() -> Grader.check(Lesson.FILL_GAPS, new FillGapsExercise(), 2, out, new StopSignal()))
                .isInstanceOf(BadInputException.class).hasMessageContaining("at least 3");
    }

    @Test
    void theTimeLimitLeavesRoomForWarmUpAndSlowBatches() {
        var spec = Lesson.FILL_GAPS.exercise(true).defaults();
        assertThat(Grader.timeLimit(spec, 8).toSeconds()).isEqualTo(45 + 2 * 2 * (8 + 4 + Warmup.MAX_BACKLOG_BATCHES));
    }

    @Test
    void lessonsByName() {
        assertThat(Lesson.byName("fill-gaps")).isEqualTo(Lesson.FILL_GAPS);
        assertThat(Lesson.byName("fix-delay")).isEqualTo(Lesson.FIX_DELAY);
        assertThatThrownBy(() -> Lesson.byName("phase2")).isInstanceOf(BadInputException.class)
                .hasMessage("'phase2' is not an exercise: choose one of fill-gaps, fix-delay");
        assertThat(Lesson.FILL_GAPS.exercise(true).getClass().getSimpleName()).isEqualTo("FillGapsSolution");
        assertThat(Lesson.FIX_DELAY.exercise(false).getClass().getSimpleName()).isEqualTo("FixDelayExercise");
    }

    @Test
    void theRootCauseIsReportedOnOneLine() {
        Exception wrapped = new RuntimeException("Job aborted", new IllegalStateException("boom\n\tat somewhere"));
        assertThat(Grader.rootMessage(wrapped)).isEqualTo("IllegalStateException: boom");
    }
}
