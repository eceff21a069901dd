package io.ssplab.docs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.ssplab.cli.Main;
import io.ssplab.core.Format;
import io.ssplab.core.Knobs;
import io.ssplab.core.Lang;
import io.ssplab.core.Messages;
import io.ssplab.jobs.Phase1Baseline;
import io.ssplab.jobs.Phase2Bottleneck;
import io.ssplab.jobs.Phase3Parallelism;
import io.ssplab.jobs.Phase4Backpressure;
import io.ssplab.metrics.Summarizer;
import io.ssplab.metrics.Warmup;
import io.ssplab.model.BatchArithmetic;
import io.ssplab.model.Fix;
import io.ssplab.model.Overhead;
import io.ssplab.model.Prediction;
import io.ssplab.model.ProcessingTimeModel;
import io.ssplab.model.SmallestFixes;
import io.ssplab.model.Workload;
import io.ssplab.solutions.FillGapsSolution;
import io.ssplab.solutions.FixDelaySolution;

/**
 * The numbers the docs and the lessons' comments quote, against the model: a contract of quotes.
 *
 * <p>Each {@link Quote} names a file, a label that finds exactly one line in it, and the text that line
 * must hold — computed here from the lab's constants ({@link Overhead#DEFAULT_PER_BATCH_MS},
 * {@link Phase2Bottleneck#COST_PER_WORD}, {@link Knobs#DEFAULT_RATE}, the solutions' values, …) with the
 * model and its default overhead, never copied from the doc. Vietnamese docs get Vietnamese numbers
 * ("2,54 s"), English ones a decimal point. The planner docs' plan samples are compared, line by line,
 * with what {@code bin/ssp plan} prints when run in-process ({@link Sample}); a sample line ending in
 * "…" only has to start like the printed one.
 *
 * <p>So a changed constant is one edit plus the list this test prints: file:line, expected, found.
 * Measured numbers (what a run measured) are not model numbers: they are left out, or read here as
 * inputs (the cluster table's medians), never recomputed.
 */
class QuotedNumbersTest {
    private static final Path PROJECT = Path.of(System.getProperty("ssp.project.dir", "."));
    private static final String JAVA = "src/main/java/io/ssplab/";

    /** The lesson's design: phase 2 falls behind by a quarter at least, phase 3 keeps 30 % of each interval free. */
    static final double PHASE2_TARGET = 1.2;
    static final double PHASE3_TARGET = 0.7;

    /** What a machine without a calibration gets: the documented default. */
    private static final Overhead DEFAULT = Overhead.defaults("");
    private static final ProcessingTimeModel MODEL = new ProcessingTimeModel(DEFAULT);

    private static final Knobs PHASE2 = Phase2Bottleneck.KNOBS;
    private static final Prediction P1 = predict(Phase1Baseline.KNOBS);
    private static final Prediction P2 = predict(PHASE2);
    private static final Prediction P3 = predict(Phase3Parallelism.KNOBS);
    private static final Prediction STEP1 = predict(new FillGapsSolution().defaults());
    private static final Prediction STEP2 = predict(new FixDelaySolution().defaults());
    /** Where phase 4's rate controller settles: PT = BI. */
    private static final double SUSTAINABLE = SmallestFixes.sustainableRate(MODEL, Workload.of(Phase4Backpressure.KNOBS));

    /** What the cluster table in docs/cluster*.md measured (median PT, ms): inputs, not model numbers. */
    private static final double CLUSTER_PHASE1_MS = 420;
    private static final double CLUSTER_PHASE2_MS = 2790;
    private static final double CLUSTER_PHASE3_MS = 1730;
    /** The measured median PT of the summary line sample in docs/planner*.md. */
    private static final double SAMPLE_MEASURED_MS = 2510;

    private static Prediction predict(Knobs knobs) {
        return MODEL.predict(Workload.of(knobs));
    }

    /** A line of {@code file} holding {@code label} (exactly one line does) must contain each of {@code expected}. */
    record Quote(String file, String label, List<String> expected) {
    }

    static Quote q(String file, String label, String... expected) {
        return new Quote(file, label, List.of(expected));
    }

    /**
     * The fenced code block right after the line holding {@code label} must read as paragraph
     * {@code paragraph} (1-based, paragraphs split by blank lines) of what {@code bin/ssp ARGS} prints.
     */
    record Sample(String file, String label, List<String> args, int paragraph) {
    }

    /** Numbers as the docs of one language write them. */
    record N(Lang lang) {
        /** "2.54 s" */
        String s(double ms) {
            return Format.seconds(lang, ms);
        }

        /** "1.27" */
        String f2(double v) {
            return Format.fixed(lang, v, 2);
        }

        /** "108" */
        String whole(double v) {
            return Format.fixed(lang, v, 0);
        }

        /** "5.6", "140" */
        String plain(double v) {
            return Format.plain(lang, v);
        }

        /** "5.6 ms", "15 ms", "2 s" */
        String d(Duration d) {
            return Format.duration(lang, d);
        }

        /** A model error against a measured value, with the docs' minus sign: "−9" */
        String error(double predictedMs, double measuredMs) {
            return Format.signed(lang, 100 * (predictedMs - measuredMs) / measuredMs, 0).replace('-', '−');
        }

