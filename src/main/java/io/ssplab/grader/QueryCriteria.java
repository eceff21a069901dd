package io.ssplab.grader;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import io.ssplab.core.BatchMetrics;
import io.ssplab.core.Format;
import io.ssplab.core.Knobs;
import io.ssplab.core.Messages;
import io.ssplab.core.RunSummary;
import io.ssplab.core.Stats;
import io.ssplab.core.Verdict;
import io.ssplab.exercises.structured.QueryExercise;
import io.ssplab.metrics.StructuredSummarizer;
import io.ssplab.metrics.Summarizer;
import io.ssplab.metrics.Warmup;
import io.ssplab.model.StructuredModel;
import io.ssplab.model.StructuredPrediction;

/**
 * What the two exercises ask of a query ({@link FillGapsCriteria} and {@link FixDelayCriteria} ask it of a DStream
 * job), in the terms of docs/structured-streaming.md: the trigger T, the micro-batch duration D, rows per batch
 * against r·T, the lateness, and the model's a·r.
 *
 * <p><b>Step 1 (fill-gaps)</b> creates the overload: the values of its solution (T 3 s, 16 ms per line,
 * {@code local[2]}, P = 2, top 5: the lesson ss-overload, a·r = 1.12), then on the run D &gt; T in most batches,
 * rows per batch growing by at least {@value #MIN_ROWS_GROWTH} per batch and the lateness growing by at least
 * {@link Summarizer#SLOPE_TOLERANCE} × T per batch. Margins: with a·r ≥ 1 an on-time batch already lasts
 * ≥ 1.12 T, and each late batch is ×(a·r + o/D) ≥ 1.12 the one before: rows grow ≥ 11% per batch (measured
 * 22–25%) and the lateness by ≥ 0.12 T per batch (measured ≥ 1 s at T 3 s), against 5% and 0.05 T asked.
 * The run's verdict (UNSTABLE) is shown, not required: it asks g ≥ 10% and ρ ≥ 1.10, closer to the bound.
 *
 * <p><b>Step 2 (fix-delay)</b> keeps step 1's trigger and wait per line (a longer trigger or a lighter wait would hide
 * the overload, not fix it); the model must predict STABLE for the student's slots and partitions (with the lab's
 * default o), and the run must be STABLE: D ≤ T in nearly all batches (one in {@value #LATE_BATCH_ALLOWANCE_PER}
 * forgiven), rows per batch at most {@value #MAX_ROWS_SHARE} × r·T and the lateness under
 * {@link Warmup#CAUGHT_UP_SD_SHARE} × T in the same batches. Margins: the solution ({@code local[8]}, P = 8,
 * a·r = 0.28) lasts o + 0.84 s, measured 1.7–2.2 s (D/T 0.56–0.72) at load 3–6, and STABLE while o ≤ 2.16 s.
 */
final class QueryCriteria {
    /** Step 1: rows per batch must grow by at least this share per batch (g). */
    static final double MIN_ROWS_GROWTH = 0.05;
    /** Step 1: the lateness must grow by at least this share of T per batch: the run summary's "no longer flat". */
    static final double MIN_LATENESS_GROWTH_SHARE_OF_T = Summarizer.SLOPE_TOLERANCE;
    /** Step 2: one late batch in this many is forgiven ("nearly all"): a GC pause or a busy machine. */
    static final int LATE_BATCH_ALLOWANCE_PER = 4;
    /** Step 2: rows per batch may be up to this many times r·T (a batch that starts on time takes r·T rows). */
    static final double MAX_ROWS_SHARE = 1.25;
    /** Step 2: "on time": a batch that starts within this share of T after its trigger slot. */
    static final double MAX_LATENESS_SHARE_OF_T = Warmup.CAUGHT_UP_SD_SHARE;

    private QueryCriteria() {
    }

    /** The model's prediction for an exercise's knobs, with the lab's default o (nothing has run yet). */
    static StructuredPrediction predict(Knobs knobs) {
        StructuredModel model = new StructuredModel(StructuredModel.defaultOverhead());
        return model.predictQuery(StructuredModel.workload(knobs, null, io.ssplab.core.Master.parse(knobs.master()).cores()));
    }

    /** The criteria read from the code (all gaps filled, the knobs valid): no Spark needed. */
    static List<Criterion> fromCode(Lesson lesson, QueryExercise e, QueryExercise solution) {
        return switch (lesson) {
            case FILL_GAPS -> fillFromCode(e, solution);
            case FIX_DELAY -> fixFromCode(e, solution);
            case FIX_SKEW -> throw new IllegalStateException("fix-skew has no Structured Streaming exercise");
        };
    }

