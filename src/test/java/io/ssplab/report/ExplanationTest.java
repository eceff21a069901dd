package io.ssplab.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.ssplab.core.BatchMetrics;
import io.ssplab.core.Format;
import io.ssplab.core.Knobs;
import io.ssplab.core.RunSummary;
import io.ssplab.jobs.Phase2Bottleneck;
import io.ssplab.metrics.Summarizer;
import io.ssplab.model.BatchArithmetic;

class ExplanationTest {
    private static RecordedRun run(String job, String master, int p, double costMs, String unit, List<BatchMetrics> batches) {
        return SyntheticRuns.recorded(job, master, p, costMs, unit, batches);
    }

    private static RecordedRun unknown(String job, List<BatchMetrics> batches) {
        RunSummary s = Summarizer.summarize(Knobs.onlyInterval(job, 2000), batches);
        return new RecordedRun(job, Path.of(job + ".jsonl"), batches, s, false, List.of());
    }

    @Test
    void phase2IsExplainedByTwoWavesOfTheCostAndItsDelayClimbs() {
        Explanation e = Explanation.of(run("phase2", "local[4]", 4, 5.4, "word", SyntheticRuns.phase2(12)));
        assertThat(e.english())
                .contains("phase2 ran on local[4] with P=4 and a wait of 5.4 ms per word")
                .contains("a median of 280 lines (≈ 140 lines/s × 2.00 s), that is 840 words at 3 words per line")
                .contains("210.0 words per partition")
                .contains("1 of the 4 task slots, leaving 3, so the 4 tasks run in 2 waves (3 tasks, then 1)")
                .contains("2 × 210.0 × 5.4 ms ≈ 2.27 s")
                .contains("PT/BI 1.27")
                .contains("Verdict: UNSTABLE")
                .contains("The first 2 batch(es) are warm-up");
        // the same sentences from the Vietnamese bundle, with Vietnamese numbers: decimal commas
        assertThat(e.vietnamese())
                .contains("phase2 chạy trên local[4] với P=4 và thời gian chờ 5,4 ms cho mỗi từ")
                .contains("trung vị 280 dòng (≈ 140 dòng/s × 2,00 s), tức 840 từ với 3 từ mỗi dòng")
                .contains("mỗi partition có 210,0 từ")
                .contains("còn 3 slot trống, nên 4 task chạy thành 2 đợt (3 task, rồi 1)")
                .contains("2 × 210,0 × 5,4 ms ≈ 2,27 s")
                .contains("PT/BI 1,27")
                .contains("Kết luận: UNSTABLE")
                .contains("2 batch đầu là warm-up")
                .doesNotContainPattern("\\d\\.\\d");
        assertThat(e.english()).doesNotContainPattern("\\d,\\d{1,2}\\b").doesNotContain("Kết luận");
        assertThat(e.in(io.ssplab.core.Lang.EN)).isEqualTo(e.english());
        assertThat(e.in(io.ssplab.core.Lang.VI)).isEqualTo(e.vietnamese());
    }

    @Test
    void phase3HasSevenFreeSlotsAndStaysStable() {
        Explanation e = Explanation.of(run("phase3", "local[8]", 8, 5.4, "word", SyntheticRuns.phase3(12)));
        assertThat(e.english()).contains("leaving 7, so the 8 tasks run in 2 waves (7 tasks, then 1)")
                .contains("2 × 105.0 × 5.4 ms ≈ 1.13 s").contains("scheduling delay stays flat").contains("Verdict: STABLE");
        assertThat(e.vietnamese()).contains("còn 7 slot trống").contains("2 × 105,0 × 5,4 ms ≈ 1,13 s").contains("giữ phẳng")
                .contains("Kết luận: STABLE").doesNotContainPattern("\\d\\.\\d");
    }

    @Test
    void aFullWaveIsNotCalledPartial() {
        Explanation e = Explanation.of(run("x", "local[5]", 4, 5, "line", SyntheticRuns.phase3(8)));
        assertThat(e.english()).contains("leaving 4, so the 4 tasks run in 1 wave.").contains("70.0 lines per partition");
        assertThat(e.english()).doesNotContain("words at");
    }

    @Test
    void withoutCostPtIsSparksOwnWork() {
        Explanation e = Explanation.of(run("phase1", "local[4]", 4, 0, "word", SyntheticRuns.phase1(12)));
        assertThat(e.english()).contains("no per-record wait: PT is Spark's own work per batch").contains("Verdict: STABLE");
        assertThat(e.vietnamese()).contains("không có thời gian chờ");
    }

    @Test
    void aClusterMasterSaysItsCoresAreAssumed() {
        Explanation e = Explanation.of(run("phase2", "spark://10.0.0.5:7077", 4, 5.4, "word", SyntheticRuns.phase2(8)));
        assertThat(e.english()).contains("(assuming 4: a cluster's cores are not recorded)");
        assertThat(e.vietnamese()).contains("giả định 4");
    }

    @Test
    void unknownKnobsAreSaidAndAKnownJobsDefaultsAreOffered() {
        Explanation e = Explanation.of(unknown("phase2", SyntheticRuns.phase2(8)));
        assertThat(e.english()).contains("does not record the master, the partitions or the cost")
                // phase 2's knobs as the job class ships them: 2 waves × 210 words × its cost per word
                .contains("If the run used phase2's defaults (local[4], P=4, " + Format.plain(Phase2Bottleneck.KNOBS.costMs())
                        + " ms/word), the waits alone would take ≈ " + Format.seconds(BatchArithmetic.of(Phase2Bottleneck.KNOBS).costTimeMs())
                        + " per batch (2 waves)")
                .contains("Verdict: UNSTABLE");
        assertThat(e.vietnamese()).contains("không ghi master").contains("cấu hình mặc định của phase2");

        Explanation other = Explanation.of(unknown("my-job", SyntheticRuns.phase1(8)));
        assertThat(other.english()).contains("does not record").doesNotContain("defaults");
    }

    @Test
    void tooFewBatchesAreInconclusive() {
        Explanation e = Explanation.of(run("phase2", "local[4]", 4, 5.4, "word", SyntheticRuns.phase2(2)));
        assertThat(e.english()).contains("Only 2 batch(es) were recorded, too few for a verdict").doesNotContain("The first");
        assertThat(e.vietnamese()).contains("Chỉ ghi được 2 batch");
    }

    @Test
    void aDelayThatClimbsUnderBiIsStillUnstable() {
        // PT just under BI with every third batch slow: the median keeps up, the backlog does not.
        List<BatchMetrics> batches = new java.util.ArrayList<>();
        long sd = 0;
        for (int i = 0; i < 12; i++) {
            long pt = i % 3 == 0 ? 3000 : 1900;
            batches.add(new BatchMetrics("edge", SyntheticRuns.T0 + i * 2000L, 2000, 280, 140, pt, sd, sd + pt, 1));
            sd = Math.max(0, sd + pt - 2000);
        }
        Explanation e = Explanation.of(run("edge", "local[4]", 4, 5, "word", batches));
        assertThat(e.english()).contains("Median PT stays under BI").contains("Verdict: UNSTABLE");
        assertThat(e.vietnamese()).contains("các batch chậm dồn lại");
    }

    @Test
    void anUnknownMasterStillGivesTheMeasuredNumbers() {
        Explanation e = Explanation.of(run("odd", "yarn", 4, 5, "word", SyntheticRuns.phase3(8)));
        assertThat(e.english()).contains("odd ran on yarn with P=4; measured:");
    }
}
