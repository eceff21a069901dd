package io.ssplab.run;

import java.util.List;

import io.ssplab.jobs.JobSpec;
import io.ssplab.metrics.BatchMetrics;
import io.ssplab.metrics.RunSummary;

/**
 * What a finished run produced.
 *
 * @param spec       the knobs it ran with
 * @param batches    every completed batch, in order
 * @param summary    the summary and verdict
 * @param stopReason why it stopped ("12 batches", "Ctrl-C", …)
 * @param uiUrl      the Spark UI it served, or null
 */
public record RunResult(JobSpec spec, List<BatchMetrics> batches, RunSummary summary, String stopReason, String uiUrl) {
}