    /** Each gap against the solution's value: what step 1 asks for is what its solution does. */
    static List<Criterion> fillFromCode(QueryExercise e, QueryExercise solution) {
        StructuredPrediction p = predict(solution.defaults());
        String why = Messages.get("crit.ss.fill.gap.why", Format.fixed(p.loadFactor(), 2), Format.fixed(p.perLineMs(), 1));
        List<Criterion> c = new ArrayList<>();
        c.add(gap(e, 1, Format.duration(e.trigger()), Format.duration(solution.trigger()), e.trigger().equals(solution.trigger()), why));
        c.add(gap(e, 2, Format.duration(e.costPerLine()), Format.duration(solution.costPerLine()), e.costPerLine().equals(solution.costPerLine()), why));
        c.add(gap(e, 3, e.master(), solution.master(), e.cores() == solution.cores(), why));
        c.add(gap(e, 4, e.partitions(), solution.partitions(), e.partitions() == solution.partitions(), why));
        c.add(gap(e, 5, e.topWordsToPrint(), solution.topWordsToPrint(), e.topWordsToPrint() == solution.topWordsToPrint(), why));
        return c;
    }

    private static Criterion gap(QueryExercise e, int number, Object yours, Object asked, boolean ok, String why) {
        String name = Messages.get("crit.fill.gap.name", number, Messages.get("exercise." + e.name() + ".gap" + number + ".name"));
        String found = Objects.toString(yours) + (ok ? "" : Messages.get("crit.fill.stepValue", asked));
        return Criterion.of(ok, name, found, Messages.get("crit.ss.fill.gap.hint", asked, yours, why));
    }

    /** Step 2: step 1's trigger and wait kept, and the model predicts STABLE for the student's slots and partitions. */
    static List<Criterion> fixFromCode(QueryExercise e, QueryExercise solution) {
        Duration t = e.trigger();
        boolean keptT = t.equals(solution.trigger());
        Criterion trigger = Criterion.of(keptT, Messages.get("crit.ss.fix.trigger.name"),
                Format.duration(t) + (keptT ? "" : Messages.get("crit.fix.stepOneValue", Format.duration(solution.trigger()))),
                Messages.get("crit.ss.fix.trigger.hint", Format.duration(solution.trigger())));
        Duration wait = e.costPerLine();
        boolean keptWait = wait.equals(solution.costPerLine());
        Criterion cost = Criterion.of(keptWait, Messages.get("crit.ss.fix.cost.name"),
                Format.duration(wait) + (keptWait ? "" : Messages.get("crit.fix.stepOneValue", Format.duration(solution.costPerLine()))),
                Messages.get("crit.ss.fix.cost.hint", Format.duration(solution.costPerLine())));
        List<Criterion> c = new ArrayList<>(List.of(trigger, cost));
        if (keptT && keptWait) c.add(modelSaysStable(e.defaults()));
        return c;
    }

    /** The model, before anything runs: an on-time batch o + a·r·T within T. */
    static Criterion modelSaysStable(Knobs k) {
        StructuredPrediction p = predict(k);
        boolean stable = p.verdict() == Verdict.STABLE;
        String found = Messages.get("crit.ss.fix.model.found", Format.fixed(p.perLineMs(), 2), Format.fixed(p.loadFactor(), 2),
                Format.seconds(p.overheadMs()), Format.seconds(p.loadFactor() * p.triggerMs()), Format.seconds(p.onTimeMs()),
                stable ? "≤" : ">", Format.seconds(p.triggerMs()), p.verdict());
        return Criterion.of(stable, Messages.get("crit.ss.fix.model.name"), found,
                Messages.get("crit.ss.fix.model.hint", Format.duration(k.cost()), Messages.count(p.arithmetic().waves(), "noun.wave"),
                        k.partitions(), k.master(), Format.plain(k.costMs())));
    }

    /** Criteria measured on a run. */
    static List<Criterion> fromRun(QueryEvidence e) {
        Criterion enough = enoughBatches(e);
        if (!enough.passed()) return List.of(enough);
        return switch (e.lesson()) {
            case FILL_GAPS -> fillFromRun(e);
            case FIX_DELAY -> fixFromRun(e);
            case FIX_SKEW -> throw new IllegalStateException("fix-skew has no Structured Streaming exercise");
        };
    }

    static Criterion enoughBatches(QueryEvidence e) {
        int measured = e.measured().size();
        String name = Messages.get("crit.enough.name");
        String found = Messages.get("crit.enough.found", measured, e.wantedBatches(), e.batches().size(), e.stopReason());
        if (measured >= StructuredSummarizer.MIN_BATCHES_FOR_VERDICT) return Criterion.pass(name, found);
        if (!e.timeLimitReached()) return Criterion.fail(name, found, Messages.get("crit.enough.stopped", e.stopReason()));
        long most = e.batches().stream().mapToLong(BatchMetrics::records).max().orElse(0);
        double medianD = Stats.median(e.batches().stream().mapToDouble(BatchMetrics::processingTimeMs).toArray());
        return Criterion.fail(name, found, Messages.get("crit.ss.enough.slow", Format.seconds(medianD), Format.seconds(e.triggerMs()),
                Format.integer(most), Format.integer(Math.round(e.onTimeRows()))));
    }

