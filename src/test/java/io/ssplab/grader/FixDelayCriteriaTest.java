package io.ssplab.grader;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.ssplab.core.Knobs;
import io.ssplab.core.BatchMetrics;
import io.ssplab.exercises.ExerciseStates;
import io.ssplab.exercises.WordCountExercise;
import io.ssplab.metrics.Batches;
import io.ssplab.solutions.FixDelaySolution;

class FixDelayCriteriaTest {
    static final Knobs STEP2 = new FixDelaySolution().defaults();
    static final Knobs STEP1_COPY = new Variants.Step1CopiedFixDelay().defaults();

    static Criterion named(List<Criterion> c, String name) {
        return c.stream().filter(x -> x.name().equals(name)).findFirst().orElseThrow();
    }

    static final WordCountExercise SOLUTION = Lesson.FIX_DELAY.solution();

    @Test
    void theSolutionsValuesMeetTheCodeCriteria() {
        assertThat(SOLUTION).isInstanceOf(FixDelaySolution.class);
        assertThat(FixDelayCriteria.fromCode(new FixDelaySolution(), SOLUTION)).hasSize(2).allMatch(Criterion::passed);
        assertThat(Lesson.FIX_DELAY.fromCode(ExerciseStates.fixDelay(5))).hasSize(2).allMatch(Criterion::passed);
    }

    @Test
    void theIntervalToKeepIsTheSolutions() {
        WordCountExercise threeSeconds = new FixDelaySolution() {
            @Override
            public java.time.Duration batchInterval() {
                return java.time.Duration.ofSeconds(3);
            }
        };
        Criterion bi = FixDelayCriteria.fromCode(new FixDelaySolution(), threeSeconds).get(0);
        assertThat(bi.passed()).isFalse();
        assertThat(bi.measured()).isEqualTo("2 s (step 1: 3 s)");
        assertThat(bi.hint()).contains("keeps step 1's batch interval of 3 s");
        assertThat(FixDelayCriteria.fromCode(threeSeconds, threeSeconds).get(0).passed()).isTrue();
    }

    @Test
    void aLongerBatchIntervalIsNotTheFix() {
        Criterion bi = FixDelayCriteria.fromCode(new Variants.LongIntervalFixDelay(), SOLUTION).get(0);
        assertThat(bi.passed()).isFalse();
        assertThat(bi.measured()).isEqualTo("10 s (step 1: 2 s)");
        assertThat(bi.hint()).contains("keeps step 1's batch interval of 2 s");
    }

    @Test
    void removingTheCostIsNotTheFix() {
        Criterion cost = FixDelayCriteria.fromCode(new Variants.FreeFixDelay(), SOLUTION).get(1);
        assertThat(cost.passed()).isFalse();
        assertThat(cost.measured()).isEqualTo("0 ms");
        assertThat(cost.hint()).contains("waits 0 ms per line").contains("not from deleting the work");
    }

    @Test
    void aJobThatKeepsUpPassesEveryMeasuredCriterion() {
        Evidence e = Evidences.of(Lesson.FIX_DELAY, STEP2, Batches.afterWarmup(600, 620, 580, 640, 600, 600));
        List<Criterion> c = FixDelayCriteria.fromRun(e);
        assertThat(c).extracting(Criterion::name).containsExactly("PT < BI in (nearly) all batches", "scheduling delay stays near 0",
                "no batches queued", "input at the source's full rate", "every received line counted");
        assertThat(c).allMatch(Criterion::passed);
        assertThat(c.get(0).measured()).isEqualTo("6 of 6 batches; median PT 0.60 s, BI 2.00 s");
        assertThat(c.get(3).measured()).startsWith("140.0 lines/s");
        assertThat(c.get(4).measured()).isEqualTo("6,000 of 6,000 words (2,000 lines × 3) in 8 batches, warm-up included");
    }

    @Test
    void step1sKnobsStillOverloadAndTheHintShowsTheWaves() {
        Evidence e = Evidences.of(Lesson.FIX_DELAY, STEP1_COPY, Batches.afterWarmup(2350, 2340, 2360, 2350, 2350, 2350));
        List<Criterion> c = FixDelayCriteria.fromRun(e);
        assertThat(c.subList(0, 3)).noneMatch(Criterion::passed);
        assertThat(c.subList(3, 5)).allMatch(Criterion::passed);
        assertThat(c.get(0).hint())
                .startsWith("PT 2.35 s > BI 2.00 s: 4 partitions on 3 free task slots run in 2 waves of 70 lines × 15 ms = 2.10 s (the last wave runs 1 task)")
                .contains("plus ≈ 0.25 s of Spark's own work per batch")
                .contains("fewer waves")
                .contains("(Step 2 runs on local[8]: 7 free task slots.)");
        assertThat(c.get(1).hint()).contains("SD grows by PT − BI per batch (median PT − BI here: +350 ms)");
        assertThat(c.get(2).measured()).startsWith("nothing waiting in 1 of 6 batches"); // the simulation cuts no batch after the last
    }

