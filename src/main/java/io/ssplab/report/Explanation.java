package io.ssplab.report;

import java.time.Duration;
import java.util.Locale;

import io.ssplab.jobs.JobSpec;
import io.ssplab.jobs.Jobs;
import io.ssplab.metrics.ConsoleTable;
import io.ssplab.metrics.RunSummary;
import io.ssplab.metrics.Summarizer;
import io.ssplab.metrics.Verdict;
import io.ssplab.model.BatchArithmetic;
import io.ssplab.pipeline.CostUnit;
import io.ssplab.run.Master;
import io.ssplab.source.SourceConfig;

/**
 * The paragraph under each run's charts, in English and Vietnamese: why PT is what it is (records per
 * batch, partitions, free task slots, waves, cost per record — {@link BatchArithmetic}) and what that
 * did to the scheduling delay, with the run's measured numbers.
 *
 * @param english    the paragraph in English
 * @param vietnamese the same in Vietnamese
 */
public record Explanation(String english, String vietnamese) {

    public static Explanation of(RecordedRun run) {
        RunSummary s = run.summary();
        Text t = new Text();
        if (run.knobsRecorded()) {
            BatchArithmetic a = arithmetic(s);
            if (a == null) measuredOnly(t, s);
            else if (s.costMs() == 0) noCost(t, s);
            else withCost(t, s, a);
        } else {
            unknownKnobs(t, s);
        }
        verdict(t, s);
        if (s.predictedProcessingTimeMs() != null && s.modelErrorPercent() != null) {
            String predicted = Summarizer.seconds(s.predictedProcessingTimeMs());
            String measured = Summarizer.seconds(s.medianProcessingTimeMs());
            t.add(String.format(Locale.ROOT, "Before the run, the planner's model predicted a PT of %s for these knobs; measured %s, a model error of %+.0f%% ('bin/ssp plan' shows the arithmetic).",
                            predicted, measured, s.modelErrorPercent()),
                    String.format(Locale.ROOT, "Trước khi chạy, mô hình của planner dự đoán PT là %s cho các tham số này; đo được %s, sai số mô hình %+.0f%% ('bin/ssp plan' cho thấy phép tính).",
                            predicted, measured, s.modelErrorPercent()));
        }
        if (s.warmupBatches() > 0 && s.verdict() != Verdict.INCONCLUSIVE) {
            t.add(String.format(Locale.ROOT, "The first %d batch(es) are warm-up, left out of these numbers.", s.warmupBatches()),
                    String.format(Locale.ROOT, "%d batch đầu là warm-up (khởi động), không tính vào các số trên.", s.warmupBatches()));
        }
        return new Explanation(t.en.toString().strip(), t.vi.toString().strip());
    }

