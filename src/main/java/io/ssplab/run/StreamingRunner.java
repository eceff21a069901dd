package io.ssplab.run;

import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import org.apache.spark.SparkConf;
import org.apache.spark.storage.StorageLevel;
import org.apache.spark.streaming.Durations;
import org.apache.spark.streaming.api.java.JavaDStream;
import org.apache.spark.streaming.api.java.JavaPairDStream;
import org.apache.spark.streaming.api.java.JavaStreamingContext;

import io.ssplab.accounting.AccountingListener;
import io.ssplab.accounting.AccountingReport;
import io.ssplab.accounting.Drain;
import io.ssplab.accounting.Journal;
import io.ssplab.accounting.LedgerAccumulator;
import io.ssplab.accounting.RecordAccountingStep;
import io.ssplab.accounting.Reconciler;
import io.ssplab.accounting.SentLines;
import io.ssplab.accounting.SourceAccount;
import io.ssplab.core.BadInputException;
import io.ssplab.core.BatchMetrics;
import io.ssplab.core.Json;
import io.ssplab.core.Knobs;
import io.ssplab.core.Lang;
import io.ssplab.core.Master;
import io.ssplab.core.Messages;
import io.ssplab.core.RecordAccounting;
import io.ssplab.core.RunSummary;
import io.ssplab.metrics.BatchMetricsListener;
import io.ssplab.metrics.ConsoleTable;
import io.ssplab.metrics.JsonLines;
import io.ssplab.metrics.Summarizer;
import io.ssplab.metrics.Warmup;
import io.ssplab.model.Overhead;
import io.ssplab.model.Prediction;
import io.ssplab.model.ProcessingTimeModel;
import io.ssplab.pipeline.StreamingJob;
import io.ssplab.pipeline.TopWords;
import io.ssplab.recovery.CheckpointPlan;
import io.ssplab.source.SocketSource;
import io.ssplab.source.SourceConfig;

/**
 * Runs one job: starts (or attaches to) the source, builds the Spark streaming context with the
 * job's knobs around the job's pipeline, prints a row per batch, stops by its {@link RunLimits} (or
 * when asked) and summarizes.
 *
 * <p>Everything a job class does not need to know lives here, so the job classes stay readable: the
 * job gives its pipeline ({@link StreamingJob#wordCounts}), the runner measures it from outside.
 */
public final class StreamingRunner {
    /** The route each batch's top words take to the run's console (see {@link TopWords#route}); one run at a time per JVM. */
    static final String TOP_WORDS_ROUTE = "ssp-run";

    private StreamingRunner() {
    }

    public static RunResult run(StreamingJob job, Knobs knobs, RunOptions options, StopSignal stop) throws IOException {
        knobs.validate();
        ReliabilityOptions r = options.reliability();
        // Reliability: refuses checkpoint combinations that cannot work, before anything starts (null without --checkpoint).
        CheckpointPlan checkpoint = CheckpointPlan.prepare(knobs, options.source().toString(), options.source().embedded(),
                r.checkpoint(), r.wal());
        PrintStream out = options.out();
        SocketSource embedded = null;
        SourceEndpoint source = options.source();
        if (source.kafka()) {
            if (checkpoint != null) throw new BadInputException(Messages.get("kafka.bad.checkpoint"));
            KafkaSource.check(source, options.kafkaPartitions());
            try (KafkaSource kafka = KafkaSource.open(source, knobs.job(), options.kafkaPartitionsFor(job), lineConfig(knobs, r), out)) {
                return runOnSource(job, knobs, options.withSource(kafka.endpoint()), stop, null, null, kafka);
            }
        }
        if (source.embedded()) {
            // Bound where the driver binds: executors on other hosts (a cluster, docker) must reach it too.
            SourceConfig config = new SourceConfig(bindAddress(), 0, knobs.linesPerSecond(), knobs.wordsPerLine(),
                    SourceConfig.DEFAULT_VOCABULARY, SourceConfig.DEFAULT_SEED, java.time.Duration.ZERO, r.format()).withSkew(knobs.skew());
            embedded = SocketSource.start(config, line -> out.println("[source] " + line));
            source = new SourceEndpoint(embedded.host(), embedded.port());
        }
        // An external source's reachability is the caller's check (RunCommand probes it before Spark starts).
        try {
            return runOnSource(job, knobs, options.withSource(source), stop, embedded, checkpoint, null);
        } finally {
            if (embedded != null) embedded.close();
        }
    }

