package io.ssplab.report;

import java.util.EnumMap;
import java.util.Map;
import java.util.function.Function;

import io.ssplab.core.Format;
import io.ssplab.core.Knobs;
import io.ssplab.core.Lang;
import io.ssplab.core.Master;
import io.ssplab.core.Messages;
import io.ssplab.core.RunSummary;
import io.ssplab.core.Verdict;
import io.ssplab.jobs.Jobs;
import io.ssplab.metrics.Summarizer;
import io.ssplab.model.BatchArithmetic;
import io.ssplab.model.Overhead;

/**
 * The paragraph under each run's charts, in every language of the page: why PT is what it is (records
 * per batch, partitions, free task slots, waves, cost per record — {@link BatchArithmetic}) and what
 * that did to the scheduling delay, with the run's measured numbers. Each sentence is one message
 * ({@code expl.*}), rendered in each language with that language's numbers.
 *
 * @param text the paragraph per language
 */
public record Explanation(Map<Lang, String> text) {

    public String in(Lang lang) {
        return text.get(lang);
    }

    public String english() {
        return in(Lang.EN);
    }

    public String vietnamese() {
        return in(Lang.VI);
    }

    public static Explanation of(RecordedRun run) {
        RunSummary s = run.summary();
        Text t = new Text();
        if (run.structured() && s.structured() != null) {
            query(t, run);
            Map<Lang, String> text = new EnumMap<>(Lang.class);
            t.text.forEach((lang, b) -> text.put(lang, b.toString().strip()));
            return new Explanation(text);
        }
        if (run.knobsRecorded()) {
            BatchArithmetic a = arithmetic(s, s.knobs());
            if (a == null) measuredOnly(t, s);
            else if (s.knobs().costMs() == 0) noCost(t, s);
            else withCost(t, s, a);
        } else {
            unknownKnobs(t, s);
        }
        verdict(t, s);
        if (s.predictedProcessingTimeMs() != null && s.modelErrorPercent() != null) {
            t.add("expl.model", l -> new Object[] {Format.seconds(l, s.predictedProcessingTimeMs()), Format.seconds(l, s.medianProcessingTimeMs()),
                    Format.signed(l, s.modelErrorPercent(), 0), Overhead.describeToken(s.overheadSource(), l)});
        }
        if (s.warmupBatches() > 0 && s.verdict() != Verdict.INCONCLUSIVE) t.add("expl.warmup", l -> new Object[] {s.warmupBatches()});
        Map<Lang, String> text = new EnumMap<>(Lang.class);
        t.text.forEach((lang, b) -> text.put(lang, b.toString().strip()));
        return new Explanation(text);
    }

