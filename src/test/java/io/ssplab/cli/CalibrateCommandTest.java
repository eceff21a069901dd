package io.ssplab.cli;

import static org.assertj.core.api.Assertions.assertThat;


import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.ssplab.core.ExitCodes;
import io.ssplab.model.Calibration;
import io.ssplab.model.Overhead;

/** bin/ssp calibrate: short real costed runs whose time beyond their cost becomes the planner's overhead. */
@Tag("alone") // runs with no other test JVM beside it (pom: surefire execution "alone"): it measures this machine's overhead, which a busy neighbour JVM would change (tried beside other Spark test JVMs at load 35: it measured 2.3 s)
class CalibrateCommandTest extends IsolatedCli {

    @Test
    void refusesWhatCannotBeMeasuredBeforeSparkStarts() {
        assertThat(ssp("calibrate", "--batches", "2")).isEqualTo(ExitCodes.USAGE);
        assertThat(ssp("calibrate", "--master", "local[1]")).isEqualTo(ExitCodes.USAGE);
        assertThat(ssp("calibrate", "--master", "spark://127.0.0.1:7077")).isEqualTo(ExitCodes.USAGE);
        assertThat(ssp("calibrate", "--partitions", "0")).isEqualTo(ExitCodes.USAGE);
        // the second setting has 4 × P partitions: P = 257 would ask for 1,028, beyond the partitions' range
        assertThat(ssp("calibrate", "--partitions", "257")).isEqualTo(ExitCodes.USAGE);
        assertThat(err().lines()).containsExactly(
                "calibrate: --batches must be 3–100, got 2: pass e.g. --batches 6",
                "calibrate: master local[1] has 1 task slot(s) and the socket receiver holds one for good, so no batch would ever run: use local[2] or more (the lesson uses local[4])",
                "calibrate: calibrate measures a local master; for a cluster, give plan the overhead you see there with --overhead",
                "calibrate: --partitions must be 1–256, got 0: pass e.g. --partitions 4",
                "calibrate: --partitions must be 1–256, got 257: pass e.g. --partitions 4");
        assertThat(out()).isEmpty();
        assertThat(Calibration.defaultPath()).doesNotExist();
        assertThat(org.apache.spark.SparkContext$.MODULE$.getActive().isEmpty()).isTrue();
    }

    @Test
    void measuresAndStoresTheOverheadThatPlanThenUses() throws Exception {
        // the fewest batches calibrate takes (its own minimum, a summary's): what is checked is that it measures and stores
        assertThat(ssp("calibrate", "--batches", "3", "--no-warm-up")).as(out() + err()).isZero();
        Calibration c = Calibration.load(Calibration.defaultPath());
        // 1 ms per word: PT is well under the 2 s interval even on a busy machine
        assertThat(c.overheadMs()).isPositive().isLessThan(2000);
        assertThat(c.highOverheadMs()).isPositive().isLessThan(2000);
        assertThat(c.perTaskMs()).isGreaterThanOrEqualTo(0);
        // BI 2 s of 200 ms blocks, P=4: 10 + 4 + 4 = 18 tasks, counted 2 × 10 + 4 + 4 = 28; P=16: 2 × 10 + 16 + 16 = 52
        assertThat(c.tasksPerBatch()).isEqualTo(Overhead.DEFAULT_REFERENCE_COUNT).isEqualTo(28);
        assertThat(c.highTasksPerBatch()).isEqualTo(52);
        assertThat(c.inputTaskWeight()).isEqualTo(Overhead.INPUT_TASK_WEIGHT);
        assertThat(c.master()).isEqualTo("local[4]");
        assertThat(c.costMs()).as("measured on costed batches, as the model uses it").isEqualTo(io.ssplab.model.Overhead.CALIBRATION_COST_MS);
        // the reference settings: P = 4 and 16 on local[2], local[4] and local[8], the median ratio to the default line scales it
        assertThat(c.settings()).extracting(Calibration.Setting::master)
                .containsExactly("local[2]", "local[2]", "local[4]", "local[4]", "local[8]", "local[8]");
        assertThat(c.settings()).extracting(Calibration.Setting::partitions).containsExactly(4, 16, 4, 16, 4, 16);
        // local[2] has one free slot: its tasks count twice more (28 → 56, 52 → 104)
        assertThat(c.settings()).extracting(Calibration.Setting::tasksCounted).containsExactly(56, 104, 28, 52, 28, 52);
        assertThat(c.settings().get(2).overheadMs()).isEqualTo(c.overheadMs());
        assertThat(c.settings().get(3).overheadMs()).isEqualTo(c.highOverheadMs());
        double[] ratios = c.settings().stream().mapToDouble(Calibration.Setting::ratio).toArray();
        assertThat(c.scale()).isEqualTo(Overhead.scaleOf(ratios));
        assertThat(out()).contains("calibrated: Spark's overhead here (PT minus the cost time) at 6 settings, against the lab's default line:")
                .contains("local[8]  P=16  ").contains(" tasks counted; the default line says ").contains("saved to");
        // which case it was: all six on one side of the line (a scale), or both sides (the default line, × 1.00)
        assertThat(out()).contains(Overhead.sameSide(ratios) ? "this machine's scale is their median, × " : "the scale stays × 1.00");

        out.reset();
        assertThat(ssp("plan", "--job", "phase1")).isZero();
        assertThat(out()).contains("calibrated here: the lab's default × ");
    }
}
