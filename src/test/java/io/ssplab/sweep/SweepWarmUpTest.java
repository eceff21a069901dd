package io.ssplab.sweep;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import io.ssplab.model.Overhead;
import io.ssplab.model.Prediction;
import io.ssplab.model.ProcessingTimeModel;

/**
 * The warm-up before a sweep's (and a calibration's) first cell is there to run thousands of tasks, so that the JIT has
 * compiled Spark's per-task code before anything is measured (docs/planner.md, "The warm-up, measured"). These pin that
 * design by its arithmetic; a real warm-up runs in every {@code bin/ssp sweep} and {@code bin/ssp calibrate}.
 */
class SweepWarmUpTest {

    private static Prediction warmUp() {
        return new SweepRunner(new ProcessingTimeModel(Overhead.defaults("")), System.out, true).warmUpPrediction(io.ssplab.model.HandComputed.PHASE2);
    }

    @Test
    void runsThousandsOfTasksInAboutHalfAMinute() {
        Prediction p = warmUp();
        // 500 ms / 200 ms = 3 receiver blocks, then P = 24 twice: 51 tasks a batch
        assertThat(p.workload().tasksPerBatch()).isEqualTo(3 + 24 + 24);
        assertThat(SweepRunner.WARM_UP_BATCHES * p.workload().tasksPerBatch()).isGreaterThanOrEqualTo(3000);
        assertThat(SweepRunner.WARM_UP_BATCHES * p.batchIntervalMs()).isLessThanOrEqualTo(30_000);
    }

    @Test
    void isPredictedToKeepUpWithRoomToSpare() {
        Prediction p = warmUp();
        assertThat(p.arithmetic().costTimeMs()).as("no cost: only Spark's own work").isZero();
        // the model's default overhead at its task waves, with room to spare on a busier machine
        assertThat(p.ratio()).isLessThan(0.5);
    }
}
