package io.ssplab.cli;

import java.io.PrintStream;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

import io.ssplab.core.ExitCodes;
import io.ssplab.core.Limits;
import io.ssplab.core.Messages;
import io.ssplab.exercises.MissingSolutionException;
import io.ssplab.exercises.WordCountExercise;
import io.ssplab.core.BadInputException;
import io.ssplab.core.Knobs;
import io.ssplab.jobs.Jobs;
import io.ssplab.pipeline.StreamingJob;
import io.ssplab.metrics.JsonLines;
import io.ssplab.model.Fix;
import io.ssplab.model.Overhead;
import io.ssplab.model.Prediction;
import io.ssplab.model.ProcessingTimeModel;
import io.ssplab.model.SmallestFixes;
import io.ssplab.model.Workload;
import io.ssplab.core.CostUnit;
import io.ssplab.core.Master;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code bin/ssp plan}: predicts a job's processing time from its knobs, and the smallest fixes — without starting Spark. */
@Command(name = "plan", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Predict a job's processing time from its knobs, and the smallest fixes, without running it.",
                "Prints the batch arithmetic, the predicted processing time (PT), PT/BI and verdict, and the smallest single changes that make the job stable.",
                "Nothing runs: no Spark, no source.",
                "Spark's per-batch overhead comes from 'bin/ssp calibrate' when this machine has one, else a documented default."},
        footer = {"", "Examples:",
                "  bin/ssp plan                                    # phase2: why it falls behind, and what fixes it",
                "  bin/ssp plan --job phase3 --partitions 7        # what if phase 3 used one full wave?",
                "  bin/ssp plan --job fix-delay --solution         # why the step-2 settings are stable",
                "  bin/ssp plan --master spark://host:7077 --cores-max 12 --cost 8ms --json"})
public final class PlanCommand implements Callable<Integer> {
    /** --overhead: what a batch of Spark's own work can take on a real machine. */
    static final io.ssplab.core.Range OVERHEAD = new io.ssplab.core.Range("--overhead", 0, 60_000, "250ms");
    static final String OVERHEAD_SPAN = "0–60s";
    /** --target: PT/BI the fixes must reach; 1 is the edge of stable, below 0.01 no fix is worth printing. */
    static final io.ssplab.core.Range TARGET = new io.ssplab.core.Range("--target", 0.01, 1, "0.9");
    static final String TARGET_SPAN = "0.01–1";
    /** The setting each job fixes: its "before", shown beside the plan (phase 3 fixes phase 2, step 2 fixes step 1). */
    static final Map<String, String> FIXES_JOB = Map.of("phase3", "phase2", "fix-delay", "fill-gaps");

    @ParentCommand
    Main main;

    @Option(names = "--job", paramLabel = "JOB", defaultValue = "phase2", completionCandidates = RunCommand.JobNames.class,
            description = "One of: ${COMPLETION-CANDIDATES}. Default: ${DEFAULT-VALUE}.")
    String job;

    @Option(names = "--solution", description = "For an exercise: plan the reference solution instead of your code.")
    boolean solution;

    @Mixin
    JobKnobOptions knobs;

    @Option(names = "--cores-max", paramLabel = "N",
            description = "Cores a spark:// job gets (its spark.cores.max; 1–" + Limits.MAX_CLUSTER_CORES + "). Default: the task slots of the job's local master (phase3: 8), as 'run' gives it.")
    Integer coresMax;

    @Option(names = "--cost-unit", paramLabel = "word|line", description = "Whether the cost is paid per word or per line. Default: the job's (phases: word, exercises: line).")
    CostUnit costUnit;

    @Option(names = "--rate", paramLabel = "LINES_PER_S", description = "Input lines per second (" + Options.RATE_SPAN + "). Default: 140.")
    Double rate;

    @Option(names = "--words-per-line", paramLabel = "N", description = "Words in a line, when the cost is per word (" + Options.WORDS_PER_LINE_SPAN + "). Default: 3.")
    Integer wordsPerLine;

    @Option(names = "--receivers", paramLabel = "N", defaultValue = "1", description = "Receivers; each holds one task slot for good (" + Options.RECEIVERS_SPAN + "). Default: ${DEFAULT-VALUE}.")
    int receivers;

    @Option(names = "--block-interval", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "spark.streaming.blockInterval: without a repartition, a batch has BI / block interval partitions per receiver (" + Options.BLOCK_INTERVAL_SPAN + "). Default: 200ms.")
    Duration blockInterval;

    @Option(names = "--no-repartition", description = "Model a pipeline without repartition(P): the cost is paid on the receiver blocks as they are.")
    boolean noRepartition;

