package io.ssplab.metrics;

import java.util.ArrayList;
import java.util.List;

import io.ssplab.core.BatchMetrics;
import io.ssplab.core.Format;
import io.ssplab.core.KafkaLag;
import io.ssplab.core.Knobs;
import io.ssplab.core.Lang;
import io.ssplab.core.Messages;
import io.ssplab.core.RunSummary;
import io.ssplab.core.Stats;
import io.ssplab.core.StructuredSummary;
import io.ssplab.core.Verdict;

/**
 * A Structured Streaming run's summary and verdict: the one place where the lab decides STABLE,
 * FALLING_BEHIND, UNSTABLE or INCONCLUSIVE for a query ({@link Summarizer} does it for DStreams).
 *
 * <h2>Design: the verdict, in numbers</h2>
 * A late micro-batch does not queue: the next one starts at once and takes every row that arrived
 * meanwhile. With Spark's overhead o, the batch cost s, a = cost × waves / P per line and the rate r, a
 * late batch lasts {@code D' = o + s + a·r·D}: the batches settle at {@code D* = (o + s)/(1 − a·r)} when
 * {@code a·r < 1} and grow without bound otherwise. So the verdict looks at whether the batches keep
 * within the trigger, and if not, whether batch size and duration settle or keep growing. It judges the
 * last {@value #JUDGED_BATCHES} batches after warm-up ({@link StructuredWarmup}: the first full batch and the start-up
 * lateness; the query's batch 0 is empty) — a falling-behind query takes a few batches to settle, by a·r
 * per batch — and every number of the summary is over the same batches.
 * <ol>
 *   <li><b>STABLE</b> when the median duration D ≤ the trigger T ({@link Verdict#keepsUp}): each batch ends
 *       before the next trigger, rows per batch stay at r·T.</li>
 *   <li>Otherwise two numbers, both measured on the judged batches:
 *     <ul>
 *       <li>g, the growth of the rows per batch: least-squares slope of the rows against the batch index,
 *           divided by the mean rows (+0.25: a quarter more rows every batch), and SE, the standard error of
 *           that slope over the same mean: how far the rows' scatter around their line could move g;</li>
 *       <li>ρ, the median of Spark's inputRowsPerSecond / processedRowsPerSecond. Since input rows/s =
 *           rows / (start_k − start_(k−1)) and processed rows/s = rows / D_k, ρ = D_k / D_(k−1) while batches
 *           follow each other at once: the growth factor of the duration.</li>
 *     </ul></li>
 *   <li><b>UNSTABLE</b> when g ≥ {@value #GROWING_ROWS} and ρ ≥ {@value #GROWING_RATIO}: rows and duration
 *       grow batch after batch.</li>
 *   <li><b>FALLING_BEHIND</b> when g − {@value LagRule#SLOPE_ERRORS}·SE &lt; {@value #SETTLED_ROWS} and
 *       ρ &lt; {@value #SETTLED_RATIO}: behind the trigger, but batch size and duration settled — the rows grow by
 *       less than the settled band, to within their own scatter.</li>
 *   <li><b>INCONCLUSIVE</b> otherwise ("still settling: run longer"), or with fewer than
 *       {@value #MIN_BATCHES_FOR_VERDICT} batches after warm-up.</li>
 * </ol>
 * On Kafka the consumer lag over the judged batches is judged too ({@link LagRule}): a lag that grows makes the
 * query UNSTABLE whatever the rule above says (except too few batches: INCONCLUSIVE).
 * The thresholds come from measurements on a loaded 2-core machine with Spark 4.2.0 (docs: the spike's
 * table): settled runs had g between −0.03 and +0.01 and ρ 0.98–1.02; growing ones (a·r 1.12) g 0.20–0.25
 * and ρ 1.23–1.28; a run at a·r 0.91 was still climbing after 12 batches (g +0.037, ρ 1.03): INCONCLUSIVE,
 * rightly — at a·r near 1 the gap to D* shrinks by only a·r per batch. A climb that slow is smooth (its SE is small),
 * while on a busy machine a settled query's rows scatter with its overhead: a CI run's ss-bottleneck (a·r 0.28, settled
 * within 2% after 3 batches by the arithmetic) read g +3.3% with ρ 1.01 from one slow batch, and the point estimate alone
 * called it "still settling". So g must clear the settled band by {@value LagRule#SLOPE_ERRORS} standard errors before
 * a run counts as unsettled, as the lag must clear its tolerance ({@link LagRule}).
 */
