package io.ssplab.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import io.ssplab.core.Knobs;
import io.ssplab.exercises.ExerciseStates;
import io.ssplab.exercises.FillGapsExercise;
import io.ssplab.exercises.FixDelayExercise;
import io.ssplab.exercises.MissingSolutionException;
import io.ssplab.exercises.WordCountExercise;
import io.ssplab.core.CostUnit;
import io.ssplab.solutions.FillGapsSolution;
import io.ssplab.solutions.FixDelaySolution;

class ExercisesTest {

    @Test
    void anExerciseAsShippedHasItsFirstGapOpenWithAHint() {
        for (WordCountExercise exercise : new WordCountExercise[] {ExerciseStates.fillGaps(0), ExerciseStates.fixDelay(0)}) {
            MissingSolutionException open = exercise.firstOpenGap();
            assertThat(open).as(exercise.name()).isNotNull();
            assertThat(open.exercise()).isEqualTo(exercise.name());
            assertThat(open.gap()).isEqualTo(1);
            assertThat(open.gapName()).isEqualTo("batch interval");
            assertThat(open.getMessage()).startsWith(exercise.name() + ": gap 1 (batch interval) is not filled yet. Hint: ")
                    .endsWith(open.hint());
            assertThatThrownBy(exercise::defaults).isInstanceOf(MissingSolutionException.class);
        }
        assertThat(ExerciseStates.fillGaps(0).firstOpenGap().hint()).isEqualTo("return Duration.ofSeconds(...) with the batch interval step 1 asks for");
        assertThat(ExerciseStates.fixDelay(0).firstOpenGap().hint()).startsWith("keep step 1's batch interval");
    }

    @Test
    void aPartlyFilledExerciseNamesTheNextOpenGap() {
        String[] names = {"batch interval", "wait per line", "repartition", "reduceByKey partitions", "top words to print"};
        for (int filled = 0; filled < 5; filled++) {
            MissingSolutionException open = ExerciseStates.fillGaps(filled).firstOpenGap();
            assertThat(open.gap()).as("%d gaps filled", filled).isEqualTo(filled + 1);
            assertThat(open.gapName()).isEqualTo(names[filled]);
            assertThat(ExerciseStates.fixDelay(filled).firstOpenGap().gap()).isEqualTo(filled + 1);
        }
        // a gap filled out of order does not hide an earlier open one
        WordCountExercise onlyGap3 = new WordCountExercise() {
            @Override
            public Duration batchInterval() {
                return gap(1);
            }

            @Override
            public Duration sleepPerLine() {
                return gap(2);
            }

            @Override
            public int repartitionTo() {
                return 4;
            }

            @Override
            public int reducePartitions() {
                return gap(4);
            }

            @Override
            public int topWordsToPrint() {
                return gap(5);
            }

            @Override
            public String master() {
                return "local[4]";
            }

            @Override
            public String name() {
                return "fill-gaps";
            }
        };
        assertThat(onlyGap3.firstOpenGap().gap()).isEqualTo(1);
    }

    @Test
    void anExerciseWithEveryGapFilledHasTheSolutionsKnobs() {
        assertThat(ExerciseStates.fillGaps(5).firstOpenGap()).isNull();
        assertThat(ExerciseStates.fillGaps(5).defaults()).isEqualTo(new FillGapsSolution().defaults());
        assertThat(ExerciseStates.fixDelay(5).firstOpenGap()).isNull();
        assertThat(ExerciseStates.fixDelay(5).defaults()).isEqualTo(new FixDelaySolution().defaults());
    }

    /** The real files, in whatever state the student left them: what holds in every state. */
    @Test
    void theRealExerciseFilesSayWhichGapIsOpen() {
        for (WordCountExercise real : new WordCountExercise[] {new FillGapsExercise(), new FixDelayExercise()}) {
            assertThat(Jobs.byName(real.name(), false)).isInstanceOf(real.getClass());
            MissingSolutionException open = real.firstOpenGap();
            if (open == null) {
                // every gap filled: the knobs are read from the code, the pipeline's values with them
                Knobs knobs = real.defaults();
                assertThat(knobs.job()).isEqualTo(real.name());
                assertThat(knobs.batchInterval()).isEqualTo(real.batchInterval());
                assertThat(knobs.cost()).isEqualTo(real.sleepPerLine());
                assertThat(knobs.partitions()).isEqualTo(real.repartitionTo());
                assertThat(knobs.costUnit()).isEqualTo(CostUnit.LINE);
            } else {
                assertThat(open.exercise()).isEqualTo(real.name());
                assertThat(open.gap()).isBetween(1, 5);
                assertThat(open.getMessage()).startsWith(real.name() + ": gap " + open.gap() + " (" + open.gapName() + ") is not filled yet. Hint: ");
                // the gaps before it return their values; it throws
                for (int gap = 1; gap < open.gap(); gap++) gapMethod(real, gap).run();
                assertThatThrownBy(gapMethod(real, open.gap())::run).isInstanceOf(MissingSolutionException.class);
            }
        }
    }

    static Runnable gapMethod(WordCountExercise e, int gap) {
        return switch (gap) {
            case 1 -> e::batchInterval;
            case 2 -> e::sleepPerLine;
            case 3 -> e::repartitionTo;
            case 4 -> e::reducePartitions;
            case 5 -> e::topWordsToPrint;
            default -> throw new IllegalArgumentException("gap " + gap);
        };
    }

    @Test
    void solutionsHaveTheStepKnobs() {
        Knobs step1 = new FillGapsSolution().defaults();
        assertThat(new FillGapsSolution().firstOpenGap()).isNull();
        assertThat(step1.master()).isEqualTo("local[4]");
        assertThat(step1.batchInterval()).isEqualTo(Duration.ofSeconds(2));
        assertThat(step1.cost()).isEqualTo(Duration.ofMillis(15));
        assertThat(step1.costUnit()).isEqualTo(CostUnit.LINE);
        assertThat(step1.partitions()).isEqualTo(4);
        Knobs step2 = new FixDelaySolution().defaults();
        assertThat(step2.master()).isEqualTo("local[8]");
        assertThat(step2.cost()).isEqualTo(Duration.ofMillis(5));
        assertThat(step2.partitions()).isEqualTo(8);
        assertThat(new FixDelaySolution().reducePartitions()).isEqualTo(8);
        assertThat(new FixDelaySolution().topWordsToPrint()).isEqualTo(5);
    }

    @Test
    void phasesDifferOnlyInTheirKnobs() {
        Knobs p1 = new Phase1Baseline().defaults();
        Knobs p2 = new Phase2Bottleneck().defaults();
        Knobs p3 = new Phase3Parallelism().defaults();
        assertThat(p1.job()).isEqualTo("phase1");
        assertThat(p2.job()).isEqualTo("phase2");
        assertThat(p3.job()).isEqualTo("phase3");
        assertThat(p1.cost()).isZero();
        assertThat(p2).isEqualTo(p1.withJob("phase2").withCost(Phase2Bottleneck.COST_PER_WORD));
        assertThat(p3).isEqualTo(p2.withJob("phase3").withMaster("local[8]").withPartitions(8));
        assertThat(Jobs.NAMES).allSatisfy(name -> assertThat(Jobs.byName(name, false).name()).isEqualTo(name));
    }
}
