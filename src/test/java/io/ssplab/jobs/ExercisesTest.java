package io.ssplab.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import io.ssplab.exercises.FillGapsExercise;
import io.ssplab.exercises.FixDelayExercise;
import io.ssplab.exercises.MissingSolutionException;
import io.ssplab.exercises.WordCountExercise;
import io.ssplab.core.CostUnit;
import io.ssplab.solutions.FillGapsSolution;
import io.ssplab.solutions.FixDelaySolution;

class ExercisesTest {

    @Test
    void shippedExercisesHaveTheirFirstGapOpenWithAHint() {
        for (WordCountExercise exercise : new WordCountExercise[] {new FillGapsExercise(), new FixDelayExercise()}) {
            MissingSolutionException open = exercise.firstOpenGap();
            assertThat(open).as(exercise.name()).isNotNull();
            assertThat(open.gap()).isEqualTo(1);
            assertThat(open.gapName()).isEqualTo("batch interval");
            assertThat(open.getMessage()).startsWith(exercise.name() + ": gap 1 (batch interval) is not filled yet. Hint: ");
            assertThatThrownBy(exercise::defaults).isInstanceOf(MissingSolutionException.class);
        }
    }

    @Test
    void aPartlyFilledExerciseNamesTheNextOpenGap() {
        FillGapsExercise partly = new FillGapsExercise() {
            @Override
            public Duration batchInterval() {
                return Duration.ofSeconds(2);
            }

            @Override
            public Duration sleepPerLine() {
                return Duration.ofMillis(15);
            }
        };
        assertThat(partly.firstOpenGap().gap()).isEqualTo(3);
        assertThat(partly.firstOpenGap().gapName()).isEqualTo("repartition");
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
