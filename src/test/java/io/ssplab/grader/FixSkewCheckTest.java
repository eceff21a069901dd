package io.ssplab.grader;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import io.ssplab.exercises.FixSkewExercise;
import io.ssplab.exercises.MissingSolutionException;
import io.ssplab.exercises.SaltingExercise;
import io.ssplab.exercises.SaltingStates;
import io.ssplab.run.StopSignal;
import io.ssplab.solutions.FixSkewSolution;

/**
 * The skew exercise's check before anything runs (docs/level2.md): untouched or partly filled it is NOT
 * ATTEMPTED and names its first open gap; a salting that spreads nothing, or whose keys do not lead back
 * to their word, fails from the code — no Spark started. Fixtures, not the student's file
 * ({@link SaltingStates}); the real file is only asked what holds in every state.
 */
class FixSkewCheckTest {
    final ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    final PrintStream out = new PrintStream(buffer, true, StandardCharsets.UTF_8);

    GradeReport check(SaltingExercise e) throws IOException {
        int before = buffer.size();
        GradeReport r = SkewGrader.check(e, 4, out, new StopSignal());
        // A run prints its "running…" line before Spark starts (and stops its context when done, so an
        // active context would prove nothing): nothing printed by the check itself means nothing ran.
        assertThat(buffer.size()).as("no Spark started: the check printed %s", buffer.toString(StandardCharsets.UTF_8)).isEqualTo(before);
        r.print(out);
        return r;
    }

    @Test
    void anUntouchedExerciseIsNotAttemptedAndNamesItsFirstGap() throws IOException {
        GradeReport r = check(SaltingStates.fixSkew(0));
        String text = buffer.toString(StandardCharsets.UTF_8);
        assertThat(r.outcome()).isEqualTo(Outcome.NOT_ATTEMPTED);
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(text).contains("=== check fix-skew:").contains("NOT ATTEMPTED — gap 1 (salts) of FixSkew is still open");
        assertThat(SaltingStates.fixSkew(1).firstOpenGap().gap()).isEqualTo(2);
        assertThat(SaltingStates.fixSkew(1).firstOpenGap().gapName()).isEqualTo("salted key");
        assertThat(SaltingStates.fixSkew(2).firstOpenGap().gapName()).isEqualTo("original key");
        assertThat(SaltingStates.fixSkew(3).firstOpenGap()).isNull();
        assertThat(check(SaltingStates.fixSkew(2)).outcome()).isEqualTo(Outcome.NOT_ATTEMPTED);
    }

    @Test
    void theSolutionsCodePassesTheCodeCriteria() {
        assertThat(FixSkewCriteria.fromCode(new FixSkewSolution())).allMatch(Criterion::passed).hasSize(3);
        assertThat(FixSkewCriteria.fromCode(SaltingStates.fixSkew(3))).allMatch(Criterion::passed);
        assertThat(new FixSkewSolution().defaults()).isEqualTo(SaltingExercise.KNOBS);
        assertThat(new FixSkewSolution().keySalts()).isEqualTo(7);
        // the lesson's job runs the same stream and cost, unsalted
        assertThat(io.ssplab.jobs.KeySkew.KNOBS).isEqualTo(SaltingExercise.KNOBS.withJob("skew"));
    }

    /** One salt: the hot word stays one key. */
    static final class OneSalt extends FixSkewSolution {
        private static final long serialVersionUID = 1L;

        @Override
        public int salts() {
            return 1;
        }
    }

    /** No separator and two-digit salts: word1 + salt 10 and word11 + salt 0 are both word110; dropping one character gives word01 for word0's salt 10. */
    static final class NoSeparator extends FixSkewSolution {
        private static final long serialVersionUID = 1L;

        @Override
        public int salts() {
            return 11;
        }

        @Override
        public String saltedKey(String word, int recordIndex) {
            return word + (recordIndex % salts());
        }

        @Override
        public String originalKey(String saltedKey) {
            return saltedKey.substring(0, saltedKey.length() - 1);
        }
    }

    @Test
    void aSaltingThatSpreadsNothingOrMixesWordsFailsBeforeAnyRun() throws IOException {
        GradeReport one = check(new OneSalt());
        assertThat(one.outcome()).isEqualTo(Outcome.FAIL);
        assertThat(one.failed()).extracting(Criterion::name).contains("each word over 2 or more salted keys", "the hot word gets different salted keys");
        assertThat(one.closing()).contains("the runs were skipped");

        buffer.reset();
        GradeReport mixed = check(new NoSeparator());
        assertThat(mixed.outcome()).isEqualTo(Outcome.FAIL);
        Criterion roundTrip = mixed.failed().get(0);
        assertThat(roundTrip.name()).isEqualTo("originalKey gives the word back");
        assertThat(roundTrip.measured()).isEqualTo("originalKey(\"word010\") = \"word01\", not word0");
        assertThat(roundTrip.hint()).contains("separator");
    }

    /** The real file, in whatever state the student left it: what holds in every state. */
    @Test
    void theRealExerciseSaysWhichGapIsOpenOrHasTheLessonsKnobs() {
        FixSkewExercise real = new FixSkewExercise();
        assertThat(io.ssplab.jobs.Jobs.byName("fix-skew", false)).isInstanceOf(FixSkewExercise.class);
        MissingSolutionException open = real.firstOpenGap();
        if (open == null) assertThat(real.defaults().job()).isEqualTo("fix-skew");
        else assertThat(open.getMessage()).startsWith("fix-skew: gap " + open.gap() + " (" + open.gapName() + ") is not filled yet. Hint: ");
    }
}
