package io.ssplab.cli;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;

import io.ssplab.core.CostKind;
import io.ssplab.core.ExitCodes;
import io.ssplab.core.Limits;
import io.ssplab.core.Lang;
import io.ssplab.core.Messages;
import io.ssplab.core.RunSummary;
import io.ssplab.metrics.Summarizer;
import io.ssplab.cluster.AppJar;
import io.ssplab.cluster.ClusterDriver;
import io.ssplab.cluster.ClusterLayout;
import io.ssplab.cluster.ClusterSecurity;
import io.ssplab.cluster.ClusterState;
import io.ssplab.cluster.MasterProbe;
import io.ssplab.cluster.StandaloneCluster;

import io.ssplab.exercises.MissingSolutionException;
import io.ssplab.core.BadInputException;
import io.ssplab.core.Knobs;
import io.ssplab.jobs.Jobs;
import io.ssplab.pipeline.StreamingJob;
import io.ssplab.core.Verdict;
import io.ssplab.report.ReportWriter;
import io.ssplab.run.RunLimits;
import io.ssplab.run.RunOptions;
import io.ssplab.core.Master;
import io.ssplab.run.ReliabilityOptions;
import io.ssplab.run.RunResult;
import io.ssplab.run.SourceEndpoint;
import io.ssplab.run.StopSignal;
import io.ssplab.run.StreamingRunner;
import io.ssplab.source.LineFormat;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code bin/ssp run JOB}: one job with a live table, a summary and a verdict. */
@Command(name = "run", mixinStandardHelpOptions = true, sortOptions = false)
public final class RunCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @ParentCommand
    Main main;

    @Parameters(index = "0", paramLabel = "JOB", completionCandidates = JobNames.class, descriptionKey = "ssp.run.job")
    String job;

    @Option(names = "--solution")
    boolean solution;

    @Mixin
    JobKnobOptions knobs;

    @Option(names = "--cores-max", paramLabel = "N")
    Integer coresMax;

    @Option(names = "--rate", paramLabel = "LINES_PER_S")
    Double rate;

    // Level 2 (docs/level2.md): skewed keys and CPU-bound work.
    @Option(names = "--skew", descriptionKey = "ssp.run.skew", paramLabel = "S")
    Double skew;

    @Option(names = "--cost-kind", descriptionKey = "ssp.run.cost-kind", paramLabel = "wait|cpu")
    CostKind costKind;

    @Option(names = "--source", paramLabel = "embedded|HOST:PORT|kafka|kafka://HOST:PORT/TOPIC", defaultValue = "embedded")
    String source;

    // Kafka (docs/kafka.md): the topic's partitions, one task each per batch.
    @Option(names = "--kafka-partitions", paramLabel = "N", descriptionKey = "ssp.run.kafka-partitions")
    Integer kafkaPartitions;

    /** Whether the job is a Kafka lesson (it reads from Kafka unless --source names a broker). */
    boolean kafkaLesson;

    // Kafka, DStream (docs/kafka.md, lesson 3): what one batch takes from each topic partition at most.
    @Option(names = "--max-rate-per-partition", paramLabel = "LINES_PER_S", descriptionKey = "ssp.run.max-rate-per-partition")
    Integer maxRatePerPartition;

    @Option(names = "--batches", paramLabel = "N")
    Integer batches;

    @Option(names = "--duration", paramLabel = "DURATION", converter = DurationConverter.class)
    Duration duration;

    @Option(names = "--ui-port", paramLabel = "PORT", defaultValue = "4040")
    int uiPort;

    @Option(names = "--no-ui")
    boolean noUi;

    @Option(names = "--metrics-out", paramLabel = "FILE")
    Path metricsOut;

    // Reliability (docs/reliability.md): line format, driver checkpoint, receiver write-ahead log.
    @Option(names = "--format", paramLabel = "classic|stamped")
    LineFormat format;

    @Option(names = "--checkpoint", paramLabel = "DIR")
    Path checkpoint;

    @Option(names = "--wal")
    boolean wal;

    @Option(names = "--expect", paramLabel = "VERDICT")
    Verdict expect;

    // Structured Streaming: the same lessons as a query (StructuredRun).
    @Option(names = "--api", paramLabel = "dstream|structured", descriptionKey = "ssp.run.api")
    io.ssplab.core.Api api;

    @Override
    public Integer call() throws Exception {
        if (StructuredRun.applies(api, job)) return new StructuredRun(this).call();
        PrintStream out = main.out;
        StreamingJob streamingJob = Jobs.byName(job, solution);
        kafkaLesson = streamingJob.kafkaPartitions() > 0;
        Knobs jobSpec;
        try {
            jobSpec = knobs(streamingJob);
        } catch (MissingSolutionException open) {
            main.err.println(open.getMessage());
            return ExitCodes.FAILED;
        }
        RunOptions options = options(out, clusterSettings(streamingJob, jobSpec, out));
        StopSignal stop = new StopSignal();
        RunResult result;
        try (CtrlC ignored = CtrlC.onFirstPress(() -> stop.request(Messages.get("run.stop.ctrlC")))) {
            result = StreamingRunner.run(streamingJob, jobSpec, options, stop);
        } catch (MissingSolutionException open) {
            main.err.println(open.getMessage());
            return ExitCodes.FAILED;
        }
        if (metricsOut != null) {
            out.println(Messages.get("cli.run.metrics", metricsOut, RunOptions.summaryPathFor(metricsOut)));
            Path dir = metricsOut.toAbsolutePath().normalize().getParent();
            ReportWriter.tryWrite(List.of(metricsOut), dir, ReportCommand.pageNameFor(metricsOut), "bin/ssp report " + metricsOut, main.err)
                    .ifPresent(page -> out.println(ReportWriter.writtenLine(page)));
        }
        if (expect != null && result.summary().verdict() != expect) {
            RunSummary s = result.summary();
            main.err.println(spec.name() + ": " + Messages.get("run.expectMismatch", expect, s.verdict(), Summarizer.reason(s, Lang.current())));
            return ExitCodes.FAILED;
        }
        return ExitCodes.OK;
    }

    /** The job's knobs with the options applied, validated: every refusal happens here, before Spark starts. */
    Knobs knobs(StreamingJob streamingJob) {
        // spark-submit passes its --master as the system property spark.master
        if (streamingJob.knobsInCode() && (skew != null || costKind != null))
            throw new BadInputException(Messages.get("bad.level2InCode", job, streamingJob.getClass().getSimpleName()));
        Knobs s = knobs.applyTo(streamingJob, job, System.getProperty("spark.master"), rate, false,
                "bad.knobsInCode.run");
        if (skew != null) s = s.withSkew(Limits.SKEW.check(skew));
        if (costKind != null) s = s.withCostKind(costKind);
        s.validate();
        if (coresMax != null) Limits.CLUSTER_CORES.check(coresMax);
        if (coresMax != null && Master.parse(s.master()).isLocal())
            throw new BadInputException(Messages.get("bad.coresMaxLocal", Math.max(2, Math.min(coresMax, Limits.MAX_LOCAL_CORES))));
        validateRunOptions();
        // A running source of ours says how fast it sends (and how skewed its words are): the run's arithmetic and warm-up count with that.
        if (externalSource != null && externalSource.skew() != null && Limits.SKEW.contains(externalSource.skew())) s = s.withSkew(externalSource.skew());
        return externalSource != null && externalSource.linesPerSecond() > 0 ? s.withRate(externalSource.linesPerSecond()) : s;
    }

    void validateRunOptions() {
        if (batches != null) Limits.BATCHES.check(batches);
        if (duration != null) Limits.DURATION.check(duration);
        if (!noUi) Limits.UI_PORT.check(uiPort);
        if (metricsOut != null) Options.writableFile("--metrics-out", metricsOut);
        if (checkpoint != null) Options.requireNonEmpty("--checkpoint", checkpoint, "runs/ckpt");
        if (source.isBlank()) throw new BadInputException(Messages.get("bad.source", source));
        SourceEndpoint endpoint = endpoint();
        if (kafkaLesson && !endpoint.kafka()) throw new BadInputException(Messages.get("kafka.bad.lessonNeedsKafka", job, source));
        if (format != null && !endpoint.generatesLines())
            throw new BadInputException(Messages.get("bad.formatWithSource", format.label()));
        if (rate != null && !endpoint.generatesLines())
            throw new BadInputException(Messages.get("bad.rateWithSource", io.ssplab.core.Format.optionNumber(rate)));
        if (skew != null && !endpoint.generatesLines())
            throw new BadInputException(Messages.get("bad.skewWithSource", io.ssplab.core.Format.optionNumber(skew)));
        if (endpoint.host() != null) knownHost("--source", endpoint);
        // Kafka: the partitions' range, the broker answering, the topic there (or creatable): before Spark starts.
        io.ssplab.run.KafkaSource.check(endpoint, kafkaPartitions);
        if (maxRatePerPartition != null) {
            Limits.MAX_RATE_PER_PARTITION.check(maxRatePerPartition);
            if (!endpoint.kafka()) throw new BadInputException(Messages.get("kafka.bad.maxRateWithoutKafka", maxRatePerPartition, source));
        }
        externalSource = endpoint.requireReachable();
        // A checkpoint needs an external source (StreamingRunner says so for the embedded one); its folder must be writable.
        if (checkpoint != null && !endpoint.embedded()) Options.writableDirectory("--checkpoint", checkpoint);
    }

    /** --source, where a Kafka lesson's default is Kafka (our broker) instead of the embedded socket source. */
    SourceEndpoint endpoint() {
        return kafkaLesson && source.equals("embedded") ? SourceEndpoint.KAFKA : SourceEndpoint.parse(source);
    }

    /** A host name that does not resolve is a typo, not a source that is down: said as such. */
    private static void knownHost(String option, SourceEndpoint endpoint) {
        try {
            java.net.InetAddress.getByName(endpoint.host());
        } catch (java.net.UnknownHostException | SecurityException e) {
            throw new BadInputException(Messages.get("bad.sourceHostUnknown", option, endpoint, endpoint.host()));
        }
    }

    /** The running source's own status, when --source names one of ours: its rate is the run's. */
    io.ssplab.source.SourceStatus externalSource;

    RunOptions options(PrintStream out, Map<String, String> sparkConf) {
        if (maxRatePerPartition != null) {
            sparkConf = new LinkedHashMap<>(sparkConf);
            sparkConf.put(io.ssplab.run.KafkaSource.MAX_RATE_PER_PARTITION, String.valueOf(maxRatePerPartition));
        }
        return new RunOptions(endpoint(), new RunLimits(batches, duration), noUi ? -1 : uiPort, metricsOut, sparkConf, out,
                new ReliabilityOptions(format, checkpoint, wal), null, kafkaPartitions);
    }

    /**
     * For a spark:// master: the secret, the cores and the app jar ({@link ClusterDriver}), after asking
     * the master whether it accepts this driver and what it has free — refusals happen here, before Spark starts.
     */
    private Map<String, String> clusterSettings(StreamingJob streamingJob, Knobs jobSpec, PrintStream out) throws java.io.IOException {
        Master m = Master.parse(jobSpec.master());
        if (m.isLocal()) return Map.of();
        ClusterLayout layout = ClusterLayout.forProject();
        Optional<ClusterState> ours = StandaloneCluster.running(layout);
        Map<String, String> oursSettings = ours.isPresent() && Files.isReadable(layout.sparkConf())
                ? ClusterSecurity.read(layout.sparkConf()) : Map.of();
        Map<String, String> sparkProperties = new LinkedHashMap<>();
        System.getProperties().stringPropertyNames().stream().filter(k -> k.startsWith("spark."))
                .forEach(k -> sparkProperties.put(k, System.getProperty(k)));
        ClusterDriver.Credentials credentials = ClusterDriver.credentials(m, ours, oursSettings, layout.sparkConf(), System.getenv(), sparkProperties);
        MasterProbe.Result probe = MasterProbe.ask(m, credentials.settings());
        if (probe.answer() != MasterProbe.Answer.ACCEPTED) throw ClusterDriver.refusal(m, probe.answer(), credentials.auth());
        ClusterDriver driver = ClusterDriver.plan(job, m, credentials, probe.capacity(), streamingJob.designedCores(), coresMax, sparkProperties,
                sparkProperties.containsKey("spark.jars") ? null : AppJar.locate());
        driver.notes().forEach(out::println);
        return driver.sparkConf();
    }

    /** For picocli's completion candidates and help text. */
    static final class JobNames implements Iterable<String> {
        @Override
        public java.util.Iterator<String> iterator() {
            return java.util.stream.Stream.concat(Jobs.NAMES.stream(), io.ssplab.jobs.structured.StructuredJobs.NAMES.stream()).iterator();
        }
    }
}