    /**
     * The lesson's arithmetic for the knobs a run was recorded with and the records its batches really
     * held (median): the recorded rate is replaced by the measured one. Null when the knobs do not make
     * a workload (an unknown master).
     */
    static BatchArithmetic arithmetic(RunSummary s, Knobs knobs) {
        try {
            return BatchArithmetic.of(knobs.withRate(s.medianRecordsPerBatch() * 1000.0 / s.batchIntervalMs()));
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static void withCost(Text t, RunSummary s, BatchArithmetic a) {
        Knobs k = s.knobs();
        t.add("expl.ran", l -> new Object[] {s.job(), k.master(), k.partitions(), Format.plain(l, k.costMs()), Messages.in(l, "unit." + k.costUnit().label())});
        t.add("expl.records", l -> new Object[] {Format.fixed(l, a.linesPerBatch(), 0), Format.plain(l, Math.round(a.linesPerBatch() * 1000.0 / k.batchIntervalMs())),
                Format.seconds(l, k.batchIntervalMs()),
                k.costUnit() == io.ssplab.core.CostUnit.WORD ? Messages.in(l, "expl.records.words", Format.fixed(l, a.costedRecordsPerBatch(), 0), k.wordsPerLine()) : "",
                a.partitions(), Format.fixed(l, a.recordsPerPartition(), 1), Messages.noun(l, 2, "noun." + k.costUnit().label())});
        if (a.freeSlots() == 0) {
            t.add("expl.noFreeSlot", l -> new Object[] {k.master()});
            return;
        }
        boolean assumedCores = Master.parse(k.master()).isStandalone();
        t.add("expl.slots", l -> new Object[] {a.cores(), assumedCores ? Messages.in(l, "expl.slots.assumed", a.cores()) : "", a.freeSlots(),
                a.partitions(), Messages.count(l, a.waves(), "noun.wave"),
                a.partialLastWave() && a.waves() > 1 ? Messages.in(l, "expl.slots.partial", a.freeSlots(), a.lastWaveTasks()) : ""});
        double overhead = s.medianProcessingTimeMs() - a.costTimeMs();
        t.add("expl.waits", l -> new Object[] {a.waves(), Format.fixed(l, a.recordsPerPartition(), 1), Format.plain(l, k.costMs()),
                Format.seconds(l, a.costTimeMs()), Format.seconds(l, s.medianProcessingTimeMs()), Format.seconds(l, s.p95ProcessingTimeMs()),
                overhead > 0 ? Messages.in(l, "expl.waits.rest", Format.seconds(l, overhead)) : ""});
    }

    private static void noCost(Text t, RunSummary s) {
        Knobs k = s.knobs();
        t.add("expl.noCost", l -> new Object[] {s.job(), k.master(), k.partitions(), Format.seconds(l, s.medianProcessingTimeMs()),
                Format.seconds(l, s.p95ProcessingTimeMs()), Format.fixed(l, s.medianRecordsPerBatch(), 0)});
    }

    private static void measuredOnly(Text t, RunSummary s) {
        Knobs k = s.knobs();
        t.add("expl.measuredOnly", l -> new Object[] {s.job(), k.master(), k.partitions(), Format.fixed(l, s.medianRecordsPerBatch(), 0),
                Format.seconds(l, s.medianProcessingTimeMs()), Format.seconds(l, s.p95ProcessingTimeMs()), Format.seconds(l, s.batchIntervalMs())});
    }

    private static void unknownKnobs(Text t, RunSummary s) {
        t.add("expl.unknownKnobs", l -> new Object[] {Format.fixed(l, s.medianRecordsPerBatch(), 0), Format.seconds(l, s.medianProcessingTimeMs()),
                Format.seconds(l, s.p95ProcessingTimeMs()), Format.seconds(l, s.batchIntervalMs())});
        Knobs defaults = jobDefaults(s.job());
        if (defaults == null || defaults.costMs() == 0) return;
        BatchArithmetic a = arithmetic(s, defaults.withBatchInterval(s.knobs().batchInterval()));
        if (a == null) return;
        t.add("expl.ifDefaults", l -> new Object[] {s.job(), defaults.master(), defaults.partitions(), Format.plain(l, defaults.costMs()),
                Messages.in(l, "unit." + defaults.costUnit().label()), Format.seconds(l, a.costTimeMs()), Messages.count(l, a.waves(), "noun.wave")});
    }

    /** The knobs a known job runs with by default (an exercise: its reference solution's); null for other names. */
    static Knobs jobDefaults(String job) {
        if (!Jobs.NAMES.contains(job)) return null;
        try {
            return Jobs.byName(job, Jobs.EXERCISES.contains(job)).defaults();
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static void verdict(Text t, RunSummary s) {
        switch (s.verdict()) {
            case INCONCLUSIVE -> t.add("expl.inconclusive", l -> new Object[] {s.batches(), Summarizer.MIN_BATCHES_FOR_VERDICT});
            case STABLE -> t.add("expl.stable", l -> new Object[] {Format.percent(l, s.processingToIntervalRatio()),
                    Format.signed(l, s.schedulingDelaySlopeMsPerBatch(), 0), Format.seconds(l, s.finalSchedulingDelayMs())});
            case UNSTABLE -> {
                if (!Verdict.keepsUp(s.processingToIntervalRatio())) {
                    t.add("expl.unstable.ptOverBi", l -> new Object[] {Format.fixed(l, s.processingToIntervalRatio(), 2),
                            Format.seconds(l, s.medianProcessingTimeMs() - s.batchIntervalMs()), Format.signed(l, s.schedulingDelaySlopeMsPerBatch(), 0),
                            Format.seconds(l, s.finalSchedulingDelayMs()),
                            s.maxQueuedBatches() > 0 ? Messages.in(l, "expl.unstable.queued", s.maxQueuedBatches()) : ""});
                } else {
                    t.add("expl.unstable.sdClimbs", l -> new Object[] {Format.fixed(l, s.processingToIntervalRatio(), 2),
                            Format.signed(l, s.schedulingDelaySlopeMsPerBatch(), 0), Format.seconds(l, s.finalSchedulingDelayMs())});
                }
            }
        }
    }

    /** Builds every language sentence by sentence from the same message and numbers, so they cannot drift apart. */
    /**
     * A query's paragraph: no receiver, so every slot runs tasks; the cost per line a and a·r from the structured
     * model ({@code plan --api structured}'s); what the micro-batches measured; the verdict's own sentence.
     */
    private static void query(Text t, RecordedRun run) {
        RunSummary s = run.summary();
        io.ssplab.core.StructuredSummary q = s.structured();
        if (run.knobsRecorded()) {
            Knobs k = s.knobs();
            io.ssplab.model.Workload w;
            try {
                w = io.ssplab.model.StructuredModel.workload(k.withApi(io.ssplab.core.Api.STRUCTURED), null,
                        io.ssplab.core.Master.parse(k.master()).isLocal() ? io.ssplab.core.Master.parse(k.master()).cores()
                                : io.ssplab.core.Master.DEFAULT_CLUSTER_CORES);
            } catch (RuntimeException e) {
                w = null;
            }
            if (w != null) {
                io.ssplab.model.Workload work = w;
                double a = io.ssplab.model.StructuredModel.perLineMs(work);
                int waves = (k.partitions() + work.cores() - 1) / work.cores();
                t.add("expl.query.ran", l -> new Object[] {s.job(), k.master(), k.partitions(), run.costLabel(l), work.cores(),
                        Messages.count(l, waves, "noun.wave"), Format.plain(l, Math.round(a * 100) / 100.0),
                        Format.fixed(l, a * k.linesPerSecond() / 1000, 2)});
            }
        }
        t.add("expl.query.measured", l -> new Object[] {Format.seconds(l, s.medianProcessingTimeMs()), Format.fixed(l, s.processingToIntervalRatio(), 2),
                Format.plain(l, s.medianRecordsPerBatch()), q.measuredOverheadMs() == null ? "–" : Format.seconds(l, q.measuredOverheadMs())});
        for (Lang l : Lang.values()) {
            t.text.computeIfAbsent(l, x -> new StringBuilder()).append(Messages.in(l, "expl.query.verdict", s.verdict(),
                    io.ssplab.metrics.StructuredSummarizer.reason(s, l).strip().replaceAll("\\.$", ""))).append(' ');
        }
        if (s.warmupBatches() > 0) t.add("expl.query.warmup", l -> new Object[] {s.warmupBatches()});
    }

    private static final class Text {
        final Map<Lang, StringBuilder> text = new EnumMap<>(Lang.class);

        void add(String key, Function<Lang, Object[]> args) {
            for (Lang l : Lang.values()) text.computeIfAbsent(l, x -> new StringBuilder()).append(Messages.in(l, key, args.apply(l))).append(' ');
        }
    }
}