        /**
         * "0.15–0.27 s": the overheads at 8 task waves (phase 2's; what the default and a calibration state)
         * between which this cost per word keeps both targets — phase 2 at least {@link #PHASE2_TARGET},
         * phase 3 at most {@link #PHASE3_TARGET}.
         */
        String window(Duration costPerWord) {
            Prediction p2 = predict(PHASE2.withCost(costPerWord));
            Prediction p3 = predict(Phase3Parallelism.KNOBS.withCost(costPerWord));
            double low = PHASE2_TARGET * p2.batchIntervalMs() - p2.arithmetic().costTimeMs() - (p2.overheadMs() - DEFAULT.perBatchMs());
            double high = PHASE3_TARGET * p3.batchIntervalMs() - p3.arithmetic().costTimeMs() - (p3.overheadMs() - DEFAULT.perBatchMs());
            return Format.fixed(lang, low / 1000, 2) + "–" + s(high);
        }
    }

    private static final N EN = new N(Lang.EN);
    private static final N VI = new N(Lang.VI);

    /** Every quote, file by file. */
    static List<Quote> quotes() {
        List<Quote> q = new ArrayList<>();
        BatchArithmetic a1 = P1.arithmetic();
        BatchArithmetic a2 = P2.arithmetic();
        BatchArithmetic a3 = P3.arithmetic();
        BatchArithmetic s1 = STEP1.arithmetic();
        BatchArithmetic s2 = STEP2.arithmetic();
        Duration cost = Phase2Bottleneck.COST_PER_WORD;
        double rate = Knobs.DEFAULT_RATE;
        int words = PHASE2.wordsPerLine();
        // the cost time of one line per batch: phase 4's PT grows by this per line
        double msPerLine = a2.costTimeMs() / a2.linesPerBatch();
        double settledLines = SUSTAINABLE * PHASE2.batchIntervalMs() / 1000;
        Fix p2Cores = new SmallestFixes(MODEL).fewestCores(Workload.of(PHASE2));
        Fix p2Rate = new SmallestFixes(MODEL).largestStableRate(Workload.of(PHASE2));
        Fix s2Cores = new SmallestFixes(MODEL).fewestCores(Workload.of(STEP2.knobs()));
        BatchArithmetic p3OneWave = predict(Phase3Parallelism.KNOBS.withPartitions(a3.freeSlots())).arithmetic();
        BatchArithmetic s1Local8 = BatchArithmetic.of(STEP1.knobs().withMaster("local[8]"));
        BatchArithmetic s2OneWave = BatchArithmetic.of(STEP2.knobs().withPartitions(s2.freeSlots()));
        double p2PerSecondOfInput = a2.costTimeMs() / (P2.batchIntervalMs() / 1000.0);

        // --- the job classes' comments
        String phase1 = JAVA + "jobs/Phase1Baseline.java";
        q.add(q(phase1, "<p>Arithmetic: ", EN.plain(rate) + " lines/s × " + EN.d(P1.knobs().batchInterval()) + " = " + EN.whole(a1.linesPerBatch())
                + " lines = " + EN.whole(a1.costedRecordsPerBatch()) + " words per batch, in " + a1.partitions() + " partitions of "
                + EN.whole(a1.recordsPerPartition()) + " words"));
        q.add(q(phase1, "own per-batch overhead, ≈", "≈ " + EN.s(P1.overheadMs()) + " by the model's default (PT/BI ≈ " + EN.f2(P1.ratio()) + ";"));

        String phase2 = JAVA + "jobs/Phase2Bottleneck.java";
        q.add(q(phase2, "Phase 2 — the bottleneck: a wait of", "a wait of " + EN.d(cost) + " per word"));
        q.add(q(phase2, "<p>Knobs: phase 1 plus", "plus " + EN.d(cost) + " per word"));
        q.add(q(phase2, "*   records per batch", EN.plain(rate) + " lines/s × 2 s × " + words + " words", "= " + EN.whole(a2.costedRecordsPerBatch()) + " words"));
        q.add(q(phase2, "*   per partition", EN.whole(a2.costedRecordsPerBatch()) + " / P=" + a2.partitions(), "= " + EN.whole(a2.recordsPerPartition()) + " words"));
        q.add(q(phase2, "*   cost ", a2.waves() + " waves × " + EN.whole(a2.recordsPerPartition()) + " × " + EN.d(cost), "≈ " + EN.s(a2.costTimeMs())));
        q.add(q(phase2, "*   overhead", P2.workload().tasksPerBatch() + " tasks", "≈ " + EN.s(P2.overheadMs())));
        q.add(q(phase2, "*   PT                  ", EN.s(a2.costTimeMs()) + " + " + EN.s(P2.overheadMs()), "≈ " + EN.s(P2.predictedProcessingTimeMs())));
        q.add(q(phase2, "*   PT / BI", EN.f2(P2.predictedProcessingTimeMs() / 1000) + " / 2", "≈ " + EN.f2(P2.ratio())));
        q.add(q(phase2, "Each batch takes ≈", "≈ " + EN.s(P2.schedulingDelayGrowthMsPerBatch()) + " longer than the interval"));
        q.add(q(phase2, "both targets hold while the overhead", "with " + EN.d(cost) + " both targets hold", "≈ " + EN.window(cost)));
        q.add(q(phase2, "is a costed batch's), and the model's default,", "the model's default, " + EN.s(DEFAULT.perBatchMs()) + ", gives " + EN.f2(P2.ratio())
                + " and " + EN.f2(P3.ratio())));
        q.add(q(phase2, " * 5.4 ms gives", "5.4 ms gives " + EN.f2(predict(PHASE2.withCost(Duration.ofNanos(5_400_000))).ratio())
                + " with the default"));

        String phase3 = JAVA + "jobs/Phase3Parallelism.java";
        q.add(q(phase3, "<p>Knobs: {@code local[8]}", EN.d(cost) + " per word"));
        q.add(q(phase3, "*   records per batch", EN.whole(a3.costedRecordsPerBatch()) + " words"));
        q.add(q(phase3, "*   per partition", EN.whole(a3.costedRecordsPerBatch()) + " / P=" + a3.partitions(), "= " + EN.whole(a3.recordsPerPartition()) + " words"));
        q.add(q(phase3, "*   cost ", a3.waves() + " waves × " + EN.whole(a3.recordsPerPartition()) + " × " + EN.d(cost), "≈ " + EN.s(a3.costTimeMs())));
        q.add(q(phase3, "*   overhead", P3.workload().tasksPerBatch() + " tasks", "≈ " + EN.s(P3.overheadMs()),
                (P3.workload().tasksPerBatch() - P2.workload().tasksPerBatch()) + " tasks more than phase 2"));
        q.add(q(phase3, "*   PT                  ", EN.s(a3.costTimeMs()) + " + " + EN.s(P3.overheadMs()), "≈ " + EN.s(P3.predictedProcessingTimeMs())));
        q.add(q(phase3, "*   PT / BI", EN.f2(P3.predictedProcessingTimeMs() / 1000) + " / 2", "≈ " + EN.f2(P3.ratio())));
        q.add(q(phase3, "in one wave of", "in one wave of " + EN.whole(p3OneWave.recordsPerPartition()) + " words (≈ " + EN.s(p3OneWave.costTimeMs()) + " + overhead)"));

        String phase4 = JAVA + "jobs/Phase4Backpressure.java";
        q.add(q(phase4, "<p>Knobs: exactly phase 2's", EN.d(cost) + " per word, source " + EN.plain(rate) + " lines/s"));
        q.add(q(phase4, "*   PT(L lines)", "≈ " + EN.s(P2.overheadMs()) + " + " + a2.waves() + " waves × (" + words + " L / " + a2.partitions() + " words) × "
                + EN.d(cost) + " = " + EN.s(P2.overheadMs()) + " + " + EN.plain(msPerLine) + " ms × L"));
        q.add(q(phase4, "*   PT = BI = 2 s", "L ≈ " + EN.whole(settledLines) + " lines per batch ≈ " + EN.whole(SUSTAINABLE) + " lines/s",
                "(the source sends " + EN.plain(rate) + ")"));
        q.add(q(phase4, "So the controller settles near", "near " + EN.whole(SUSTAINABLE) + " lines/s"));
        q.add(q(phase4, "assume), PT hovers at BI", "growing ≈ " + EN.s(P2.schedulingDelayGrowthMsPerBatch()) + " per batch"));
        q.add(q(phase4, "the controller could barely act", "this job's ~" + EN.whole(SUSTAINABLE) + ":"));
        q.add(q(phase4, "lines/s by design, ~40 on", "(" + EN.whole(SUSTAINABLE) + " lines/s by design"));
        q.add(q(phase4, "<p>Where the excess", "(" + EN.plain(rate) + " − ~" + EN.whole(SUSTAINABLE) + " lines/s)"));

        q.add(q(JAVA + "jobs/Story.java", "an unbounded delay (phase 2's", "phase 2's ≈ +" + EN.s(P2.schedulingDelayGrowthMsPerBatch()) + " per batch"));

        // --- the solutions' and the grader's comments
        String fillGaps = JAVA + "solutions/FillGapsSolution.java";
        q.add(q(fillGaps, "SOLUTION 3: ", s1.partitions() + " partitions of " + EN.whole(s1.recordsPerPartition()) + " lines on " + s1.freeSlots()
                + " free slots: " + s1.waves() + " waves × " + EN.whole(s1.recordsPerPartition()) + " lines × " + EN.d(STEP1.knobs().cost()) + " ≈ "
                + EN.s(s1.costTimeMs()) + " of waits"));
        q.add(q(fillGaps, "of Spark's own work (the model's default)", "+ ≈ " + EN.s(STEP1.overheadMs()) + " of Spark's own work (the model's default) ≈ "
                + EN.s(STEP1.predictedProcessingTimeMs()) + " > BI"));
        String fixDelay = JAVA + "solutions/FixDelaySolution.java";
        q.add(q(fixDelay, "SOLUTION 3: ", s2.partitions() + " partitions of ~" + EN.whole(s2.recordsPerPartition()) + " lines on " + s2.freeSlots()
                + " free slots: " + s2.waves() + " waves × " + EN.whole(s2.recordsPerPartition()) + " lines × " + EN.d(STEP2.knobs().cost())));
        q.add(q(fixDelay, "of Spark's own work (the model's default at", "≈ " + EN.s(s2.costTimeMs()) + " of waits, + ≈ " + EN.s(STEP2.overheadMs())
                + " of Spark's own work (the model's default at " + STEP2.workload().tasksPerBatch() + " tasks) ≈ "
                + EN.s(STEP2.predictedProcessingTimeMs()) + " of PT"));
        q.add(q(fixDelay, "Hint 2's answer", s2.freeSlots() + " (one full wave of " + EN.whole(s2OneWave.recordsPerPartition()) + " lines ≈ "
                + EN.s(s2OneWave.costTimeMs()) + " of waits)"));
        String fillCriteria = JAVA + "grader/FillGapsCriteria.java";
        q.add(q(fillCriteria, "<p>Margins: the reference solution runs", s1.waves() + " waves × " + EN.whole(s1.recordsPerPartition()) + " lines × "
                + EN.d(STEP1.knobs().cost()) + " = " + EN.s(s1.costTimeMs()) + " of waits"));
        q.add(q(fillCriteria, "overhead: the model predicts PT", "the model predicts PT " + EN.s(STEP1.predictedProcessingTimeMs()) + ", PT/BI "
                + EN.f2(STEP1.ratio()) + " and SD growing by " + EN.s(STEP1.schedulingDelayGrowthMsPerBatch()) + " per batch"));
        q.add(q(fillCriteria, "ms per batch at BI 2 s)", "(" + EN.whole(Summarizer.SLOPE_TOLERANCE * STEP1.batchIntervalMs()) + " ms per batch at BI 2 s)"));
        String fixCriteria = JAVA + "grader/FixDelayCriteria.java";
        q.add(q(fixCriteria, "<p>Margins: the model predicts", "PT at " + EN.s(STEP2.predictedProcessingTimeMs()) + " (" + EN.s(s2.costTimeMs())
                + " of waits + " + EN.s(STEP2.overheadMs()) + " of overhead)"));
        q.add(q(fixCriteria, "a batch that starts within this share of BI", "(" + EN.plain(Warmup.CAUGHT_UP_SD_SHARE * STEP2.batchIntervalMs() / 1000)
                + " s at BI 2 s)"));
        q.add(q(JAVA + "grader/RunCriteria.java", "hides whether it is paid", "(~" + EN.s(DEFAULT.perBatchMs()) + " by the model's default)"));
        q.add(q(JAVA + "model/Prediction.java", "/** \"local[4], P=4, 15 ms/line", "\"" + inLang(Lang.EN, STEP1::oneLine) + "\""));

        // --- README: the demo's acts
        q.add(q("README.md", "starts one embedded source (", "(" + EN.plain(rate) + " lines/s, " + words + " words per line)"));
        q.add(q("README.md", "| `phase1` baseline |", "| " + EN.whole(a1.costedRecordsPerBatch()) + " words, no wait: Spark's own ~" + EN.s(P1.overheadMs())
                + " | ≈ " + EN.f2(P1.ratio()) + " | " + P1.verdict() + " |"));
        q.add(q("README.md", "| `phase2` bottleneck |", "| + " + EN.d(cost) + " per word | " + a2.partitions() + " partitions of " + EN.whole(a2.recordsPerPartition())
                + " words on " + a2.freeSlots() + " free slots = " + a2.waves() + " waves × " + EN.whole(a2.recordsPerPartition()) + " × " + EN.d(cost) + " ≈ "
                + EN.s(a2.costTimeMs()) + " + ~" + EN.s(P2.overheadMs()) + " | ≈ " + EN.f2(P2.ratio()) + " | " + P2.verdict() + " |"));
        q.add(q("README.md", "| `phase3` more parallelism |", "| " + a3.partitions() + " partitions of " + EN.whole(a3.recordsPerPartition()) + " words on "
                + a3.freeSlots() + " free slots = " + a3.waves() + " waves × " + EN.whole(a3.recordsPerPartition()) + " × " + EN.d(cost) + " ≈ "
                + EN.s(a3.costTimeMs()) + " + ~" + EN.s(P3.overheadMs()) + " | ≈ " + EN.f2(P3.ratio()) + " | " + P3.verdict() + " |"));
        q.add(q("README.md", "Spark's own time per batch, the", "the `~" + EN.s(P2.overheadMs()) + "` and `~" + EN.s(P3.overheadMs()) + "` above"));
        q.add(q("README.md", "tab while it runs: Input Rate", "Input Rate ~" + EN.plain(rate) + " records/s"));

        q.add(q("README.md", ".onBatch(new ConsoleTable(System.out,", "new ConsoleTable(System.out, " + EN.whole(a2.linesPerBatch()) + "))",
                "// " + EN.whole(a2.linesPerBatch()) + " lines per batch (rate × BI)"));
        q.add(q("README.vi.md", ".onBatch(new ConsoleTable(System.out,", "new ConsoleTable(System.out, " + EN.whole(a2.linesPerBatch()) + "))",
                "// " + VI.whole(a2.linesPerBatch()) + " dòng mỗi batch (rate × BI)"));
        q.add(q("README.vi.md", "khởi động một source nhúng (", "(" + VI.plain(rate) + " dòng/s, " + words + " từ mỗi dòng)"));
        q.add(q("README.vi.md", "| `phase1` mốc ban đầu |", "| " + VI.whole(a1.costedRecordsPerBatch()) + " từ, không chờ: ~" + VI.s(P1.overheadMs())
                + " việc riêng của Spark | ≈ " + VI.f2(P1.ratio()) + " | " + P1.verdict() + " |"));
        q.add(q("README.vi.md", "| `phase2` nút thắt |", "| + " + VI.d(cost) + " cho mỗi từ | " + a2.partitions() + " partition × " + VI.whole(a2.recordsPerPartition())
                + " từ trên " + a2.freeSlots() + " slot trống = " + a2.waves() + " đợt × " + VI.whole(a2.recordsPerPartition()) + " × " + VI.d(cost) + " ≈ "
                + VI.s(a2.costTimeMs()) + " + ~" + VI.s(P2.overheadMs()) + " | ≈ " + VI.f2(P2.ratio()) + " | " + P2.verdict() + " |"));
        q.add(q("README.vi.md", "| `phase3` tăng mức song song |", "| " + a3.partitions() + " partition × " + VI.whole(a3.recordsPerPartition()) + " từ trên "
                + a3.freeSlots() + " slot trống = " + a3.waves() + " đợt × " + VI.whole(a3.recordsPerPartition()) + " × " + VI.d(cost) + " ≈ "
                + VI.s(a3.costTimeMs()) + " + ~" + VI.s(P3.overheadMs()) + " | ≈ " + VI.f2(P3.ratio()) + " | " + P3.verdict() + " |"));
        q.add(q("README.vi.md", "trừ thời gian riêng của Spark cho mỗi batch", "`~" + VI.s(P2.overheadMs()) + "` và `~" + VI.s(P3.overheadMs()) + "` ở trên"));

        // --- docs/planner: the default, the fixes, backpressure, the summary line (the plan samples: see Sample)
        for (N n : List.of(EN, VI)) {
            boolean en = n == EN;
            String file = en ? "docs/planner.md" : "docs/planner.vi.md";
            q.add(en ? q(file, "documented default: ", "documented default: " + n.plain(DEFAULT.perUnitMs()) + " ms per task counted, a line")
                    : q(file, "giá trị mặc định được ghi rõ: ", "giá trị mặc định được ghi rõ: " + n.plain(DEFAULT.perUnitMs()) + " ms mỗi task quy đổi"));
            q.add(en ? q(file, "through zero (", "through zero (" + n.s(DEFAULT.perBatchMs()) + " at phase 2's " + DEFAULT.referenceCount() + " counted tasks")
                    : q(file, "gốc (", "gốc (" + n.s(DEFAULT.perBatchMs()) + " ở " + DEFAULT.referenceCount() + " task quy đổi của phase 2"));
            // the default line scaled by an example factor (1.10) and by 2
            Overhead times110 = Overhead.scaledDefault(1.10, ""), twice = Overhead.scaledDefault(2, "");
            q.add(en ? q(file, "`calibrated here: the lab's default ×", "× " + n.f2(1.10) + " (" + times110.numbers(n.lang()))
                    : q(file, "`đã hiệu chuẩn trên máy này: giá trị mặc định của lab ×", "× " + n.f2(1.10) + " (" + times110.numbers(n.lang())));
            q.add(en ? q(file, "s at " + twice.referenceCount() + " counted tasks and ", n.s(twice.perBatchMs()) + " at " + twice.referenceCount()
                            + " counted tasks and " + Format.signed(n.lang(), twice.perUnitMs(), 1) + " ms per task")
                    : q(file, "s ở " + twice.referenceCount() + " task quy đổi và ", n.s(twice.perBatchMs()) + " ở " + twice.referenceCount()
                            + " task quy đổi và " + Format.signed(n.lang(), twice.perUnitMs(), 1) + " ms mỗi task"));
            BatchArithmetic fixed = p2Cores.prediction().arithmetic();
            String fixedMaster = "`" + p2Cores.prediction().knobs().master() + "`";
            q.add(en ? q(file, "table finds: phase 2 is fixed on its own", fixedMaster + " with P = " + fixed.partitions() + " (one full wave of "
                            + n.whole(fixed.recordsPerPartition()) + " words: " + n.s(fixed.costTimeMs()) + " +")
                    : q(file, "phase 2 sửa được ngay trên", fixedMaster + " của nó với P = " + fixed.partitions() + " (một đợt đầy "
                            + n.whole(fixed.recordsPerPartition()) + " từ: " + n.s(fixed.costTimeMs()) + " + overhead)"));
            q.add(en ? q(file, "no batch interval fixes phase 2 as it is", "needs " + n.s(p2PerSecondOfInput) + " of")
                    : q(file, "vì mỗi giây dữ liệu cần", "cần " + n.s(p2PerSecondOfInput) + " thời gian slot"));
            q.add(en ? q(file, "phase 2 keeps up with at most", "at most " + n.whole(p2Rate.prediction().knobs().linesPerSecond()) + " lines/s")
                    : q(file, "phase 2 chỉ theo kịp tối đa", "tối đa " + n.whole(p2Rate.prediction().knobs().linesPerSecond()) + " dòng/s"));
            if (en) q.add(q(file, "would even be stable on", "`" + s2Cores.prediction().knobs().master() + "`"));
            q.add(en ? q(file, "`(BI − overhead) / cost time per line/s`, ≈", "≈ " + n.whole(SUSTAINABLE) + " of the")
                    : q(file, "`(BI − overhead) / thời gian chờ cho mỗi dòng/s`, ≈", "≈ " + n.whole(SUSTAINABLE) + " trên " + n.plain(rate)));
            q.add(q(file, en ? "  model: predicted PT" : "  mô hình: PT dự đoán", Messages.in(n.lang(), "summary.model", n.s(P2.predictedProcessingTimeMs()),
                    n.s(SAMPLE_MEASURED_MS), Format.signed(n.lang(), 100 * (P2.predictedProcessingTimeMs() - SAMPLE_MEASURED_MS) / SAMPLE_MEASURED_MS, 0),
                    Overhead.describeToken(DEFAULT.token(), n.lang())).strip()));
        }

        // --- docs/reliability: phase 4's capacity
        q.add(q("docs/reliability.md", "`phase4` is phase 2 exactly", EN.d(cost) + " per word, " + EN.plain(rate) + " lines/s)"));
        q.add(q("docs/reliability.md", "PT(L lines) ≈", "≈ " + EN.s(P2.overheadMs()) + " + " + EN.plain(msPerLine) + " ms × L"));
        q.add(q("docs/reliability.md", "so PT = BI at ≈", "≈ " + EN.whole(settledLines) + " lines per batch ≈ **" + EN.whole(SUSTAINABLE) + " lines/s**"));
        q.add(q("docs/reliability.md", "Spark's default floor, 100 records/s, sits right under the", "the ~" + EN.whole(SUSTAINABLE) + " capacity"));
        q.add(q("docs/reliability.md", "below what any machine we measured could process", "(" + EN.whole(SUSTAINABLE) + " lines/s by design"));
        q.add(q("docs/reliability.md", "the design's", "the design's " + EN.whole(SUSTAINABLE) + " assumes " + EN.s(P2.overheadMs()) + " of overhead"));
        q.add(q("docs/reliability.md", "an unbounded delay (phase 2's", "phase 2's ≈ +" + EN.s(P2.schedulingDelayGrowthMsPerBatch()) + " per batch"));
        q.add(q("docs/reliability.vi.md", "`phase4` chính là phase 2", VI.d(cost) + " mỗi từ, " + VI.plain(rate) + " dòng/s)"));
        q.add(q("docs/reliability.vi.md", "PT(L dòng) ≈", "≈ " + VI.s(P2.overheadMs()) + " + " + VI.plain(msPerLine) + " ms × L"));
        q.add(q("docs/reliability.vi.md", "nên PT = BI tại ≈", "≈ " + VI.whole(settledLines) + " dòng mỗi batch ≈ **" + VI.whole(SUSTAINABLE) + " dòng/s**"));
        q.add(q("docs/reliability.vi.md", "100 bản ghi/s, nằm ngay dưới năng lực", "năng lực ~" + VI.whole(SUSTAINABLE)));
        q.add(q("docs/reliability.vi.md", "thấp hơn năng lực của mọi máy đã đo", "(" + VI.whole(SUSTAINABLE) + " dòng/s theo thiết kế"));
        q.add(q("docs/reliability.vi.md", "con số thiết kế", "con số thiết kế " + VI.whole(SUSTAINABLE) + " giả định overhead " + VI.s(P2.overheadMs())));
        q.add(q("docs/reliability.vi.md", "mỗi batch như phase 2)", "≈ +" + VI.s(P2.schedulingDelayGrowthMsPerBatch()) + " mỗi batch như phase 2"));

        // --- docs/cluster: the model's column beside what the cluster measured
        String pct = " %";
        q.add(q("docs/cluster.md", "| phase1 | 0.42 s |", "| " + EN.s(P1.predictedProcessingTimeMs()) + ", " + EN.error(P1.predictedProcessingTimeMs(), CLUSTER_PHASE1_MS) + pct + " |"));
        q.add(q("docs/cluster.md", "| phase2 | 2.79 s |", "| " + EN.s(P2.predictedProcessingTimeMs()) + ", " + EN.error(P2.predictedProcessingTimeMs(), CLUSTER_PHASE2_MS) + pct + " |"));
        q.add(q("docs/cluster.md", "| phase3 | 1.73 s |", "| " + EN.s(P3.predictedProcessingTimeMs()) + ", " + EN.error(P3.predictedProcessingTimeMs(), CLUSTER_PHASE3_MS) + pct + " |"));
        q.add(q("docs/cluster.vi.md", "| phase1 | 0,42 s |", "| " + VI.s(P1.predictedProcessingTimeMs()) + ", " + VI.error(P1.predictedProcessingTimeMs(), CLUSTER_PHASE1_MS) + "% |"));
        q.add(q("docs/cluster.vi.md", "| phase2 | 2,79 s |", "| " + VI.s(P2.predictedProcessingTimeMs()) + ", " + VI.error(P2.predictedProcessingTimeMs(), CLUSTER_PHASE2_MS) + "% |"));
        q.add(q("docs/cluster.vi.md", "| phase3 | 1,73 s |", "| " + VI.s(P3.predictedProcessingTimeMs()) + ", " + VI.error(P3.predictedProcessingTimeMs(), CLUSTER_PHASE3_MS) + "% |"));

        // --- exercises/README: the arithmetic a student is given
        String ex = "exercises/README.md";
        q.add(q(ex, "≈ waves × lines per partition × wait  +", "Spark's own work (≈ " + EN.s(STEP1.overheadMs()) + " per batch)"));
        q.add(q(ex, "- *Input Rate* ≈", "≈ " + EN.plain(rate) + " records/s, that is ≈ " + EN.whole(s1.linesPerBatch()) + " records per batch"));
        q.add(q(ex, "in most of the measured batches, and SD growing by at least", EN.whole(Summarizer.SLOPE_TOLERANCE * 100) + " % of BI ("
                + EN.plain(Summarizer.SLOPE_TOLERANCE * STEP1.batchIntervalMs() / 1000) + " s)"));
        q.add(q(ex, "`local[8]` alone already help", "≈ " + EN.s(s1Local8.costTimeMs()) + " of waits"));
        q.add(q(ex, "- SD ≤ 10 % of BI", EN.whole(Warmup.CAUGHT_UP_SD_SHARE * 100) + " % of BI (" + EN.plain(Warmup.CAUGHT_UP_SD_SHARE * STEP2.batchIntervalMs() / 1000) + " s)"));
        q.add(q(ex, "**A busy machine.**", "≈ " + EN.s(STEP1.overheadMs()) + " on an idle machine"));
        q.add(q(ex, "Add the waves, add Spark's", "add Spark's ≈ " + EN.s(STEP1.overheadMs()) + ","));
        String exVi = "exercises/README.vi.md";
        q.add(q(exVi, "≈ số đợt × số dòng mỗi partition × thời gian chờ  +", "việc riêng của Spark (≈ " + VI.s(STEP1.overheadMs()) + " mỗi batch)"));
        q.add(q(exVi, "- *Input Rate* ≈", "≈ " + VI.plain(rate) + " bản ghi/giây, tức là ≈ " + VI.whole(s1.linesPerBatch()) + " bản ghi mỗi batch"));
        q.add(q(exVi, "SD tăng ít nhất", VI.whole(Summarizer.SLOPE_TOLERANCE * 100) + "% của BI (" + VI.plain(Summarizer.SLOPE_TOLERANCE * STEP1.batchIntervalMs() / 1000) + " s)"));
        q.add(q(exVi, "của bước 1 vừa trong một đợt ở đó", "≈ " + VI.s(s1Local8.costTimeMs()) + " thời gian chờ"));
        q.add(q(exVi, "- SD ≤ 10%", VI.whole(Warmup.CAUGHT_UP_SD_SHARE * 100) + "% của BI (" + VI.plain(Warmup.CAUGHT_UP_SD_SHARE * STEP2.batchIntervalMs() / 1000) + " s)"));
        q.add(q(exVi, "**Khi máy đang bận.**", "khoảng " + VI.s(STEP1.overheadMs()) + " trên một máy rảnh"));
        q.add(q(exVi, "Cộng các đợt lại, cộng thêm ≈", "cộng thêm ≈ " + VI.s(STEP1.overheadMs()) + " của"));

        // --- the glossary quotes the program
        String costTimeVi = P2.explain(Lang.VI).stream().filter(l -> l.startsWith(Messages.in(Lang.VI, "arith.label.costTime"))).findFirst().orElseThrow();
        q.add(q("docs/glossary.md", "| cost (per record) |", "\"chi phí " + VI.plain(P2.knobs().costMs()) + " ms/từ\""));
        q.add(q("docs/glossary.md", "| cost time (waves × records per partition × cost) |", "`" + costTimeVi + "`"));
        return q;
    }