    /** The lines our generator makes (embedded socket source, Kafka producer): the knobs' rate, words and skew. */
    static SourceConfig lineConfig(Knobs knobs, ReliabilityOptions r) {
        return new SourceConfig(bindAddress(), 0, knobs.linesPerSecond(), knobs.wordsPerLine(),
                SourceConfig.DEFAULT_VOCABULARY, SourceConfig.DEFAULT_SEED, java.time.Duration.ZERO, r.format()).withSkew(knobs.skew());
    }

    /** The Spark settings of a run; options' own settings win over these defaults. */
    static SparkConf sparkConf(Knobs knobs, RunOptions options) {
        SparkConf conf = new SparkConf()
                .setMaster(knobs.master())
                .setAppName("ssp-" + knobs.job())
                // reduceByKey gets P explicitly; this makes every other shuffle agree with it.
                .set("spark.default.parallelism", String.valueOf(knobs.partitions()))
                .set("spark.streaming.blockInterval", knobs.blockIntervalMs() + "ms")
                .set("spark.ui.showConsoleProgress", "false")
                .set("spark.log.level", "WARN");
        if (options.uiPort() < 0) {
            conf.set("spark.ui.enabled", "false");
        } else {
            conf.set("spark.ui.port", String.valueOf(options.uiPort()));
        }
        String bind = bindAddress();
        conf.set("spark.driver.bindAddress", bind).set("spark.driver.host", bind);
        for (Map.Entry<String, String> e : options.sparkConf().entrySet()) conf.set(e.getKey(), e.getValue());
        return conf;
    }

    /** Every port of ours binds loopback unless the user says otherwise (SPARK_LOCAL_IP). */
    static String bindAddress() {
        return System.getenv().getOrDefault("SPARK_LOCAL_IP", SourceConfig.DEFAULT_HOST);
    }

    /**
     * The job's Spark settings on top of {@link #sparkConf}: its own (phase4's backpressure), the receiver
     * write-ahead log for a checkpointed run; command-line extras still win.
     */
    static SparkConf jobSparkConf(StreamingJob job, Knobs knobs, RunOptions options, CheckpointPlan checkpoint) {
        SparkConf conf = sparkConf(knobs, options);
        for (Map.Entry<String, String> e : job.sparkConf().entrySet()) conf.set(e.getKey(), e.getValue());
        if (checkpoint != null && checkpoint.wal()) conf.set("spark.streaming.receiver.writeAheadLog.enable", "true");
        for (Map.Entry<String, String> e : options.sparkConf().entrySet()) conf.set(e.getKey(), e.getValue());
        return conf;
    }

    /** The job's and the run's Spark settings as one map, the run's winning: what the prediction must know (cores, backpressure). */
    static Map<String, String> effectiveSparkConf(StreamingJob job, RunOptions options) {
        Map<String, String> conf = new java.util.HashMap<>(job.sparkConf());
        conf.putAll(options.sparkConf());
        return conf;
    }

    /**
     * The streaming graph: socket lines → record accounting → the job's pipeline → top words. With a
     * checkpoint Spark calls this only when there is nothing to recover, and stores the graph (so every
     * function in it must be serializable and hold no runner state).
     */
    private static JavaStreamingContext createContext(StreamingJob job, Knobs knobs, RunOptions options, CheckpointPlan checkpoint,
                                                      KafkaSource kafka) {
        JavaStreamingContext ssc = new JavaStreamingContext(jobSparkConf(job, knobs, options, checkpoint),
                Durations.milliseconds(knobs.batchIntervalMs()));
        if (checkpoint != null) ssc.checkpoint(checkpoint.dir().toAbsolutePath().toString());
        SourceEndpoint source = options.source();
        // One copy of each block: local mode has no second executor to replicate to.
        // Kafka: the direct stream, no receiver (one task per topic partition); a socket: the receiver's blocks.
        JavaDStream<String> lines = kafka != null ? kafka.dstream(ssc)
                : ssc.socketTextStream(source.host(), source.port(), StorageLevel.MEMORY_AND_DISK_SER());
        // Counts every line in its batch and strips a stamp: the job's pipeline sees only words.
        lines = RecordAccountingStep.tap(lines);
        JavaPairDStream<String, Integer> counts = job.wordCounts(lines, knobs);
        TopWords.print(counts, job.topWordsToPrint(), TOP_WORDS_ROUTE);
        return ssc;
    }

