package io.ssplab.model;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.ssplab.core.CostUnit;
import io.ssplab.core.Format;
import io.ssplab.core.Json;
import io.ssplab.core.Knobs;
import io.ssplab.core.Lang;
import io.ssplab.core.Messages;
import io.ssplab.core.StructuredSummary;
import io.ssplab.core.Verdict;

/**
 * What {@link StructuredModel} predicts for a query's micro-batches, with the arithmetic behind it (the
 * model's class comment has the formulas).
 *
 * @param workload    the setting (no receiver)
 * @param arithmetic  lines per trigger, partitions, slots and waves
 * @param overheadMs  o: Spark's own time per micro-batch at this setting's task waves
 * @param overhead    where o comes from
 * @param batchCostMs s: the fixed cost per batch
 * @param perLineMs   a: what one more line adds to a batch
 */
public record StructuredPrediction(Workload workload, BatchArithmetic arithmetic, double overheadMs, Overhead overhead,
                                   double batchCostMs, double perLineMs) {
    /** Batches shown for a query whose batches grow. */
    static final int GROWTH_STEPS = 5;

    public Knobs knobs() {
        return workload.knobs();
    }

    public long triggerMs() {
        return knobs().batchIntervalMs();
    }

    public double rate() {
        return knobs().linesPerSecond();
    }

    /** a·r: seconds of per-line cost per second of input. */
    public double loadFactor() {
        return perLineMs * rate() / 1000;
    }

    /** o + s: what every batch pays whatever its size. */
    public double fixedMs() {
        return overheadMs + batchCostMs;
    }

    /** D of a batch that starts on time: o + s + a·r·T. */
    public double onTimeMs() {
        return fixedMs() + loadFactor() * triggerMs();
    }

    /** STABLE when an on-time batch ends within its trigger; else FALLING_BEHIND while a·r &lt; 1; else UNSTABLE. */
    public Verdict verdict() {
        if (Verdict.keepsUp(onTimeMs() / triggerMs())) return Verdict.STABLE;
        return loadFactor() < 1 ? Verdict.FALLING_BEHIND : Verdict.UNSTABLE;
    }

    /** The duration the batches run at: on time D, or the settled D*; NaN when they grow without bound. */
    public double durationMs() {
        return switch (verdict()) {
            case STABLE -> onTimeMs();
            case FALLING_BEHIND -> fixedMs() / (1 - loadFactor());
            default -> Double.NaN;
        };
    }

    /** Rows per batch: r·T on time, r·D* when falling behind; NaN when they grow. */
    public double rowsPerBatch() {
        return verdict() == Verdict.STABLE ? rate() * triggerMs() / 1000 : rate() * durationMs() / 1000;
    }

    /** Time between batch starts: T on time, D* behind (batches follow each other at once); NaN when they grow. */
    public double startIntervalMs() {
        return verdict() == Verdict.STABLE ? triggerMs() : durationMs();
    }

    /**
     * End-to-end latency of a line at quantile q: it waits for its batch to start (uniformly over the time
     * between starts), then for the batch to count it, before the batch cost s is paid. NaN when batches grow.
     */
    public double latencyMs(double q) {
        return q * startIntervalMs() + durationMs() - batchCostMs;
    }

    /** Falling behind: batches until the gap to D* is within 10% (it shrinks by a·r per batch); 0 otherwise. */
    public int batchesToSettle() {
        if (verdict() != Verdict.FALLING_BEHIND || loadFactor() <= 0) return 0;
        return (int) Math.ceil(Math.log(0.1) / Math.log(loadFactor()));
    }

    /** Unstable: the durations of the first late batches, from an on-time start (D' = o + s + a·r·D); empty otherwise. */
    public List<Double> growingDurationsMs() {
        List<Double> d = new ArrayList<>();
        if (verdict() != Verdict.UNSTABLE) return d;
        double x = onTimeMs();
        for (int i = 0; i < GROWTH_STEPS; i++) {
            d.add(x);
            x = fixedMs() + loadFactor() * x;
        }
        return d;
    }

    /** Unstable: the duration's growth factor per batch over the first late batches; NaN otherwise. */
    public double growthPerBatch() {
        List<Double> d = growingDurationsMs();
        return d.size() < 2 ? Double.NaN : Math.pow(d.get(d.size() - 1) / d.get(0), 1.0 / (d.size() - 1));
    }

    /** Highest rate whose batches start on time (D ≤ T): (T − o − s) / (a·T); infinite without cost, 0 when o + s ≥ T. */
    public double onTimeRateLimit() {
        double budget = triggerMs() - fixedMs();
        if (budget <= 0) return 0;
        return perLineMs <= 0 ? Double.POSITIVE_INFINITY : budget / (perLineMs * triggerMs() / 1000);
    }

    /** Largest batch cost s with an on-time batch within {@code target} × T: target·T − o − a·r·T; negative when none fits. */
    public double largestBatchCostMs(double target) {
        return target * triggerMs() - overheadMs - loadFactor() * triggerMs();
    }

    /** Highest rate whose batches stay bounded (a·r &lt; 1): 1/a; infinite without cost. */
    public double boundedRateLimit() {
        return perLineMs <= 0 ? Double.POSITIVE_INFINITY : 1000 / perLineMs;
    }

    /** The numbers a run's summary records beside its measurement. */
    public StructuredSummary.Predicted forSummary() {
        Verdict v = verdict();
        return new StructuredSummary.Predicted(v, finiteOrNull(durationMs()), finiteOrNull(rowsPerBatch()), loadFactor(), perLineMs,
                overheadMs, batchCostMs, v == Verdict.UNSTABLE ? finiteOrNull(growthPerBatch()) : null, overhead.token());
    }

    /** The whole explanation, one step per line, in the current language. */
    public List<String> explain() {
        return explain(Lang.current());
    }

    public List<String> explain(Lang lang) {
        Knobs k = knobs();
        BatchArithmetic.Lines l = new BatchArithmetic.Lines(lang);
        String t = Format.seconds(lang, triggerMs());
        l.add("ss.label.lines", Messages.in(lang, "ss.arith.lines", Format.plain(lang, rate()), t, Format.fixed(lang, arithmetic.linesPerBatch(), 0)));
        l.add("ss.label.slots", Messages.in(lang, "ss.arith.slots", workload.masterLabel(), arithmetic.freeSlots()));
        l.add("arith.label.waves", Messages.in(lang, "arith.waves", arithmetic.partitions(), arithmetic.freeSlots(), arithmetic.waves())
                + (arithmetic.partialLastWave() ? Messages.in(lang, "arith.partialWave", Messages.count(lang, arithmetic.lastWaveTasks(), "noun.task"),
                arithmetic.freeSlots()) : ""));
        String waves = Messages.count(lang, arithmetic.waves(), "noun.wave");
        l.add("ss.label.perLine", k.costUnit() == CostUnit.WORD
                ? Messages.in(lang, "ss.arith.perLineWords", Format.plain(lang, k.costMs()), k.wordsPerLine(), waves, arithmetic.partitions(), ms(lang, perLineMs))
                : Messages.in(lang, "ss.arith.perLine", Format.plain(lang, k.costMs()), waves, arithmetic.partitions(), ms(lang, perLineMs)));
        l.add("ss.label.load", Messages.in(lang, "ss.arith.load", ms(lang, perLineMs), Format.plain(lang, rate()), Format.fixed(lang, loadFactor(), 2)));
        l.add("ss.label.overhead", Messages.in(lang, "ss.arith.overhead", Format.seconds(lang, overheadMs),
                Messages.count(lang, StructuredModel.taskWaves(workload), "noun.wave"), describeOverhead(lang)));
        if (batchCostMs > 0) l.add("ss.label.batchCost", Messages.in(lang, "ss.arith.batchCost", Format.seconds(lang, batchCostMs)));
        Verdict v = verdict();
        l.add("ss.label.onTime", Messages.in(lang, v == Verdict.STABLE ? "ss.arith.onTime.fits" : "ss.arith.onTime.late",
                Format.seconds(lang, overheadMs), Format.seconds(lang, batchCostMs), Format.fixed(lang, loadFactor(), 2), t,
                Format.seconds(lang, onTimeMs())));
        switch (v) {
            case STABLE -> l.add("ss.label.regime", Messages.in(lang, "ss.arith.stable", Format.integer(lang, Math.round(rowsPerBatch())),
                    Format.seconds(lang, triggerMs() - onTimeMs()), Format.percent(lang, 1 - onTimeMs() / triggerMs())));
            case FALLING_BEHIND -> l.add("ss.label.settled", Messages.in(lang, "ss.arith.settled", Format.seconds(lang, fixedMs()),
                    Format.fixed(lang, 1 - loadFactor(), 2), Format.seconds(lang, durationMs()), Format.integer(lang, Math.round(rowsPerBatch())),
                    Format.fixed(lang, durationMs() / triggerMs(), 2), Messages.count(lang, batchesToSettle(), "noun.batch")));
            default -> l.add("ss.label.growth", Messages.in(lang, "ss.arith.grows", String.join(" → ",
                    growingDurationsMs().stream().map(d -> Format.seconds(lang, d)).toList()), Format.fixed(lang, growthPerBatch(), 2)));
        }
        if (v != Verdict.UNSTABLE) {
            l.add("ss.label.latency", Messages.in(lang, "ss.arith.latency", Format.seconds(lang, latencyMs(0.5)), Format.seconds(lang, latencyMs(0.95))));
        }
        l.add("ss.label.rates", onTimeRateLimit() > 0
                ? Messages.in(lang, "ss.arith.rates", rateLimit(lang, onTimeRateLimit()), rateLimit(lang, boundedRateLimit()))
                : Messages.in(lang, "ss.arith.rates.none", Format.seconds(lang, fixedMs()), rateLimit(lang, boundedRateLimit())));
        return l.lines;
    }

    /** Where o comes from: the Structured Streaming default says what it is; the others as the DStream overhead says them. */
    public String describeOverhead(Lang lang) {
        return overhead.origin() == Overhead.Origin.DEFAULT ? Messages.in(lang, "ss.overhead.default", Format.seconds(lang, overhead.perBatchMs()),
                overhead.referenceCount()) : overhead.describe(lang);
    }

    /** The prediction as flat JSON fields (plan --api structured --json): the knobs' own, then the model's. */
    public Map<String, Object> fields() {
        @SuppressWarnings("unchecked")
        Map<String, Object> f = new LinkedHashMap<>(Json.MAPPER.convertValue(knobs(), Map.class));
        Verdict v = verdict();
        f.put("cores", workload.cores());
        f.put("receivers", 0);
        f.put("freeSlots", arithmetic.freeSlots());
        f.put("costStagePartitions", arithmetic.partitions());
        f.put("linesPerTrigger", arithmetic.linesPerBatch());
        f.put("waves", arithmetic.waves());
        f.put("taskWavesPerBatch", StructuredModel.taskWaves(workload));
        f.put("perLineMs", perLineMs);
        f.put("loadFactor", loadFactor());
        f.put("overheadMs", overheadMs);
        f.put("overheadSource", overhead.token());
        f.put("batchCostMs", batchCostMs);
        f.put("onTimeDurationMs", onTimeMs());
        f.put("regime", v);
        f.put("verdict", v);
        f.put("predictedProcessingTimeMs", finiteOrNull(durationMs()));
        f.put("ratio", finiteOrNull(durationMs() / triggerMs()));
        f.put("predictedRowsPerBatch", finiteOrNull(rowsPerBatch()));
        f.put("predictedLatencyP50Ms", finiteOrNull(latencyMs(0.5)));
        f.put("predictedLatencyP95Ms", finiteOrNull(latencyMs(0.95)));
        f.put("batchesToSettle", v == Verdict.FALLING_BEHIND ? batchesToSettle() : null);
        f.put("growthPerBatch", finiteOrNull(growthPerBatch()));
        f.put("growingDurationsMs", v == Verdict.UNSTABLE ? growingDurationsMs() : null);
        f.put("onTimeRateLimit", finiteOrNull(onTimeRateLimit()));
        f.put("boundedRateLimit", finiteOrNull(boundedRateLimit()));
        return f;
    }

    private static String ms(Lang lang, double v) {
        return Format.fixed(lang, v, 2) + " ms";
    }

    private static String rateLimit(Lang lang, double v) {
        return Double.isInfinite(v) ? "∞" : Format.fixed(lang, Math.floor(v * 10) / 10, 1);
    }

    private static Double finiteOrNull(double v) {
        return Double.isFinite(v) ? v : null;
    }
}
