package io.ssplab.run;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * How to run a job, apart from its knobs: where the input comes from, when to stop, where output goes.
 *
 * @param source     embedded or HOST:PORT
 * @param batches    stop after this many completed batches; null for no limit
 * @param duration   stop after this long; null for no limit
 * @param uiPort     Spark UI port (Spark moves up if taken); -1 disables the UI
 * @param metricsOut JSON Lines file, or null; the summary goes beside it as FILE.summary.json
 * @param sparkConf  extra Spark settings (cluster runs: secret, jar, cores)
 * @param out        where the live table and summary are printed
 * @param reliability line format, checkpoint and write-ahead log (docs/reliability.md)
 */
public record RunOptions(SourceEndpoint source, Integer batches, Duration duration, int uiPort, Path metricsOut,
                         Map<String, String> sparkConf, PrintStream out, ReliabilityOptions reliability) {

    public static final int DEFAULT_UI_PORT = 4040;

    public RunOptions {
        if (reliability == null) reliability = ReliabilityOptions.DEFAULT;
    }

    /** Classic lines, no checkpoint. */
    public RunOptions(SourceEndpoint source, Integer batches, Duration duration, int uiPort, Path metricsOut,
                      Map<String, String> sparkConf, PrintStream out) {
        this(source, batches, duration, uiPort, metricsOut, sparkConf, out, ReliabilityOptions.DEFAULT);
    }

    public RunOptions withSource(SourceEndpoint s) {
        return new RunOptions(s, batches, duration, uiPort, metricsOut, sparkConf, out, reliability);
    }

    public RunOptions withMetricsOut(Path p) {
        return new RunOptions(source, batches, duration, uiPort, p, sparkConf, out, reliability);
    }

    public RunOptions withReliability(ReliabilityOptions r) {
        return new RunOptions(source, batches, duration, uiPort, metricsOut, sparkConf, out, r);
    }

    /** FILE.jsonl → FILE.summary.json (FILE.json… → FILE.summary.json; other names get .summary.json appended). */
    public static Path summaryPathFor(Path metricsOut) {
        String name = metricsOut.getFileName().toString();
        String base = name.endsWith(".jsonl") ? name.substring(0, name.length() - 6)
                : name.endsWith(".json") ? name.substring(0, name.length() - 5) : name;
        return metricsOut.resolveSibling(base + ".summary.json");
    }
}
