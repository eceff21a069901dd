package io.ssplab.cli;

import java.io.PrintStream;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import io.ssplab.core.Columns;
import io.ssplab.core.ExitCodes;
import io.ssplab.core.Format;
import io.ssplab.core.Lang;
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
import io.ssplab.model.KafkaIntake;
import io.ssplab.model.KeyWords;
import io.ssplab.model.Overhead;
import io.ssplab.model.Prediction;
import io.ssplab.model.ProcessingTimeModel;
import io.ssplab.model.SmallestFixes;
import io.ssplab.model.Workload;
import io.ssplab.core.CostKind;
import io.ssplab.core.CostUnit;
import io.ssplab.core.Master;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code bin/ssp plan}: predicts a job's processing time from its knobs, and the smallest fixes — without starting Spark. */
@Command(name = "plan", mixinStandardHelpOptions = true, sortOptions = false)
public final class PlanCommand implements Callable<Integer> {
    /** --overhead: what a batch of Spark's own work can take on a real machine. */
    static final io.ssplab.core.Range OVERHEAD = io.ssplab.core.Range.ofMillis("--overhead", 0, 60_000, "250ms");
    /** --target: PT/BI the fixes must reach; 1 is the edge of stable, below 0.01 no fix is worth printing. */
    static final io.ssplab.core.Range TARGET = new io.ssplab.core.Range("--target", 0.01, 1, "0.9");
    /** The setting each job fixes: its "before", shown beside the plan (phase 3 fixes phase 2, step 2 fixes step 1). */
    static final Map<String, String> FIXES_JOB = Map.of("phase3", "phase2", "fix-delay", "fill-gaps", "fix-skew", "skew");

    @ParentCommand
    Main main;

    @Option(names = "--job", paramLabel = "JOB", defaultValue = "phase2", completionCandidates = RunCommand.JobNames.class)
    String job;

    @Option(names = "--solution")
    boolean solution;

    @Mixin
    JobKnobOptions knobs;

    @Option(names = "--cores-max", paramLabel = "N")
    Integer coresMax;

    @Option(names = "--cost-unit", paramLabel = "word|line")
    CostUnit costUnit;

    @Option(names = "--rate", paramLabel = "LINES_PER_S")
    Double rate;

    @Option(names = "--words-per-line", paramLabel = "N")
    Integer wordsPerLine;

    @Option(names = "--receivers", paramLabel = "N", defaultValue = "1")
    int receivers;

    @Option(names = "--block-interval", paramLabel = "DURATION", converter = DurationConverter.class)
    Duration blockInterval;

    @Option(names = "--no-repartition")
    boolean noRepartition;

    // Kafka (docs/kafka.md): no receiver, one task per topic partition without a repartition.
    @Option(names = "--source", paramLabel = "embedded|kafka", descriptionKey = "ssp.plan.source")
    String source;

    @Option(names = "--kafka-partitions", paramLabel = "N", descriptionKey = "ssp.run.kafka-partitions")
    Integer kafkaPartitions;

    // Kafka, DStream (docs/kafka.md, lesson 3): what one batch takes from each topic partition at most.
    @Option(names = "--max-rate-per-partition", paramLabel = "LINES_PER_S", descriptionKey = "ssp.plan.max-rate-per-partition")
    Integer maxRatePerPartition;

    @Option(names = "--skew", descriptionKey = "ssp.plan.skew", paramLabel = "S")
    Double skew;

    @Option(names = "--cost-kind", descriptionKey = "ssp.plan.cost-kind", paramLabel = "wait|cpu")
    CostKind costKind;

    @Option(names = "--overhead", paramLabel = "DURATION", converter = DurationConverter.class)
    Duration overhead;

    @Option(names = "--target", paramLabel = "RATIO", defaultValue = "0.9")
    double target;

    @Option(names = "--json")
    boolean json;

