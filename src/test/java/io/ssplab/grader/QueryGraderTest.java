package io.ssplab.grader;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.junit.jupiter.api.Test;

import io.ssplab.exercises.structured.QueryExerciseStates;
import io.ssplab.run.StopSignal;

/**
 * The Structured Streaming grader before Spark starts: an open gap is NOT ATTEMPTED (whatever the state of the
 * student's files: the fixtures stand for them), and a value the step does not ask for fails from the code
 * alone, with the run skipped.
 */
class QueryGraderTest {
    final ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    final PrintStream out = new PrintStream(buffer, true, StandardCharsets.UTF_8);

    @Test
    void anOpenGapIsNotAttemptedAndNamesTheFirstOne() throws IOException {
        for (int filled = 0; filled < 5; filled++) {
            GradeReport r = QueryGrader.check(Lesson.FILL_GAPS, QueryExerciseStates.fillGaps(filled), 8, out, new StopSignal());
            assertThat(r.outcome()).isEqualTo(Outcome.NOT_ATTEMPTED);
            assertThat(r.closing()).startsWith("gap " + (filled + 1) + " (").contains("'bin/ssp check fill-gaps --api structured'");
            GradeReport fix = QueryGrader.check(Lesson.FIX_DELAY, QueryExerciseStates.fixDelay(filled), 8, out, new StopSignal());
            assertThat(fix.outcome()).isEqualTo(Outcome.NOT_ATTEMPTED);
        }
        GradeReport r = QueryGrader.check(Lesson.FILL_GAPS, QueryExerciseStates.fillGaps(2), 8, out, new StopSignal());
        assertThat(r.closing()).contains("gap 3 (task slots)").contains("return N of local[N]");
        assertThat(buffer.toString(StandardCharsets.UTF_8)).isEmpty(); // nothing ran
    }

    @Test
    void wrongValuesFailFromTheCodeWithoutARun() throws IOException {
        GradeReport r = QueryGrader.check(Lesson.FIX_DELAY, QueryExerciseStates.with(Lesson.FIX_DELAY.querySolution(), Duration.ofSeconds(6), null, null, null),
                8, out, new StopSignal());
        assertThat(r.outcome()).isEqualTo(Outcome.FAIL);
        assertThat(r.header()).contains("not run");
        assertThat(r.closing()).contains("'bin/ssp check fix-delay --api structured'");
        assertThat(r.arithmetic()).anyMatch(l -> l.contains("a·r"));

        GradeReport oneSlot = QueryGrader.check(Lesson.FIX_DELAY, QueryExerciseStates.with(Lesson.FIX_DELAY.querySolution(), null, null, 0, null),
                8, out, new StopSignal());
        assertThat(oneSlot.outcome()).isEqualTo(Outcome.FAIL);
        assertThat(oneSlot.criteria()).hasSize(1);
        assertThat(oneSlot.criteria().get(0).hint()).doesNotContain("Exception");
        assertThat(buffer.toString(StandardCharsets.UTF_8)).isEmpty();
    }
}