    @Option(names = "--overhead", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "Spark's per-batch overhead for this setting (" + OVERHEAD_SPAN + "), instead of the calibration (runs/calibration.json) or the default.")
    Duration overhead;

    @Option(names = "--target", paramLabel = "RATIO", defaultValue = "0.9",
            description = "PT/BI the fixes must reach (" + TARGET_SPAN + "): below 1 leaves room for jitter and model error. Default: ${DEFAULT-VALUE}.")
    double target;

    @Option(names = "--json", description = "Print one JSON object (prediction and fixes) instead of the explanation.")
    boolean json;

    @Option(names = "--api", paramLabel = "dstream|structured", descriptionKey = "ssp.plan.api")
    io.ssplab.core.Api api;

    @Override
    public Integer call() throws Exception {
        if (StructuredRun.applies(api, job)) return new StructuredPlan(this).call();
        StreamingJob streamingJob = Jobs.byName(job, solution);
        Workload workload;
        try {
            workload = workload(streamingJob);
        } catch (MissingSolutionException open) {
            main.err.println(open.getMessage());
            main.err.println(job + ": not attempted yet, so there is nothing to plan; plan the reference solution with: bin/ssp plan --job " + job + " --solution");
            return ExitCodes.FAILED;
        }
        ProcessingTimeModel model = new ProcessingTimeModel(overhead != null
                ? Overhead.given(overhead.toNanos() / 1e6, workload.taskWavesPerBatch()) : Overhead.load());
        Prediction prediction = model.predict(workload);
        List<Fix> fixes = new SmallestFixes(model, target).of(workload);
        if (json) {
            printJson(main.out, prediction, fixes, backpressure(streamingJob, model, workload));
        } else {
            List<String> notes = new java.util.ArrayList<>(comparison(model, workload, prediction));
            String bp = backpressureLine(prediction, backpressure(streamingJob, model, workload));
            if (bp != null) notes.add(bp);
            printText(main.out, streamingJob, prediction, notes, fixes);
        }
        return ExitCodes.OK;
    }

    /**
     * With backpressure on (phase 4), the input rate Spark's rate controller settles near: where PT
     * reaches BI. Null for a job without backpressure.
     */
    private static Double backpressure(StreamingJob streamingJob, ProcessingTimeModel model, Workload workload) {
        return ProcessingTimeModel.backpressure(streamingJob.sparkConf()) ? SmallestFixes.sustainableRate(model, workload) : null;
    }

    private static String backpressureLine(Prediction p, Double sustainable) {
        if (sustainable == null) return null;
        String sent = io.ssplab.core.Format.optionNumber(p.workload().knobs().linesPerSecond());
        if (p.stable())
            return "backpressure is on, with nothing to do: the job keeps up with the " + sent + " lines/s sent";
        return String.format(Locale.ROOT, "backpressure is on: Spark's rate controller lets in only what the job processes, ≈ %.0f of the %s lines/s sent%n"
                        + "  (where PT = BI); PT then hovers at BI and scheduling delay stays bounded instead of growing %.2f s per batch",
                sustainable, sent, p.schedulingDelayGrowthMsPerBatch() / 1000);
    }

    /** For a job that fixes another (phase 3, step 2): this plan beside the other's, on the same overhead. Empty otherwise. */
    private List<String> comparison(ProcessingTimeModel model, Workload workload, Prediction prediction) {
        String before = FIXES_JOB.get(job);
        if (before == null) return List.of();
        // the "before" job as shipped (for an exercise: its reference solution)
        boolean exercise = Jobs.EXERCISES.contains(before);
        Knobs spec = Jobs.byName(before, exercise).defaults();
        Workload beforeWorkload = new Workload(spec, Master.parse(spec.master(), workload.cores()).cores(), workload.receivers(), true);
        return prediction.compareWith(before + (exercise ? " (step 1, reference settings)" : ""), model.predict(beforeWorkload));
    }

    /** The job's knobs with the options applied, validated: every refusal happens here. */
    Workload workload(StreamingJob streamingJob) {
        Knobs s = knobs.applyTo(streamingJob, job, null, rate, costUnit != null || noRepartition,
                "bad.knobsInCode.plan");
        if (wordsPerLine != null) s = s.withWordsPerLine(wordsPerLine);
        if (costUnit != null) s = s.withCostUnit(costUnit);
        if (blockInterval != null) s = s.withBlockInterval(blockInterval);
        s.validate();
        Limits.RECEIVERS.check(receivers);
        TARGET.check(target);
        if (receivers == 0 && noRepartition)
            throw new BadInputException(Messages.get("bad.noRepartitionNoReceiver"));
        if (overhead != null) OVERHEAD.check(overhead);
        // The cores a cluster run gets: --cores-max, else the job's designed cores, as 'run' counts them.
        Master m = Master.parse(s.master(), Master.slotsFor(s.master(), coresMax, streamingJob.designedCores()));
        if (coresMax != null) Limits.CLUSTER_CORES.check(coresMax);
        if (coresMax != null && m.isLocal())
            throw new BadInputException(Messages.get("bad.coresMaxLocal", Math.max(2, Math.min(coresMax, Limits.MAX_LOCAL_CORES))));
        if (m.cores() - receivers < 1)
            throw new BadInputException(Messages.get("bad.noFreeSlot", m.cores(), receivers, receivers + 1));
        return new Workload(s, m.cores(), receivers, !noRepartition);
    }