    @Option(names = "--api", paramLabel = "dstream|structured", descriptionKey = "ssp.plan.api")
    io.ssplab.core.Api api;

    @Option(names = "--from", paramLabel = "DIR_OR_LOG", descriptionKey = "ssp.plan.from")
    java.nio.file.Path from;

    @Option(names = "--app", paramLabel = "ID", descriptionKey = "ssp.plan.app")
    String app;

    @Option(names = "--query", paramLabel = "NAME", descriptionKey = "ssp.plan.query")
    String query;

    @Option(names = "--cores", paramLabel = "N", descriptionKey = "ssp.plan.cores")
    Integer cores;

    @Override
    public Integer call() throws Exception {
        if (from != null) return new FittedPlanView(this).call();
        // The options of a plan fitted to a job's measurements mean nothing without them.
        for (Object[] o : new Object[][] {{"--app", app}, {"--query", query}, {"--cores", cores}})
            if (o[1] != null) throw new io.ssplab.core.BadInputException(Messages.get("fit.bad.needsFrom", o[0]));
        if (StructuredRun.applies(api, job)) {
            if (maxRatePerPartition != null) throw new BadInputException(Messages.get("kafka.bad.maxRateStructured", maxRatePerPartition));
            return new StructuredPlan(this).call();
        }
        StreamingJob streamingJob = Jobs.byName(job, solution);
        Workload workload;
        try {
            workload = workload(streamingJob);
        } catch (MissingSolutionException open) {
            main.err.println(open.getMessage());
            main.err.println(Messages.get("cli.plan.notAttempted", job));
            return ExitCodes.FAILED;
        }
        KafkaIntake intake = intake(streamingJob, workload);
        // Under a limit that binds, a batch holds what the limit lets in, not what the producer sent.
        Workload batches = intake != null && intake.binds() ? workload.withRate(intake.takenLinesPerSecond()) : workload;
        if (json) {
            // A machine file: the same bytes whatever the reader's language (the fixes' settings and notes in English).
            Lang reader = Lang.current();
            Lang.use(Lang.EN);
            try {
                ProcessingTimeModel model = model(batches);
                Prediction prediction = model.predict(batches);
                printJson(main.out, prediction, intake, fixes(model, workload, batches, intake), backpressure(streamingJob, model, batches));
            } finally {
                Lang.use(reader);
            }
            return ExitCodes.OK;
        }
        ProcessingTimeModel model = model(batches);
        Prediction prediction = model.predict(batches);
        List<Fix> fixes = fixes(model, workload, batches, intake);
        List<String> notes = new java.util.ArrayList<>(comparison(model, batches, prediction));
        notes.addAll(io.ssplab.model.WorkNotes.of(model, batches, target));
        notes.addAll(backpressureLines(prediction, backpressure(streamingJob, model, batches)));
        if (intake != null && intake.limited()) intake.explain(Lang.current()).forEach(l -> notes.add("  " + l));
        printText(main.out, streamingJob, prediction, intake, notes, fixes);
        return ExitCodes.OK;
    }

    /**
     * What the direct stream takes from each topic partition under --max-rate-per-partition or the lesson's limit
     * (docs/kafka.md, lesson 3): the producer keys every line by its first word, so the partitions' shares follow the
     * words' distribution. Null without Kafka.
     */
    KafkaIntake intake(StreamingJob streamingJob, Workload workload) {
        if (!workload.kafka()) {
            if (maxRatePerPartition != null)
                throw new BadInputException(Messages.get("kafka.bad.maxRateWithoutKafka", maxRatePerPartition, source == null ? io.ssplab.run.SourceEndpoint.Kind.EMBEDDED.label() : source));
            return null;
        }
        Map<String, String> conf = new java.util.HashMap<>(streamingJob.sparkConf());
        if (maxRatePerPartition != null)
            conf.put(io.ssplab.run.KafkaSource.MAX_RATE_PER_PARTITION, String.valueOf(Limits.MAX_RATE_PER_PARTITION.check(maxRatePerPartition)));
        return io.ssplab.run.KafkaSource.intake(workload.knobs(), workload.sourcePartitions(), conf);
    }