public final class StructuredSummarizer {
    /** Batches judged: the last this many after warm-up. */
    public static final int JUDGED_BATCHES = 6;
    /** Fewer batches after warm-up than this: INCONCLUSIVE. */
    public static final int MIN_BATCHES_FOR_VERDICT = 4;
    /** g below this to within {@link LagRule#SLOPE_ERRORS} standard errors (and ρ below {@link #SETTLED_RATIO}): settled. */
    public static final double SETTLED_ROWS = 0.03;
    public static final double SETTLED_RATIO = 1.05;
    /** g at least this (and ρ at least {@link #GROWING_RATIO}): growing. */
    public static final double GROWING_ROWS = 0.10;
    public static final double GROWING_RATIO = 1.10;

    private StructuredSummarizer() {
    }

    /** Without a prediction: a metrics file's summary. */
    public static RunSummary summarize(Knobs knobs, List<BatchMetrics> all) {
        return summarize(knobs, all, StructuredWarmup.batches(all, Summarizer.nominalLines(knobs)), null);
    }

    /**
     * @param warmup    batches of warm-up by {@link StructuredWarmup}, as the live table and the stop rule counted them
     * @param predicted the model's numbers for these knobs, or null
     */
    public static RunSummary summarize(Knobs knobs, List<BatchMetrics> all, int warmup, StructuredSummary.Predicted predicted) {
        int w = Math.max(0, Math.min(warmup, all.size()));
        int measured = all.size() - w;
        int judgedFrom = measured >= MIN_BATCHES_FOR_VERDICT ? Math.max(w, all.size() - JUDGED_BATCHES) : w;
        List<BatchMetrics> judged = all.subList(judgedFrom, all.size());
        long t = knobs.batchIntervalMs();

        double[] d = judged.stream().mapToDouble(BatchMetrics::processingTimeMs).toArray();
        double[] rows = judged.stream().mapToDouble(BatchMetrics::records).toArray();
        double[] late = judged.stream().mapToDouble(BatchMetrics::schedulingDelayMs).toArray();
        double[] rate = judged.stream().mapToDouble(BatchMetrics::inputRatePerSec).toArray();
        double medianD = Stats.median(d);
        double ratio = medianD / t;
        double g = rowsGrowth(rows);
        double gError = rowsGrowthError(rows);
        double rho = inputToProcessed(judged);

        Verdict timing = judged.size() < MIN_BATCHES_FOR_VERDICT ? Verdict.INCONCLUSIVE : verdict(ratio, g, gError, rho);
        // Kafka: the lag is the delay, judged over the same batches (null for a socket source).
        KafkaLag lag = LagRule.of(judged, Summarizer.nominalLines(knobs));
        Verdict verdict = LagRule.verdict(lag, timing);
        Double predictedMs = predicted == null ? null : predicted.durationMs();
        Double error = predictedMs == null || !(medianD > 0) ? null : Summarizer.modelErrorPercent(predictedMs, medianD);
        Double overhead = predicted == null || judged.isEmpty() ? null : measuredOverhead(judged, predicted);
        BatchMetrics last = all.isEmpty() ? null : all.get(all.size() - 1);
        StructuredSummary structured = new StructuredSummary(judged.size(), g, gError, rho, Stats.median(late),
                last == null ? 0 : last.records(), last == null ? 0 : last.processingTimeMs(), overhead, predicted);
        RunSummary s = new RunSummary(knobs, all.size(), judgedFrom, Stats.median(rows), Stats.mean(rate), medianD,
                Stats.percentile(d, 95), ratio, Summarizer.schedulingDelayTrend(late), last == null ? 0 : last.schedulingDelayMs(), 0,
                verdict, "", null, predictedMs, error, predicted == null ? null : predicted.overheadSource(), structured, lag);
        return s.withReason(Summarizer.reason(s, Lang.EN));
    }

    /** The rule of the class comment, on the judged batches' numbers (g and its standard error as fractions per batch). */
    public static Verdict verdict(double durationToTrigger, double rowsGrowth, double rowsGrowthError, double inputToProcessed) {
        if (Verdict.keepsUp(durationToTrigger)) return Verdict.STABLE;
        if (rowsGrowth >= GROWING_ROWS && inputToProcessed >= GROWING_RATIO) return Verdict.UNSTABLE;
        if (rowsGrowth - LagRule.SLOPE_ERRORS * rowsGrowthError < SETTLED_ROWS && inputToProcessed < SETTLED_RATIO) return Verdict.FALLING_BEHIND;
        return Verdict.INCONCLUSIVE;
    }

