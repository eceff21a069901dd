package io.ssplab.run;

import java.util.List;

import io.ssplab.core.BatchMetrics;
import io.ssplab.core.Knobs;
import io.ssplab.core.RunSummary;

/**
 * What a finished run produced.
 *
 * @param knobs      the knobs it ran with
 * @param batches    every completed batch the run reported, in order
 * @param summary    the summary and verdict
 * @param stopReason why it stopped ("10 batches measured", "Ctrl-C", …), in the reader's language
 * @param uiUrl      the Spark UI it served, or null
 */
public record RunResult(Knobs knobs, List<BatchMetrics> batches, RunSummary summary, String stopReason, String uiUrl) {
}