    /**
     * The smallest fixes. When the limit leaves a partition's lag growing, the batches are short already: the fixes are
     * a limit that takes the hot partition's lines, or a producer the limit can keep up with.
     */
    private List<Fix> fixes(ProcessingTimeModel model, Workload workload, Workload batches, KafkaIntake intake) {
        if (intake == null || !intake.lagGrows()) return new SmallestFixes(model, target).of(batches);
        SmallestFixes rule = new SmallestFixes(model, target);
        long limit = intake.smallestLimit(target);
        Prediction all = model.predict(workload);
        int hot = intake.hotPartition();
        Fix raise = new Fix("raiseRateLimit", "--max-rate-per-partition " + limit, rule.fits(all) ? all : null,
                Messages.get("kafka.fix.raiseLimit.note", hot, Format.fixed(intake.rate(hot), 1), Format.plain(target)));
        long rate = intake.largestRate(target);
        Prediction slower = rate >= 1 ? model.predict(workload.withRate(rate)) : null;
        Fix lower = new Fix("lowerRateToLimit", "--rate " + rate, slower != null && rule.fits(slower) ? slower : null,
                Messages.get("kafka.fix.lowerRate.note", hot, KeyWords.percent1(Lang.current(), intake.shares()[hot]),
                        Format.plain(intake.limitPerPartition()), Format.plain(target)));
        return List.of(raise, lower);
    }

    /** The model with --overhead, else this machine's calibration, else the default. */
    private ProcessingTimeModel model(Workload workload) {
        return new ProcessingTimeModel(overhead != null
                ? Overhead.given(overhead.toNanos() / 1e6, workload) : Overhead.load());
    }

    /**
     * With backpressure on (phase 4), the input rate Spark's rate controller settles near: where PT
     * reaches BI. Null for a job without backpressure.
     */
    private static Double backpressure(StreamingJob streamingJob, ProcessingTimeModel model, Workload workload) {
        return ProcessingTimeModel.backpressure(streamingJob.sparkConf()) ? SmallestFixes.sustainableRate(model, workload) : null;
    }

    private static List<String> backpressureLines(Prediction p, Double sustainable) {
        if (sustainable == null) return List.of();
        String sent = Format.plain(p.workload().knobs().linesPerSecond());
        if (p.stable()) return List.of(Messages.get("cli.plan.backpressure.idle", sent));
        return List.of(Messages.get("cli.plan.backpressure.on",
                        Double.isFinite(sustainable) ? Format.fixed(sustainable, 0) : Format.plain(sustainable), sent),
                Messages.get("cli.plan.backpressure.bounded", Format.seconds(p.schedulingDelayGrowthMsPerBatch())));
    }

    /** For a job that fixes another (phase 3, step 2): this plan beside the other's, on the same overhead. Empty otherwise. */
    private List<String> comparison(ProcessingTimeModel model, Workload workload, Prediction prediction) {
        String before = FIXES_JOB.get(job);
        if (before == null) return List.of();
        // the "before" job as shipped (for an exercise: its reference solution)
        boolean exercise = Jobs.EXERCISES.contains(before);
        StreamingJob beforeJob = Jobs.byName(before, exercise);
        Knobs spec = beforeJob.defaults();
        // the same kind of cost on both sides: phase 3 with CPU work against phase 2 with CPU work
        if (costKind != null) spec = spec.withCostKind(costKind);
        Workload beforeWorkload = new Workload(spec, Master.parse(spec.master(), workload.cores()).cores(), workload.receivers(), true)
                .withKeySalts(beforeJob.keySalts());
        return prediction.compareWith(exercise ? Messages.get("cli.plan.stepOneReference", before) : before, model.predict(beforeWorkload));
    }

