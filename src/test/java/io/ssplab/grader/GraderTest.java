package io.ssplab.grader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import io.ssplab.core.BadInputException;
import io.ssplab.core.Format;
import io.ssplab.exercises.ExerciseStates;
import io.ssplab.exercises.FillGapsExercise;
import io.ssplab.exercises.MissingSolutionException;
import io.ssplab.exercises.WordCountExercise;
import io.ssplab.metrics.Warmup;
import io.ssplab.run.StopSignal;
import io.ssplab.solutions.FillGapsSolution;

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
    void anExerciseAsShippedIsNotAttempted() throws IOException {
        for (WordCountExercise untouched : List.of(ExerciseStates.fillGaps(0), ExerciseStates.fixDelay(0))) {
            Lesson lesson = Lesson.byName(untouched.name());
            GradeReport r = check(lesson, untouched);
            assertThat(r.outcome()).isEqualTo(Outcome.NOT_ATTEMPTED);
            assertThat(r.exitCode()).isEqualTo(1);
            assertThat(r.criteria()).isEmpty();
            assertThat(r.closing()).startsWith("gap 1 (batch interval) of " + untouched.getClass().getSimpleName()
                    + " is still open; nothing was run.");
        }
        String text = printed(check(Lesson.FILL_GAPS, ExerciseStates.fillGaps(0)));
        assertThat(text).contains("NOT ATTEMPTED — gap 1 (batch interval)")
                .contains("hint: return Duration.ofSeconds(...)")
                .contains("Fill it in " + ExerciseStates.FillGaps.class.getName() + ", then run 'bin/ssp check fill-gaps' again.")
                .doesNotContain("Exception").doesNotContain("\tat ");
    }

    @Test
    void theStudentsFileIsNamedByItsPathInTheProject() {
        // what the check says of the real FillGapsExercise with gap 1 open, whatever state the file is in now
        GradeReport r = Grader.notAttempted(Lesson.FILL_GAPS, new FillGapsExercise(), new MissingSolutionException("fill-gaps", 1));
        assertThat(r.outcome()).isEqualTo(Outcome.NOT_ATTEMPTED);
        assertThat(r.closing()).isEqualTo("gap 1 (batch interval) of FillGapsExercise is still open; nothing was run.\n"
                + "hint: return Duration.ofSeconds(...) with the batch interval step 1 asks for.\n"
                + "Fill it in src/main/java/io/ssplab/exercises/FillGapsExercise.java, then run 'bin/ssp check fill-gaps' again.");
    }

    /**
     * The real exercise files, in whatever state the student left them: the check must say what the
     * file says — its first open gap, or (all filled) the verdict on the values in it. Never runs Spark.
     */
    @ParameterizedTest
    @EnumSource(value = Lesson.class, names = {"FILL_GAPS", "FIX_DELAY"}) // fix-skew: FixSkewCheckTest
    void theCheckOfTheRealExerciseFileAgreesWithTheFile(Lesson lesson) throws IOException {
        WordCountExercise real = lesson.exercise(false);
        WordCountExercise fixture = lesson == Lesson.FILL_GAPS ? ExerciseStates.fillGaps(0) : ExerciseStates.fixDelay(0);
        assertThat(real.name()).isEqualTo(lesson.cliName());
        assertThat(real.master()).as("the fixtures ship with the real file's master").isEqualTo(fixture.master());
        MissingSolutionException open = real.firstOpenGap();
        if (open != null) {
            GradeReport r = check(lesson, real);
            assertThat(r.outcome()).isEqualTo(Outcome.NOT_ATTEMPTED);
            assertThat(r.closing()).startsWith("gap " + open.gap() + " (" + open.gapName() + ") of " + real.getClass().getSimpleName()
                    + " is still open; nothing was run.").contains("hint: " + open.hint())
                    .contains("src/main/java/io/ssplab/exercises/" + real.getClass().getSimpleName() + ".java");
            return;
        }
        // every gap filled: the code criteria judge the file's own values against the solution's
        List<Criterion> fromCode = lesson.fromCode(real);
        Criterion interval = fromCode.get(0);
        assertThat(interval.name()).isIn("gap 1: batch interval", "batch interval kept from step 1");
        assertThat(interval.measured()).startsWith(Format.duration(real.batchInterval()));
        assertThat(interval.passed()).isEqualTo(real.batchInterval().equals(lesson.solution().batchInterval()));
        if (fromCode.stream().anyMatch(c -> !c.passed())) {
            // a wrong value: failed at once, without a run
            GradeReport r = check(lesson, real);
            assertThat(r.outcome()).isEqualTo(Outcome.FAIL);
            assertThat(r.header()).contains("not run");
        }
    }

    @Test
    void aPartlyFilledExerciseNamesTheFirstOpenGap() throws IOException {
        GradeReport r = check(Lesson.FILL_GAPS, ExerciseStates.fillGaps(2));
        assertThat(r.outcome()).isEqualTo(Outcome.NOT_ATTEMPTED);
        assertThat(r.criteria()).isEmpty();
        assertThat(r.closing()).contains("gap 3 (repartition)").contains("hint: return the number of partitions");
        assertThat(printed(r)).contains(ExerciseStates.FillGaps.class.getName());
        // only the last gap open: still not attempted, and it is the one named
        assertThat(check(Lesson.FIX_DELAY, ExerciseStates.fixDelay(4)).closing()).startsWith("gap 5 (top words to print) of FixDelay");
    }

    @Test
    void fixDelaysOpenGapsAreNamedInTheirOrderToo() throws IOException {
        assertThat(check(Lesson.FIX_DELAY, ExerciseStates.fixDelay(0)).closing()).contains("keep step 1's batch interval");
        assertThat(check(Lesson.FIX_DELAY, ExerciseStates.fixDelay(1)).closing()).startsWith("gap 2 (wait per line)")
                .contains("keep a per-line wait");
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
        assertThat(printed(r)).contains("  FAIL      a wait per line is still paid    0 ms\n        hint: your code waits 0 ms per line.");
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
                .startsWith("your exercise's values cannot run: ").contains("must be 1–1,024, got 0")
                .doesNotContain("pass e.g.")); // the command line's advice is left out: the value lives in the code

        GradeReport nothing = check(Lesson.FILL_GAPS, new Variants.NullIntervalFillGaps());
        assertThat(nothing.outcome()).isEqualTo(Outcome.FAIL);
        assertThat(nothing.failed()).singleElement().satisfies(c -> assertThat(c.hint()).contains("NullPointerException"));

        GradeReport cluster = check(Lesson.FIX_DELAY, new Variants.ClusterFixDelay());
        assertThat(cluster.failed()).singleElement().satisfies(c -> assertThat(c.hint()).contains("master() must return local[N]"));
    }

    @Test
    void tooFewOrTooManyBatchesIsBadInput() {
        assertThatThrownBy(() -> Grader.check(Lesson.FILL_GAPS, new FillGapsSolution(), 2, out, new StopSignal()))
                .isInstanceOf(BadInputException.class).hasMessageContaining("--batches").hasMessageContaining("3");
        assertThatThrownBy(() -> Grader.check(Lesson.FILL_GAPS, new FillGapsSolution(), 101, out, new StopSignal()))
                .isInstanceOf(BadInputException.class).hasMessageContaining("100");
        assertThat(buffer.toString(StandardCharsets.UTF_8)).isEmpty();
    }

    @Test
    void theTimeLimitLeavesRoomForWarmUpAndSlowBatches() {
        var knobs = Lesson.FILL_GAPS.solution().defaults();
        // 45 s to start, then two BIs for each of the 8 measured batches and up to 4 + 5 warm-up batches
        assertThat(Warmup.MAX_BACKLOG_BATCHES).isEqualTo(5);
        assertThat(Grader.timeLimit(knobs, 8)).isEqualTo(Duration.ofSeconds(45 + 2 * 2 * 17));
        assertThat(Grader.timeLimit(knobs, 16)).isEqualTo(Duration.ofSeconds(45 + 2 * 2 * 25));
        assertThat(Grader.timeLimit(knobs.withBatchInterval(Duration.ofSeconds(1)), 8)).isEqualTo(Duration.ofSeconds(45 + 2 * 17));
    }

    @Test
    void lessonsByName() {
        assertThat(Lesson.byName("fill-gaps")).isEqualTo(Lesson.FILL_GAPS);
        assertThat(Lesson.byName("fix-delay")).isEqualTo(Lesson.FIX_DELAY);
        assertThatThrownBy(() -> Lesson.byName("phase2")).isInstanceOf(BadInputException.class)
                .hasMessage("'phase2' is not an exercise: choose one of fill-gaps, fix-delay, fix-skew");
        assertThat(Lesson.FILL_GAPS.exercise(true).getClass().getSimpleName()).isEqualTo("FillGapsSolution");
        assertThat(Lesson.FIX_DELAY.exercise(false).getClass().getSimpleName()).isEqualTo("FixDelayExercise");
    }

    @Test
    void theRootCauseIsReportedOnOneLine() {
        Exception wrapped = new RuntimeException("Job aborted", new IllegalStateException("boom\n\tat somewhere"));
        assertThat(Grader.rootMessage(wrapped)).isEqualTo("IllegalStateException: boom");
    }
}