    /** The plan samples of docs/planner*.md. */
    static List<Sample> samples() {
        return List.of(
                new Sample("docs/planner.md", "Phase 2, worked through (what `bin/ssp plan` prints):", List.of("plan", "--job", "phase2", "--lang", "en"), 2),
                new Sample("docs/planner.md", "For the reference solution of step 2:", List.of("plan", "--job", "fix-delay", "--solution", "--lang", "en"), 3),
                new Sample("docs/planner.vi.md", "Phase 2, tính từng bước (đúng như `bin/ssp plan --lang vi` in ra):",
                        List.of("plan", "--job", "phase2", "--lang", "vi"), 2),
                new Sample("docs/planner.vi.md", "Với lời giải mẫu bước 2 (`--lang vi`):", List.of("plan", "--job", "fix-delay", "--solution", "--lang", "vi"), 3));
    }

    @Test
    void everyQuotedNumberIsTheModels() {
        List<String> problems = new ArrayList<>();
        for (Quote quote : quotes()) problems.addAll(check(quote));
        report(problems, "quoted numbers differ from the model (default overhead, the lab's constants)");
    }

    @Test
    void thePlannerDocsShowWhatPlanPrints(@TempDir Path home) {
        List<String> problems = new ArrayList<>();
        for (Sample sample : samples()) problems.addAll(check(sample, home));
        report(problems, "plan samples differ from what bin/ssp plan prints");
    }

