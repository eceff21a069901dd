package io.ssplab.run;

import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
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
import io.ssplab.accounting.RecordAccounting;
import io.ssplab.accounting.RecordAccountingStep;
import io.ssplab.accounting.Reconciler;
import io.ssplab.accounting.SentLines;
import io.ssplab.accounting.SourceAccount;
import io.ssplab.jobs.JobSpec;
import io.ssplab.jobs.StreamingJob;
import io.ssplab.metrics.BatchMetrics;
import io.ssplab.metrics.BatchMetricsListener;
import io.ssplab.metrics.ConsoleTable;
import io.ssplab.metrics.JsonLines;
import io.ssplab.metrics.RunSummary;
import io.ssplab.metrics.Summarizer;
import io.ssplab.pipeline.TopWords;
import io.ssplab.recovery.CheckpointPlan;
import io.ssplab.source.SocketSource;
import io.ssplab.source.SourceConfig;

/**
 * Runs one job: starts (or attaches to) the source, builds the Spark streaming context with the
 * job's knobs, prints a row per batch, stops on the first stop reason and summarizes.
 *
 * <p>Everything a job class does not need to know lives here, so the job classes stay readable.
 */
public final class StreamingRunner {
    private StreamingRunner() {
    }

    public static RunResult run(StreamingJob job, JobSpec spec, RunOptions options, StopSignal stop) throws IOException {
        spec.validate();
        // Reliability: refuses checkpoint combinations that cannot work, before anything starts (null without --checkpoint).
        CheckpointPlan checkpoint = CheckpointPlan.prepare(spec, options);
        PrintStream out = options.out();
        SocketSource embedded = null;
        SourceEndpoint source = options.source();
        if (source.embedded()) {
            // Bound where the driver binds: executors on other hosts (a cluster, docker) must reach it too.
            SourceConfig config = new SourceConfig(bindAddress(), 0, spec.linesPerSecond(), spec.wordsPerLine(),
                    SourceConfig.DEFAULT_VOCABULARY, SourceConfig.DEFAULT_SEED, java.time.Duration.ZERO,
                    options.reliability().format());
            embedded = SocketSource.start(config, line -> out.println("[source] " + line));
            source = new SourceEndpoint(embedded.host(), embedded.port());
        }
        // An external source's reachability is the caller's check (RunCommand probes it before Spark starts).
        try {
            return runOnSource(job, spec, options.withSource(source), stop, embedded, checkpoint);
        } finally {
            if (embedded != null) embedded.close();
        }
    }

