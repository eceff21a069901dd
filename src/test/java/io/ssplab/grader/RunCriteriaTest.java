package io.ssplab.grader;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.ssplab.core.Knobs;
import io.ssplab.core.BatchMetrics;
import io.ssplab.metrics.Batches;
import io.ssplab.solutions.FillGapsSolution;

class RunCriteriaTest {
    static final Knobs STEP1 = new FillGapsSolution().defaults();

    static Evidence evidence(List<BatchMetrics> b, String reason, boolean timeLimit) {
        return new Evidence(Lesson.FILL_GAPS, STEP1, b, Evidences.allCounted(STEP1, b, 1.0), 8, reason, timeLimit);
    }

    @Test
    void threeMeasuredBatchesAreEnough() {
        Criterion c = RunCriteria.enoughBatches(evidence(Batches.afterWarmup(2400, 2400, 2400), "8 batches measured", false));
        assertThat(c.passed()).isTrue();
        assertThat(c.measured()).isEqualTo("3 of 8 (5 completed in all; stopped: 8 batches measured)");
    }

    @Test
    void aRunStoppedEarlyAsksToBeRunAgain() {
        Criterion c = RunCriteria.enoughBatches(evidence(Batches.afterWarmup(2400), "Ctrl-C", false));
        assertThat(c.passed()).isFalse();
        assertThat(c.hint()).isEqualTo("the run was stopped (Ctrl-C) before enough batches were measured to judge it: "
                + "run the check again and let it finish.");
    }

    @Test
    void batchesTooSlowToMeasureAreExplainedWithTheWaves() {
        Knobs oneSlot = STEP1.withMaster("local[2]");
        List<BatchMetrics> b = Batches.afterWarmup(8600);
        Criterion c = RunCriteria.enoughBatches(new Evidence(Lesson.FILL_GAPS, oneSlot, b, Evidences.allCounted(oneSlot, b, 1.0), 8,
                "duration 113 s reached", true));
        assertThat(c.passed()).isFalse();
        assertThat(c.hint()).contains("batches complete far too slowly to measure")
                .contains("4 partitions on 1 free task slot run in 4 waves of 70 lines × 15 ms = 4.20 s")
                .contains("(Step 1 runs on local[4]: 3 free task slots.)");
    }

    @Test
    void noFullBatchMeansTheInputNeverArrived() {
        List<BatchMetrics> b = Batches.simulate(new long[] {0, 3, 10}, Batches.repeat(300, 3));
        Criterion c = RunCriteria.enoughBatches(evidence(b, "duration 113 s reached", true));
        assertThat(c.passed()).isFalse();
        assertThat(c.hint()).startsWith("no full batch arrived: the most lines in one batch were 10, the source sends 280 per interval.");
    }

    @Test
    void aWaitThatIsDeclaredButNotPaidIsCaught() {
        // a light step 2: 8 partitions on 7 slots, 2 waves of 35 lines × 1 ms = 0.07 s of waits, hidden in Spark's own work
        Knobs step2 = new io.ssplab.solutions.FixDelaySolution().defaults().withCost(java.time.Duration.ofMillis(1));
        List<BatchMetrics> fast = Batches.afterWarmup(250, 260, 240);
        Criterion tooLittle = RunCriteria.waitPaid(new Evidence(Lesson.FIX_DELAY, step2, fast, Evidences.allCounted(step2, fast, 1.0), 8,
                "8 batches measured", false));
        assertThat(tooLittle.passed()).isTrue();
        // step 1's knobs on local[8]: 1 wave of 70 lines × 15 ms = 1.05 s of waits; 0.25 s means the lines did not wait
        Knobs oneWave = STEP1.withMaster("local[8]");
        Criterion unpaid = RunCriteria.waitPaid(new Evidence(Lesson.FIX_DELAY, oneWave, fast, Evidences.allCounted(oneWave, fast, 1.0), 8,
                "8 batches measured", false));
        assertThat(unpaid.passed()).isFalse();
        assertThat(unpaid.measured()).isEqualTo("median PT 0.25 s, its waits alone 1.05 s");
        assertThat(unpaid.hint()).contains("4 partitions on 7 free task slots run in 1 wave of 70 lines × 15 ms = 1.05 s")
                .contains("Your batches took 0.25 s, so most lines did not wait 15 ms: is the exercise's pipeline (WordCountPipeline.costPerLine) still the one that runs?");
        // paid: PT above the waits
        List<BatchMetrics> paid = Batches.afterWarmup(1250, 1230, 1270);
        assertThat(RunCriteria.waitPaid(new Evidence(Lesson.FIX_DELAY, oneWave, paid, Evidences.allCounted(oneWave, paid, 1.0), 8,
                "8 batches measured", false)).passed()).isTrue();
    }
}
