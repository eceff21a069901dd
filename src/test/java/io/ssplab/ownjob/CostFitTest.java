package io.ssplab.ownjob;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;

import io.ssplab.metrics.QueryProgress;

/** The fit's rules on data whose answer is known, and the file names Spark gives its logs. */
class CostFitTest {

    @Test
    void tasksOfDifferentSizesGiveTheSlopeAndAnIntervalThatCoversIt() {
        Random r = new Random(7);
        List<ForeignRun.TaskSample> tasks = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            long n = 5 + r.nextInt(300);
            tasks.add(new ForeignRun.TaskSample(i / 7, Math.round(20 + 3.0 * n + r.nextGaussian() * 10), n));
        }
        CostFit fit = CostFit.of(tasks, List.of());
        assertThat(fit.method()).isEqualTo(CostFit.Method.TASKS_LINEAR);
        assertThat(fit.perRecordMs()).isBetween(2.9, 3.1);
        assertThat(fit.covers(3.0)).as("%s", fit).isTrue();
        assertThat(fit.interceptMs()).isBetween(10.0, 30.0);
    }

    @Test
    void tasksAllOfOneSizeGiveTheRatioAnUpperBound() {
        List<ForeignRun.TaskSample> tasks = new ArrayList<>();
        for (int i = 0; i < 20; i++) tasks.add(new ForeignRun.TaskSample(i, 100 * 2 + 10 + (i % 3), 100));
        CostFit fit = CostFit.of(tasks, List.of());
        assertThat(fit.method()).isEqualTo(CostFit.Method.TASKS_RATIO);
        assertThat(fit.perRecordMs()).isGreaterThan(2.0).isLessThan(2.2);
    }

    @Test
    void tooFewTasksAndBatchesOfOneSizeGiveNoEstimate() {
        List<ForeignRun.TaskSample> tasks = List.of(new ForeignRun.TaskSample(1, 200, 100), new ForeignRun.TaskSample(2, 210, 100));
        List<io.ssplab.core.BatchMetrics> batches = new ArrayList<>();
        for (int i = 0; i < 10; i++) batches.add(new io.ssplab.core.BatchMetrics("j", i * 2000L, 2000, 280, 140, 900 + i, 0, 900 + i, 0));
        CostFit fit = CostFit.of(tasks, batches);
        assertThat(fit.exists()).isFalse();
    }

    @Test
    void theFileNamesSparkGivesItsLogs() {
        assertThat(EventLogFiles.appIdOf("local-1700000000000.lz4.inprogress")).isEqualTo("local-1700000000000");
        assertThat(EventLogFiles.appIdOf("app-20250101120000-0001")).isEqualTo("app-20250101120000-0001");
        assertThat(EventLogFiles.appIdOf("eventlog_v2_local-17")).isEqualTo("local-17");
        assertThat(EventLogFiles.appIdOf("events_3_local-17.zstd")).isEqualTo("local-17");
        assertThat(EventLogFiles.codecOf("events_1_local-17.zstd")).isEqualTo("zstd");
        assertThat(EventLogFiles.codecOf("local-17")).isNull();
    }

    @Test
    void theTriggerIsReadOffTheBatchesThatWaitedForIt() {
        long t = 2000;
        long base = 1_796_000_000_000L; // a multiple of 2 s: the grid is aligned to the epoch
        List<QueryProgress> ps = new ArrayList<>();
        long[] slots = {0, 1, 2, 4, 5, 7, 8};
        for (int i = 0; i < slots.length; i++) {
            long start = base + slots[i] * t + (i == 0 ? 337 : 3); // batch 0 is off the grid
            ps.add(new QueryProgress(i, start, Map.of("triggerExecution", 400L), 10, 5, 25, 400));
        }
        assertThat(ForeignRun.inferTrigger(ps)).isEqualTo(t);
        assertThat(ForeignRun.inferTrigger(ps.subList(0, 2))).as("one batch that waited: unknown").isNull();
    }
}
