package io.ssplab.core;

import java.io.IOException;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * The end-of-run summary of one job: what {@code summary.json} and {@code FILE.summary.json} hold, flat
 * (the knobs' fields first). Every number is computed in {@code io.ssplab.metrics.Summarizer}; field
 * names are part of the file format.
 *
 * @param knobs                          the knobs it ran with (master, P, cost, BI, rate, …)
 * @param batches                        completed batches, warm-up included
 * @param warmupBatches                  first batches left out of every number below (the one warm-up rule,
 *                                       {@code io.ssplab.metrics.Warmup})
 * @param medianRecordsPerBatch          median records per batch after warm-up
 * @param meanInputRatePerSec            mean records/s after warm-up
 * @param medianProcessingTimeMs         median PT after warm-up
 * @param p95ProcessingTimeMs            95th percentile PT after warm-up
 * @param processingToIntervalRatio      median PT / BI (ρ): above 1 the job cannot keep up
 * @param schedulingDelaySlopeMsPerBatch least-squares slope of SD over the batches after warm-up
 * @param finalSchedulingDelayMs         SD of the last batch
 * @param maxQueuedBatches               largest backlog seen after warm-up
 * @param verdict                        STABLE, UNSTABLE or INCONCLUSIVE
 * @param reason                         one sentence with the numbers behind the verdict, in English (the console
 *                                       renders it in the reader's language)
 * @param accounting                     sent, received and processed lines, and why they differ
 *                                       (docs/reliability.md); null when the summary is computed from a metrics file
 * @param predictedProcessingTimeMs      PT the planner's model predicts for these knobs (bin/ssp plan); null when not predicted
 * @param modelErrorPercent              (predicted − median PT) / median PT × 100; null without a prediction or a measured PT
 * @param overheadSource                 where the prediction's Spark overhead came from (calibration, default, an earlier act); null without a prediction
 * @param structured                     a Structured Streaming run's own numbers (rows growth, ρ, lateness, the model's regime);
 *                                       null, and left out of the file, for a DStream run. For such a run every number above is
 *                                       over its judged batches (the last ≤ 6 after warm-up), so warmupBatches counts every
 *                                       batch before them, and PT means the micro-batch's duration, SD its lateness
 *                                       ({@link BatchMetrics})
 * @param lag                            a Kafka run's consumer lag over the measured batches ({@link KafkaLag}); null, and left
 *                                       out of the file, for a socket source
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record RunSummary(@JsonUnwrapped Knobs knobs, int batches, int warmupBatches, double medianRecordsPerBatch,
                         double meanInputRatePerSec, double medianProcessingTimeMs, double p95ProcessingTimeMs,
                         double processingToIntervalRatio, double schedulingDelaySlopeMsPerBatch,
                         long finalSchedulingDelayMs, int maxQueuedBatches, Verdict verdict, String reason,
                         RecordAccounting accounting, Double predictedProcessingTimeMs, Double modelErrorPercent,
                         String overheadSource, @JsonInclude(JsonInclude.Include.NON_NULL) StructuredSummary structured,
                         @JsonInclude(JsonInclude.Include.NON_NULL) KafkaLag lag) {

    /** A summary without Kafka lag (a socket source). */
    public RunSummary(Knobs knobs, int batches, int warmupBatches, double medianRecordsPerBatch, double meanInputRatePerSec,
                      double medianProcessingTimeMs, double p95ProcessingTimeMs, double processingToIntervalRatio,
                      double schedulingDelaySlopeMsPerBatch, long finalSchedulingDelayMs, int maxQueuedBatches, Verdict verdict,
                      String reason, RecordAccounting accounting, Double predictedProcessingTimeMs, Double modelErrorPercent,
                      String overheadSource, StructuredSummary structured) {
        this(knobs, batches, warmupBatches, medianRecordsPerBatch, meanInputRatePerSec, medianProcessingTimeMs, p95ProcessingTimeMs,
                processingToIntervalRatio, schedulingDelaySlopeMsPerBatch, finalSchedulingDelayMs, maxQueuedBatches, verdict, reason,
                accounting, predictedProcessingTimeMs, modelErrorPercent, overheadSource, structured, null);
    }

    /** A DStream run's summary: every field the lab had before Structured Streaming. */
    public RunSummary(Knobs knobs, int batches, int warmupBatches, double medianRecordsPerBatch, double meanInputRatePerSec,
                      double medianProcessingTimeMs, double p95ProcessingTimeMs, double processingToIntervalRatio,
                      double schedulingDelaySlopeMsPerBatch, long finalSchedulingDelayMs, int maxQueuedBatches, Verdict verdict,
                      String reason, RecordAccounting accounting, Double predictedProcessingTimeMs, Double modelErrorPercent,
                      String overheadSource) {
        this(knobs, batches, warmupBatches, medianRecordsPerBatch, meanInputRatePerSec, medianProcessingTimeMs, p95ProcessingTimeMs,
                processingToIntervalRatio, schedulingDelaySlopeMsPerBatch, finalSchedulingDelayMs, maxQueuedBatches, verdict, reason,
                accounting, predictedProcessingTimeMs, modelErrorPercent, overheadSource, null);
    }

    public String job() {
        return knobs.job();
    }

    public long batchIntervalMs() {
        return knobs.batchIntervalMs();
    }

    /** Batches the numbers are computed from: those after warm-up. */
    public int measuredBatches() {
        return batches - warmupBatches;
    }

    public RunSummary withAccounting(RecordAccounting a) {
        return new RunSummary(knobs, batches, warmupBatches, medianRecordsPerBatch, meanInputRatePerSec, medianProcessingTimeMs,
                p95ProcessingTimeMs, processingToIntervalRatio, schedulingDelaySlopeMsPerBatch, finalSchedulingDelayMs, maxQueuedBatches,
                verdict, reason, a, predictedProcessingTimeMs, modelErrorPercent, overheadSource, structured, lag);
    }

    /** The same summary with the sentence behind its verdict (the summarizers write it last: it quotes the numbers above). */
    public RunSummary withReason(String why) {
        return new RunSummary(knobs, batches, warmupBatches, medianRecordsPerBatch, meanInputRatePerSec, medianProcessingTimeMs,
                p95ProcessingTimeMs, processingToIntervalRatio, schedulingDelaySlopeMsPerBatch, finalSchedulingDelayMs, maxQueuedBatches,
                verdict, why, accounting, predictedProcessingTimeMs, modelErrorPercent, overheadSource, structured, lag);
    }

    /** A flat summary object: the knobs' fields beside the measurements (Jackson cannot read {@code @JsonUnwrapped} into a record). */
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    static RunSummary fromJson(JsonNode node) throws IOException {
        Knobs knobs = Json.MAPPER.treeToValue(node, Knobs.class);
        Measured m = Json.MAPPER.treeToValue(node, Measured.class);
        return new RunSummary(knobs, m.batches, m.warmupBatches, m.medianRecordsPerBatch, m.meanInputRatePerSec, m.medianProcessingTimeMs,
                m.p95ProcessingTimeMs, m.processingToIntervalRatio, m.schedulingDelaySlopeMsPerBatch, m.finalSchedulingDelayMs,
                m.maxQueuedBatches, m.verdict, m.reason, m.accounting, m.predictedProcessingTimeMs, m.modelErrorPercent, m.overheadSource,
                m.structured, m.lag);
    }

    /** The non-knob fields, for reading. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Measured(int batches, int warmupBatches, double medianRecordsPerBatch, double meanInputRatePerSec,
                    double medianProcessingTimeMs, double p95ProcessingTimeMs, double processingToIntervalRatio,
                    double schedulingDelaySlopeMsPerBatch, long finalSchedulingDelayMs, int maxQueuedBatches, Verdict verdict,
                    String reason, RecordAccounting accounting, Double predictedProcessingTimeMs, Double modelErrorPercent,
                    String overheadSource, StructuredSummary structured, KafkaLag lag) {
    }
}
