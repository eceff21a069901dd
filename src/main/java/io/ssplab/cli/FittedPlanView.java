package io.ssplab.cli;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.ssplab.core.BadInputException;
import io.ssplab.core.ExitCodes;
import io.ssplab.core.Format;
import io.ssplab.core.Json;
import io.ssplab.core.Lang;
import io.ssplab.core.Limits;
import io.ssplab.core.Messages;
import io.ssplab.model.Fix;
import io.ssplab.ownjob.CostFit;
import io.ssplab.ownjob.FittedPlan;
import io.ssplab.ownjob.ForeignRun;
import io.ssplab.ownjob.OwnJobs;

/**
 * {@code bin/ssp plan --from DIR_OR_LOG}: the per-record cost and per-batch overhead fitted to a job's own
 * measurements (its event log, or JSON Lines the lab or its listener wrote), with their uncertainty, and the
 * smallest stable changes the lab's model plans on them ({@link FittedPlan}).
 */
final class FittedPlanView {
    /** --cores with --from JSON Lines: as many task slots as a cluster may give. */
    static final io.ssplab.core.Range CORES = new io.ssplab.core.Range("--cores", 1, Limits.MAX_CLUSTER_CORES, "8");

    private final PlanCommand plan;

    FittedPlanView(PlanCommand plan) {
        this.plan = plan;
    }

    Integer call() throws Exception {
        Path from = plan.from;
        AnalyzeCommand.notBlank("--from", from.toString());
        AnalyzeCommand.notBlank("--app", plan.app);
        AnalyzeCommand.notBlank("--query", plan.query);
        if (!Files.exists(from)) throw new BadInputException(Messages.get("analyze.bad.noSuchPath", from));
        Long interval = plan.knobs.batchInterval == null ? null : Limits.BATCH_INTERVAL.check(plan.knobs.batchInterval).toMillis();
        if (plan.knobs.partitions != null) Limits.PARTITIONS.check(plan.knobs.partitions);
        if (plan.cores != null) CORES.check(plan.cores);
        PlanCommand.TARGET.check(plan.target);
        ForeignRun run = OwnJobs.isJsonLines(from)
                ? OwnJobs.jsonLines(from, plan.cores, plan.knobs.partitions, plan.receivers)
                : OwnJobs.eventLog(from, plan.app, interval, plan.query).run();
        if (plan.json) {
            Lang reader = Lang.current();
            Lang.use(Lang.EN); // a machine file: the same bytes whatever the reader's language
            try {
                printJson(plan.main.out, FittedPlan.of(run, plan.target));
            } finally {
                Lang.use(reader);
            }
        } else {
            printText(plan.main.out, FittedPlan.of(run, plan.target));
        }
        return ExitCodes.OK;
    }

    private void printText(PrintStream out, FittedPlan p) {
        ForeignRun run = p.run();
        out.println(Messages.get("fit.title", run.job(), Messages.get("analyze.api." + run.api().name().toLowerCase(java.util.Locale.ROOT)),
                Format.seconds(run.batchIntervalMs()), p.summary().batches(), p.summary().measuredBatches(), p.summary().verdict()));
        CostFit f = p.fit();
        if (!f.exists()) {
            out.println("  " + Messages.get("fit.none", f.samples(), CostFit.MIN_SAMPLES, CostFit.MIN_BATCHES, Format.percent(CostFit.MIN_SPREAD),
                    Format.percent(CostFit.MAX_RELATIVE_CI)));
            out.println("  " + Messages.get("fit.none.advice"));
            return;
        }
        out.println("  " + Messages.get("fit.cost", Format.fixed(p.costMs(), 3), Format.fixed(p.costCiMs(), 3),
                Format.percent(p.costCiMs() / p.costMs()), Messages.get("fit.method." + f.method().name()), f.samples(), Format.percent(f.spread())));
        if (f.method() == CostFit.Method.TASKS_LINEAR)
            out.println("  " + Messages.get("fit.perTask", Format.fixed(f.interceptMs(), 1)));
        if (f.method() == CostFit.Method.TASKS_RATIO) out.println("  " + Messages.get("fit.ratioNote"));
        if (p.why() != null) {
            out.println("  " + Messages.get(p.why()));
            return;
        }
        out.println("  " + Messages.get("fit.overhead", Format.seconds(p.overheadMs()), Format.seconds(p.overheadCiMs()),
                p.summary().measuredBatches()));
        var k = p.workload().knobs();
        out.println("  " + Messages.get("fit.shape", p.workload().masterLabel(), p.workload().receivers(), k.partitions(),
                Format.fixed(k.linesPerSecond(), 1)));
        out.println("  " + Messages.get("fit.now", Format.seconds(p.prediction().predictedProcessingTimeMs()), Format.fixed(p.prediction().ratio(), 2),
                Format.seconds(p.summary().medianProcessingTimeMs()), Format.fixed(p.summary().processingToIntervalRatio(), 2)));
        if (p.uneven()) out.println("  " + Messages.get("fit.uneven", Format.fixed(p.taskSkew(), 1)));
        out.println();
        out.println(Messages.get("fit.fixes.head", Format.fixed(plan.target, 2)));
        PlanCommand.fixTable(p.fixes()).forEach(out::println);
        out.println();
        out.println(Messages.get("fit.caveat"));
    }

    private void printJson(PrintStream out, FittedPlan p) throws Exception {
        Map<String, Object> root = new LinkedHashMap<>();
        ForeignRun run = p.run();
        root.put("job", run.job());
        root.put("api", run.api());
        root.put("batchIntervalMs", run.batchIntervalMs());
        root.put("batches", p.summary().batches());
        root.put("measuredBatches", p.summary().measuredBatches());
        root.put("verdict", p.summary().verdict());
        root.put("medianProcessingTimeMs", p.summary().medianProcessingTimeMs());
        Map<String, Object> fit = new LinkedHashMap<>();
        fit.put("method", p.fit().method());
        fit.put("samples", p.fit().samples());
        fit.put("recordSpread", p.fit().spread());
        fit.put("perRecordMs", finite(p.costMs()));
        fit.put("perRecordCi95Ms", finite(p.costCiMs()));
        fit.put("perTaskMs", finite(p.fit().interceptMs()));
        fit.put("overheadMs", finite(p.overheadMs()));
        fit.put("overheadCi95Ms", finite(p.overheadCiMs()));
        fit.put("taskRecordsMaxOverMean", finite(p.taskSkew()));
        root.put("fit", fit);
        root.put("planned", p.planned());
        if (p.why() != null) root.put("why", Messages.get(p.why()));
        if (p.planned()) {
            root.put("cores", p.workload().cores());
            root.put("receivers", p.workload().receivers());
            root.put("partitions", p.workload().knobs().partitions());
            root.put("recordsPerSecond", p.workload().knobs().linesPerSecond());
            root.put("prediction", p.prediction().fields());
        }
        root.put("fixTargetRatio", plan.target);
        root.put("fixes", p.fixes().stream().map(Fix::fields).toList());
        out.println(Json.MAPPER.writeValueAsString(root));
    }

    private static Double finite(double v) {
        return Double.isFinite(v) ? v : null;
    }
}