    @Test
    void oneLateBatchInFourIsForgivenTwoAreNot() {
        Evidence oneLate = Evidences.of(Lesson.FIX_DELAY, STEP2, Batches.afterWarmup(600, 600, 2300, 600, 600, 600));
        assertThat(FixDelayCriteria.fromRun(oneLate)).allMatch(Criterion::passed);

        Evidence twoLate = Evidences.of(Lesson.FIX_DELAY, STEP2, Batches.afterWarmup(600, 2300, 600, 2300, 600, 600));
        Criterion inTime = named(FixDelayCriteria.fromRun(twoLate), "PT < BI in (nearly) all batches");
        assertThat(inTime.passed()).isFalse();
        assertThat(inTime.hint()).contains("median PT 0.60 s is under BI 2.00 s, but 2 of 6 batches took longer").contains("at the edge");
    }

    @Test
    void droppedLinesAreFoundByCountingTheWords() {
        List<BatchMetrics> b = Batches.afterWarmup(600, 600, 600, 600, 600, 600);
        Evidence e = new Evidence(Lesson.FIX_DELAY, STEP2, b, Evidences.allCounted(STEP2, b, 0.78), 6, "done", false);
        Criterion counted = named(FixDelayCriteria.fromRun(e), "every received line counted");
        assertThat(counted.passed()).isFalse();
        assertThat(counted.measured()).startsWith("4,679 of 6,000 words (2,000 lines × 3)");
        assertThat(counted.hint()).contains("(22%) never reached reduceByKey").contains("drops lines");
    }

    @Test
    void linesCountedTwiceAreFoundToo() {
        List<BatchMetrics> b = Batches.afterWarmup(600, 600, 600);
        Evidence e = new Evidence(Lesson.FIX_DELAY, STEP2, b, Evidences.allCounted(STEP2, b, 2.0), 3, "done", false);
        assertThat(FixDelayCriteria.everyLineCounted(e).hint()).contains("counts lines twice");
    }

    @Test
    void noCountsAtAllFail() {
        List<BatchMetrics> b = Batches.afterWarmup(600, 600, 600);
        Evidence e = new Evidence(Lesson.FIX_DELAY, STEP2, b, java.util.Map.of(), 3, "done", false);
        Criterion c = FixDelayCriteria.everyLineCounted(e);
        assertThat(c.passed()).isFalse();
        assertThat(c.hint()).contains("no batch produced word counts");
    }

    @Test
    void aSlowerSourceIsNotTheFix() {
        Knobs slowSource = STEP2.withRate(70);
        List<BatchMetrics> b = Batches.simulate(Batches.recordsWithWarmup(140, 6), Batches.withWarmup(400, 400, 400, 400, 400, 400));
        Criterion rate = named(FixDelayCriteria.fromRun(Evidences.of(Lesson.FIX_DELAY, slowSource, b)), "input at the source's full rate");
        assertThat(rate.passed()).isFalse();
        assertThat(rate.measured()).startsWith("70.0 lines/s (source: 140 lines/s, needs ≥ 126)");
        assertThat(rate.hint()).contains("lowers the source to 70 lines/s");
    }

    @Test
    void aReceiverThatFallsShortIsReportedAsSuch() {
        List<BatchMetrics> b = Batches.simulate(Batches.recordsWithWarmup(200, 6), Batches.withWarmup(400, 400, 400, 400, 400, 400));
        Criterion rate = named(FixDelayCriteria.fromRun(Evidences.of(Lesson.FIX_DELAY, STEP2, b)), "input at the source's full rate");
        assertThat(rate.passed()).isFalse();
        assertThat(rate.hint()).contains("the receiver delivered fewer lines");
    }

    @Test
    void aBacklogStillDrainingAtTheEndIsExplainedAsSuch() {
        // A busy machine: the first full batch takes 9 s and leaves an 8 s backlog; 1.9 s batches barely drain it
        // during the warm-up (capped at 5), then 1.2 s batches work it off, too slowly for the window (SD 7.5 s → 1.1 s).
        long[] pt = {3000, 9000, 1900, 1900, 1900, 1900, 1900, 1200, 1200, 1200, 1200, 1200, 1200, 1200, 1200, 1200};
        long[] records = Batches.repeat(280, pt.length);
        records[0] = 0;
        Evidence e = Evidences.of(Lesson.FIX_DELAY, STEP2, Batches.simulate(records, pt));
        List<Criterion> c = FixDelayCriteria.fromRun(e);
        Criterion delay = named(c, "scheduling delay stays near 0");
        assertThat(delay.passed()).isFalse();
        assertThat(delay.hint()).startsWith("PT is under BI (median").contains("SD falls").contains("--batches 16")
                .doesNotContain("whenever PT > BI");
        assertThat(named(c, "no batches queued").hint()).contains("backlog described above");
    }

    @Test
    void theStartUpBacklogIsNotHeldAgainstAJobThatKeepsUp() {
        // Spark's first batch takes 7 s; 0.6 s batches then drain the three that queued behind it.
        long[] pt = {7000, 600, 600, 600, 600, 600, 600, 600, 600, 600, 600};
        long[] records = Batches.repeat(280, pt.length);
        records[0] = 0;
        Evidence e = Evidences.of(Lesson.FIX_DELAY, STEP2, Batches.simulate(records, pt));
        assertThat(e.warmup()).isGreaterThan(2);
        assertThat(e.measured()).hasSizeGreaterThanOrEqualTo(3);
        assertThat(Lesson.FIX_DELAY.fromRun(e)).allMatch(Criterion::passed);
    }
}
