package io.ssplab.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.ssplab.core.Json;
import io.ssplab.core.Lang;

/** The split of a batch's time, on hand-made batches whose parts are known. */
class BatchBreakdownTest {

    /**
     * A batch at t = 0: jobs from 1000 to 3000 (PT 2000 ms). Stage 1 (blocks) 1010–1210, stage 2 (the cost) 1250–2850 with
     * 4 tasks, stage 3 2870–2990: 200 + 1600 + 120 = 1920 ms of stages, 80 ms on the driver between and around them.
     */
    static BatchBreakdown.Batch batch(long t, long costStageWall) {
        return new BatchBreakdown.Batch(t, 1000, 1080 + 200 + costStageWall + 120, 2, List.of(
                new BatchBreakdown.Stage(1, "repartition at X", 10, 1010, 1210, 1020, 1205, 50, 30, 400, 40, 0, 10),
                new BatchBreakdown.Stage(2, "map at Y", 4, 1250, 1250 + costStageWall, 1260, 1250 + costStageWall - 5, 40, 20, 6000, 8, 12, 4),
                new BatchBreakdown.Stage(3, "top at Z", 4, 1250 + costStageWall + 20, 1250 + costStageWall + 140, 1250 + costStageWall + 25,
                        1250 + costStageWall + 138, 20, 8, 60, 0, 4, 4)));
    }

    @Test
    void ptMinusCostTimeIsTheDriverTheOtherStagesAndTheCostStageBeyondItsWaits() {
        BatchBreakdown.Summary s = BatchBreakdown.summarize(List.of(batch(0, 1600)), 1500);
        assertThat(s.processingMs()).isEqualTo(2000);
        assertThat(s.stagesMs()).isEqualTo(1920);
        assertThat(s.driverMs()).isEqualTo(80);
        assertThat(s.costStage()).isEqualTo("map at Y"); // the longest total run time
        assertThat(s.costStageBeyondWaitsMs()).isEqualTo(100); // 1600 − 1500
        assertThat(s.otherStagesMs()).isEqualTo(320); // 200 + 120
        assertThat(s.sparkTimeMs()).isEqualTo(500).isEqualTo(s.driverMs() + s.otherStagesMs() + s.costStageBeyondWaitsMs());
        BatchBreakdown.StageSummary cost = s.stages().get(1);
        assertThat(cost.perTask()).containsExactly(new double[] {10, 5, 1500, 2, 3, 1}, within(1e-9));
        assertThat(cost.toFirstTaskMs()).isEqualTo(10);
        assertThat(cost.afterLastTaskMs()).isEqualTo(5);
    }

    @Test
    void theMedianBatchOverSeveral() {
        BatchBreakdown.Summary s = BatchBreakdown.summarize(List.of(batch(0, 1500), batch(2000, 1600), batch(4000, 2600)), 1500);
        assertThat(s.batches()).isEqualTo(3);
        assertThat(s.processingMs()).isEqualTo(2000); // the median batch's: 1900, 2000, 3000
        assertThat(s.costStageBeyondWaitsMs()).isEqualTo(100);
    }

    @Test
    void roundTripsThroughTheListenersFileAndRendersInBothLanguages(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("b.jsonl");
        Files.writeString(file, Json.COMPACT.writeValueAsString(batch(0, 1600)) + "\n");
        List<BatchBreakdown.Batch> read = BatchBreakdown.read(file);
        assertThat(read).containsExactly(batch(0, 1600));
        BatchBreakdown.Summary s = BatchBreakdown.summarize(read, 1500);
        assertThat(s.line(Lang.EN, 400)).contains("0.50 s").contains("0.08 s").contains("0.32 s").contains("0.10 s").contains("0.40 s");
        assertThat(String.join("\n", s.lines(Lang.EN))).contains("map at Y *").contains("1500 ms");
        assertThat(String.join("\n", s.lines(Lang.VI))).contains("giai đoạn").contains("0,50 s");
        assertThat(BatchBreakdown.summarize(List.of(), 0)).isNull();
    }
}