    private static RunResult runOnSource(StreamingJob job, Knobs knobs, RunOptions options, StopSignal stop,
                                         SocketSource embedded, CheckpointPlan checkpoint, KafkaSource kafka) throws IOException {
        PrintStream out = options.out();
        List<BatchMetrics> batches = Collections.synchronizedList(new ArrayList<>());
        JsonLines.Writer jsonl = options.metricsOut() == null ? null : new JsonLines.Writer(options.metricsOut());
        // With backpressure the receiver takes in only what the job keeps up with, so a batch never needs to
        // hold the source's rate × BI to count as full (a throttled job might never reach half of it, and
        // a run stopping after N measured batches would never stop): any record will do, as for an unknown rate.
        double nominalLines = ProcessingTimeModel.backpressure(effectiveSparkConf(job, options)) ? Double.NaN : Summarizer.nominalLines(knobs);
        ProcessingTimeModel model = new ProcessingTimeModel(options.overhead() != null ? options.overhead() : Overhead.load());
        Prediction prediction = kafka != null ? predictKafka(model, job, knobs, options, kafka.partitions())
                : model.predictRun(knobs, effectiveSparkConf(job, options), job.designedCores(), job.keySalts());
        // Level 2 (docs/level2.md): a skewed run shows its cost stage's longest over median task per batch.
        boolean skewed = knobs.skew() > 0 || job.keySalts() > 0;

        BatchMetricsListener listener = new BatchMetricsListener(knobs.job(), knobs.batchIntervalMs(),
                notice -> out.println("[spark] " + notice))
                .onBatch(batches::add)
                .onBatch(new ConsoleTable(out, nominalLines, skewed, kafka != null));
        if (kafka != null) listener.enrich(kafka::withLag);
        if (jsonl != null) listener.onBatch(jsonl);
        // The one stop rule: evaluated on every batch the run reports, on the listener-bus thread, so the
        // listener closes right after the batch that met it and every sink sees the same batches.
        var stopRule = options.limits().stopWhenMeasured(batches, b -> Warmup.batches(b, nominalLines), stop);
        if (stopRule != null) listener.onBatch(stopRule);
        listener.closeOnStop(stop::requested);

        TopWords.route(TOP_WORDS_ROUTE, out::println);
        if (knobs.costKind() == io.ssplab.core.CostKind.CPU) out.println(CpuCost.prepare());
        JavaStreamingContext ssc = checkpoint == null ? createContext(job, knobs, options, null, kafka)
                : checkpoint.getOrCreate(() -> createContext(job, knobs, options, checkpoint, null));
        // Listeners are not part of a checkpoint: attached here, after a recovery too.
        Journal journal = checkpoint == null ? null : checkpoint.openJournal();
        AccountingListener accounting = new AccountingListener(LedgerAccumulator.of(ssc.sparkContext().sc()), journal,
                checkpoint == null ? null : checkpoint.earlier());
        String uiUrl = null;
        String reason;
        try {
            // Task-level metrics of each batch's cost stage, tied to the batch by the job property Spark Streaming sets.
            listener.withCostStage(io.ssplab.metrics.CostStageListener.attach(ssc.sparkContext().sc()));
            ssc.addStreamingListener(listener);
            ssc.addStreamingListener(accounting);
            if (kafka != null) ssc.addStreamingListener(kafka.completions()); // the final commit's offsets, draining batches too
            uiUrl = ssc.sparkContext().sc().uiWebUrl().isDefined() ? ssc.sparkContext().sc().uiWebUrl().get() : null;
            Banner.print(out, ssc, job, knobs, options, uiUrl, kafka == null ? 0 : kafka.partitions());
            if (checkpoint != null) out.println(checkpoint.describe());
            ssc.start();
            // After the start: the seconds Spark takes to start must not become the first batch's backlog.
            if (kafka != null) kafka.startProducing();
            reason = waitForStop(ssc, options, stop);
            listener.close();
            // Record accounting: an embedded source stops sending and its last lines get time to be processed.
            if (embedded != null) Drain.afterStop(embedded, accounting, knobs.batchIntervalMs(), knobs.blockIntervalMs());
            if (kafka != null) drainKafka(kafka, accounting, knobs.batchIntervalMs());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            reason = Messages.get("run.stop.interrupted");
        } finally {
            listener.close();
            stopQuietly(ssc);
            if (kafka != null) kafka.commitFinal();
            TopWords.unroute(TOP_WORDS_ROUTE);
            if (jsonl != null) jsonl.close();
            if (journal != null) journal.close();
        }

        List<BatchMetrics> all = List.copyOf(batches);
        // The warm-up the stop rule and the live table used: the summary speaks of the same measured batches.
        RunSummary summary = Summarizer.summarize(knobs, all, Warmup.batches(all, nominalLines),
                prediction == null ? null : prediction.predictedProcessingTimeMs(), prediction == null ? null : prediction.overhead().token());
        Reconciler.Observed observed = accounting.observed();
        SentLines sent = kafka != null ? kafka.sentLines() : sentLines(observed, embedded, options.source());
        // The file keeps the English account; the console shows the reader's.
        summary = summary.withAccounting(Reconciler.reconcile(observed, sent, Lang.EN));
        RecordAccounting shown = Lang.current() == Lang.EN ? summary.accounting() : Reconciler.reconcile(observed, sent, Lang.current());
        out.println(Messages.get("run.stopped", reason));
        SummaryBlock.print(out, summary);
        io.ssplab.metrics.CostStageSummary tasks = skewed ? io.ssplab.metrics.CostStageSummary.of(all.subList(summary.warmupBatches(), all.size())) : null;
        if (tasks != null) out.println(tasks.line());
        AccountingReport.print(out, shown);
        if (options.metricsOut() != null) Json.write(RunOptions.summaryPathFor(options.metricsOut()), summary);
        return new RunResult(knobs, all, summary, reason, uiUrl);
    }