    /** The Spark settings of a run; options' own settings win over these defaults. */
    static SparkConf sparkConf(JobSpec spec, RunOptions options) {
        SparkConf conf = new SparkConf()
                .setMaster(spec.master())
                .setAppName("ssp-" + spec.job())
                // reduceByKey gets P explicitly; this makes every other shuffle agree with it.
                .set("spark.default.parallelism", String.valueOf(spec.partitions()))
                .set("spark.streaming.blockInterval", spec.blockInterval().toMillis() + "ms")
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
    static SparkConf jobSparkConf(StreamingJob job, JobSpec spec, RunOptions options, CheckpointPlan checkpoint) {
        SparkConf conf = sparkConf(spec, options);
        for (Map.Entry<String, String> e : job.sparkConf().entrySet()) conf.set(e.getKey(), e.getValue());
        if (checkpoint != null && checkpoint.wal()) conf.set("spark.streaming.receiver.writeAheadLog.enable", "true");
        for (Map.Entry<String, String> e : options.sparkConf().entrySet()) conf.set(e.getKey(), e.getValue());
        return conf;
    }

    /**
     * The streaming graph: socket lines → record accounting → the job's pipeline → top words. With a
     * checkpoint Spark calls this only when there is nothing to recover, and stores the graph (so every
     * function in it must be serializable and hold no runner state).
     */
    private static JavaStreamingContext createContext(StreamingJob job, JobSpec spec, RunOptions options, CheckpointPlan checkpoint) {
        JavaStreamingContext ssc = new JavaStreamingContext(jobSparkConf(job, spec, options, checkpoint),
                Durations.milliseconds(spec.batchIntervalMs()));
        if (checkpoint != null) ssc.checkpoint(checkpoint.dir().toAbsolutePath().toString());
        SourceEndpoint source = options.source();
        // One copy of each block: local mode has no second executor to replicate to.
        JavaDStream<String> lines = ssc.socketTextStream(source.host(), source.port(), StorageLevel.MEMORY_AND_DISK_SER());
        // Counts every line in its batch and strips a stamp: the job's pipeline sees only words.
        lines = RecordAccountingStep.tap(lines);
        JavaPairDStream<String, Integer> counts = job.wordCounts(lines, spec);
        TopWords.print(counts, job.topWordsToPrint());
        return ssc;
    }

    private static RunResult runOnSource(StreamingJob job, JobSpec spec, RunOptions options, StopSignal stop,
                                         SocketSource embedded, CheckpointPlan checkpoint) throws IOException {
        PrintStream out = options.out();
        List<BatchMetrics> batches = Collections.synchronizedList(new ArrayList<>());
        JsonLines.Writer jsonl = options.metricsOut() == null ? null : new JsonLines.Writer(options.metricsOut());

        BatchMetricsListener listener = new BatchMetricsListener(spec.job(), spec.batchIntervalMs(),
                notice -> out.println("[spark] " + notice))
                .onBatch(batches::add)
                .onBatch(new ConsoleTable(out));
        if (jsonl != null) listener.onBatch(jsonl);
        listener.onBatch(job::onBatch).closeOnStop(stop::requested);
        if (options.batches() != null) {
            int limit = options.batches();
            int[] completed = {0}; // sinks run on the listener-bus thread, one batch at a time
            listener.onBatch(m -> {
                if (++completed[0] >= limit) stop.request(limit + " batches completed");
            });
        }

        JavaStreamingContext ssc = checkpoint == null ? createContext(job, spec, options, null)
                : checkpoint.getOrCreate(() -> createContext(job, spec, options, checkpoint));
        // Listeners are not part of a checkpoint: attached here, after a recovery too.
        Journal journal = checkpoint == null ? null : checkpoint.openJournal();
        AccountingListener accounting = new AccountingListener(LedgerAccumulator.of(ssc.sparkContext().sc()), journal,
                checkpoint == null ? null : checkpoint.earlier());
        String uiUrl = null;
        String reason;
        try {
            ssc.addStreamingListener(listener);
            ssc.addStreamingListener(accounting);
            SourceEndpoint source = options.source();
            uiUrl = ssc.sparkContext().sc().uiWebUrl().isDefined() ? ssc.sparkContext().sc().uiWebUrl().get() : null;
            printBanner(out, ssc, job, spec, source, uiUrl, options);
            if (checkpoint != null) out.println(checkpoint.describe());
            ssc.start();
            reason = waitForStop(ssc, options, stop);
            listener.close();
            // Record accounting: an embedded source stops sending and its last lines get time to be processed.
            if (embedded != null) Drain.afterStop(embedded, accounting, spec.batchIntervalMs(), spec.blockInterval().toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            reason = "interrupted";
        } finally {
            listener.close();
            stopQuietly(ssc);
            if (jsonl != null) jsonl.close();
            if (journal != null) journal.close();
        }

        List<BatchMetrics> all = List.copyOf(batches);
        RunSummary summary = Summarizer.summarize(new Summarizer.Knobs(spec.job(), spec.master(), spec.partitions(),
                spec.costMs(), spec.costUnit().label(), spec.batchIntervalMs(),
                io.ssplab.model.ProcessingTimeModel.predictRun(spec, job.sparkConf(), options.sparkConf())), all);
        summary = summary.withAccounting(reconcile(accounting, embedded, options.source()));
        out.println("stopped: " + reason);
        ConsoleTable.printSummary(out, summary);
        AccountingReport.print(out, summary.accounting());
        if (options.metricsOut() != null) {
            JsonLines.writeJson(RunOptions.summaryPathFor(options.metricsOut()), summary);
        }
        return new RunResult(spec, all, summary, reason, uiUrl);
    }

    /** Sent (from the source), received and processed lines, after the receiver has stopped. */
    private static RecordAccounting reconcile(AccountingListener accounting, SocketSource embedded, SourceEndpoint source) {
        Reconciler.Observed observed = accounting.observed();
        SentLines sent = embedded != null ? SourceAccount.ofEmbedded(embedded)
                : SourceAccount.ofExternal(source.host(), source.port(), observed.streams().keySet());
        return Reconciler.reconcile(observed, sent);
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
        long deadline = options.duration() == null ? Long.MAX_VALUE
                : System.nanoTime() + options.duration().toNanos();
        try {
            while (true) {
                String why = stop.await(100);
                if (why != null) return why;
                if (System.nanoTime() >= deadline) return "duration " + options.duration().toSeconds() + " s reached";
                // Returns true when the context stopped by itself; throws if a batch failed.
                if (ssc.awaitTerminationOrTimeout(1)) return "streaming context stopped";
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }

    private static void printBanner(PrintStream out, JavaStreamingContext ssc, StreamingJob job, JobSpec spec, SourceEndpoint source, String uiUrl,
                                    RunOptions options) {
        // On a cluster the task slots are the cores the job asked for (spark.cores.max), not a URL's.
        int clusterCores = ssc.sparkContext().getConf().getInt("spark.cores.max", Master.DEFAULT_CLUSTER_CORES);
        Master master = Master.parse(spec.master(), clusterCores);
        out.printf(Locale.ROOT, "%s — %s%n", spec.job(), job.description());
        out.printf(Locale.ROOT, "  master %s (%d task slots, 1 held by the receiver → %d free), P=%d, cost %s ms/%s, BI %s, source %s at %s lines/s%n",
                spec.master(), master.cores(), master.freeSlots(1), spec.partitions(), ConsoleTable.trim(spec.costMs()),
                spec.costUnit().label(), Summarizer.seconds(spec.batchIntervalMs()), source,
                ConsoleTable.trim(spec.linesPerSecond()));
        // The lesson's arithmetic before the first batch, so the table can be read against it.
        for (String line : io.ssplab.model.BatchArithmetic.of(spec, master.cores(), 1).explain(spec)) out.println("    " + line);
        if (uiUrl != null) out.println("  Spark UI: " + uiUrl + "/streaming/");
        String until = options.batches() != null ? options.batches() + " batches"
                : options.duration() != null ? options.duration().toSeconds() + " s" : "Ctrl-C";
        out.println("  running until " + until);
    }
}
