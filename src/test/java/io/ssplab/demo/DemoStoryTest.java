package io.ssplab.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

import io.ssplab.cli.Main;
import io.ssplab.core.BatchMetrics;
import io.ssplab.core.Format;
import io.ssplab.core.Lang;
import io.ssplab.core.RunSummary;
import io.ssplab.jobs.Jobs;
import io.ssplab.jobs.Phase1Baseline;
import io.ssplab.jobs.Story;
import io.ssplab.metrics.JsonLines;
import io.ssplab.metrics.Summarizer;
import io.ssplab.model.BatchArithmetic;
import io.ssplab.model.Overhead;
import io.ssplab.model.ProcessingTimeModel;
import io.ssplab.model.Workload;
import io.ssplab.pipeline.StreamingJob;
import io.ssplab.source.SourceConfig;

/**
 * The whole classroom story, end to end, on real Spark: {@code bin/ssp demo --with-backpressure --lang vi} runs
 * phase1, phase2, phase3 and phase4 for real and each act must show its designed behaviour, with wide
 * margins around the phenomenon (never tight timings): phase1 and phase3 keep scheduling delay flat
 * with PT well under BI; phase2 runs PT above BI and its scheduling delay climbs batch after batch;
 * phase4, the same overload with Spark's backpressure, keeps the delay bounded by taking in less.
 * One demo serves all of them: each act is a Spark start, its warm-up, then {@value #BATCHES} measured
 * batches ({@code --batches} counts the batches after warm-up, {@link io.ssplab.metrics.Warmup}).
 *
 * <p>The demo also calibrates itself: phase 1 has no cost, so its measured PT is the overhead the later
 * acts are predicted with. Their summaries say so ({@code overheadSource "measured:phase1"}) and carry
 * the prediction; the model's error per act is printed, but only checked with a wide margin (it
 * depends on the machine's load).
 *
 * <p>The demo runs in Vietnamese, the language the classroom reads: its live tables, summaries, verdicts,
 * accounting and comparison must be Vietnamese (decimal commas, glossary words) and aligned, while the
 * files it writes (summary.json, the JSON Lines) stay locale-free. The behavioural checks read those
 * files; where they read the console, they parse Vietnamese numbers.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
// In the quiet lane (io.ssplab.AloneLaneTest: normal CPU priority, the other test JVMs lowered): its phase 1 measures the overhead the later acts are predicted with, and two Spark JVMs beside it at the same priority on 2 cores made that 1 s (three failures this session, none alone)
class DemoStoryTest {
    /**
     * Half the class's 10 ({@code --batches}, the demo's own option for a shorter run): every act shows its phenomenon
     * from its first measured batches (phase2's SD climbs ≈ 0.5 s a batch, phase4's intake starts throttled), and an
     * idle machine's phase 1 measures the same overhead over its first 5 as over 10 (0.23–0.24 s against 0.20–0.22 s in two runs: +2 % on
     * the later acts' predictions, against the 60 % checked). Not fewer: one GC pause in the last of 5 batches moves
     * the SD slope of phase 1 or 3 by 0.3 s × 2/10 = 60 ms, under the flat line's 100 ms; in the last of 4, 90 ms.
     */
    private static final int BATCHES = 5;
    private static final long BI = 2000;

    private Path dir;
    private int exitCode;
    private String console;
    private final Map<String, JsonNode> summaries = new HashMap<>();

    @BeforeAll
    void runTheDemoOnce(@TempDir Path tempDir) throws Exception {
        dir = tempDir;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try {
            exitCode = Main.run(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                    "demo", "--with-backpressure", "--batches", String.valueOf(BATCHES), "--no-ui", "--out", dir.toString(), "--lang", "vi");
        } finally {
            Lang.use(Lang.EN); // the language is process-wide: the next test class reads English
        }
        console = out.toString(StandardCharsets.UTF_8) + err.toString(StandardCharsets.UTF_8);
        System.out.println(console); // the demo as a Vietnamese classroom sees it (surefire keeps it in the test's output file)
        for (JsonNode s : io.ssplab.core.Json.MAPPER.readTree(dir.resolve("summary.json").toFile())) summaries.put(s.get("job").asText(), s);
    }

    @Test
    void theStoryHeldAndTheDemoSaysSo() throws Exception {
        assertThat(exitCode).as(console).isZero();
        assertThat(console).contains("=== so sánh ===",
                "câu chuyện diễn ra đúng dự kiến: phase1 STABLE, phase2 UNSTABLE, phase3 STABLE, phase4 scheduling delay bị backpressure chặn lại",
                "kết quả: " + dir.resolve("summary.json"), "overhead cho các màn sau: do phase1 đo trong lần chạy này");
        // nothing of the English story, nor a sentence of Spark's that the lab relays in English
        assertThat(console).doesNotContain("the story held", "=== comparison ===", "results: ", " summary: ", "  verdict: ", "did we lose anything?",
                "measured by phase1");
        List<RunSummary> all = new ArrayList<>();
        for (String act : List.of("phase1", "phase2", "phase3", "phase4")) all.add(summary(act));
        assertThat(Story.failures(all, Lang.EN)).isEmpty();
        assertThat(Story.failures(all, Lang.VI)).isEmpty();
    }

    @Test
    void summaryJsonHasOneObjectPerActWithTheDocumentedFields() {
        assertThat(summaries).containsOnlyKeys("phase1", "phase2", "phase3", "phase4");
        for (JsonNode s : summaries.values()) {
            for (String field : new String[] {"job", "master", "partitions", "costMs", "verdict", "batches", "warmupBatches", "medianProcessingTimeMs",
                    "processingToIntervalRatio", "schedulingDelaySlopeMsPerBatch", "finalSchedulingDelayMs", "predictedProcessingTimeMs",
                    "modelErrorPercent", "overheadSource"}) {
                assertThat(s.has(field)).as(s.get("job") + "." + field).isTrue();
            }
            // --batches N: N batches measured after the act's warm-up, which holds at least its first full batch
            assertThat(s.get("warmupBatches").asInt()).as(s.get("job") + " warm-up").isGreaterThanOrEqualTo(1);
            assertThat(s.get("batches").asInt() - s.get("warmupBatches").asInt()).as(s.get("job") + " measured batches").isEqualTo(BATCHES);
        }
        assertThat(summaries.get("phase3").get("master").asText()).isEqualTo("local[8]");
        assertThat(summaries.get("phase3").get("partitions").asInt()).isEqualTo(8);
        assertThat(summaries.get("phase2").get("costMs").asDouble()).isEqualTo(summaries.get("phase3").get("costMs").asDouble());
        assertThat(summaries.get("phase4").get("costMs").asDouble()).isEqualTo(summaries.get("phase2").get("costMs").asDouble());
    }

    @Test
    void phase1CalibratesThePredictionsOfTheLaterActs() throws Exception {
        RunSummary phase1 = summary("phase1");
        // phase1 itself is predicted with the machine's calibration, or the lab's default (the tests' ssp.home has none)
        assertThat(phase1.overheadSource()).isEqualTo("default");
        Overhead measured = Overhead.load().measuredBy("phase1", phase1.medianProcessingTimeMs(),
                Workload.of(phase1.knobs(), null, new Phase1Baseline().designedCores()));
        ProcessingTimeModel model = new ProcessingTimeModel(measured);
        for (String act : List.of("phase2", "phase3", "phase4")) {
            RunSummary s = summary(act);
            assertThat(s.overheadSource()).as(act).isEqualTo("measured:phase1");
            assertThat(s.predictedProcessingTimeMs()).as(act).isNotNull();
            StreamingJob job = Jobs.byName(act, false);
            // exactly the model's prediction with phase1's measured PT as the overhead
            assertThat(s.predictedProcessingTimeMs()).as(act)
                    .isCloseTo(model.predictRun(s.knobs(), job.sparkConf(), job.designedCores()).predictedProcessingTimeMs(), within(1e-6));
        }
        // phase2 has phase1's task waves: its prediction is phase1's PT plus the waits (2 waves × 210 words × its cost per word)
        assertThat(summary("phase2").predictedProcessingTimeMs())
                .isCloseTo(phase1.medianProcessingTimeMs() + BatchArithmetic.of(summary("phase2").knobs()).costTimeMs(), within(1e-6));
    }

    @Test
    void theModelsErrorPerActIsPrintedAndRoughlyRight() throws Exception {
        StringBuilder table = new StringBuilder("model error per act (predicted vs measured median PT):");
        for (String act : List.of("phase1", "phase2", "phase3", "phase4")) {
            RunSummary s = summary(act);
            table.append(String.format(java.util.Locale.ROOT, "%n  %-7s predicted %7.0f ms, measured %7.0f ms, error %+6.1f %% (overhead: %s; %d warm-up + %d measured batches, %.0f lines/s)",
                    act, s.predictedProcessingTimeMs(), s.medianProcessingTimeMs(), s.modelErrorPercent(), s.overheadSource(), s.warmupBatches(),
                    s.measuredBatches(), s.meanInputRatePerSec()));
        }
        System.out.println(table);
        // Wide margins only: the error moves with the machine's load. The acts predicted with phase1's own PT
        // as their overhead are off by the cost schedule and the load's drift, not by a factor.
        for (String act : List.of("phase2", "phase3")) {
            RunSummary s = summary(act);
            assertThat(s.modelErrorPercent()).as(act + " model error").isNotNull();
            assertThat(Math.abs(s.modelErrorPercent())).as(table.toString()).isLessThan(60);
            assertThat(s.modelErrorPercent()).isCloseTo(100 * (s.predictedProcessingTimeMs() - s.medianProcessingTimeMs()) / s.medianProcessingTimeMs(),
                    within(1e-6));
        }
    }

    @Test
    void phase1KeepsUpEasily() throws Exception {
        assertKeepsUp("phase1", 0.5);
    }

    @Test
    void phase3KeepsUpWithTheSameCostAsPhase2() throws Exception {
        assertKeepsUp("phase3", 0.9);
    }

    @Test
    void phase2FallsFurtherBehindEveryBatch() throws Exception {
        JsonNode s = summaries.get("phase2");
        assertThat(s.get("verdict").asText()).isEqualTo("UNSTABLE");
        assertThat(s.get("processingToIntervalRatio").asDouble()).isGreaterThan(1.1);
        // Designed: PT − BI ≈ 0.6 s per batch. Anything clearly above flat proves the point.
        assertThat(s.get("schedulingDelaySlopeMsPerBatch").asDouble()).isGreaterThan(0.1 * BI);
        List<BatchMetrics> measured = measured("phase2");
        assertThat(measured).hasSize(BATCHES);
        for (int i = 1; i < measured.size(); i++) {
            assertThat(measured.get(i).schedulingDelayMs()).as("SD of measured batch %d grows", i + 1)
                    .isGreaterThan(measured.get(i - 1).schedulingDelayMs());
        }
        assertThat(measured.get(measured.size() - 1).queuedBatches()).isGreaterThan(0);
        assertThat(measured.stream().filter(BatchMetrics::overBudget).count()).isGreaterThanOrEqualTo(measured.size() - 1);
    }

    @Test
    void phase4BoundsTheDelayByTakingInLessAndLosesNothing() throws Exception {
        RunSummary phase2 = summary("phase2");
        RunSummary phase4 = summary("phase4");
        // The demo's own check of the act: final SD at most one BI, ingestion below 90 % of the source's rate.
        assertThat(Story.backpressureFailure(phase4, Lang.EN)).as(console).isNull();
        assertThat(phase4.knobs().linesPerSecond()).isEqualTo(SourceConfig.DEFAULT_RATE);
        assertThat(phase4.finalSchedulingDelayMs()).as("final SD, phase4 vs phase2").isLessThan(phase2.finalSchedulingDelayMs() / 2);
        // The excess waited outside Spark (TCP buffers, then the source): nothing received was dropped for it.
        for (RunSummary s : List.of(phase2, phase4)) {
            assertThat(s.accounting().lostLines()).as(s.job() + " lost lines").isZero();
            assertThat(s.accounting().sentLines()).as(s.job() + " sent ≥ received").isGreaterThanOrEqualTo(s.accounting().receivedLines());
        }
        assertThat(summaries.get("phase4").at("/accounting/latencyP95Ms").asDouble()).as("stamped lines' latency").isPositive();
    }

    @Test
    void eachActsTableIsInVietnameseAndAligned() throws Exception {
        String header = "batch       bản ghi  tốc độ/s        PT        SD      tổng     chờ";
        assertThat(console.lines().filter(header::equals).count()).as("one live table per act, Vietnamese header").isEqualTo(4);
        for (String act : List.of("phase1", "phase2", "phase3", "phase4")) {
            List<String> rows = tableRows(act);
            RunSummary s = summary(act);
            assertThat(rows).as(act + " rows: one per completed batch").hasSize(s.batches());
            for (int i = 0; i < rows.size(); i++) {
                String row = rows.get(i);
                // the columns end where the header's do; after them only the marks, in the same column for every row
                String marks = row.substring(Math.min(row.length(), header.length()));
                assertThat(marks).as("%s row %d: %s", act, i, row).matches("(  ▲ PT > BI)?(  \\(warm-up\\))?");
                assertThat(marks.contains("(warm-up)")).as("%s row %d warm-up mark", act, i).isEqualTo(i < s.warmupBatches());
                assertThat(row.substring(0, Math.min(row.length(), header.length()))).as("%s row %d", act, i)
                        .matches("\\d\\d:\\d\\d:\\d\\d +[\\d.]+ +[\\d.]+,\\d( +\\d+,\\d\\d s){3} +\\d+");
            }
        }
    }

    @Test
    void theLiveTableShowsTheRecordedBatchesInVietnameseNumbers() throws Exception {
        // The console's numbers, read back as Vietnamese writes them, are the metrics file's.
        java.text.NumberFormat vi = java.text.NumberFormat.getInstance(Lang.VI.locale());
        for (String act : List.of("phase2", "phase4")) {
            List<String> rows = tableRows(act);
            List<BatchMetrics> all = JsonLines.read(dir.resolve(act + ".jsonl")).batches();
            assertThat(rows).hasSameSizeAs(all);
            for (int i = 0; i < rows.size(); i++) {
                String[] cells = rows.get(i).trim().split(" +");
                BatchMetrics b = all.get(i);
                assertThat(vi.parse(cells[1]).longValue()).as("%s records %d", act, i).isEqualTo(b.records());
                assertThat(vi.parse(cells[2]).doubleValue()).as("%s rate %d", act, i).isCloseTo(b.inputRatePerSec(), within(0.05));
                assertThat(vi.parse(cells[3]).doubleValue() * 1000).as("%s PT %d", act, i).isCloseTo(b.processingTimeMs(), within(5.0));
                assertThat(vi.parse(cells[5]).doubleValue() * 1000).as("%s SD %d", act, i).isCloseTo(b.schedulingDelayMs(), within(5.0));
                assertThat(vi.parse(cells[9]).intValue()).as("%s queued %d", act, i).isEqualTo(b.queuedBatches());
                assertThat(rows.get(i).contains("▲ PT > BI")).as("%s over budget %d", act, i).isEqualTo(b.overBudget());
            }
        }
    }

    @Test
    void summariesVerdictsAndAccountingAreInVietnamese() throws Exception {
        for (String act : List.of("phase1", "phase2", "phase3", "phase4")) {
            RunSummary s = summary(act);
            assertThat(console).contains("Tóm tắt " + act + ": " + s.batches() + " batch (bỏ " + s.warmupBatches() + " batch warm-up), "
                    + s.knobs().master() + ", P=" + s.knobs().partitions() + ", chi phí ");
            // the verdict and its reason, as the summary's numbers give them in Vietnamese: decimal commas
            String reason = Summarizer.reason(s, Lang.VI);
            assertThat(console).contains("  kết luận: " + s.verdict() + " — " + reason);
            assertThat(reason).as(act).containsPattern("PT trung vị \\d+,\\d\\d s (≤|>|dưới) BI 2,00 s").doesNotContainPattern("\\d\\.\\d\\d s");
            // the file keeps the English sentence
            assertThat(s.reason()).isEqualTo(Summarizer.reason(s, Lang.EN));
            assertThat(console).contains("  mô hình: PT dự đoán " + Format.seconds(Lang.VI, s.predictedProcessingTimeMs()) + ", đo được "
                    + Format.seconds(Lang.VI, s.medianProcessingTimeMs()));
        }
        assertThat(console).contains("  kết luận: UNSTABLE — PT trung vị ", "(dùng ", "% của BI) và scheduling delay phẳng");
        assertThat(console).containsPattern("  PT trung vị \\d+,\\d\\d s, p95 \\d+,\\d\\d s, PT/BI \\d+,\\d\\d; xu hướng SD [+-]\\d+ ms/batch");
        // record accounting: nothing lost in any act, said in Vietnamese
        assertThat(console.lines().filter(l -> l.startsWith("  có mất gì không? không mất gì")).count()).isEqualTo(4);
        assertThat(console).contains("  bản ghi: đã gửi ", "dòng có đóng dấu", "  độ trễ đầu-cuối (dòng đến hạn → batch xong): p50 ");
    }

    @Test
    void theComparisonIsInVietnameseAndAligned() throws Exception {
        List<String> lines = console.lines().toList();
        int at = lines.indexOf("=== so sánh ===");
        assertThat(at).isNotNegative();
        String header = lines.get(at + 1);
        assertThat(header).startsWith("job").contains("master", "chi phí", "PT trung vị", "mô hình", "PT/BI", "SD cuối").endsWith("  kết luận");
        int verdictColumn = header.lastIndexOf("kết luận");
        List<String> acts = List.of("phase1", "phase2", "phase3", "phase4");
        for (int i = 0; i < acts.size(); i++) {
            String row = lines.get(at + 2 + i);
            RunSummary s = summary(acts.get(i));
            assertThat(row).startsWith(acts.get(i)).endsWith("  " + s.verdict());
            assertThat(row.lastIndexOf(s.verdict().name())).as("verdict column of " + row).isEqualTo(verdictColumn);
            assertThat(row).contains(" ms/từ", Format.seconds(Lang.VI, s.medianProcessingTimeMs()), Format.fixed(Lang.VI, s.processingToIntervalRatio(), 2));
            // right-aligned numbers end where their header does
            assertThat(row.indexOf(Format.seconds(Lang.VI, s.medianProcessingTimeMs())) + Format.seconds(Lang.VI, s.medianProcessingTimeMs()).length())
                    .isEqualTo(header.indexOf("PT trung vị") + "PT trung vị".length());
        }
    }

    /** The live table's rows of one act: between its "=== act ===" line and its summary. */
    private List<String> tableRows(String act) {
        List<String> lines = console.lines().toList();
        int from = lines.indexOf("=== " + act + " ===");
        assertThat(from).as(act + "'s act").isNotNegative();
        int to = from;
        while (to < lines.size() && !lines.get(to).startsWith("Tóm tắt " + act + ":")) to++;
        return lines.subList(from, to).stream().filter(l -> l.matches("\\d\\d:\\d\\d:\\d\\d .*")).toList();
    }

    private RunSummary summary(String job) throws Exception {
        return io.ssplab.core.Json.MAPPER.treeToValue(summaries.get(job), RunSummary.class);
    }

    private void assertKeepsUp(String job, double maxRatio) throws Exception {
        JsonNode s = summaries.get(job);
        assertThat(s.get("verdict").asText()).as(console).isEqualTo("STABLE");
        assertThat(s.get("processingToIntervalRatio").asDouble()).isLessThan(maxRatio);
        assertThat(Math.abs(s.get("schedulingDelaySlopeMsPerBatch").asDouble())).isLessThan(0.05 * BI);
        List<BatchMetrics> measured = measured(job);
        assertThat(measured).hasSize(BATCHES);
        for (BatchMetrics b : measured) {
            // Wide per batch: one GC pause shows up as one batch's SD, a late block timer moves a 200 ms
            // block (~28 lines) into the next batch. A growing delay would fail the slope check above.
            assertThat(b.schedulingDelayMs()).as("%s SD at %d", job, b.batchTimeMs()).isLessThan(BI / 2);
            assertThat(b.queuedBatches()).isLessThanOrEqualTo(1);
            assertThat(b.records()).as("%s records at %d", job, b.batchTimeMs()).isBetween(200L, 360L);
        }
        // The receiver keeps the source's full rate: 140 lines/s × 2 s = 280 lines per batch.
        assertThat(measured.stream().mapToLong(BatchMetrics::records).average().orElse(0)).as(job + " mean records per batch")
                .isBetween(252.0, 308.0);
    }

    /** The act's batches after its warm-up, from its metrics file: every batch it completed is there, warm-up included. */
    private List<BatchMetrics> measured(String job) throws Exception {
        Path file = dir.resolve(job + ".jsonl");
        assertThat(Files.exists(file)).isTrue();
        JsonLines.ReadResult r = JsonLines.read(file);
        assertThat(r.problems()).isEmpty();
        RunSummary s = summary(job);
        assertThat(r.batches()).hasSize(s.batches());
        return r.batches().subList(s.warmupBatches(), r.batches().size());
    }
}