    /** @param notes lines shown between the explanation and the fixes: the comparison with the job this one fixes, backpressure */
    private void printText(PrintStream out, StreamingJob streamingJob, Prediction p, List<String> notes, List<Fix> fixes) {
        Knobs s = p.workload().knobs();
        String whose = streamingJob instanceof WordCountExercise ? (solution ? " (reference solution)" : " (your code)") : "";
        out.printf(Locale.ROOT, "plan for %s%s — %s%n", s.job(), whose, streamingJob.description());
        out.printf(Locale.ROOT, "  %s, %s lines/s × %d words/line, %d receiver%s, %s — predicted, nothing was run%n", p.settingLabel(),
                io.ssplab.core.Format.optionNumber(s.linesPerSecond()), s.wordsPerLine(), p.workload().receivers(),
                p.workload().receivers() == 1 ? "" : "s", p.workload().repartitioned() ? "repartitioned" : "no repartition");
        out.println();
        for (String line : p.explain()) out.println("  " + line);
        out.println();
        if (!notes.isEmpty()) {
            notes.forEach(out::println);
            out.println();
        }
        out.printf(Locale.ROOT, "%s (one change at a time, everything else as above; each brings PT/BI to ≤ %.2f):%n",
                p.stable() ? "smallest stable settings" : "smallest fixes", target);
        String format = "  %-20s %-26s %9s %6s  %s%n";
        out.printf(Locale.ROOT, format, "fix", "setting", "pred. PT", "PT/BI", "why");
        for (Fix f : fixes) {
            out.printf(Locale.ROOT, format, f.label(), f.setting(),
                    f.exists() ? String.format(Locale.ROOT, "%.2f s", f.prediction().predictedProcessingTimeMs() / 1000) : "—",
                    f.exists() ? String.format(Locale.ROOT, "%.2f", f.prediction().ratio()) : "—", f.note());
        }
        out.println();
        out.println("verdict predicted: " + (p.stable() ? "STABLE" : "UNSTABLE") + " (ρ " + String.format(Locale.ROOT, "%.2f", p.ratio())
                + "). Check it for real: " + runCommand(s));
    }

    /**
     * The run that measures what was just planned: the same job and knobs. Options that describe a
     * pipeline of one's own (cost unit, receivers, blocks, no repartition) have no run equivalent: said.
     */
    String runCommand(Knobs s) {
        StringBuilder c = new StringBuilder("bin/ssp run ").append(s.job()).append(solution ? " --solution" : "").append(knobs.asArguments());
        if (coresMax != null) c.append(" --cores-max ").append(coresMax);
        if (rate != null) c.append(" --rate ").append(io.ssplab.core.Format.optionNumber(rate));
        c.append(" --batches 10");
        List<String> planOnly = new java.util.ArrayList<>();
        if (costUnit != null) planOnly.add("--cost-unit");
        if (wordsPerLine != null) planOnly.add("--words-per-line");
        if (receivers != 1) planOnly.add("--receivers");
        if (blockInterval != null) planOnly.add("--block-interval");
        if (noRepartition) planOnly.add("--no-repartition");
        if (!planOnly.isEmpty()) c.append(" (the lab's jobs have no ").append(String.join(", ", planOnly)).append(": that part is your own pipeline's)");
        return c.toString();
    }

    private void printJson(PrintStream out, Prediction p, List<Fix> fixes, Double sustainable) throws Exception {
        Map<String, Object> root = new LinkedHashMap<>(p.fields());
        List<Map<String, Object>> fixList = fixes.stream().map(f -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("fix", f.name());
            m.put("setting", f.setting());
            m.put("exists", f.exists());
            m.put("note", f.note());
            if (f.exists()) m.put("prediction", f.prediction().fields());
            return m;
        }).toList();
        root.put("backpressure", sustainable != null);
        if (sustainable != null) root.put("sustainableLinesPerSecond", Double.isFinite(sustainable) ? sustainable : null);
        root.put("fixTargetRatio", target);
        root.put("fixes", fixList);
        out.println(io.ssplab.core.Json.MAPPER.writeValueAsString(root));
    }
}
