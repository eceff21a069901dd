package io.ssplab.report;

import io.ssplab.page.Bilingual;
import io.ssplab.core.Lang;
import io.ssplab.core.Messages;
import io.ssplab.report.ChartData.Metric;

/**
 * The charts drawn for every run, modelled on the Spark UI's Streaming tab (a timeline and a
 * histogram per quantity), with what each caption tells the reader (message {@code report.caption.*}).
 * Each is drawn once per language of the page.
 */
public enum RunChart {
    PROCESSING_TIME(Metric.PROCESSING_TIME, false, "processingTime"),
    PROCESSING_TIME_HISTOGRAM(Metric.PROCESSING_TIME, true, "processingTimeHistogram"),
    SCHEDULING_DELAY(Metric.SCHEDULING_DELAY, false, "schedulingDelay"),
    TOTAL_DELAY(Metric.TOTAL_DELAY, false, "totalDelay"),
    INPUT_RATE(Metric.INPUT_RATE, false, "inputRate"),
    TOTAL_DELAY_HISTOGRAM(Metric.TOTAL_DELAY, true, "totalDelayHistogram");

    public final Metric metric;
    public final boolean histogram;
    private final String captionKey;

    RunChart(Metric metric, boolean histogram, String caption) {
        this.metric = metric;
        this.histogram = histogram;
        this.captionKey = "report.caption." + caption;
    }

    /** What the chart tells the reader, in {@code lang}. */
    public String caption(Lang lang) {
        return Messages.in(lang, captionKey);
    }

    /** "Processing Time", "Processing Time histogram" ("Histogram Processing Time" in Vietnamese). */
    public String what(Lang lang) {
        return histogram ? Messages.in(lang, "chart.histogram", metric.label) : metric.label;
    }

    /** The English chart: phase2 → "phase2-processing-time-histogram.png". */
    public String fileName(String runName) {
        return runName + "-" + metric.slug + (histogram ? "-histogram" : "") + ".png";
    }

    /** The chart in {@code lang}: "phase2-processing-time-histogram.png", "phase2-processing-time-histogram-vi.png". */
    public String fileName(String runName, Lang lang) {
        return Bilingual.file(fileName(runName), lang);
    }
}
