package io.ssplab.grader;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.ssplab.core.BatchMetrics;
import io.ssplab.core.Knobs;
import io.ssplab.exercises.structured.QueryExercise;
import io.ssplab.exercises.structured.QueryExerciseStates;
import io.ssplab.metrics.RecordedQueries;

/**
 * The Structured Streaming exercises' criteria, without Spark: what is read from the code (the solutions pass,
 * wrong values fail with the reason in numbers), and what is measured, on queries recorded on the lab's 2-core
 * machine with the solutions' very knobs (ss-overload: T 3 s, local[2], P=2, 16 ms/line; ss-parallelism: the
 * same on local[8], P=8) and on synthetic batches.
 */
class QueryCriteriaTest {
    static final QueryExercise FILL = Lesson.FILL_GAPS.querySolution();
    static final QueryExercise FIX = Lesson.FIX_DELAY.querySolution();

    static QueryEvidence recorded(Lesson lesson, String recording, Knobs knobs) {
        List<BatchMetrics> batches = RecordedQueries.batches(recording, knobs.job(), knobs.batchIntervalMs());
        return new QueryEvidence(lesson, knobs, batches, 8, "8 batches measured", false);
    }

    static Criterion named(List<Criterion> criteria, String name) {
        return criteria.stream().filter(c -> c.name().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void theSolutionsAreTheLessonsKnobs() {
        assertThat(FILL.defaults().master()).isEqualTo("local[2]");
        assertThat(QueryCriteria.predict(FILL.defaults()).loadFactor()).isEqualTo(1.12, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(QueryCriteria.predict(FIX.defaults()).loadFactor()).isEqualTo(0.28, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(FIX.trigger()).isEqualTo(FILL.trigger());
        assertThat(FIX.costPerLine()).isEqualTo(FILL.costPerLine());
    }

    @Test
    void fillGapsFromCodeComparesEachGapWithTheSolution() {
        assertThat(QueryCriteria.fromCode(Lesson.FILL_GAPS, QueryExerciseStates.fillGaps(5), FILL)).hasSize(5).allMatch(Criterion::passed);
        List<Criterion> c = QueryCriteria.fromCode(Lesson.FILL_GAPS, QueryExerciseStates.with(FILL, null, null, 8, null), FILL);
        Criterion slots = named(c, "gap 3: task slots");
        assertThat(slots.passed()).isFalse();
        assertThat(slots.measured()).isEqualTo("local[8] (step 1: local[2])");
        assertThat(slots.hint()).contains("step 1 asks for local[2], your code returns local[8]").contains("a·r = 1.12 ≥ 1");
        assertThat(c.stream().filter(Criterion::passed)).hasSize(4);
    }

    @Test
    void fixDelayFromCodeKeepsStepOnesTriggerAndWaitAndAsksTheModel() {
        List<Criterion> ok = QueryCriteria.fromCode(Lesson.FIX_DELAY, QueryExerciseStates.fixDelay(5), FIX);
        assertThat(ok).extracting(Criterion::name).containsExactly("step 1's trigger kept", "step 1's wait per line kept", "the model predicts STABLE");
        assertThat(ok).allMatch(Criterion::passed);
        assertThat(ok.get(2).measured()).contains("a·r = 0.28").contains("≤ T 3.00 s → STABLE");

        // step 1's slots and partitions: the model says the overload is still there
        Criterion model = named(QueryCriteria.fromCode(Lesson.FIX_DELAY, QueryExerciseStates.with(FIX, null, null, 2, 2), FIX),
                "the model predicts STABLE");
        assertThat(model.passed()).isFalse();
        assertThat(model.measured()).contains("a·r = 1.12").contains("> T 3.00 s → UNSTABLE");
        assertThat(model.hint()).contains("bin/ssp plan --job ss-overload --master local[N] --partitions P --cost 16ms");

        // a longer trigger or a lighter wait hides the overload: refused, and the model is not asked
        List<Criterion> longer = QueryCriteria.fromCode(Lesson.FIX_DELAY, QueryExerciseStates.with(FIX, Duration.ofSeconds(10), null, 2, 2), FIX);
        assertThat(longer).hasSize(2);
        assertThat(longer.get(0).passed()).isFalse();
        assertThat(longer.get(0).measured()).isEqualTo("10 s (step 1: 3 s)");
        List<Criterion> lighter = QueryCriteria.fromCode(Lesson.FIX_DELAY, QueryExerciseStates.with(FIX, null, Duration.ofMillis(1), 2, 2), FIX);
        assertThat(lighter.get(1).passed()).isFalse();
    }

    @Test
    void theRecordedOverloadPassesStepOneAndFailsStepTwo() {
        QueryEvidence overload = recorded(Lesson.FILL_GAPS, "unstable-overload", FILL.defaults());
        List<Criterion> fill = QueryCriteria.fromRun(overload);
        assertThat(fill).as(fill.toString()).extracting(Criterion::name)
                .containsExactly("D > T in most micro-batches", "rows per batch grow", "lateness grows");
        assertThat(fill).as(fill.toString()).allMatch(Criterion::passed);
        assertThat(overload.rowsGrowth()).isGreaterThan(2 * QueryCriteria.MIN_ROWS_GROWTH);
        assertThat(overload.latenessSlopeMsPerBatch()).isGreaterThan(2 * QueryCriteria.MIN_LATENESS_GROWTH_SHARE_OF_T * 3000);

        QueryEvidence asStepTwo = recorded(Lesson.FIX_DELAY, "unstable-overload", FILL.defaults().withJob("ss-fix-delay"));
        List<Criterion> fix = QueryCriteria.fromRun(asStepTwo);
        Criterion verdict = named(fix, "verdict STABLE");
        assertThat(verdict.passed()).isFalse();
        assertThat(verdict.measured()).startsWith("UNSTABLE: median D/T ");
        assertThat(verdict.hint()).startsWith("the batches grow");
        assertThat(verdict.hint()).contains("a = 16 ms × 1 wave / P=2 on local[2] = 8.00 ms per line, a·r = 1.12");
        assertThat(named(fix, "rows per batch at r·T").passed()).isFalse();
        assertThat(named(fix, "micro-batches start on time").passed()).isFalse();
    }

    @Test
    void theRecordedFixPassesStepTwoAndFailsStepOne() {
        QueryEvidence fixed = recorded(Lesson.FIX_DELAY, "stable-parallelism", FIX.defaults());
        List<Criterion> fix = QueryCriteria.fromRun(fixed);
        assertThat(fix).as(fix.toString()).extracting(Criterion::name).containsExactly("verdict STABLE", "D ≤ T in (nearly) all micro-batches",
                "rows per batch at r·T", "micro-batches start on time");
        assertThat(fix).as(fix.toString()).allMatch(Criterion::passed);
        assertThat(fixed.medianDurationMs()).isLessThan(0.8 * 3000);

        List<Criterion> fill = QueryCriteria.fromRun(recorded(Lesson.FILL_GAPS, "stable-parallelism", FIX.defaults().withJob("ss-fill-gaps")));
        assertThat(fill).noneMatch(Criterion::passed);
        assertThat(named(fill, "D > T in most micro-batches").hint()).contains("a·r = 0.28");
    }

    @Test
    void tooFewBatchesAfterWarmUpIsJudgedOnNothingElse() {
        Knobs k = FIX.defaults();
        List<BatchMetrics> batches = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            batches.add(new BatchMetrics(k.job(), 1_000_000 + 3000L * i, 3000, i == 0 ? 0 : 420, 140, 1500, 0, 1500, 0));
        }
        List<Criterion> c = QueryCriteria.fromRun(new QueryEvidence(Lesson.FIX_DELAY, k, batches, 8, "Ctrl-C", false));
        assertThat(c).hasSize(1);
        assertThat(c.get(0).passed()).isFalse();
        assertThat(c.get(0).measured()).startsWith("1 of 8");
    }
}