    /** The job's knobs with the options applied, validated: every refusal happens here. */
    Workload workload(StreamingJob streamingJob) {
        Knobs s = knobs.applyTo(streamingJob, job, null, rate, costUnit != null || noRepartition || skew != null || costKind != null,
                "bad.knobsInCode.plan");
        if (skew != null) s = s.withSkew(Limits.SKEW.check(skew));
        if (costKind != null) s = s.withCostKind(costKind);
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
        if (kafka(streamingJob)) {
            // Kafka: no receiver holds a slot; the topic's partitions are the input's (the lesson's, or --kafka-partitions).
            int topic = kafkaPartitions != null ? Limits.KAFKA_PARTITIONS.check(kafkaPartitions)
                    : streamingJob.kafkaPartitions() > 0 ? streamingJob.kafkaPartitions() : Limits.DEFAULT_KAFKA_PARTITIONS;
            return Workload.kafka(s, m.cores(), topic, streamingJob.repartitions() && !noRepartition);
        }
        if (kafkaPartitions != null) throw new BadInputException(Messages.get("kafka.bad.partitionsWithoutKafka", kafkaPartitions));
        if (m.cores() - receivers < 1)
            throw new BadInputException(Messages.get("bad.noFreeSlot", m.cores(), receivers, receivers + 1));
        return new Workload(s, m.cores(), receivers, !noRepartition).withKeySalts(streamingJob.keySalts());
    }

    /** Whether the plan is for a Kafka source: --source kafka (or kafka://…), or a Kafka lesson without --source. */
    private boolean kafka(StreamingJob streamingJob) {
        if (source == null) return streamingJob.kafkaPartitions() > 0;
        if (source.isBlank()) throw new BadInputException(Messages.get("bad.source", source));
        io.ssplab.run.SourceEndpoint e = io.ssplab.run.SourceEndpoint.parse(source);
        // A plan knows two inputs: the receiver's blocks (embedded) and a topic's partitions (kafka); an address adds nothing.
        if (e.kind() == io.ssplab.run.SourceEndpoint.Kind.SOCKET) throw new BadInputException(Messages.get("kafka.bad.planSource", source));
        if (!e.kafka() && streamingJob.kafkaPartitions() > 0) throw new BadInputException(Messages.get("kafka.bad.lessonNeedsKafka", job, source));
        return e.kafka();
    }

    /** @param notes lines shown between the explanation and the fixes: the comparison with the job this one fixes, backpressure */
    private void printText(PrintStream out, StreamingJob streamingJob, Prediction p, KafkaIntake intake, List<String> notes, List<Fix> fixes) {
        boolean stable = p.stable() && (intake == null || !intake.lagGrows());
        Knobs s = p.workload().knobs();
        String whose = streamingJob instanceof WordCountExercise ? Messages.get(solution ? "cli.plan.referenceSolution" : "cli.plan.yourCode") : "";
        out.println(Messages.get("cli.plan.title", s.job(), whose, streamingJob.description()));
        out.println(Messages.get("cli.plan.settings", p.settingLabel(), Format.plain(s.linesPerSecond()), s.wordsPerLine(),
                p.workload().kafka() ? Messages.get("kafka.plan.noReceiver", Messages.count(p.workload().sourcePartitions(), "noun.partition"))
                        : Messages.count(p.workload().receivers(), "noun.receiver"),
                Messages.get(p.workload().repartitioned() ? "cli.plan.repartitioned" : "cli.plan.noRepartition")));
        out.println();
        for (String line : p.explain()) out.println("  " + line);
        out.println();
        if (!notes.isEmpty()) {
            notes.forEach(out::println);
            out.println();
        }
        out.println(Messages.get("cli.plan.fixes.head", Messages.get(stable ? "cli.plan.fixes.stable" : "cli.plan.fixes.unstable"),
                Format.fixed(target, 2)));
        fixTable(fixes).forEach(out::println);
        out.println();
        if (p.stable() && !stable)
            out.println(Messages.get("kafka.plan.verdict.lag", Format.fixed(p.ratio(), 2), Format.integer(Math.round(intake.lagGrowthPerBatch())),
                    runCommand(s)));
        else out.println(Messages.get("cli.plan.verdict", stable ? "STABLE" : "UNSTABLE", Format.fixed(p.ratio(), 2), runCommand(s)));
    }

