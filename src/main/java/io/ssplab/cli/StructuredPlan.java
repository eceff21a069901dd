package io.ssplab.cli;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.ssplab.core.Api;
import io.ssplab.core.BadInputException;
import io.ssplab.core.ExitCodes;
import io.ssplab.core.Format;
import io.ssplab.core.Json;
import io.ssplab.core.Knobs;
import io.ssplab.core.Limits;
import io.ssplab.core.Master;
import io.ssplab.core.Messages;
import io.ssplab.core.Verdict;
import io.ssplab.jobs.structured.StructuredJobs;
import io.ssplab.model.Fix;
import io.ssplab.model.SmallestFixes;
import io.ssplab.model.StructuredModel;
import io.ssplab.model.StructuredPrediction;
import io.ssplab.model.Workload;
import io.ssplab.pipeline.StructuredJob;

/**
 * {@code bin/ssp plan --api structured}: predicts a Structured Streaming lesson's micro-batches from its
 * knobs ({@link StructuredModel}: regime, settled duration D*, rows per batch, latency, or the growth per
 * batch), with the arithmetic printed step by step as the DStream plan prints its own, and the smallest
 * single changes that make it STABLE ({@link SmallestFixes} on the query's model). {@code --json} carries
 * {@code regime} (the verdict it predicts) and {@code predictedProcessingTimeMs} (the settled batch duration,
 * or the on-time one when the trigger is met). Nothing runs.
 */
final class StructuredPlan {
    /** The lesson each lesson fixes: its "before", compared beside the plan. */
    static final Map<String, String> FIXES_JOB = Map.of("ss-parallelism", "ss-overload");

    private final PlanCommand plan;

    StructuredPlan(PlanCommand plan) {
        this.plan = plan;
    }

    Integer call() throws Exception {
        StructuredJob job = StructuredJobs.byName(plan.job);
        Workload workload = workload(job);
        StructuredModel model = new StructuredModel(plan.overhead != null
                ? StructuredModel.given(plan.overhead.toNanos() / 1e6, workload) : StructuredModel.defaultOverhead());
        // A Kafka lesson's maxOffsetsPerTrigger: a batch holds at most what one trigger may take (the job's perTrigger, the one place of that cap).
        Knobs capped = job.perTrigger(workload.knobs());
        boolean limited = capped.linesPerSecond() < workload.knobs().linesPerSecond();
        StructuredPrediction p = model.predictQuery(limited ? StructuredModel.workload(capped, plan.coresMax, job.designedCores()) : workload);
        TriggerLimit limit = limited ? new TriggerLimit(workload.knobs().linesPerSecond(), capped.linesPerBatch(), p.startIntervalMs()) : null;
        // The fixes are for the whole rate: the capacity that takes every line (a limit that still binds keeps the lag growing).
        List<Fix> fixes = new SmallestFixes(model, plan.target).of(workload);
        StructuredPrediction full = limited ? model.predictQuery(workload) : p;
        if (plan.json) printJson(plan.main.out, model, p, full, limit, fixes);
        else printText(plan.main.out, job, model, p, full, limit, fixes);
        return ExitCodes.OK;
    }

    /**
     * A query under maxOffsetsPerTrigger: its batches hold at most {@code maxLines} and start every {@code startIntervalMs}
     * (the trigger, or the batch's duration when it runs late), while the producer sends {@code linesPerSecond}: the topic's
     * lag grows by what arrives between two starts beyond what a batch takes, judged with the lag rule's tolerance.
     */
    record TriggerLimit(double linesPerSecond, double maxLines, double startIntervalMs) {
        double growthPerBatch() {
            return Math.max(0, linesPerSecond * startIntervalMs / 1000 - maxLines);
        }

        double toleranceRecordsPerBatch() {
            return io.ssplab.core.KafkaLag.toleranceFor(maxLines);
        }

        boolean lagGrows() {
            return growthPerBatch() > toleranceRecordsPerBatch();
        }

        /** The regime: the batches' own, unless the lag grows (UNSTABLE, whatever the batches do). */
        Verdict regime(StructuredPrediction p) {
            return lagGrows() ? Verdict.UNSTABLE : p.verdict();
        }

