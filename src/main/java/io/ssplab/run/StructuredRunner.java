package io.ssplab.run;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

import org.apache.spark.SparkConf;
import org.apache.spark.api.java.function.VoidFunction2;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.streaming.StreamingQuery;
import org.apache.spark.sql.streaming.Trigger;

import io.ssplab.accounting.AccountingReport;
import io.ssplab.accounting.LedgerAccumulator;
import io.ssplab.accounting.QueryAccounting;
import io.ssplab.accounting.QueryAccountingStep;
import io.ssplab.accounting.SentLines;
import io.ssplab.accounting.SourceAccount;
import io.ssplab.core.Api;
import io.ssplab.core.BadInputException;
import io.ssplab.core.BatchMetrics;
import io.ssplab.core.Format;
import io.ssplab.core.Json;
import io.ssplab.core.Knobs;
import io.ssplab.core.Lang;
import io.ssplab.core.Messages;
import io.ssplab.core.RecordAccounting;
import io.ssplab.core.RunSummary;
import io.ssplab.metrics.JsonLines;
import io.ssplab.metrics.QueryProgressListener;
import io.ssplab.metrics.QueryTable;
import io.ssplab.metrics.StructuredSummarizer;
import io.ssplab.metrics.StructuredWarmup;
import io.ssplab.model.Overhead;
import io.ssplab.model.StructuredModel;
import io.ssplab.model.StructuredPrediction;
import io.ssplab.model.Workload;
import io.ssplab.pipeline.StructuredJob;
import io.ssplab.pipeline.StructuredWordCount;
import io.ssplab.source.SocketSource;
import io.ssplab.source.SourceConfig;

/**
 * Runs one Structured Streaming lesson ({@link StreamingRunner} runs the DStream ones): starts (or
 * attaches to) the source, builds the query around the lesson's pipeline, prints a row per micro-batch,
 * stops by its {@link RunLimits} (or when asked) and summarizes, writing the same files as a DStream run.
 *
 * <h2>Design</h2>
 * The query: Spark's built-in {@code socket} source on our {@link SocketSource} (stamped lines too) →
 * {@link QueryAccountingStep} (counts each line, strips its stamp) → the lesson's {@link StructuredJob#words}
 * ({@code repartition(P)}, the per-line wait, split) → {@code foreachBatch}: the batch's word count (one
 * job), its top words, then the batch cost; trigger {@code ProcessingTime(T)}, {@code spark.sql.shuffle.partitions = P},
 * a fresh checkpoint directory per run (the socket source cannot recover, so nothing is resumed).
 * Measuring from outside: a {@link QueryProgressListener} turns each progress event into the lab's batch
 * metrics (live {@link QueryTable}, {@code --metrics-out} JSON Lines, the stop rule), the model's prediction
 * ({@link StructuredModel}) is printed before the first batch and recorded beside the measurement, and
 * {@link StructuredSummarizer} gives the verdict. With {@code --metrics-out FILE.jsonl}, Spark's own progress
 * JSON of every batch goes to {@code FILE.progress.ndjson} beside it.
 */
public final class StructuredRunner {
    /** An embedded source's last lines get this long past a trigger to be counted (a busy machine). */
    static final long DRAIN_SLACK_MS = 5000;
    /** The batches a drain waits for, at most: enough for a query that keeps up to take its last lines. */
    static final int DRAIN_BATCHES = 2;

    private StructuredRunner() {
    }

    public static RunResult run(StructuredJob job, Knobs knobs, RunOptions options, StopSignal stop) throws IOException {
        Knobs k = knobs.withApi(Api.STRUCTURED).validate();
        ReliabilityOptions r = options.reliability();
        if (r.checkpoint() != null || r.wal()) throw new BadInputException(Messages.get("ss.bad.checkpoint"));
        PrintStream out = options.out();
        SocketSource embedded = null;
        SourceEndpoint source = options.source();
        if (source.kafka()) {
            KafkaSource.check(source, options.kafkaPartitions());
            try (KafkaSource kafka = KafkaSource.open(source, k.job(), options.kafkaPartitionsFor(job), StreamingRunner.lineConfig(k, r), out)) {
                return runOnSource(job, k, options.withSource(kafka.endpoint()), stop, null, kafka);
            }
        }
        if (source.embedded()) {
            SourceConfig config = new SourceConfig(StreamingRunner.bindAddress(), 0, k.linesPerSecond(), k.wordsPerLine(),
                    SourceConfig.DEFAULT_VOCABULARY, SourceConfig.DEFAULT_SEED, Duration.ZERO, r.format());
            embedded = SocketSource.start(config, line -> out.println("[source] " + line));
            source = new SourceEndpoint(embedded.host(), embedded.port());
        }
        try {
            return runOnSource(job, k, options.withSource(source), stop, embedded, null);
        } finally {
            if (embedded != null) embedded.close();
        }
    }