    /** The fixes as a table whose columns fit the longest label or value in the reader's language. */
    static List<String> fixTable(List<Fix> fixes) {
        List<String[]> rows = new java.util.ArrayList<>();
        rows.add(new String[] {Messages.get("cli.plan.col.fix"), Messages.get("cli.plan.col.setting"), Messages.get("cli.plan.col.pt"),
                Messages.get("cli.plan.col.ratio"), Messages.get("cli.plan.col.why")});
        for (Fix f : fixes) {
            rows.add(new String[] {f.label(), f.setting(),
                    f.exists() ? Format.seconds(f.prediction().predictedProcessingTimeMs()) : "—",
                    f.exists() ? Format.fixed(f.prediction().ratio(), 2) : "—", f.note()});
        }
        return Columns.table("  ", new boolean[] {false, false, true, true, false}, rows);
    }

    /**
     * The run that measures what was just planned: the same job and knobs. Options that describe a
     * pipeline of one's own (cost unit, receivers, blocks, no repartition) have no run equivalent: said.
     */
    String runCommand(Knobs s) {
        StringBuilder c = new StringBuilder("bin/ssp run ").append(s.job()).append(solution ? " --solution" : "").append(knobs.asArguments());
        if (coresMax != null) c.append(" --cores-max ").append(coresMax);
        if (rate != null) c.append(" --rate ").append(io.ssplab.core.Format.optionNumber(rate));
        if (skew != null) c.append(" --skew ").append(io.ssplab.core.Format.optionNumber(skew));
        if (costKind != null) c.append(" --cost-kind ").append(costKind.label());
        if (source != null) c.append(" --source ").append(source);
        if (kafkaPartitions != null) c.append(" --kafka-partitions ").append(kafkaPartitions);
        if (maxRatePerPartition != null) c.append(" --max-rate-per-partition ").append(maxRatePerPartition);
        c.append(" --batches 10");
        List<String> planOnly = new java.util.ArrayList<>();
        if (costUnit != null) planOnly.add("--cost-unit");
        if (wordsPerLine != null) planOnly.add("--words-per-line");
        if (receivers != 1) planOnly.add("--receivers");
        if (blockInterval != null) planOnly.add("--block-interval");
        if (noRepartition) planOnly.add("--no-repartition");
        if (!planOnly.isEmpty()) c.append(Messages.get("cli.plan.planOnly", String.join(", ", planOnly)));
        return c.toString();
    }

    private void printJson(PrintStream out, Prediction p, KafkaIntake intake, List<Fix> fixes, Double sustainable) throws Exception {
        Map<String, Object> root = new LinkedHashMap<>(p.fields());
        if (intake != null) {
            root.put("kafkaIntake", intake.fields());
            // A lag that grows makes the job UNSTABLE whatever its PT (the run's lag rule says the same).
            if (intake.lagGrows()) {
                root.put("stable", false);
                root.put("verdict", io.ssplab.core.Verdict.UNSTABLE);
            }
        }
        List<Map<String, Object>> fixList = fixes.stream().map(Fix::fields).toList();
        root.put("backpressure", sustainable != null);
        if (sustainable != null) root.put("sustainableLinesPerSecond", Double.isFinite(sustainable) ? sustainable : null);
        root.put("fixTargetRatio", target);
        root.put("fixes", fixList);
        out.println(io.ssplab.core.Json.MAPPER.writeValueAsString(root));
    }
}