        Map<String, Object> fields() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("maxOffsetsPerTrigger", Math.round(maxLines));
            m.put("producedLinesPerSecond", linesPerSecond);
            m.put("lagGrowthRecordsPerBatch", growthPerBatch());
            m.put("lagToleranceRecordsPerBatch", toleranceRecordsPerBatch());
            m.put("lagGrows", lagGrows());
            return m;
        }
    }

    /** The lesson's knobs with the options applied, validated: every refusal happens here. */
    Workload workload(StructuredJob job) {
        if (plan.solution) throw new BadInputException(Messages.get("ss.bad.solution"));
        var parsed = plan.main.spec.commandLine().getParseResult();
        var own = parsed == null ? null : parsed.subcommand();
        if (own != null && own.hasMatchedOption("--receivers")) throw new BadInputException(Messages.get("ss.bad.planOption", "--receivers"));
        if (plan.blockInterval != null) throw new BadInputException(Messages.get("ss.bad.planOption", "--block-interval"));
        if (plan.noRepartition) throw new BadInputException(Messages.get("ss.bad.planOption", "--no-repartition"));
        if (plan.skew != null) throw new BadInputException(Messages.get("ss.bad.level2", "--skew"));
        if (plan.costKind != null) throw new BadInputException(Messages.get("ss.bad.level2", "--cost-kind"));
        JobKnobOptions o = plan.knobs;
        Knobs k = job.defaults().withOverrides(o.master, o.batchInterval, o.partitions, o.cost, plan.rate);
        if (o.batchCost != null) k = k.withBatchCost(Limits.BATCH_COST.check(o.batchCost));
        if (plan.wordsPerLine != null) k = k.withWordsPerLine(plan.wordsPerLine);
        if (plan.costUnit != null) k = k.withCostUnit(plan.costUnit);
        k = k.withApi(Api.STRUCTURED).validate();
        PlanCommand.TARGET.check(plan.target);
        if (plan.overhead != null) PlanCommand.OVERHEAD.check(plan.overhead);
        if (plan.coresMax != null) Limits.CLUSTER_CORES.check(plan.coresMax);
        if (plan.coresMax != null && Master.parse(k.master()).isLocal())
            throw new BadInputException(Messages.get("bad.coresMaxLocal", Math.max(2, Math.min(plan.coresMax, Limits.MAX_LOCAL_CORES))));
        return StructuredModel.workload(k, plan.coresMax, job.designedCores());
    }

    /**
     * @param p    the batches as they run (under maxOffsetsPerTrigger: at most what one trigger may take)
     * @param full the same query taking every line (p itself without a limit): what the fixes are for
     */
    private void printText(PrintStream out, StructuredJob job, StructuredModel model, StructuredPrediction p, StructuredPrediction full,
                           TriggerLimit limit, List<Fix> fixes) {
        Verdict regime = limit == null ? p.verdict() : limit.regime(p);
        Knobs k = full.knobs();
        out.println(Messages.get("ss.plan.head", k.job(), job.description()));
        out.println(Messages.get("ss.plan.setting", p.workload().masterLabel(), k.partitions(), Format.plain(k.costMs()), k.costUnit().inWords(),
                Format.seconds(k.batchCostMs()), Format.seconds(k.batchIntervalMs()), Format.plain(k.linesPerSecond()), k.wordsPerLine()));
        out.println();
        // a Kafka lesson's source options (maxOffsetsPerTrigger, …): first when they cap the batches the arithmetic describes
        if (limit != null) for (String line : job.notes(k)) out.println("  " + line);
        for (String line : p.explain()) out.println("  " + line);
        if (limit == null) for (String line : job.notes(k)) out.println("  " + line);
        out.println();
        String before = FIXES_JOB.get(k.job());
        if (before != null) {
            StructuredJob b = StructuredJobs.byName(before);
            StructuredPrediction bp = model.predictQuery(StructuredModel.workload(b.defaults(), null, b.designedCores()));
            String b4 = Messages.get("predict.compare.before");
            String now = Messages.get("predict.compare.now");
            int width = Math.max(b4.length(), now.length());
            out.println(Messages.get("predict.compare.head", before));
            out.println("  " + b4 + " ".repeat(width - b4.length() + 2) + oneLine(bp));
            out.println("  " + now + " ".repeat(width - now.length() + 2) + oneLine(p));
            out.println();
        }
        if (limit != null && limit.lagGrows())
            out.println(Messages.get("ss.plan.limit.lag", Format.integer(Math.round(limit.maxLines())), Format.integer(Math.round(limit.growthPerBatch())),
                    Format.integer(Math.round(limit.toleranceRecordsPerBatch()))));
        if (limit != null) {
            out.println(Messages.get("ss.plan.limit.fixes", Format.plain(limit.linesPerSecond()),
                    Format.integer(Math.round(limit.linesPerSecond() * p.triggerMs() / 1000))));
            out.println();
        }
        out.println(Messages.get(regime == Verdict.STABLE ? "ss.plan.fixes.stable" : "ss.plan.fixes.unstable", Format.fixed(plan.target, 2)));
        int labelWidth = Math.max(20, Math.max(Messages.get("ss.plan.fix.batchCost").length(),
                fixes.stream().mapToInt(f -> label(f).length()).max().orElse(0)));
        String format = "  %-" + labelWidth + "s %-26s %9s %6s  %s%n";
        out.printf(format, Messages.get("ss.plan.col.fix"), Messages.get("ss.plan.col.setting"), Messages.get("ss.plan.col.d"), "D/T",
                Messages.get("ss.plan.col.why"));
        for (Fix f : fixes) {
            StructuredPrediction fp = f.exists() ? model.predictQuery(f.prediction().workload()) : null;
            out.printf(format, label(f), f.setting(), fp == null ? "—" : duration(fp), fp == null ? "—" : ratio(fp),
                    withBatchCost(inQueryTerms(f.note()), k.batchCostMs()));
        }
        // A query's own knob: the fixed cost per batch (the slow sink).
        double s = full.largestBatchCostMs(plan.target);
        StructuredPrediction sp = s >= 0 ? model.predictQuery(StructuredModel.workload(k.withBatchCost(java.time.Duration.ofMillis((long) Math.floor(s))),
                plan.coresMax, job.designedCores())) : null;
        out.printf(format, Messages.get("ss.plan.fix.batchCost"), sp == null ? Messages.get("fix.none") : Messages.get("ss.plan.fix.batchCost.setting",
                Format.seconds(Math.floor(s))), sp == null ? "—" : duration(sp), sp == null ? "—" : ratio(sp), batchCostNote(full));
        out.println();
        String numbers = p.verdict() == Verdict.UNSTABLE
                ? Messages.get("ss.plan.regime.growth", Format.fixed(p.loadFactor(), 2), Format.fixed(p.growthPerBatch(), 2))
                : regime == Verdict.UNSTABLE ? Messages.get("ss.plan.regime.lag", Format.fixed(p.durationMs() / p.triggerMs(), 2),
                        Format.integer(Math.round(limit.growthPerBatch())))
                : Messages.get("ss.plan.regime.ratio", Format.fixed(p.durationMs() / p.triggerMs(), 2));
        out.println(Messages.get("ss.plan.regime", regime, numbers, runCommand(k, regime)));
    }

    /** A fix's name in a query's terms: the shortest interval is the shortest trigger. */
    static String label(Fix f) {
        return "smallestStableBi".equals(f.name()) ? Messages.get("ss.plan.fix.name.smallestStableTrigger") : f.label();
    }

    /**
     * A fix's note, written by the DStream planner, in a query's terms: the lab's BI knob is the trigger T
     * there, and PT the micro-batch's duration D (the same tokens in both languages).
     */
    static String inQueryTerms(String note) {
        return note.replace("PT/BI", "D/T").replaceAll("\\bBI\\b", "T").replaceAll("\\bPT\\b", "D")
                .replace("batch interval", "trigger").replaceAll("\\binterval\\b", "trigger");
    }

    /**
     * The DStream planner counts a query's fixed batch cost s with Spark's overhead o: where its note says
     * "Spark's overhead alone", a query with a batch cost has o + s (key ss.plan.overheadAlone.* repeats the
     * wording of the fix.* keys it replaces).
     */
    static String withBatchCost(String note, double batchCostMs) {
        return batchCostMs <= 0 ? note : note.replace(Messages.get("ss.plan.overheadAlone.dstream"), Messages.get("ss.plan.overheadAlone.query"));
    }

    /** The batch duration a setting runs at: D, D*, or "grows ×1.25". */
    static String duration(StructuredPrediction p) {
        return p.verdict() == Verdict.UNSTABLE ? Messages.get("ss.plan.grows", Format.fixed(p.growthPerBatch(), 2)) : Format.seconds(p.durationMs());
    }

    static String ratio(StructuredPrediction p) {
        return p.verdict() == Verdict.UNSTABLE ? "—" : Format.fixed(p.durationMs() / p.triggerMs(), 2);
    }

    private String batchCostNote(StructuredPrediction p) {
        double onTimeWork = p.overheadMs() + p.loadFactor() * p.triggerMs();
        if (p.largestBatchCostMs(plan.target) < 0)
            return Messages.get("ss.plan.fix.batchCost.none", Format.seconds(onTimeWork), Format.fixed(plan.target, 2));
        return Messages.get("ss.plan.fix.batchCost.note", Format.fixed(plan.target, 2), Format.seconds(p.triggerMs()), Format.seconds(p.overheadMs()),
                Format.seconds(p.loadFactor() * p.triggerMs()));
    }

    /** "local[2], P=2, 16 ms/line: a = 8.00 ms, a·r 1.12 → UNSTABLE" */
    static String oneLine(StructuredPrediction p) {
        Knobs k = p.knobs();
        return Messages.get("ss.plan.oneLine", p.workload().masterLabel(), k.partitions(), Format.plain(k.costMs()), k.costUnit().inWords(),
                Format.fixed(p.perLineMs(), 2), Format.fixed(p.loadFactor(), 2), p.verdict());
    }

    /** The run that measures what was just planned: the same lesson and knobs (an overload for at most a minute). */
    String runCommand(Knobs k, Verdict regime) {
        StringBuilder c = new StringBuilder("bin/ssp run ").append(k.job()).append(" --api structured").append(plan.knobs.asArguments());
        if (plan.rate != null) c.append(" --rate ").append(Format.optionNumber(plan.rate));
        c.append(regime == Verdict.UNSTABLE ? " --batches 5 --duration 60s" : " --batches 8");
        List<String> planOnly = new ArrayList<>();
        if (plan.costUnit != null) planOnly.add("--cost-unit");
        if (plan.wordsPerLine != null) planOnly.add("--words-per-line");
        if (plan.coresMax != null) planOnly.add("--cores-max");
        if (!planOnly.isEmpty()) c.append(Messages.get("ss.plan.planOnly", String.join(", ", planOnly)));
        return c.toString();
    }

    private void printJson(PrintStream out, StructuredModel model, StructuredPrediction p, StructuredPrediction full, TriggerLimit limit,
                           List<Fix> fixes) throws Exception {
        Map<String, Object> root = new LinkedHashMap<>(p.fields());
        if (limit != null) {
            root.put("kafkaLimit", limit.fields());
            // A lag that grows makes the query UNSTABLE whatever its batches do (the run's lag rule says the same).
            root.put("regime", limit.regime(p));
            root.put("verdict", limit.regime(p));
        }
        List<Map<String, Object>> fixList = fixes.stream().map(f -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("fix", f.name());
            m.put("setting", f.setting());
            m.put("exists", f.exists());
            m.put("note", f.note());
            if (f.exists()) m.put("prediction", model.predictQuery(f.prediction().workload()).fields());
            return m;
        }).toList();
        double s = full.largestBatchCostMs(plan.target);
        Map<String, Object> batchCost = new LinkedHashMap<>();
        batchCost.put("fix", "largestStableBatchCost");
        batchCost.put("setting", s >= 0 ? Messages.get("ss.plan.fix.batchCost.setting", Format.seconds(Math.floor(s))) : Messages.get("fix.none"));
        batchCost.put("exists", s >= 0);
        batchCost.put("note", batchCostNote(full));
        if (s >= 0) batchCost.put("prediction", model.predictQuery(new Workload(full.knobs().withBatchCost(java.time.Duration.ofMillis((long) Math.floor(s))),
                full.workload().cores(), 0, true)).fields());
        fixList = new ArrayList<>(fixList);
        fixList.add(batchCost);
        root.put("fixTargetRatio", plan.target);
        root.put("fixes", fixList);
        out.println(Json.MAPPER.writeValueAsString(root));
    }
}