    /** The prediction for a run about to start; null when the knobs leave nothing to predict. */
    public static StructuredPrediction predict(StructuredJob job, Knobs knobs, RunOptions options) {
        try {
            Overhead o = options.overhead() != null ? options.overhead() : StructuredModel.defaultOverhead();
            String coresMax = options.sparkConf().get("spark.cores.max");
            Workload w = StructuredModel.workload(knobs, coresMax == null ? null : Integer.valueOf(coresMax.strip()), job.designedCores());
            return new StructuredModel(o).predictQuery(w);
        } catch (RuntimeException unpredictable) {
            return null; // a summary without a prediction beats a failed run
        }
    }

    /** The session's settings; the run's own (cluster secret, jar, cores) win. */
    static SparkConf sparkConf(Knobs knobs, RunOptions options) {
        SparkConf conf = new SparkConf()
                .setMaster(knobs.master())
                .setAppName("ssp-" + knobs.job())
                // The count in foreachBatch shuffles into P partitions (AQE then coalesces its few rows).
                .set("spark.sql.shuffle.partitions", String.valueOf(knobs.partitions()))
                .set("spark.ui.showConsoleProgress", "false")
                .set("spark.log.level", "WARN");
        if (options.uiPort() < 0) {
            conf.set("spark.ui.enabled", "false");
        } else {
            conf.set("spark.ui.port", String.valueOf(options.uiPort()));
        }
        String bind = StreamingRunner.bindAddress();
        conf.set("spark.driver.bindAddress", bind).set("spark.driver.host", bind);
        for (Map.Entry<String, String> e : options.sparkConf().entrySet()) conf.set(e.getKey(), e.getValue());
        return conf;
    }

