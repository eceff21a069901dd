package io.ssplab.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.ssplab.core.Api;
import io.ssplab.core.CostUnit;
import io.ssplab.core.Format;
import io.ssplab.core.Knobs;
import io.ssplab.core.Lang;
import io.ssplab.core.Master;
import io.ssplab.core.Messages;
import io.ssplab.core.RunSummary;
import io.ssplab.core.StructuredSummary;
import io.ssplab.core.Verdict;
import io.ssplab.model.Prediction;
import io.ssplab.model.ProcessingTimeModel;
import io.ssplab.model.StructuredModel;
import io.ssplab.model.StructuredPrediction;
import io.ssplab.model.Workload;
import io.ssplab.page.Bilingual;

/**
 * A DStream run and a Structured Streaming run on the same knobs ({@code bin/ssp compare}'s two runs, or any
 * such pair a report is given), and the arithmetic that explains why they differ: the receiver's slot, the
 * waves the cost stage takes on what is left, and what a late batch does on each API — a DStream batch waits
 * PT − BI longer than the one before, a late micro-batch takes in more rows and, while a·r &lt; 1, settles at
 * D* = (o + s)/(1 − a·r). The models are the planner's: {@link ProcessingTimeModel} for the DStream job,
 * {@link StructuredModel} (what {@code plan --api structured} prints) for the query, the query's with the o
 * its run measured when it measured one.
 */
public record TwoApis(RecordedRun dstream, RecordedRun query) {

    /**
     * The first DStream run and the first Structured Streaming run whose recorded knobs are the same (master,
     * P, cost and its unit, BI = trigger, rate; no batch cost on the query, since a DStream job has none).
     */
    public static Optional<TwoApis> find(List<RecordedRun> runs) {
        for (RecordedRun d : runs) {
            if (d.structured() || !d.knobsRecorded()) continue;
            for (RecordedRun q : runs) {
                if (q.structured() && q.knobsRecorded() && same(d.summary().knobs(), q.summary().knobs())) return Optional.of(new TwoApis(d, q));
            }
        }
        return Optional.empty();
    }

    static boolean same(Knobs d, Knobs q) {
        return d.master().equals(q.master()) && d.partitions() == q.partitions() && d.costMs() == q.costMs() && d.costUnit() == q.costUnit()
                && d.batchIntervalMs() == q.batchIntervalMs() && d.linesPerSecond() == q.linesPerSecond() && q.batchCostMs() == 0
                && Master.parse(d.master()).isLocal();
    }

    public Knobs knobs() {
        return dstream.summary().knobs();
    }

    /** N of local[N]: the task slots of both runs. */
    public int cores() {
        return Master.parse(knobs().master()).cores();
    }

    /** Slots the DStream batches get: N minus the receiver's. */
    public int dstreamSlots() {
        return Master.freeSlots(cores(), 1);
    }

    private static int waves(int partitions, int slots) {
        return (partitions + slots - 1) / slots;
    }

    public int dstreamWaves() {
        return waves(knobs().partitions(), dstreamSlots());
    }

    public int queryWaves() {
        return waves(knobs().partitions(), cores());
    }

    private double costPerLineMs() {
        Knobs k = knobs();
        return k.costMs() * (k.costUnit() == CostUnit.WORD ? k.wordsPerLine() : 1);
    }

    /** What one more line adds to a DStream batch, ms: cost × waves / P on the slots the receiver leaves. */
    public double dstreamPerLineMs() {
        return costPerLineMs() * dstreamWaves() / knobs().partitions();
    }

    /** The planner's prediction for the DStream run (its overhead: this machine's calibration, or the default). */
    public Prediction dstreamModel() {
        return ProcessingTimeModel.calibrated().predict(Workload.of(knobs(), null, cores()));
    }

    /** o for the query's model: what its run measured, else what its prediction used, else the default. */
    public double queryOverheadMs() {
        StructuredSummary s = query.summary().structured();
        if (s != null && s.measuredOverheadMs() != null && s.measuredOverheadMs() > 0) return s.measuredOverheadMs();
        if (s != null && s.predicted() != null) return s.predicted().overheadMs();
        return new StructuredModel(StructuredModel.defaultOverhead()).sparkOverheadMs(queryWorkload());
    }

    /** Whether the query's o was measured by its run (else it is the model's). */
    public boolean queryOverheadMeasured() {
        StructuredSummary s = query.summary().structured();
        return s != null && s.measuredOverheadMs() != null && s.measuredOverheadMs() > 0;
    }

    private Workload queryWorkload() {
        return StructuredModel.workload(knobs().withApi(Api.STRUCTURED), null, cores());
    }

    /** The structured model ({@code plan --api structured}'s) for the query, with {@link #queryOverheadMs()}. */
    public StructuredPrediction queryModel() {
        Workload w = queryWorkload();
        return new StructuredModel(StructuredModel.given(queryOverheadMs(), w)).predictQuery(w);
    }

    /** One line: both verdicts and the number that tells them apart. */
    public String headline(Lang l) {
        RunSummary d = dstream.summary();
        RunSummary q = query.summary();
        return Messages.in(l, "cmp.headline", d.verdict(), Format.signed(l, d.schedulingDelaySlopeMsPerBatch(), 0), q.verdict(),
                Format.seconds(l, q.medianProcessingTimeMs()), growth(l, q));
    }

