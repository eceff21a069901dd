package io.ssplab.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.ssplab.core.BatchMetrics;

class BeforeAfterTest {
    private static RecordedRun run(String job, List<BatchMetrics> batches) {
        return SyntheticRuns.recorded(job, batches);
    }

    private static final RecordedRun SLOW = run("phase2", SyntheticRuns.phase2(8));
    private static final RecordedRun FIXED = run("phase3", SyntheticRuns.phase3(8));
    private static final RecordedRun BASE = run("phase1", SyntheticRuns.phase1(8));

    @Test
    void theDemoPairsPhase2WithPhase3() {
        BeforeAfter p = BeforeAfter.choose(List.of(BASE, SLOW, FIXED)).orElseThrow();
        assertThat(p.before().job()).isEqualTo("phase2");
        assertThat(p.after().job()).isEqualTo("phase3");
        assertThat(p.fileName()).isEqualTo("before-after-phase2-phase3.png");
    }

    @Test
    void theExercisesPairFillGapsWithFixDelay() {
        RecordedRun fill = run("fill-gaps", SyntheticRuns.phase2(8));
        RecordedRun fix = run("fix-delay", SyntheticRuns.phase3(8));
        BeforeAfter p = BeforeAfter.choose(List.of(fix, fill)).orElseThrow();
        assertThat(p.before()).isSameAs(fill);
        assertThat(p.after()).isSameAs(fix);
    }

    @Test
    void otherRunsPairTheFirstUnstableWithTheFirstStable() {
        RecordedRun a = run("mine-fast", SyntheticRuns.phase3(8));
        RecordedRun b = run("mine-slow", SyntheticRuns.phase2(8));
        BeforeAfter p = BeforeAfter.choose(List.of(a, b)).orElseThrow();
        assertThat(p.before()).isSameAs(b);
        assertThat(p.after()).isSameAs(a);
    }

    @Test
    void noPairWithoutBothKinds() {
        assertThat(BeforeAfter.choose(List.of(BASE, run("other", SyntheticRuns.phase3(8))))).isEmpty();
        assertThat(BeforeAfter.choose(List.of(SLOW))).isEmpty();
        assertThat(BeforeAfter.choose(List.of())).isEmpty();
    }
}
