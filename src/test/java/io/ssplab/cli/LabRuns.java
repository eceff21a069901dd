package io.ssplab.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import io.ssplab.core.Knobs;
import io.ssplab.pipeline.StreamingJob;
import io.ssplab.run.RunLimits;
import io.ssplab.run.RunOptions;
import io.ssplab.run.RunResult;
import io.ssplab.run.SourceEndpoint;
import io.ssplab.run.StopSignal;
import io.ssplab.run.StreamingRunner;

/** Runs one of the lab's jobs on real Spark with Spark's event log on, as a practitioner's app would write it. */
final class LabRuns {
    private LabRuns() {
    }

    /**
     * @param logDir   spark.eventLog.dir
     * @param extraConf more Spark settings (compression, rolling)
     */
    static RunResult run(StreamingJob job, Knobs knobs, int measuredBatches, Path logDir, Map<String, String> extraConf) throws Exception {
        Map<String, String> conf = new HashMap<>();
        conf.put("spark.eventLog.enabled", "true");
        conf.put("spark.eventLog.dir", logDir.toUri().toString());
        conf.putAll(extraConf);
        PrintStream quiet = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        RunOptions options = RunOptions.quiet(SourceEndpoint.EMBEDDED, RunLimits.batches(measuredBatches), quiet).withUiPort(-1)
                .withSparkConf(conf);
        return StreamingRunner.run(job, knobs, options, new StopSignal());
    }
}