    private static RunResult runOnSource(StructuredJob job, Knobs knobs, RunOptions options, StopSignal stop, SocketSource embedded,
                                         KafkaSource kafka) throws IOException {
        PrintStream out = options.out();
        long triggerMs = knobs.batchIntervalMs();
        List<BatchMetrics> batches = Collections.synchronizedList(new ArrayList<>());
        JsonLines.Writer jsonl = options.metricsOut() == null ? null : new JsonLines.Writer(options.metricsOut());
        BufferedWriter progressLog = options.metricsOut() == null ? null
                : Files.newBufferedWriter(progressPathFor(options.metricsOut()), StandardCharsets.UTF_8);
        // What one trigger may take (a Kafka lesson's maxOffsetsPerTrigger caps it): a batch's lines, and the model's rate.
        Knobs perTrigger = job.perTrigger(knobs);
        double nominalLines = perTrigger.linesPerBatch();
        StructuredPrediction prediction = predict(job, perTrigger, options);

        SparkSession.clearActiveSession();
        SparkSession.clearDefaultSession();
        SparkSession spark = SparkSession.builder().config(sparkConf(knobs, options)).getOrCreate();
        QueryAccounting accounting = new QueryAccounting(LedgerAccumulator.of(spark.sparkContext()));
        warmUpOnce(spark, job, knobs, accounting);
        QueryProgressListener listener = new QueryProgressListener(knobs.job(), triggerMs)
                .onProgress(p -> accounting.onProgress(p.batchId(), p.numInputRows()))
                .enrich(m -> {
                    QueryAccounting.BatchLatency l = m.batchId() == null ? null : accounting.latencyOf(m.batchId());
                    BatchMetrics withLatency = l == null ? m : m.withLatency(l.p50Ms(), l.p95Ms(), l.maxMs());
                    return kafka == null ? withLatency : kafka.withQueryLag(withLatency);
                })
                .onBatch(batches::add)
                .onBatch(new QueryTable(out, nominalLines, kafka != null));
        // Kafka: each progress's lag (sources[0].metrics) and its endOffset committed to the group.
        if (kafka != null) listener.onProgressJson(kafka::onProgressJson);
        if (jsonl != null) listener.onBatch(jsonl);
        if (progressLog != null) listener.onProgressJson(json -> writeLine(progressLog, json));
        // The one stop rule, as for DStream runs: N batches measured after the warm-up.
        var stopRule = options.limits().stopWhenMeasured(batches, b -> StructuredWarmup.batches(b, nominalLines), stop);
        if (stopRule != null) listener.onBatch(stopRule);
        listener.closeOnStop(stop::requested);
        spark.streams().addListener(listener);

        Path checkpoint = Files.createTempDirectory("ssp-query-");
        String uiUrl = spark.sparkContext().uiWebUrl().isDefined() ? spark.sparkContext().uiWebUrl().get() : null;
        String reason;
        StreamingQuery query = null;
        try {
            Banner.print(out, job, knobs, options, prediction, uiUrl);
            SourceEndpoint source = options.source();
            Dataset<String> lines = kafka != null ? kafka.lines(spark, job.kafkaOptions())
                    : spark.readStream().format(io.ssplab.pipeline.StructuredWordCount.SOCKET_SOURCE).option("host", source.host()).option("port", source.port())
                    .load().as(Encoders.STRING());
            Dataset<String> words = job.words(QueryAccountingStep.tap(lines, accounting.ledger()), knobs);
            int top = job.topWordsToPrint();
            VoidFunction2<Dataset<String>, Long> perBatch = (batch, batchId) -> {
                List<StructuredWordCount.WordCount> counts = StructuredWordCount.countWords(batch); // the batch's one action
                accounting.afterBatch(batchId, System.currentTimeMillis());
                out.println(StructuredWordCount.topLine(counts, top));
                StructuredWordCount.payBatchCost(knobs.batchCost());
            };
            query = words.writeStream().queryName(knobs.job())
                    .trigger(Trigger.ProcessingTime(triggerMs, TimeUnit.MILLISECONDS))
                    .option("checkpointLocation", checkpoint.toString())
                    .foreachBatch(perBatch)
                    .start();
            if (kafka != null) kafka.startProducing(); // after the start, as for a DStream run
            reason = waitForStop(query, options, stop);
            listener.close();
            // Record accounting: an embedded source stops sending, and a query that keeps up counts its last lines.
            if (embedded != null) drain(embedded, accounting, batches, triggerMs);
            if (kafka != null) drainKafka(kafka, accounting, batches, job.kafkaOptions(), triggerMs);
        } catch (TimeoutException e) {
            reason = Messages.get("ss.stop.failed", e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            reason = Messages.get("run.stop.interrupted");
        } finally {
            listener.close();
            stopQuietly(spark, query);
            if (jsonl != null) jsonl.close();
            if (progressLog != null) progressLog.close();
            deleteQuietly(checkpoint);
        }

        List<BatchMetrics> all = List.copyOf(batches);
        RunSummary summary = StructuredSummarizer.summarize(knobs, all, StructuredWarmup.batches(all, nominalLines),
                prediction == null ? null : prediction.forSummary());
        SentLines sent = kafka != null ? kafka.sentLines() : embedded != null ? SourceAccount.ofEmbedded(embedded)
                : SourceAccount.ofExternal(options.source().host(), options.source().port(), accounting.observed().streams().keySet());
        summary = summary.withAccounting(accounting.reconcile(sent, Lang.EN));
        RecordAccounting shown = Lang.current() == Lang.EN ? summary.accounting() : accounting.reconcile(sent, Lang.current());
        out.println(Messages.get("run.stopped", reason));
        StructuredSummaryBlock.print(out, summary);
        AccountingReport.print(out, shown);
        if (options.metricsOut() != null) Json.write(RunOptions.summaryPathFor(options.metricsOut()), summary);
        return new RunResult(knobs, all, summary, reason, uiUrl);
    }

    /** Whether this JVM has run a query already: the first one pays for loading and compiling Spark's streaming code. */
    private static final java.util.concurrent.atomic.AtomicBoolean WARM = new java.util.concurrent.atomic.AtomicBoolean();
    /** Micro-batches of the warm-up query. */
    static final int WARM_UP_BATCHES = 4;

    /**
     * Before a JVM's first query: the same query, without cost, on a few in-memory batches, and not measured. In a
     * cold JVM the first micro-batches take seconds longer (class loading, code generation, the JIT); without a
     * warm-up they would make the first act start seconds late and inflate the overhead it measures for the others.
     */
    private static void warmUpOnce(SparkSession spark, StructuredJob job, Knobs knobs, QueryAccounting accounting) {
        if (WARM.getAndSet(true)) return;
        Path dir = null;
        StreamingQuery warmUp = null;
        try {
            dir = Files.createTempDirectory("ssp-warm-up-");
            org.apache.spark.sql.execution.streaming.runtime.MemoryStream<String> input =
                    org.apache.spark.sql.execution.streaming.runtime.MemoryStream.apply(Encoders.STRING(), spark);
            Dataset<String> words = job.words(QueryAccountingStep.tap(input.toDS(), accounting.ledger()), knobs.withCost(Duration.ZERO));
            warmUp = words.writeStream().queryName("ssp-warm-up").option("checkpointLocation", dir.toString())
                    .foreachBatch((VoidFunction2<Dataset<String>, Long>) (batch, id) -> StructuredWordCount.countWords(batch)).start();
            List<String> lines = new ArrayList<>();
            for (int i = 0; i < 200; i++) lines.add("w" + (i % 50) + " w" + (i % 7) + " w" + (i % 3)); // warm-up input, never printed
            for (int i = 0; i < WARM_UP_BATCHES; i++) {
                input.addData(scala.jdk.javaapi.CollectionConverters.asScala(lines).toSeq());
                warmUp.processAllAvailable();
            }
        } catch (IOException | TimeoutException | RuntimeException e) {
            // a warm-up that fails only leaves the first batches slower
        } finally {
            try {
                if (warmUp != null) warmUp.stop();
            } catch (TimeoutException | RuntimeException e) {
                // as above
            }
            for (Long key : accounting.ledger().value().keySet()) accounting.ledger().take(key);
            if (dir != null) deleteQuietly(dir);
        }
    }

    /** FILE.jsonl → FILE.progress.ndjson: Spark's own progress JSON, one batch per line (not a metrics file: the report skips it). */
    public static Path progressPathFor(Path metricsOut) {
        String name = metricsOut.getFileName().toString();
        String base = name.endsWith(".jsonl") ? name.substring(0, name.length() - 6) : name;
        return metricsOut.resolveSibling(base + ".progress.ndjson");
    }

    private static void writeLine(BufferedWriter w, String json) {
        try {
            w.write(json.replace('\n', ' '));
            w.write('\n');
            w.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String waitForStop(StreamingQuery query, RunOptions options, StopSignal stop) throws InterruptedException {
        Duration limit = options.limits().duration();
        long deadline = limit == null ? Long.MAX_VALUE : System.nanoTime() + limit.toNanos();
        while (true) {
            String why = stop.await(100);
            if (why != null) return why;
            if (System.nanoTime() >= deadline) {
                String reached = Messages.get("run.stop.duration", Format.duration(limit));
                stop.request(reached);
                return reached;
            }
            if (!query.isActive()) {
                String failed = query.exception().isDefined() ? Messages.get("ss.stop.failed", query.exception().get().getMessage())
                        : Messages.get("ss.stop.queryStopped");
                stop.request(failed);
                return failed;
            }
        }
    }

    /**
     * The embedded source stops writing; when the query keeps up (its last batch within the trigger), its
     * next batch takes the last lines and counts them, so that sent = received = processed. A query behind
     * its trigger would need its whole backlog's time: its summary reports the lines still waiting instead.
     */
    private static void drain(SocketSource source, QueryAccounting accounting, List<BatchMetrics> batches, long triggerMs)
            throws InterruptedException {
        long total = source.pause();
        if (!lastBatchOnTime(batches, triggerMs)) return;
        long deadline = drainDeadline(triggerMs);
        while ((accounting.receivedLines() < total || accounting.processedLines() < accounting.receivedLines()) && System.nanoTime() < deadline) {
            Thread.sleep(25);
        }
    }

    /** When a drain stops waiting, in System.nanoTime(): {@link #DRAIN_BATCHES} triggers and the slack from now. */
    private static long drainDeadline(long triggerMs) {
        return System.nanoTime() + (DRAIN_BATCHES * triggerMs + DRAIN_SLACK_MS) * 1_000_000L;
    }

    /** Whether the query's last batch ended within its trigger (it keeps up): only then is a drain worth waiting for. */
    private static boolean lastBatchOnTime(List<BatchMetrics> batches, long triggerMs) {
        synchronized (batches) {
            return !batches.isEmpty() && batches.get(batches.size() - 1).processingTimeMs() <= triggerMs;
        }
    }

    /**
     * A Kafka run's drain: as {@link #drain}, with our producer's acknowledged lines as the total. A query with a
     * {@code maxOffsetsPerTrigger} takes at most that many lines a batch, so when its backlog is more than the drain's two
     * batches could take it is not waited for: the accounting reports the rest as still in the topic. That is a count,
     * not the lag's slope: over a short run's few batches the slope is noisy, and a query that kept up must not be
     * judged behind and lose its last lines from the accounting.
     */
    private static void drainKafka(KafkaSource kafka, QueryAccounting accounting, List<BatchMetrics> batches, Map<String, String> sourceOptions,
                                   long triggerMs) throws InterruptedException {
        long total = kafka.stopProducing();
        if (total < 0 || !lastBatchOnTime(batches, triggerMs)) return;
        String limit = sourceOptions.get(KafkaSource.MAX_OFFSETS_PER_TRIGGER);
        if (limit != null && total - accounting.processedLines() > DRAIN_BATCHES * Long.parseLong(limit)) return;
        long deadline = drainDeadline(triggerMs);
        while (accounting.processedLines() < total && System.nanoTime() < deadline) Thread.sleep(25);
    }

    /** Stops the query (its running batch is cancelled), then Spark; what stopping logs is expected and quiet. */
    private static void stopQuietly(SparkSession spark, StreamingQuery query) {
        try {
            if (query != null) query.stop();
        } catch (TimeoutException | RuntimeException e) {
            // stopping is best effort: Spark stops below anyway
        } finally {
            spark.stop();
            SparkSession.clearActiveSession();
            SparkSession.clearDefaultSession();
        }
    }

    private static void deleteQuietly(Path dir) {
        try (Stream<Path> all = Files.walk(dir)) {
            all.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            // a temporary directory left behind is harmless
        }
    }

    /** The lines printed before the first batch: the lesson, its knobs, the model's arithmetic, the UI, when it stops. */
    static final class Banner {
        private Banner() {
        }

        static void print(PrintStream out, StructuredJob job, Knobs knobs, RunOptions options, StructuredPrediction p, String uiUrl) {
            out.println(Messages.get("run.banner.title", knobs.job(), job.description()));
            int slots = p == null ? 0 : p.workload().cores();
            out.println(Messages.get("ss.banner.knobs", knobs.master(), slots, knobs.partitions(), Format.plain(knobs.costMs()),
                    knobs.costUnit().inWords(), Format.seconds(knobs.batchCostMs()), Format.seconds(knobs.batchIntervalMs()), options.source(),
                    Format.plain(knobs.linesPerSecond())));
            if (p != null) for (String line : p.explain()) out.println("    " + line);
            for (String line : job.notes(knobs)) out.println("    " + line);
            if (uiUrl != null) out.println(Messages.get("run.banner.ui", uiUrl + "/StreamingQuery/"));
            RunLimits l = options.limits();
            String until = l.measuredBatches() != null && l.duration() != null
                    ? Messages.get("run.banner.untilBoth", Messages.count(l.measuredBatches(), "noun.batch"), Format.duration(l.duration()))
                    : l.measuredBatches() != null ? Messages.get("run.banner.untilBatches", Messages.count(l.measuredBatches(), "noun.batch"))
                    : l.duration() != null ? Messages.get("run.banner.untilDuration", Format.duration(l.duration()))
                    : Messages.get("run.banner.untilCtrlC");
            out.println(until);
        }
    }
}