    private static String growth(Lang l, RunSummary q) {
        return q.structured() == null ? "–" : Format.signed(l, q.structured().rowsGrowthPerBatch() * 100, 1) + "%";
    }

    /** The arithmetic, one paragraph per line, in {@code l}: the same knobs, each API's model and measurement, and why they differ. */
    public List<String> lines(Lang l) {
        Knobs k = knobs();
        List<String> out = new ArrayList<>();
        String bi = Format.plain(l, k.batchIntervalMs() / 1000.0) + " s";
        double lines = k.linesPerBatch();
        out.add(Messages.in(l, "cmp.same", k.master(), k.partitions(), dstream.costLabel(l), bi, Format.plain(l, k.linesPerSecond()),
                Format.integer(l, Math.round(lines))));

        // DStream
        Prediction dm = dstreamModel();
        String aD = ms(l, dstreamPerLineMs());
        out.add(Messages.in(l, "cmp.dstream.slots", cores(), dstreamSlots(), k.partitions(), Messages.count(l, dstreamWaves(), "noun.wave"),
                ms(l, costPerLineMs()), dstreamWaves(), aD));
        double pt = dm.predictedProcessingTimeMs();
        out.add(Messages.in(l, "cmp.dstream.model", Format.seconds(l, dm.overheadMs()), aD, Format.integer(l, Math.round(lines)),
                Format.seconds(l, pt), Format.fixed(l, pt / k.batchIntervalMs(), 2)));
        out.add(pt > k.batchIntervalMs() ? Messages.in(l, "cmp.dstream.grows", Format.seconds(l, pt - k.batchIntervalMs()))
                : Messages.in(l, "cmp.dstream.keeps"));
        RunSummary d = dstream.summary();
        out.add(Messages.in(l, "cmp.dstream.measured", Format.seconds(l, d.medianProcessingTimeMs()), Format.fixed(l, d.processingToIntervalRatio(), 2),
                Format.signed(l, d.schedulingDelaySlopeMsPerBatch(), 0), Format.seconds(l, d.finalSchedulingDelayMs()), d.verdict()));

        // Structured Streaming
        StructuredPrediction qm = queryModel();
        String aQ = ms(l, qm.perLineMs());
        String ar = Format.fixed(l, qm.loadFactor(), 2);
        out.add(Messages.in(l, "cmp.query.slots", cores(), k.partitions(), Messages.count(l, queryWaves(), "noun.wave"), ms(l, costPerLineMs()),
                queryWaves(), aQ, Format.plain(l, k.linesPerSecond()), ar));
        String o = Format.seconds(l, qm.overheadMs());
        String whose = Messages.in(l, queryOverheadMeasured() ? "cmp.o.measured" : "cmp.o.model");
        double arT = qm.loadFactor() * k.batchIntervalMs();
        out.add(switch (qm.verdict()) {
            case STABLE -> Messages.in(l, "cmp.query.stable", o, whose, Format.seconds(l, arT), Format.seconds(l, qm.onTimeMs()), bi,
                    Format.integer(l, Math.round(lines)));
            case FALLING_BEHIND -> Messages.in(l, "cmp.query.settles", o, whose, Format.seconds(l, arT), Format.seconds(l, qm.onTimeMs()), bi,
                    Format.fixed(l, 1 - qm.loadFactor(), 2), Format.seconds(l, qm.durationMs()), Format.integer(l, Math.round(qm.rowsPerBatch())));
            default -> Messages.in(l, "cmp.query.grows", ar, Format.fixed(l, qm.growthPerBatch(), 2));
        });
        RunSummary q = query.summary();
        StructuredSummary qs = q.structured();
        out.add(Messages.in(l, "cmp.query.measured", Format.seconds(l, q.medianProcessingTimeMs()), Format.fixed(l, q.processingToIntervalRatio(), 2),
                growth(l, q), qs == null ? "–" : Format.fixed(l, qs.inputToProcessedRatio(), 2),
                qs == null ? "–" : Format.integer(l, qs.lastRows()), qs == null ? "–" : Format.seconds(l, qs.lastDurationMs()), q.verdict()));

        // Why
        double dLoad = dstreamPerLineMs() * k.linesPerSecond() / 1000;
        out.add(Messages.in(l, "cmp.why", Format.fixed(l, dLoad, 2), Messages.count(l, dstreamSlots(), "noun.freeSlot"), ar,
                Messages.count(l, cores(), "noun.slot")));
        return out;
    }

    /** "10 ms", "5.6 ms", in {@code l}. */
    private static String ms(Lang l, double ms) {
        return Format.plain(l, Math.round(ms * 100) / 100.0) + " ms";
    }

    /** Whether the difference the page is about showed: the DStream job fell behind without bound and the query stayed bounded. */
    public boolean differenceShown() {
        Verdict q = query.summary().verdict();
        return dstream.summary().verdict() == Verdict.UNSTABLE && (q == Verdict.STABLE || q == Verdict.FALLING_BEHIND);
    }

    /** The English slide of the two runs side by side: "apis-dstream-structured.png". */
    public String fileName() {
        return "apis-" + dstream.name() + "-" + query.name() + ".png";
    }

    public String fileName(Lang lang) {
        return Bilingual.file(fileName(), lang);
    }
}