    @Test
    void theLessonsDesignTargetsHoldWithTheDefaultOverhead() {
        // the comments state the targets; the model with the default overhead must meet them
        List<String> problems = new ArrayList<>();
        problems.addAll(check(q(JAVA + "jobs/Phase2Bottleneck.java", "<p>Arithmetic, by design", "by design PT/BI ≥ " + EN.plain(PHASE2_TARGET))));
        problems.addAll(check(q(JAVA + "jobs/Phase3Parallelism.java", "<p>Arithmetic, by design", "by design PT/BI ≤ " + EN.plain(PHASE3_TARGET))));
        report(problems, "design targets are not quoted as expected");
        assertThat(P1.verdict()).isEqualTo(Phase1Baseline.EXPECTED);
        assertThat(P2.ratio()).as("phase 2's PT/BI with the default overhead: %s", P2.oneLine()).isGreaterThanOrEqualTo(PHASE2_TARGET);
        assertThat(P3.ratio()).as("phase 3's PT/BI with the default overhead: %s", P3.oneLine()).isLessThanOrEqualTo(PHASE3_TARGET);
        assertThat(STEP1.verdict()).isEqualTo(P2.verdict());
        assertThat(STEP2.verdict()).isEqualTo(P3.verdict());
    }

    // ---------------------------------------------------------------------------------------------

