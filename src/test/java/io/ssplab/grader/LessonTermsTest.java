package io.ssplab.grader;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import io.ssplab.core.Format;
import io.ssplab.core.Knobs;
import io.ssplab.core.Lang;
import io.ssplab.core.Messages;
import io.ssplab.model.Overhead;
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
                .isEqualTo("1 partition on 7 free task slots run in 1 wave of 280 lines × 15 ms = 4.20 s (6 slots idle)");
        assertThat(LessonTerms.waves(STEP1.withMaster("local[2]").withPartitions(6)))
                .isEqualTo("6 partitions on 1 free task slot run in 6 waves of 47 lines × 15 ms = 4.20 s");
        assertThat(LessonTerms.waves(STEP1.withMaster("local[8]").withPartitions(6)))
                .endsWith("(1 slot idle)");
    }

    @Test
    void sparksOwnWorkIsWhatPtAddsToTheWaits() {
        assertThat(Overhead.load().calibrated()).as("the tests' ssp.home holds no calibration: the model's default overhead").isFalse();
        double waits = 2100; // step 1: 2 waves × 70 lines × 15 ms
        // (startsWith: whether 0.25 s is more than a busy machine's share depends on the default overhead, tested below)
        assertThat(LessonTerms.sparkOverhead(STEP1, waits + 250)).startsWith(", plus ≈ 0.25 s of Spark's own work per batch");
        assertThat(LessonTerms.sparkOverhead(STEP1, waits - 100)).isEmpty();
        // step 1 has the reference setting's 18 tasks: the model expects the default's per-batch overhead
        double expected = LessonTerms.modelOverheadMs(STEP1);
        assertThat(expected).isEqualTo(Overhead.DEFAULT_PER_BATCH_MS);
        // up to three times that is Spark's usual work; beyond it, a busy machine
        double busy = LessonTerms.BUSY_MACHINE_FACTOR * expected;
        assertThat(LessonTerms.sparkOverhead(STEP1, waits + busy - 20))
                .isEqualTo(", plus ≈ " + Format.seconds(busy - 20) + " of Spark's own work per batch");
        assertThat(LessonTerms.sparkOverhead(STEP1, waits + busy + 20)).contains("≈ " + Format.seconds(busy + 20))
                .contains("this machine's model expects ≈ " + Format.seconds(expected) + ", so other programs are competing for the CPU");
    }

    @Test
    void theBusyMachineThresholdIsTheModelsOverheadForTheseKnobs() {
        // step 2: 10 blocks and 8 + 8 tasks = 26 tasks, 8 more than the reference setting's 18
        Knobs step2 = new FixDelaySolution().defaults();
        double expected = LessonTerms.modelOverheadMs(step2);
        assertThat(expected).isEqualTo(Overhead.DEFAULT_PER_BATCH_MS + 8 * Overhead.PER_TASK_MS);
        double waits = 350; // 2 waves × 35 lines × 5 ms
        double busy = LessonTerms.BUSY_MACHINE_FACTOR * expected;
        assertThat(LessonTerms.sparkOverhead(step2, waits + busy - 20))
                .isEqualTo(", plus ≈ " + Format.seconds(busy - 20) + " of Spark's own work per batch");
        assertThat(LessonTerms.sparkOverhead(step2, waits + busy + 20)).contains("≈ " + Format.seconds(busy + 20))
                .contains("model expects ≈ " + Format.seconds(expected));
    }

    @Test
    void theStepsMasterIsNamedOnlyWhenTheExerciseUsesAnother() {
        assertThat(LessonTerms.stepMasterNote(STEP1, Lesson.FILL_GAPS)).isEmpty();
        assertThat(LessonTerms.stepMasterNote(STEP1, Lesson.FIX_DELAY)).isEqualTo(" (Step 2 runs on local[8]: 7 free task slots.)");
    }

    @Test
    void durationsReadAsWritten() {
        // the hints quote a student's values as they are written in the code
        assertThat(Format.duration(Duration.ofSeconds(2))).isEqualTo("2 s");
        assertThat(Format.duration(Duration.ofMillis(1500))).isEqualTo("1.5 s");
        assertThat(Format.duration(Duration.ofMillis(15))).isEqualTo("15 ms");
        assertThat(Format.duration(Duration.ofNanos(5_500_000))).isEqualTo("5.5 ms");
        assertThat(Format.duration(Duration.ofNanos(250_000))).isEqualTo("0.25 ms");
        assertThat(Format.duration(Duration.ZERO)).isEqualTo("0 ms");
    }

    @Test
    void countsAgree() {
        assertThat(Messages.count(1, "noun.wave")).isEqualTo("1 wave");
        assertThat(Messages.count(2, "noun.wave")).isEqualTo("2 waves");
        assertThat(Messages.count(0, "noun.batch")).isEqualTo("0 batches");
        assertThat(Messages.count(1, "noun.freeTaskSlot")).isEqualTo("1 free task slot");
    }

    @Test
    void theWavesReadInVietnameseToo() {
        Lang before = Lang.current();
        try {
            Lang.use(Lang.VI);
            assertThat(LessonTerms.waves(STEP1))
                    .isEqualTo("4 partition trên 3 task slot trống chạy thành 2 đợt, mỗi đợt 70 dòng × 15 ms = 2,10 s (đợt cuối chạy 1 task)");
            assertThat(LessonTerms.sparkOverhead(STEP1, 2100 + 250)).startsWith(", cộng ≈ 0,25 s việc riêng của Spark mỗi batch");
        } finally {
            Lang.use(before);
        }
    }
}
