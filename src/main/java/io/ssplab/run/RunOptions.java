package io.ssplab.run;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Map;

import io.ssplab.model.Overhead;

/**
 * How to run a job, apart from its knobs: where the input comes from, when to stop, where output goes.
 *
 * @param source        embedded or HOST:PORT
 * @param limits        when to stop ({@link RunLimits})
 * @param uiPort        Spark UI port (Spark moves up if taken); -1 disables the UI
 * @param metricsOut    JSON Lines file, or null; the summary goes beside it as FILE.summary.json
 * @param sparkConf     extra Spark settings (cluster runs: secret, jar, cores)
 * @param out           where the live table, each batch's top words and the summary are printed
 * @param reliability   line format, checkpoint and write-ahead log (docs/reliability.md)
 * @param overhead      the overhead the run's prediction uses; null for this machine's calibration or the default
 * @param kafkaPartitions a Kafka source's topic partitions ({@code --kafka-partitions}); null for the lesson's or the default
 */
public record RunOptions(SourceEndpoint source, RunLimits limits, int uiPort, Path metricsOut, Map<String, String> sparkConf,
                         PrintStream out, ReliabilityOptions reliability, Overhead overhead, Integer kafkaPartitions) {

    public static final int DEFAULT_UI_PORT = 4040;

    public RunOptions {
        if (limits == null) limits = RunLimits.NONE;
        if (reliability == null) reliability = ReliabilityOptions.DEFAULT;
        if (sparkConf == null) sparkConf = Map.of();
    }

    /** Options without --kafka-partitions. */
    public RunOptions(SourceEndpoint source, RunLimits limits, int uiPort, Path metricsOut, Map<String, String> sparkConf,
                      PrintStream out, ReliabilityOptions reliability, Overhead overhead) {
        this(source, limits, uiPort, metricsOut, sparkConf, out, reliability, overhead, null);
    }

    public RunOptions withKafkaPartitions(Integer n) {
        return new RunOptions(source, limits, uiPort, metricsOut, sparkConf, out, reliability, overhead, n);
    }

    /** The topic's partitions for a query: --kafka-partitions, else the lesson's, else the default. */
    public int kafkaPartitionsFor(io.ssplab.pipeline.StructuredJob job) {
        return kafkaPartitions != null ? kafkaPartitions : job.kafkaPartitions() > 0 ? job.kafkaPartitions()
                : io.ssplab.core.Limits.DEFAULT_KAFKA_PARTITIONS;
    }

    /** The topic's partitions for {@code job}: --kafka-partitions, else the lesson's, else the default. */
    public int kafkaPartitionsFor(io.ssplab.pipeline.StreamingJob job) {
        return kafkaPartitions != null ? kafkaPartitions : job != null && job.kafkaPartitions() > 0 ? job.kafkaPartitions()
                : io.ssplab.core.Limits.DEFAULT_KAFKA_PARTITIONS;
    }

    /** A run on {@code source} with no UI, no files and the defaults for the rest: tests, sweeps, the grader. */
    public static RunOptions quiet(SourceEndpoint source, RunLimits limits, PrintStream out) {
        return new RunOptions(source, limits, -1, null, Map.of(), out, ReliabilityOptions.DEFAULT, null);
    }

    public RunOptions withSource(SourceEndpoint s) {
        return new RunOptions(s, limits, uiPort, metricsOut, sparkConf, out, reliability, overhead, kafkaPartitions);
    }

    public RunOptions withMetricsOut(Path p) {
        return new RunOptions(source, limits, uiPort, p, sparkConf, out, reliability, overhead, kafkaPartitions);
    }

    public RunOptions withUiPort(int port) {
        return new RunOptions(source, limits, port, metricsOut, sparkConf, out, reliability, overhead, kafkaPartitions);
    }

    public RunOptions withOverhead(Overhead o) {
        return new RunOptions(source, limits, uiPort, metricsOut, sparkConf, out, reliability, o, kafkaPartitions);
    }

    public RunOptions withSparkConf(Map<String, String> conf) {
        return new RunOptions(source, limits, uiPort, metricsOut, conf, out, reliability, overhead, kafkaPartitions);
    }

    public RunOptions withReliability(ReliabilityOptions r) {
        return new RunOptions(source, limits, uiPort, metricsOut, sparkConf, out, r, overhead, kafkaPartitions);
    }

    /** FILE.jsonl → FILE.summary.json (FILE.json… → FILE.summary.json; other names get .summary.json appended). */
    public static Path summaryPathFor(Path metricsOut) {
        String name = metricsOut.getFileName().toString();
        String base = name.endsWith(".jsonl") ? name.substring(0, name.length() - 6)
                : name.endsWith(".json") ? name.substring(0, name.length() - 5) : name;
        return metricsOut.resolveSibling(base + ".summary.json");
    }
}