    /**
     * A Kafka run's drain: our producer stops, and a job that keeps up gets up to two batches (and some slack) to
     * process the lines it had sent, so that sent = received = processed. A job behind leaves its backlog in the topic:
     * the accounting reports it as not yet read.
     */
    private static void drainKafka(KafkaSource kafka, AccountingListener accounting, long batchIntervalMs) throws InterruptedException {
        long sent = kafka.stopProducing();
        // Not skipped on a growing lag (behind): over the few batches of a short run the lag's slope is noisy, and a job that
        // keeps up was judged behind once (15 records per batch against 14), losing its last lines from the accounting.
        if (sent < 0) return;
        long deadline = System.nanoTime() + (2 * batchIntervalMs + 3000) * 1_000_000L;
        while (accounting.processedLines() < sent && System.nanoTime() < deadline) Thread.sleep(25);
    }

    /**
     * The prediction of a Kafka run: no receiver, and without a repartition one task per topic partition
     * ({@link io.ssplab.model.Workload#kafka}); null when the knobs leave nothing to predict.
     */
    static Prediction predictKafka(ProcessingTimeModel model, StreamingJob job, Knobs knobs, RunOptions options, int topicPartitions) {
        try {
            io.ssplab.model.Workload w = kafkaWorkload(job, knobs, options.sparkConf(), topicPartitions);
            // Under a limit that binds, a batch holds what the limit lets in (the plan predicts the same batches).
            io.ssplab.model.KafkaIntake intake = KafkaSource.intake(knobs, topicPartitions, effectiveSparkConf(job, options));
            return model.predict(intake.binds() ? w.withRate(intake.takenLinesPerSecond()) : w);
        } catch (RuntimeException unpredictable) {
            return null;
        }
    }

    /** A Kafka run's workload on the slots its master gives. */
    static io.ssplab.model.Workload kafkaWorkload(StreamingJob job, Knobs knobs, Map<String, String> sparkConf, int topicPartitions) {
        String coresMax = sparkConf.get("spark.cores.max");
        int slots = Master.slotsFor(knobs.master(), coresMax == null ? null : Integer.valueOf(coresMax.strip()), job.designedCores());
        return io.ssplab.model.Workload.kafka(knobs, slots, topicPartitions, job.repartitions());
    }

    /** Sent (from the source), after the receiver has stopped. */
    private static SentLines sentLines(Reconciler.Observed observed, SocketSource embedded, SourceEndpoint source) {
        return embedded != null ? SourceAccount.ofEmbedded(embedded)
                : SourceAccount.ofExternal(source.host(), source.port(), observed.streams().keySet());
    }

