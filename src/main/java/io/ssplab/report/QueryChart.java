package io.ssplab.report;

import io.ssplab.core.Lang;
import io.ssplab.core.Messages;
import io.ssplab.page.Bilingual;

/**
 * The charts drawn for a Structured Streaming run, modelled on the Spark UI's Structured Streaming tab
 * (Input Rate and Process Rate, Input Rows, Batch Duration, Operation Duration), with what each caption
 * tells the reader (message {@code report.caption.query.*}). A DStream run keeps its {@link RunChart}s.
 * Each is drawn once per language of the page; the Spark UI's English names stay in every language, as
 * {@link RunChart}'s do.
 */
public enum QueryChart {
    /** Spark's inputRowsPerSecond against processedRowsPerSecond per micro-batch. */
    RATES("Input Rate vs Process Rate", "rates", "rates"),
    /** numInputRows per micro-batch, against r·T (what an on-time batch takes in). */
    INPUT_ROWS("Input Rows", "input-rows", "inputRows"),
    /** The micro-batch's duration (triggerExecution) against the trigger. */
    BATCH_DURATION("Batch Duration", "batch-duration", "batchDuration"),
    /** Spark's durationMs per micro-batch, its parts stacked (addBatch, queryPlanning, walCommit, …). */
    OPERATION_DURATION("Operation Duration", "operation-duration", "operationDuration");

    /** The Spark UI's name for it. */
    public final String label;
    /** Used in chart file names. */
    public final String slug;
    private final String captionKey;

    QueryChart(String label, String slug, String caption) {
        this.label = label;
        this.slug = slug;
        this.captionKey = "report.caption.query." + caption;
    }

    /** What the chart tells the reader, in {@code lang}. */
    public String caption(Lang lang) {
        return Messages.in(lang, captionKey);
    }

    /** The English chart: ss-overload → "ss-overload-batch-duration.png". */
    public String fileName(String runName) {
        return runName + "-" + slug + ".png";
    }

    /** The chart in {@code lang}: "ss-overload-batch-duration.png", "ss-overload-batch-duration-vi.png". */
    public String fileName(String runName, Lang lang) {
        return Bilingual.file(fileName(runName), lang);
    }
}
