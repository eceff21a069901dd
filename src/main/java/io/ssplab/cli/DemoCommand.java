package io.ssplab.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import io.ssplab.core.ExitCodes;
import io.ssplab.core.Json;
import io.ssplab.core.Knobs;
import io.ssplab.core.Lang;
import io.ssplab.core.Messages;
import io.ssplab.core.RunSummary;
import io.ssplab.jobs.Jobs;
import io.ssplab.kafka.BrokerHandle;
import io.ssplab.jobs.Story;
import io.ssplab.model.Overhead;
import io.ssplab.model.Workload;
import io.ssplab.pipeline.StreamingJob;
import io.ssplab.report.ReportWriter;
import io.ssplab.run.ReliabilityOptions;
import io.ssplab.core.Limits;
import io.ssplab.run.RunLimits;
import io.ssplab.run.RunOptions;
import io.ssplab.run.SourceEndpoint;
import io.ssplab.run.StopSignal;
import io.ssplab.run.StreamingRunner;
import io.ssplab.source.LineFormat;
import io.ssplab.source.SocketSource;
import io.ssplab.source.SourceConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code bin/ssp demo}: the whole classroom story in one command. Phase 1 has no cost, so its measured
 * PT is this machine's overhead right now: the later acts are predicted with it.
 */
@Command(name = "demo", mixinStandardHelpOptions = true, sortOptions = false)
public final class DemoCommand implements Callable<Integer> {
    static final int DEFAULT_BATCHES = 10;

    @ParentCommand
    Main main;

    @Option(names = "--batches", paramLabel = "N", defaultValue = "" + DEFAULT_BATCHES)
    int batches;

    @Option(names = "--out", paramLabel = "DIR")
    Path out;

    @Option(names = "--ui-port", paramLabel = "PORT", defaultValue = "4040")
    int uiPort;

    @Option(names = "--no-ui")
    boolean noUi;

    @Option(names = "--with-backpressure")
    boolean withBackpressure;

    // Kafka (docs/kafka.md): the same story over a real broker, the lag as the delay.
    @Option(names = "--source", paramLabel = "embedded|kafka|kafka://HOST:PORT/TOPIC", descriptionKey = "ssp.demo.source")
    String source;

    @Option(names = "--api", paramLabel = "dstream|structured", descriptionKey = "ssp.demo.api")
    io.ssplab.core.Api api;

    @Override
    public Integer call() throws Exception {
        if (api == io.ssplab.core.Api.STRUCTURED) return new StructuredDemo(this).call();
        Options.DEMO_BATCHES.check(batches);
        if (!noUi) Options.UI_PORT.check(uiPort);
        SourceEndpoint kafka = KafkaSourceOption.embeddedOrKafka(source, null, "kafka.bad.demoSource");
        Path dir = Options.writableDirectory("--out", out != null ? out : defaultRunDir());

        PrintStream console = main.out;
        List<RunSummary> summaries = new ArrayList<>();
        List<String> acts = new ArrayList<>(Story.ACTS);
        if (withBackpressure) acts.add(Story.BACKPRESSURE_ACT);
        // Stamped lines: each act's summary accounts for every line it was sent (docs/reliability.md).
        SourceConfig sourceConfig = SourceConfig.embedded(SourceConfig.DEFAULT_RATE).withFormat(LineFormat.STAMPED);
        StopSignal ctrlC = new StopSignal();
        Overhead overhead = Overhead.load();
        // On Kafka one broker serves every act: the one named, the project's ('bin/ssp kafka start'), else one started for the demo.
        try (BrokerHandle broker = kafka == null ? null : BrokerHandle.findOrStart(kafka.bootstrap(), BrokerHandle.Announcement.RUN, console);
             SocketSource source = kafka != null ? null : SocketSource.start(sourceConfig, line -> console.println("[source] " + line));
             CtrlC ignored = CtrlC.onFirstPress(() -> ctrlC.request(Messages.get("run.stop.ctrlC")))) {
            for (String name : acts) {
                if (ctrlC.requested()) break;
                StreamingJob job = Jobs.byName(name, false);
                Knobs knobs = job.defaults().validate();
                console.println();
                console.println(Messages.get("demo.act", name));
                Knobs onKafka = kafka == null ? knobs : Story.onKafka(knobs);
                if (!onKafka.master().equals(knobs.master())) {
                    console.println(Messages.get("demo.kafkaCores", onKafka.master(), knobs.master()));
                    knobs = onKafka;
                }
                // On Kafka each act has its own topic (ssp-ACT-p2) unless --source names one; stamped lines either way.
                SourceEndpoint actSource = kafka == null ? new SourceEndpoint(source.host(), source.port())
                        : SourceEndpoint.parse(SourceEndpoint.KAFKA_SCHEME + broker.bootstrap() + "/"
                        + (kafka.topic() != null ? kafka.topic() : SourceEndpoint.topicFor(name, Limits.DEFAULT_KAFKA_PARTITIONS)));
                RunOptions options = new RunOptions(actSource, RunLimits.batches(batches),
                        noUi ? -1 : uiPort, dir.resolve(name + ".jsonl"), null, console,
                        kafka == null ? ReliabilityOptions.DEFAULT : new ReliabilityOptions(LineFormat.STAMPED, null, false), overhead,
                        kafka != null && kafka.topic() == null ? Limits.DEFAULT_KAFKA_PARTITIONS : null);
                RunSummary summary = StreamingRunner.run(job, knobs, options, ctrlC.child()).summary();
                summaries.add(summary);
                if (name.equals(Story.CALIBRATING_ACT) && summary.measuredBatches() > 0) {
                    // The act has no cost: its PT is all overhead, at its own tasks.
                    overhead = overhead.measuredBy(name, summary.medianProcessingTimeMs(), Workload.of(knobs, null, job.designedCores()));
                    console.println(Messages.get("demo.calibrated", overhead.describe()));
                }
            }
        }
        Json.write(dir.resolve("summary.json"), summaries);

        console.println();
        console.println(Messages.get("demo.comparison"));
        Story.printComparison(console, summaries);
        console.println();
        Story.printAccounting(console, summaries);
        List<String> failures = Story.failures(summaries, Lang.current());
        console.println();
        if (summaries.size() < acts.size()) {
            console.println(Messages.get("demo.cutShort", summaries.size()));
        } else if (failures.isEmpty()) {
            console.println(Messages.get(withBackpressure ? "demo.heldWithBackpressure" : "demo.held"));
        } else {
            console.println(Messages.get("demo.notHeld"));
            failures.forEach(f -> console.println("  " + f));
        }
        console.println(Messages.get("demo.results", dir.resolve("summary.json")));
        // The page comes from the files just written, exactly as 'bin/ssp report DIR' would make it.
        ReportWriter.tryWrite(List.of(dir), dir, "index.html", "bin/ssp report " + dir, main.err)
                .ifPresent(page -> console.println(Messages.get("demo.report", page)));
        return summaries.size() == acts.size() && failures.isEmpty() ? ExitCodes.OK : ExitCodes.FAILED;
    }

    static Path defaultRunDir() {
        String home = System.getProperty("ssp.home", ".");
        return Path.of(home, "runs", LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
    }
}
