package io.ssplab.grader;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import io.ssplab.core.Knobs;
import io.ssplab.solutions.FillGapsSolution;
import io.ssplab.solutions.FixDelaySolution;

class LessonTermsTest {
    static final Knobs STEP1 = new FillGapsSolution().defaults();

    @Test
    void wavesInTheLessonsWords() {
        assertThat(LessonTerms.waves(STEP1))
                .isEqualTo("4 partitions on 3 free task slots run in 2 waves of 70 lines × 15 ms = 2.10 s (the last wave runs 1 task)");
        assertThat(LessonTerms.waves(new FixDelaySolution().defaults()))
                .isEqualTo("8 partitions on 7 free task slots run in 2 waves of 35 lines × 5 ms = 0.35 s (the last wave runs 1 task)");
        assertThat(LessonTerms.waves(STEP1.withMaster("local[8]").withPartitions(7)))
                .isEqualTo("7 partitions on 7 free task slots run in 1 wave of 40 lines × 15 ms = 0.60 s");
        assertThat(LessonTerms.waves(STEP1.withMaster("local[8]").withPartitions(1)))
                .isEqualTo("1 partition on 7 free task slots run in 1 wave of 280 lines × 15 ms = 4.20 s (6 slots stay idle)");
        assertThat(LessonTerms.waves(STEP1.withMaster("local[2]").withPartitions(6)))
                .isEqualTo("6 partitions on 1 free task slot run in 6 waves of 47 lines × 15 ms = 4.20 s");
        assertThat(LessonTerms.waves(STEP1.withMaster("local[8]").withPartitions(6)))
                .endsWith("(1 slot stays idle)");
    }

    @Test
    void sparksOwnWorkIsWhatPtAddsToTheWaits() {
        assertThat(LessonTerms.sparkOverhead(STEP1, 2350)).isEqualTo(", plus ≈ 0.25 s of Spark's own work per batch");
        assertThat(LessonTerms.sparkOverhead(STEP1, 2000)).isEmpty();
        assertThat(LessonTerms.sparkOverhead(STEP1, 3100)).contains("≈ 1.00 s").contains("other programs are competing for the CPU");
    }

    @Test
    void theStepsMasterIsNamedOnlyWhenTheExerciseUsesAnother() {
        assertThat(LessonTerms.stepMasterNote(STEP1, Lesson.FILL_GAPS)).isEmpty();
        assertThat(LessonTerms.stepMasterNote(STEP1, Lesson.FIX_DELAY)).isEqualTo(" (Step 2 runs on local[8]: 7 free task slots.)");
    }

    @Test
    void durationsReadAsWritten() {
        assertThat(LessonTerms.duration(Duration.ofSeconds(2))).isEqualTo("2 s");
        assertThat(LessonTerms.duration(Duration.ofMillis(1500))).isEqualTo("1.5 s");
        assertThat(LessonTerms.duration(Duration.ofMillis(15))).isEqualTo("15 ms");
        assertThat(LessonTerms.duration(Duration.ofNanos(5_500_000))).isEqualTo("5.5 ms");
        assertThat(LessonTerms.duration(Duration.ofNanos(250_000))).isEqualTo("0.25 ms");
        assertThat(LessonTerms.duration(Duration.ZERO)).isEqualTo("0 ms");
    }

    @Test
    void countsAgree() {
        assertThat(LessonTerms.count(1, "wave")).isEqualTo("1 wave");
        assertThat(LessonTerms.count(2, "wave")).isEqualTo("2 waves");
        assertThat(LessonTerms.count(0, "batch", "batches")).isEqualTo("0 batches");
    }
}
