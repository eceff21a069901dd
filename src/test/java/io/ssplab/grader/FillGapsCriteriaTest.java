package io.ssplab.grader;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.ssplab.core.Knobs;
import io.ssplab.exercises.ExerciseStates;
import io.ssplab.exercises.WordCountExercise;
import io.ssplab.metrics.Batches;
import io.ssplab.solutions.FillGapsSolution;

class FillGapsCriteriaTest {
    static final Knobs STEP1 = new FillGapsSolution().defaults();
    static final WordCountExercise SOLUTION = Lesson.FILL_GAPS.solution();

    @Test
    void theSolutionsValuesMeetEveryCodeCriterion() {
        assertThat(SOLUTION).isInstanceOf(FillGapsSolution.class);
        assertThat(FillGapsCriteria.fromCode(new FillGapsSolution(), SOLUTION)).hasSize(6).allMatch(Criterion::passed);
        // a student's exercise with every gap filled with the solution's values passes too
        assertThat(Lesson.FILL_GAPS.fromCode(ExerciseStates.fillGaps(5))).hasSize(6).allMatch(Criterion::passed);
    }

    @Test
    void theAnswersAreReadFromTheSolutionNotFromACopy() {
        // Another reference solution (BI 3 s) makes the same code wrong, and the criterion quotes the solution's value.
        WordCountExercise threeSeconds = new FillGapsSolution() {
            @Override
            public java.time.Duration batchInterval() {
                return java.time.Duration.ofSeconds(3);
            }
        };
        List<Criterion> c = FillGapsCriteria.fromCode(new FillGapsSolution(), threeSeconds);
        assertThat(c).filteredOn(x -> !x.passed()).singleElement().satisfies(gap1 -> {
            assertThat(gap1.name()).isEqualTo("gap 1: batch interval");
            assertThat(gap1.measured()).isEqualTo("2 s (step 1: 3 s)");
            assertThat(gap1.hint()).startsWith("step 1 asks for 3 s, your code returns 2 s: ")
                    .contains("the overload is built against 3 s");
        });
        // and a solution on another master moves the master criterion with it
        WordCountExercise onLocal8 = new Variants.TooParallelFillGaps();
        assertThat(FillGapsCriteria.fromCode(new Variants.TooParallelFillGaps(), onLocal8)).allMatch(Criterion::passed);
        assertThat(FillGapsCriteria.fromCode(new FillGapsSolution(), onLocal8)).filteredOn(x -> !x.passed())
                .extracting(Criterion::name).containsExactly("master (not a gap)");
    }

    @Test
    void moreTaskSlotsThanStep1sFitTheWorkInOneWave() {
        List<Criterion> c = FillGapsCriteria.fromCode(new Variants.TooParallelFillGaps(), SOLUTION);
        assertThat(c).filteredOn(x -> !x.passed()).singleElement().satisfies(master -> {
            assertThat(master.name()).isEqualTo("master (not a gap)");
            assertThat(master.measured()).isEqualTo("local[8] (step 1: local[4])");
            assertThat(master.hint()).isEqualTo("step 1 runs on local[4] (3 free task slots), your code on local[8]: "
                    + "4 partitions on 7 free task slots run in 1 wave of 70 lines × 15 ms = 1.05 s (3 slots idle), "
                    + "so the waits alone no longer exceed BI. Keep master() as it was shipped.");
        });
    }

    @Test
    void aWrongGapValueNamesTheGapTheAskedValueAndWhy() {
        List<Criterion> c = FillGapsCriteria.fromCode(new Variants.EightPartitionFillGaps(), SOLUTION);
        assertThat(c).filteredOn(x -> !x.passed()).extracting(Criterion::name)
                .containsExactly("gap 3: repartition", "gap 4: reduceByKey partitions");
        Criterion gap3 = c.get(2);
        assertThat(gap3.measured()).isEqualTo("8 (step 1: 4)");
        assertThat(gap3.hint()).contains("step 1 asks for 4, your code returns 8").contains("2 waves");
    }

    @Test
    void durationsAreShownAsAStudentWritesThem() {
        List<Criterion> c = FillGapsCriteria.fromCode(new Variants.SlowFillGaps(), SOLUTION);
        assertThat(c.get(0).measured()).isEqualTo("1 s (step 1: 2 s)");
        assertThat(c.get(1).measured()).isEqualTo("1.5 ms (step 1: 15 ms)");
    }

    @Test
    void theDesignedOverloadPasses() {
        // 2 waves × 70 lines × 15 ms = 2.10 s plus Spark: every batch over BI, SD +350 ms per batch.
        Evidence e = Evidences.of(Lesson.FILL_GAPS, STEP1, Batches.afterWarmup(2350, 2350, 2400, 2300, 2350, 2350));
        List<Criterion> c = FillGapsCriteria.fromRun(e);
        assertThat(c).allMatch(Criterion::passed);
        assertThat(c.get(0).measured()).isEqualTo("6 of 6 batches; median PT 2.35 s, BI 2.00 s");
        assertThat(c.get(1).measured()).startsWith("+").contains("ms/batch (needs ≥ +100)");
        assertThat(e.schedulingDelaySlopeMsPerBatch()).isBetween(300.0, 400.0);
    }

    @Test
    void enoughSlotsForOneWaveMeansNoDelayAndTheHintSaysWhy() {
        Knobs local8 = STEP1.withMaster("local[8]");
        Evidence e = Evidences.of(Lesson.FILL_GAPS, local8, Batches.afterWarmup(1300, 1310, 1290, 1300, 1320, 1300));
        List<Criterion> c = FillGapsCriteria.fromRun(e);
        assertThat(c).noneMatch(Criterion::passed);
        assertThat(c.get(0).measured()).startsWith("0 of 6 batches; median PT 1.30 s");
        assertThat(c.get(0).hint())
                .contains("PT 1.30 s ≤ BI 2.00 s")
                .contains("4 partitions on 7 free task slots run in 1 wave of 70 lines × 15 ms = 1.05 s (3 slots idle)")
                .contains("plus ≈ 0.25 s of Spark's own work per batch")
                .contains("(Step 1 runs on local[4]: 3 free task slots.)");
        assertThat(c.get(1).hint()).contains("every batch had time to spare");
    }

    @Test
    void halfTheBatchesOverBudgetIsNotMost() {
        Evidence e = Evidences.of(Lesson.FILL_GAPS, STEP1, Batches.afterWarmup(2100, 1700, 2100, 1700, 2100, 1700));
        Criterion most = FillGapsCriteria.fromRun(e).get(0);
        assertThat(most.passed()).isFalse();
        assertThat(most.measured()).startsWith("3 of 6");
    }

    @Test
    void aDelayThatDrainsBetweenSlowBatchesIsNotGrowing() {
        Evidence e = Evidences.of(Lesson.FILL_GAPS, STEP1, Batches.afterWarmup(2100, 1700, 2100, 1700, 2100, 1700, 2100));
        Criterion growing = FillGapsCriteria.fromRun(e).get(1);
        assertThat(growing.passed()).isFalse();
        assertThat(growing.hint()).contains("drained between them");
    }
}
