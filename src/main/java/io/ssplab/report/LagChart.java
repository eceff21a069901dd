package io.ssplab.report;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;

import org.knowm.xchart.BitmapEncoder;

import io.ssplab.core.BatchMetrics;
import io.ssplab.core.Lang;
import io.ssplab.core.Messages;
import io.ssplab.page.Bilingual;
import io.ssplab.report.ChartData.Metric;

/**
 * A Kafka run's extra chart (docs/kafka.md): the consumer lag after each batch, records behind the latest
 * offset. On Kafka the lag is the delay: flat when the job keeps up, a rising line when it falls behind —
 * even when the scheduling delay stays flat (a rate limit below the producer's rate).
 */
public final class LagChart {
    private LagChart() {
    }

    /** Whether the run recorded a lag (a Kafka source). */
    public static boolean applies(RecordedRun run) {
        return run.batches().stream().anyMatch(BatchMetrics::hasLag);
    }

    public static String fileName(String runName, Lang lang) {
        return Bilingual.file(runName + "-" + Metric.CONSUMER_LAG.slug + ".png", lang);
    }

    public static String what(Lang lang) {
        return Metric.CONSUMER_LAG.label;
    }

    public static String caption(Lang lang) {
        return Messages.in(lang, "kafka.report.caption.lag");
    }

    static Path render(RecordedRun run, Path dir, Lang lang) throws IOException {
        Path file = dir.resolve(fileName(run.name(), lang));
        BufferedImage image = BitmapEncoder.getBufferedImage(
                ChartRenderer.timeline(run, Metric.CONSUMER_LAG, Double.NaN, 1, ChartRenderer.title(run, what(lang), lang), lang));
        javax.imageio.ImageIO.write(image, "png", file.toFile());
        return file;
    }
}