    /**
     * Stops streaming first, then cancels the Spark jobs still running (an overloaded job has batches
     * queued and tasks mid-wait), waits for them to end, and only then stops Spark. Stopping Spark
     * under running tasks deletes their shuffle files and fills the console with stack traces.
     */
    private static void stopQuietly(JavaStreamingContext ssc) {
        org.apache.spark.api.java.JavaSparkContext sc = ssc.sparkContext();
        try {
            ssc.stop(false, false);
            sc.cancelAllJobs();
            // A cancelled job is gone at once, but its killed tasks still finish their current record and
            // report back; Spark stopped under such a report logs "Exception in statusUpdate" with a stack
            // trace (RejectedExecutionException). So wait for the tasks too, then a moment for their reports.
            long deadline = System.nanoTime() + 10_000_000_000L;
            while ((sc.statusTracker().getActiveJobIds().length > 0 || runningTasks(sc) > 0) && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            Thread.sleep(200);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            sc.stop();
        }
    }

    /** Tasks running on every executor (in local mode: the driver's): killed ones until they have finished. */
    private static int runningTasks(org.apache.spark.api.java.JavaSparkContext sc) {
        int running = 0;
        for (org.apache.spark.SparkExecutorInfo e : sc.sc().statusTracker().getExecutorInfos()) running += e.numRunningTasks();
        return running;
    }

    private static String waitForStop(JavaStreamingContext ssc, RunOptions options, StopSignal stop) {
        java.time.Duration limit = options.limits().duration();
        long deadline = limit == null ? Long.MAX_VALUE : System.nanoTime() + limit.toNanos();
        try {
            while (true) {
                String why = stop.await(100);
                if (why != null) return why;
                if (System.nanoTime() >= deadline) {
                    String reached = Messages.get("run.stop.duration", io.ssplab.core.Format.duration(limit));
                    stop.request(reached);
                    return reached;
                }
                // Returns true when the context stopped by itself; throws if a batch failed.
                if (ssc.awaitTerminationOrTimeout(1)) return Messages.get("run.stop.contextStopped");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Messages.get("run.stop.interrupted");
        }
    }

    /** The lines printed before the first batch: the job, its knobs, the lesson's arithmetic, the UI, when it stops. */
    static final class Banner {
        private Banner() {
        }

        static void print(PrintStream out, JavaStreamingContext ssc, StreamingJob job, Knobs knobs, RunOptions options, String uiUrl,
                          int topicPartitions) {
            // On a cluster the task slots are the cores the job asked for (spark.cores.max), not a URL's.
            String coresMax = ssc.sparkContext().getConf().get("spark.cores.max", null);
            int slots = Master.slotsFor(knobs.master(), coresMax == null ? null : Integer.valueOf(coresMax), job.designedCores());
            io.ssplab.model.Workload workload = topicPartitions > 0
                    ? io.ssplab.model.Workload.kafka(knobs, slots, topicPartitions, job.repartitions())
                    : new io.ssplab.model.Workload(knobs, slots, 1, true).withKeySalts(job.keySalts());
            out.println(Messages.get("run.banner.title", knobs.job(), job.description()));
            out.println(Messages.get(workload.kafka() ? "kafka.banner.knobs" : "run.banner.knobs", knobs.master(), slots, workload.freeSlots(), knobs.partitions(),
                    io.ssplab.core.Format.plain(knobs.costMs()), knobs.costUnit().inWords(), io.ssplab.core.Format.seconds(knobs.batchIntervalMs()),
                    options.source(), io.ssplab.core.Format.plain(knobs.linesPerSecond())));
            if (knobs.skew() > 0) out.println(Messages.get("run.banner.keys", io.ssplab.model.KeyWords.line(knobs.keys(), io.ssplab.core.Lang.current())));
            if (knobs.costKind() == io.ssplab.core.CostKind.CPU) {
                out.println(Messages.get("run.banner.cpu", io.ssplab.core.Format.plain(knobs.costMs()), knobs.costUnit().inWords(),
                        workload.cpuCores() == Math.rint(workload.cpuCores()) ? String.valueOf((long) workload.cpuCores())
                                : io.ssplab.core.Format.fixed(workload.cpuCores(), 2)));
            }
            // The lesson's arithmetic before the first batch, so the table can be read against it.
            for (String line : io.ssplab.model.BatchArithmetic.of(workload).explain(workload)) out.println("    " + line);
            for (String line : job.arithmetic(knobs, topicPartitions, effectiveSparkConf(job, options))) out.println("    " + line);
            if (uiUrl != null) out.println(Messages.get("run.banner.ui", uiUrl + "/streaming/"));
            RunLimits l = options.limits();
            String until = l.measuredBatches() != null && l.duration() != null
                    ? Messages.get("run.banner.untilBoth", Messages.count(l.measuredBatches(), "noun.batch"), io.ssplab.core.Format.duration(l.duration()))
                    : l.measuredBatches() != null ? Messages.get("run.banner.untilBatches", Messages.count(l.measuredBatches(), "noun.batch"))
                    : l.duration() != null ? Messages.get("run.banner.untilDuration", io.ssplab.core.Format.duration(l.duration()))
                    : Messages.get("run.banner.untilCtrlC");
            out.println(until);
        }
    }
}