    /**
     * The lesson's arithmetic for the knobs a run was recorded with and the records its batches
     * really held (median). Null when the knobs do not make a spec (an unknown master or cost unit).
     */
    static BatchArithmetic arithmetic(RunSummary s) {
        try {
            return BatchArithmetic.of(spec(s));
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** A spec whose rate reproduces the measured median records per batch. */
    static JobSpec spec(RunSummary s) {
        double linesPerSecond = s.medianRecordsPerBatch() * 1000.0 / s.batchIntervalMs();
        return new JobSpec(s.job(), s.master(), Duration.ofMillis(s.batchIntervalMs()), s.partitions(),
                Duration.ofNanos(Math.round(s.costMs() * 1e6)), CostUnit.valueOf(s.costUnit().toUpperCase(Locale.ROOT)),
                linesPerSecond, SourceConfig.DEFAULT_WORDS_PER_LINE, JobSpec.DEFAULT_BLOCK_INTERVAL);
    }

    private static void withCost(Text t, RunSummary s, BatchArithmetic a) {
        boolean perWord = "word".equals(s.costUnit());
        String unitEn = s.costUnit();
        String unitVi = perWord ? "từ" : "dòng";
        String cost = ConsoleTable.trim(s.costMs());
        t.add(String.format(Locale.ROOT, "%s ran on %s with P=%d and a wait of %s ms per %s.", s.job(), s.master(), s.partitions(), cost, unitEn),
                String.format(Locale.ROOT, "%s chạy trên %s với P=%d và thời gian chờ %s ms cho mỗi %s.", s.job(), s.master(), s.partitions(), cost, unitVi));
        String rate = ConsoleTable.trim(Math.round(a.linesPerBatch() * 1000.0 / s.batchIntervalMs()));
        String bi = Summarizer.seconds(s.batchIntervalMs());
        t.add(String.format(Locale.ROOT, "Each batch held a median of %.0f lines (≈ %s lines/s × %s)%s; spread over %d partitions, that is %.1f %ss per partition.",
                        a.linesPerBatch(), rate, bi,
                        perWord ? String.format(Locale.ROOT, ", that is %.0f words at %d words per line", a.costedRecordsPerBatch(), SourceConfig.DEFAULT_WORDS_PER_LINE) : "",
                        a.partitions(), a.recordsPerPartition(), unitEn),
                String.format(Locale.ROOT, "Mỗi batch có trung vị %.0f dòng (≈ %s dòng/s × %s)%s; chia cho %d partition, mỗi partition có %.1f %s.",
                        a.linesPerBatch(), rate, bi,
                        perWord ? String.format(Locale.ROOT, ", tức %.0f từ với %d từ mỗi dòng", a.costedRecordsPerBatch(), SourceConfig.DEFAULT_WORDS_PER_LINE) : "",
                        a.partitions(), a.recordsPerPartition(), unitVi));
        boolean assumedCores = Master.parse(s.master()).isStandalone();
        if (a.freeSlots() == 0) {
            t.add(String.format(Locale.ROOT, "The receiver holds the only task slot of %s: no batch task can run.", s.master()),
                    String.format(Locale.ROOT, "Receiver giữ task slot duy nhất của %s: không task nào của batch chạy được.", s.master()));
            return;
        }
        t.add(String.format(Locale.ROOT, "The receiver keeps 1 of the %d task slots%s, leaving %d, so the %d tasks run in %d wave%s%s.",
                        a.cores(), assumedCores ? String.format(Locale.ROOT, " (assuming %d: a cluster's cores are not recorded)", a.cores()) : "",
                        a.freeSlots(), a.partitions(), a.waves(), a.waves() == 1 ? "" : "s",
                        a.partialLastWave() && a.waves() > 1 ? String.format(Locale.ROOT, " (%d tasks, then %d)", a.freeSlots(), a.lastWaveTasks()) : ""),
                String.format(Locale.ROOT, "Receiver giữ 1 trong %d task slot%s, còn %d slot trống, nên %d task chạy thành %d đợt (wave)%s.",
                        a.cores(), assumedCores ? String.format(Locale.ROOT, " (giả định %d: số core của cluster không được ghi lại)", a.cores()) : "",
                        a.freeSlots(), a.partitions(), a.waves(),
                        a.partialLastWave() && a.waves() > 1 ? String.format(Locale.ROOT, " (%d task, rồi %d)", a.freeSlots(), a.lastWaveTasks()) : ""));
        double overhead = s.medianProcessingTimeMs() - a.costTimeMs();
        String costTime = Summarizer.seconds(a.costTimeMs());
        String pt = Summarizer.seconds(s.medianProcessingTimeMs());
        String p95 = Summarizer.seconds(s.p95ProcessingTimeMs());
        t.add(String.format(Locale.ROOT, "The waits alone take %d × %.1f × %s ms ≈ %s; the measured median PT is %s (p95 %s)%s.",
                        a.waves(), a.recordsPerPartition(), cost, costTime, pt, p95,
                        overhead > 0 ? "; the rest — Spark's own work per batch, plus any contention on the machine — is about " + Summarizer.seconds(overhead) : ""),
                String.format(Locale.ROOT, "Riêng thời gian chờ đã mất %d × %.1f × %s ms ≈ %s; PT đo được có trung vị %s (p95 %s)%s.",
                        a.waves(), a.recordsPerPartition(), cost, costTime, pt, p95,
                        overhead > 0 ? "; phần còn lại — việc riêng của Spark mỗi batch, cộng với việc máy bị tranh tài nguyên nếu có — khoảng " + Summarizer.seconds(overhead) : ""));
    }

    private static void noCost(Text t, RunSummary s) {
        String pt = Summarizer.seconds(s.medianProcessingTimeMs());
        String p95 = Summarizer.seconds(s.p95ProcessingTimeMs());
        t.add(String.format(Locale.ROOT, "%s ran on %s with P=%d and no per-record wait: PT is Spark's own work per batch (scheduling the tasks, the shuffle of reduceByKey), a median of %s (p95 %s) for %.0f lines per batch.",
                        s.job(), s.master(), s.partitions(), pt, p95, s.medianRecordsPerBatch()),
                String.format(Locale.ROOT, "%s chạy trên %s với P=%d và không có thời gian chờ cho mỗi bản ghi: PT chỉ là phần việc riêng của Spark mỗi batch (lập lịch task, shuffle của reduceByKey), trung vị %s (p95 %s) cho %.0f dòng mỗi batch.",
                        s.job(), s.master(), s.partitions(), pt, p95, s.medianRecordsPerBatch()));
    }

    private static void measuredOnly(Text t, RunSummary s) {
        t.add(String.format(Locale.ROOT, "%s ran on %s with P=%d; measured: a median of %.0f lines per batch, median PT %s (p95 %s) against BI %s.",
                        s.job(), s.master(), s.partitions(), s.medianRecordsPerBatch(), Summarizer.seconds(s.medianProcessingTimeMs()),
                        Summarizer.seconds(s.p95ProcessingTimeMs()), Summarizer.seconds(s.batchIntervalMs())),
                String.format(Locale.ROOT, "%s chạy trên %s với P=%d; đo được: trung vị %.0f dòng mỗi batch, PT trung vị %s (p95 %s) so với BI %s.",
                        s.job(), s.master(), s.partitions(), s.medianRecordsPerBatch(), Summarizer.seconds(s.medianProcessingTimeMs()),
                        Summarizer.seconds(s.p95ProcessingTimeMs()), Summarizer.seconds(s.batchIntervalMs())));
    }

    private static void unknownKnobs(Text t, RunSummary s) {
        String lines = String.format(Locale.ROOT, "%.0f", s.medianRecordsPerBatch());
        String pt = Summarizer.seconds(s.medianProcessingTimeMs());
        String p95 = Summarizer.seconds(s.p95ProcessingTimeMs());
        String bi = Summarizer.seconds(s.batchIntervalMs());
        t.add("The JSON Lines file does not record the master, the partitions or the cost, and no summary file was found beside it, so the batch arithmetic cannot be worked out here."
                        + String.format(Locale.ROOT, " Measured: a median of %s lines per batch, median PT %s (p95 %s) against BI %s.", lines, pt, p95, bi),
                "File JSON Lines không ghi master, số partition hay chi phí, và không có file summary bên cạnh, nên không tính được phép tính của batch ở đây."
                        + String.format(Locale.ROOT, " Đo được: trung vị %s dòng mỗi batch, PT trung vị %s (p95 %s) so với BI %s.", lines, pt, p95, bi));
        JobSpec defaults = jobDefaults(s.job());
        if (defaults == null) return;
        RunSummary assumed = new RunSummary(s.job(), defaults.master(), defaults.partitions(), defaults.costMs(), defaults.costUnit().label(),
                s.batchIntervalMs(), s.batches(), s.warmupBatches(), s.medianRecordsPerBatch(), s.meanInputRatePerSec(),
                s.medianProcessingTimeMs(), s.p95ProcessingTimeMs(), s.processingToIntervalRatio(),
                s.schedulingDelaySlopeMsPerBatch(), s.finalSchedulingDelayMs(), s.maxQueuedBatches(), s.verdict(), s.reason());
        BatchArithmetic a = arithmetic(assumed);
        if (a == null || defaults.costMs() == 0) return;
        String knobs = String.format(Locale.ROOT, "%s, P=%d, %s ms/%s", defaults.master(), defaults.partitions(),
                ConsoleTable.trim(defaults.costMs()), defaults.costUnit().label());
        t.add(String.format(Locale.ROOT, "If the run used %s's defaults (%s), the waits alone would take ≈ %s per batch (%d wave%s).",
                        s.job(), knobs, Summarizer.seconds(a.costTimeMs()), a.waves(), a.waves() == 1 ? "" : "s"),
                String.format(Locale.ROOT, "Nếu lần chạy dùng cấu hình mặc định của %s (%s), riêng thời gian chờ sẽ mất ≈ %s mỗi batch (%d đợt).",
                        s.job(), knobs, Summarizer.seconds(a.costTimeMs()), a.waves()));
    }

    /** The knobs a known job runs with by default (an exercise: its reference solution's); null for other names. */
    static JobSpec jobDefaults(String job) {
        if (!Jobs.NAMES.contains(job)) return null;
        try {
            return Jobs.byName(job, Jobs.EXERCISES.contains(job)).defaults();
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static void verdict(Text t, RunSummary s) {
        String ratio = String.format(Locale.ROOT, "%.2f", s.processingToIntervalRatio());
        String slope = String.format(Locale.ROOT, "%+.0f ms", s.schedulingDelaySlopeMsPerBatch());
        String finalSd = Summarizer.seconds(s.finalSchedulingDelayMs());
        switch (s.verdict()) {
            case INCONCLUSIVE -> t.add(
                    String.format(Locale.ROOT, "Only %d batch(es) were recorded, too few for a verdict (it needs %d after warm-up): run longer, e.g. --batches 8.",
                            s.batches(), Summarizer.MIN_BATCHES_FOR_VERDICT),
                    String.format(Locale.ROOT, "Chỉ ghi được %d batch, quá ít để kết luận (cần %d batch sau warm-up): hãy chạy lâu hơn, ví dụ --batches 8.",
                            s.batches(), Summarizer.MIN_BATCHES_FOR_VERDICT));
            case STABLE -> t.add(
                    String.format(Locale.ROOT, "PT uses %.0f%% of the batch interval, so each batch ends before the next one is cut and the scheduling delay stays flat (%s per batch, last %s). Verdict: STABLE.",
                            s.processingToIntervalRatio() * 100, slope, finalSd),
                    String.format(Locale.ROOT, "PT chỉ dùng %.0f%% batch interval, nên mỗi batch xong trước khi batch sau được cắt và scheduling delay giữ phẳng (%s mỗi batch, cuối cùng %s). Kết luận: STABLE.",
                            s.processingToIntervalRatio() * 100, slope, finalSd));
            case UNSTABLE -> {
                if (s.processingToIntervalRatio() > 1) {
                    String late = Summarizer.seconds(s.medianProcessingTimeMs() - s.batchIntervalMs());
                    t.add(String.format(Locale.ROOT, "PT is longer than the batch interval (PT/BI %s): each batch starts about %s later than the one before, so the scheduling delay climbed %s per batch to %s%s. Verdict: UNSTABLE — the job cannot keep up; shorten the work per batch (fewer waves: more free slots, or less cost per record). A longer BI helps only if the extra time outgrows the extra records it brings: 'bin/ssp plan' says whether it does, and which change is smallest.",
                                    ratio, late, slope, finalSd, s.maxQueuedBatches() > 0 ? ", with up to " + s.maxQueuedBatches() + " batches queued" : ""),
                            String.format(Locale.ROOT, "PT dài hơn batch interval (PT/BI %s): mỗi batch bắt đầu muộn hơn batch trước khoảng %s, nên scheduling delay tăng %s mỗi batch, lên tới %s%s. Kết luận: UNSTABLE — job không theo kịp dữ liệu; hãy rút ngắn công việc mỗi batch (ít wave hơn: thêm slot trống, hoặc giảm chi phí mỗi bản ghi). Tăng BI chỉ giúp được nếu thời gian thêm vào lớn hơn lượng bản ghi thêm vào mà nó mang theo: 'bin/ssp plan' cho biết có giúp được không, và thay đổi nào nhỏ nhất.",
                                    ratio, late, slope, finalSd, s.maxQueuedBatches() > 0 ? ", có lúc " + s.maxQueuedBatches() + " batch phải xếp hàng" : ""));
                } else {
                    t.add(String.format(Locale.ROOT, "Median PT stays under BI (PT/BI %s), yet the scheduling delay climbed %s per batch to %s: the slow batches pile up. Verdict: UNSTABLE.",
                                    ratio, slope, finalSd),
                            String.format(Locale.ROOT, "PT trung vị vẫn dưới BI (PT/BI %s), nhưng scheduling delay vẫn tăng %s mỗi batch, lên tới %s: các batch chậm dồn lại. Kết luận: UNSTABLE.",
                                    ratio, slope, finalSd));
                }
            }
        }
    }

    /** Builds the two languages sentence by sentence, so that they cannot drift apart. */
    private static final class Text {
        final StringBuilder en = new StringBuilder();
        final StringBuilder vi = new StringBuilder();

        void add(String english, String vietnamese) {
            en.append(english).append(' ');
            vi.append(vietnamese).append(' ');
        }
    }
}