    private static void report(List<String> problems, String what) {
        if (!problems.isEmpty()) fail(problems.size() + " " + what + ":\n  " + String.join("\n  ", problems));
    }

    private static List<String> lines(String file) {
        try {
            return Files.readAllLines(PROJECT.resolve(file), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The index of the one line of {@code lines} holding {@code label}, or a problem (none, or several). */
    private static int find(String file, List<String> lines, String label, List<String> problems, String expected) {
        int[] at = IntStream.range(0, lines.size()).filter(i -> lines.get(i).contains(label)).toArray();
        if (at.length == 1) return at[0];
        problems.add(at.length == 0
                ? file + ": no line holds the label “" + label + "” (expected there: “" + expected + "”)"
                : file + ": the label “" + label + "” is on several lines (" + Arrays.stream(at).mapToObj(i -> String.valueOf(i + 1)).toList()
                        + "): make it unique");
        return -1;
    }

    static List<String> check(Quote quote) {
        List<String> problems = new ArrayList<>();
        List<String> lines = lines(quote.file());
        int i = find(quote.file(), lines, quote.label(), problems, String.join("”, “", quote.expected()));
        if (i < 0) return problems;
        List<String> missing = quote.expected().stream().filter(e -> !lines.get(i).contains(e)).toList();
        if (!missing.isEmpty()) {
            problems.add(quote.file() + ":" + (i + 1) + " (the line with “" + quote.label() + "”)\n      expected: "
                    + String.join("\n      and:      ", missing) + "\n      found:    " + lines.get(i).strip());
        }
        return problems;
    }

    static List<String> check(Sample sample, Path home) {
        List<String> problems = new ArrayList<>();
        List<String> lines = lines(sample.file());
        String command = "bin/ssp " + String.join(" ", sample.args());
        int at = find(sample.file(), lines, sample.label(), problems, "a ``` block with what " + command + " prints");
        if (at < 0) return problems;
        int open = at + 1;
        while (open < lines.size() && lines.get(open).isBlank()) open++;
        if (open >= lines.size() || !lines.get(open).startsWith("```")) {
            problems.add(sample.file() + ":" + (at + 2) + ": expected a ``` block after the line with “" + sample.label() + "”");
            return problems;
        }
        int close = open + 1;
        while (close < lines.size() && !lines.get(close).startsWith("```")) close++;
        List<String> doc = lines.subList(open + 1, close);

        List<List<String>> paragraphs = paragraphs(run(home, sample.args()));
        if (paragraphs.size() < sample.paragraph()) {
            problems.add(command + " printed " + paragraphs.size() + " paragraphs, the sample in " + sample.file() + " is paragraph " + sample.paragraph());
            return problems;
        }
        List<String> printed = paragraphs.get(sample.paragraph() - 1);
        for (int k = 0; k < Math.max(doc.size(), printed.size()); k++) {
            String where = sample.file() + ":" + (open + 2 + k) + " (the sample of " + command + ", its line " + (k + 1) + ")";
            if (k >= doc.size()) {
                problems.add(where + "\n      expected: " + printed.get(k).strip() + "\n      found:    the end of the block");
            } else if (k >= printed.size()) {
                problems.add(where + "\n      expected: nothing (" + command + " prints " + printed.size() + " lines)\n      found:    " + doc.get(k).strip());
            } else if (!matches(doc.get(k), printed.get(k))) {
                problems.add(where + "\n      expected: " + printed.get(k).strip() + "\n      found:    " + doc.get(k).strip());
            }
        }
        return problems;
    }

    /** A doc line is the printed one, indentation aside; ending in "…", it only has to start like it. */
    private static boolean matches(String docLine, String printedLine) {
        String d = docLine.strip();
        String p = printedLine.strip();
        return d.endsWith("…") ? p.startsWith(d.substring(0, d.length() - 1)) : d.equals(p);
    }

    private static List<List<String>> paragraphs(String text) {
        List<List<String>> all = new ArrayList<>();
        List<String> current = new ArrayList<>();
        for (String line : text.split("\\R")) {
            if (line.isBlank()) {
                if (!current.isEmpty()) all.add(current);
                current = new ArrayList<>();
            } else {
                current.add(line);
            }
        }
        if (!current.isEmpty()) all.add(current);
        return all;
    }

    /** What bin/ssp prints for these arguments, in-process, with an ssp.home that holds no calibration (the default overhead). */
    private static String run(Path home, List<String> args) {
        String previousHome = System.getProperty("ssp.home");
        Lang previousLang = Lang.current();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try {
            System.setProperty("ssp.home", home.toString());
            int code = Main.run(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                    args.toArray(String[]::new));
            assertThat(code).as("bin/ssp %s: %s", String.join(" ", args), err.toString(StandardCharsets.UTF_8)).isZero();
            return out.toString(StandardCharsets.UTF_8);
        } finally {
            if (previousHome == null) System.clearProperty("ssp.home");
            else System.setProperty("ssp.home", previousHome);
            Lang.use(previousLang);
        }
    }

    /** Something rendered in the current language ({@link Prediction#oneLine}), in {@code lang}. */
    private static String inLang(Lang lang, java.util.function.Supplier<String> text) {
        Lang previous = Lang.current();
        try {
            Lang.use(lang);
            return text.get();
        } finally {
            Lang.use(previous);
        }
    }
}