    static List<Criterion> fillFromRun(QueryEvidence e) {
        int n = e.measured().size();
        long t = e.triggerMs();
        double d = e.medianDurationMs();
        int over = e.batchesOverTrigger();
        String la = arithmetic(e.knobs());
        Criterion late = Criterion.of(over * 2 > n, Messages.get("crit.ss.fill.late.name"),
                Messages.get("crit.ss.batchesOfD", over, n, Format.seconds(d), Format.seconds(t)),
                Messages.get("crit.ss.fill.late.hint", Format.seconds(d), Format.seconds(t), la));

        double g = e.rowsGrowth();
        boolean growing = g >= MIN_ROWS_GROWTH && e.lastRows() > e.onTimeRows();
        Criterion rows = Criterion.of(growing, Messages.get("crit.ss.fill.rows.name"),
                Messages.get("crit.ss.fill.rows.found", growth(g), Format.integer(e.firstRows()), Format.integer(e.lastRows()),
                        Format.integer(Math.round(e.onTimeRows())), growth(MIN_ROWS_GROWTH)),
                Messages.get("crit.ss.fill.rows.hint", la));

        double slope = e.latenessSlopeMsPerBatch();
        double least = MIN_LATENESS_GROWTH_SHARE_OF_T * t;
        Criterion lateness = Criterion.of(slope >= least, Messages.get("crit.ss.fill.lateness.name"),
                Messages.get("crit.ss.fill.lateness.found", Format.signed(slope, 0), Format.signed(least, 0), Format.seconds(e.lastLatenessMs())),
                Messages.get("crit.ss.fill.lateness.hint", Format.signed(d - t, 0)));
        return List.of(late, rows, lateness);
    }

    static List<Criterion> fixFromRun(QueryEvidence e) {
        int n = e.measured().size();
        int allowance = n / LATE_BATCH_ALLOWANCE_PER;
        long t = e.triggerMs();
        double d = e.medianDurationMs();
        String la = arithmetic(e.knobs());
        RunSummary s = e.summary();

        Criterion verdict = Criterion.of(s.verdict() == Verdict.STABLE, Messages.get("crit.ss.fix.verdict.name"),
                Messages.get("crit.ss.fix.verdict.found", s.verdict(), Format.fixed(s.processingToIntervalRatio(), 2),
                        s.structured() == null ? "–" : growth(s.structured().rowsGrowthPerBatch())),
                Messages.get("crit.ss.fix.verdict.hint", StructuredSummarizer.reason(s, io.ssplab.core.Lang.current()), la, busy(e)));

        int over = e.batchesOverTrigger();
        Criterion inTime = Criterion.of(over <= allowance, Messages.get("crit.ss.fix.inTime.name"),
                Messages.get("crit.ss.batchesOfD", n - over, n, Format.seconds(d), Format.seconds(t)),
                Messages.get("crit.ss.fix.inTime.hint", over, n, Format.seconds(d), Format.seconds(t), la, busy(e)));

        double rows = e.medianRows();
        double most = MAX_ROWS_SHARE * e.onTimeRows();
        Criterion size = Criterion.of(rows <= most, Messages.get("crit.ss.fix.rows.name"),
                Messages.get("crit.ss.fix.rows.found", Format.integer(Math.round(rows)), Format.integer(Math.round(e.onTimeRows())),
                        Format.integer(Math.round(most)), growth(e.rowsGrowth())),
                Messages.get("crit.ss.fix.rows.hint", Format.integer(Math.round(e.onTimeRows()))));

        int lateBatches = e.batchesLateOver(MAX_LATENESS_SHARE_OF_T);
        Criterion onTime = Criterion.of(lateBatches <= allowance, Messages.get("crit.ss.fix.lateness.name"),
                Messages.get("crit.ss.fix.lateness.found", Format.seconds(MAX_LATENESS_SHARE_OF_T * t), n - lateBatches, n,
                        Format.seconds(e.maxLatenessMs())),
                Messages.get("crit.ss.fix.lateness.hint", Format.signed(d - t, 0)));
        return List.of(verdict, inTime, size, onTime);
    }

    /** "a = 16 ms × 1 wave / P=2 = 8.0 ms per line, a·r = 1.12": the model's numbers for these knobs. */
    static String arithmetic(Knobs k) {
        StructuredPrediction p = predict(k);
        return Messages.get("crit.ss.arithmetic", Format.plain(k.costMs()), Messages.count(p.arithmetic().waves(), "noun.wave"),
                k.partitions(), k.master(), Format.fixed(p.perLineMs(), 2), Format.fixed(p.loadFactor(), 2));
    }

    /** A note when o, as measured, is far above the lab's default: other programs compete for the CPU. */
    static String busy(QueryEvidence e) {
        StructuredPrediction p = predict(e.knobs());
        double o = Stats.median(e.measured().stream()
                .mapToDouble(b -> b.processingTimeMs() - p.perLineMs() * b.records() - p.batchCostMs()).toArray());
        return o > LessonTerms.BUSY_MACHINE_FACTOR * p.overheadMs()
                ? Messages.get("crit.ss.busy", Format.seconds(o), Format.seconds(p.overheadMs())) : "";
    }

    /** g as a signed percentage per batch: "+24.6%". */
    static String growth(double g) {
        return Format.signed(100 * g, 1) + "%";
    }
}
