package io.ssplab.report;

import io.ssplab.report.ChartData.Metric;

/**
 * The charts drawn for every run, modelled on the Spark UI's Streaming tab (a timeline and a
 * histogram per quantity), with what each caption tells the reader.
 */
public enum RunChart {
    PROCESSING_TIME(Metric.PROCESSING_TIME, false,
            "Processing time per batch against the batch interval (dashed): above the line, the batch took longer than the interval.",
            "Processing time mỗi batch so với batch interval (đường đứt nét): trên đường này, batch mất nhiều thời gian hơn khoảng interval."),
    PROCESSING_TIME_HISTOGRAM(Metric.PROCESSING_TIME, true,
            "How the processing times spread; red bars are batches slower than the interval.",
            "Phân bố processing time; cột đỏ là các batch chậm hơn batch interval."),
    SCHEDULING_DELAY(Metric.SCHEDULING_DELAY, false,
            "How long each batch waited for the ones before it: a rising diagonal means a growing backlog, a flat line a job that keeps up.",
            "Mỗi batch phải chờ các batch trước bao lâu: đường chéo đi lên là backlog tăng dần, đường phẳng là job theo kịp."),
    TOTAL_DELAY(Metric.TOTAL_DELAY, false,
            "Total delay = scheduling delay + processing time: from the batch being cut to its results.",
            "Total delay = scheduling delay + processing time: từ lúc batch được cắt đến khi có kết quả."),
    INPUT_RATE(Metric.INPUT_RATE, false,
            "Records received per second in each batch (the source's rate), with its mean (dashed).",
            "Số bản ghi nhận được mỗi giây trong từng batch (tốc độ của source), kèm giá trị trung bình (đứt nét)."),
    TOTAL_DELAY_HISTOGRAM(Metric.TOTAL_DELAY, true,
            "How the total delays spread.",
            "Phân bố total delay.");

    public final Metric metric;
    public final boolean histogram;
    public final String captionEn;
    public final String captionVi;

    RunChart(Metric metric, boolean histogram, String captionEn, String captionVi) {
        this.metric = metric;
        this.histogram = histogram;
        this.captionEn = captionEn;
        this.captionVi = captionVi;
    }

    /** phase2 → "phase2-processing-time-histogram.png". */
    public String fileName(String runName) {
        return runName + "-" + metric.slug + (histogram ? "-histogram" : "") + ".png";
    }
}
