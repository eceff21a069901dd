package io.ssplab.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.ssplab.core.Lang;
import io.ssplab.core.RunSummary;

/** The demo's comparison table in each language: the reader's words and numbers, every column aligned under its header. */
class StoryComparisonTest {
    private static final List<RunSummary> ACTS = List.of(StoryTest.PHASE1, StoryTest.PHASE2, StoryTest.PHASE3);

    private static List<String> printed(Lang lang) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            Lang.use(lang);
            Story.printComparison(new PrintStream(bytes, true, StandardCharsets.UTF_8), ACTS);
        } finally {
            Lang.use(Lang.EN);
        }
        return bytes.toString(StandardCharsets.UTF_8).lines().toList();
    }

    @Test
    void englishKeepsItsLayout() {
        List<String> lines = printed(Lang.EN);
        assertThat(lines).hasSize(4);
        assertThat(lines.get(0)).isEqualTo("job      master      P cost         median PT    model  PT/BI  final SD  verdict");
        assertThat(lines.get(2)).startsWith("phase2   local[4]    4 5.6 ms/word     2.60 s").endsWith("  UNSTABLE");
    }

    @Test
    void vietnameseHeadersWidenTheirColumnsAndTheRowsFollow() {
        List<String> lines = printed(Lang.VI);
        String header = lines.get(0);
        assertThat(header).contains("job", "master", "chi phí", "PT trung vị", "mô hình", "PT/BI", "SD cuối").endsWith("  kết luận");
        int verdict = header.indexOf("kết luận");
        int medianEnd = header.indexOf("PT trung vị") + "PT trung vị".length();
        for (int i = 0; i < ACTS.size(); i++) {
            String row = lines.get(1 + i);
            RunSummary s = ACTS.get(i);
            assertThat(row).startsWith(s.job()).endsWith("  " + s.verdict());
            assertThat(row.indexOf(s.verdict().name())).as(row).isEqualTo(verdict);
            // right-aligned under "PT trung vị", with a decimal comma
            assertThat(row.substring(0, medianEnd)).as(row).matches(".* \\d+,\\d\\d s");
            assertThat(row).contains(" ms/từ");
        }
        assertThat(lines.get(2)).contains("5,6 ms/từ", "2,60 s", "1,30");
    }

    /** {@code s} as a demo act prints it: predicted, with its overhead's source. */
    private static RunSummary predicted(RunSummary s, double predictedMs, String overheadSource) {
        return new RunSummary(s.knobs(), s.batches(), s.warmupBatches(), s.medianRecordsPerBatch(), s.meanInputRatePerSec(),
                s.medianProcessingTimeMs(), s.p95ProcessingTimeMs(), s.processingToIntervalRatio(), s.schedulingDelaySlopeMsPerBatch(),
                s.finalSchedulingDelayMs(), s.maxQueuedBatches(), s.verdict(), s.reason(), s.accounting(), predictedMs,
                100 * (predictedMs - s.medianProcessingTimeMs()) / s.medianProcessingTimeMs(), overheadSource);
    }

    @Test
    void theZeroCostActThatMeasuredTheOverheadSaysWhyItsModelColumnReadsLow() {
        // phase 1 (no cost) predicted with the default's 0.08 s, measured 0.30 s; phases 2 and 3 predicted with that 0.30 s
        List<RunSummary> acts = List.of(predicted(StoryTest.PHASE1, 81, "default"), predicted(StoryTest.PHASE2, 2500, "measured:phase1"),
                predicted(StoryTest.PHASE3, 1450, "measured:phase1"));
        assertThat(Story.measuredTheOverhead(acts)).isSameAs(acts.get(0));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Story.printComparison(new PrintStream(bytes, true, StandardCharsets.UTF_8), acts);
        List<String> lines = bytes.toString(StandardCharsets.UTF_8).lines().toList();
        assertThat(lines).hasSize(5);
        assertThat(lines.get(1)).contains("   -73%");
        assertThat(lines.get(4)).isEqualTo("phase1 costs nothing, so its model column reads low: the model predicts costed batches, which pay 0.08 s"
                + " of Spark's own work at these settings because their tasks hide part of it in their waits; with nothing to wait for, phase1"
                + " paid all of it, 0.30 s. That PT is the overhead the acts after it are predicted with.");

        // without an act predicted from it (a calibration, or phase 1 cut short), no note
        List<RunSummary> calibrated = List.of(predicted(StoryTest.PHASE1, 81, "calibrated"), predicted(StoryTest.PHASE2, 2500, "calibrated"));
        assertThat(Story.measuredTheOverhead(calibrated)).isNull();
        assertThat(Story.measuredTheOverhead(List.of(StoryTest.PHASE1, StoryTest.PHASE2))).isNull();
    }
}