    /** g: least-squares slope of the rows per batch against the batch index, over their mean; 0 for no rows. */
    public static double rowsGrowth(double[] rows) {
        double mean = Stats.mean(rows);
        return rows.length < 2 || !(mean > 0) ? 0 : Stats.slopePerIndex(rows) / mean;
    }

    /** SE of g: the standard error of the rows' slope, over their mean; 0 below three batches or for no rows. */
    public static double rowsGrowthError(double[] rows) {
        double mean = Stats.mean(rows);
        return !(mean > 0) ? 0 : Stats.slopeStandardErrorPerIndex(rows) / mean;
    }

    /** ρ: median of inputRowsPerSecond / processedRowsPerSecond over the batches that report both; NaN when none does. */
    public static double inputToProcessed(List<BatchMetrics> batches) {
        List<Double> ratios = new ArrayList<>();
        for (BatchMetrics b : batches) {
            Double in = b.inputRowsPerSecond();
            Double done = b.processedRowsPerSecond();
            if (in != null && done != null && done > 0 && in > 0) ratios.add(in / done);
        }
        return Stats.median(ratios.stream().mapToDouble(Double::doubleValue).toArray());
    }

    /** o as the batches measured it: median of duration − batch cost − a × rows. */
    static double measuredOverhead(List<BatchMetrics> judged, StructuredSummary.Predicted p) {
        return Stats.median(judged.stream().mapToDouble(b -> b.processingTimeMs() - p.batchCostMs() - p.perLineMs() * b.records()).toArray());
    }

    /** The sentence behind the verdict, with its numbers, in {@code lang} (the file keeps the English one). */
    public static String reason(RunSummary s, Lang lang) {
        StructuredSummary q = s.structured();
        if (q == null) return "";
        long t = s.batchIntervalMs();
        String d = Format.seconds(lang, s.medianProcessingTimeMs());
        String trigger = Format.seconds(lang, t);
        String g = growth(lang, q.rowsGrowthPerBatch());
        String gError = Format.fixed(lang, 100 * q.rowsGrowthErrorPerBatch(), 1) + "%";
        String rho = Double.isNaN(q.inputToProcessedRatio()) ? "–" : Format.fixed(lang, q.inputToProcessedRatio(), 2);
        return switch (s.verdict()) {
            case INCONCLUSIVE -> q.judgedBatches() < MIN_BATCHES_FOR_VERDICT
                    ? Messages.in(lang, "ss.reason.tooFew", q.judgedBatches(), s.batches(), MIN_BATCHES_FOR_VERDICT)
                    : Messages.in(lang, "ss.reason.settling", d, trigger, g, rho, growth(lang, SETTLED_ROWS), Format.fixed(lang, SETTLED_RATIO, 2),
                            growth(lang, GROWING_ROWS), Format.fixed(lang, GROWING_RATIO, 2), gError, LagRule.SLOPE_ERRORS);
            case STABLE -> Messages.in(lang, "ss.reason.stable", d, trigger, Format.percent(lang, s.processingToIntervalRatio()),
                    Format.integer(lang, Math.round(s.medianRecordsPerBatch())), Format.seconds(lang, q.medianLatenessMs()));
            case FALLING_BEHIND -> Messages.in(lang, "ss.reason.fallingBehind", d, trigger, g, rho,
                    Format.integer(lang, Math.round(s.medianRecordsPerBatch())), d, modelNote(s, lang), gError);
            case UNSTABLE -> Messages.in(lang, "ss.reason.unstable", g, rho, Format.integer(lang, q.lastRows()),
                    Format.seconds(lang, q.lastDurationMs()), modelNote(s, lang));
        };
    }

    /** How the measurement compares with the model, for the reason: "; the model's D* 3.30 s (−3%)". Empty without one. */
    static String modelNote(RunSummary s, Lang lang) {
        StructuredSummary.Predicted p = s.structured() == null ? null : s.structured().predicted();
        if (p == null) return "";
        if (p.verdict() == Verdict.UNSTABLE)
            return Messages.in(lang, "ss.reason.model.unstable", Format.fixed(lang, p.loadFactor(), 2), p.verdict());
        if (p.durationMs() == null || s.modelErrorPercent() == null) return "";
        return Messages.in(lang, p.verdict() == Verdict.FALLING_BEHIND ? "ss.reason.model.settled" : "ss.reason.model.onTime",
                Format.seconds(lang, p.durationMs()), Format.signed(lang, s.modelErrorPercent(), 0), p.verdict());
    }

    /** g as a signed percentage per batch: "+24.7%". */
    static String growth(Lang lang, double g) {
        return Format.signed(lang, 100 * g, 1) + "%";
    }
}
