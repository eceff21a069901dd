package io.ssplab.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.ssplab.core.BatchMetrics;
import io.ssplab.report.ChartData.Histogram;
import io.ssplab.report.ChartData.Metric;
import io.ssplab.report.ChartData.Percentiles;
import io.ssplab.report.ChartData.Timeline;

class ChartDataTest {
    private static BatchMetrics batch(long timeMs, long records, long pt, long sd) {
        return new BatchMetrics("job", timeMs, 2000, records, records / 2.0, pt, sd, pt + sd, 0);
    }

    private static final List<BatchMetrics> BATCHES = List.of(
            batch(10_000, 100, 2500, 0),
            batch(12_000, 280, 2600, 500),
            batch(14_000, 0, 300, 1100));

    @Test
    void timelinePutsBatchesAtSecondsSinceTheFirstAndTimesInSeconds() {
        Timeline pt = ChartData.timeline(BATCHES, Metric.PROCESSING_TIME);
        assertThat(pt.x()).containsExactly(0.0, 2.0, 4.0);
        assertThat(pt.y()).containsExactly(2.5, 2.6, 0.3);
        assertThat(pt.maxY()).isEqualTo(2.6);

        assertThat(ChartData.timeline(BATCHES, Metric.SCHEDULING_DELAY).y()).containsExactly(0.0, 0.5, 1.1);
        assertThat(ChartData.timeline(BATCHES, Metric.TOTAL_DELAY).y()).containsExactly(2.5, 3.1, 1.4);
        assertThat(ChartData.timeline(BATCHES, Metric.INPUT_RATE).y()).containsExactly(50.0, 140.0, 0.0);
    }

    @Test
    void timelineOfNoBatchesIsEmpty() {
        Timeline t = ChartData.timeline(List.of(), Metric.PROCESSING_TIME);
        assertThat(t.size()).isZero();
        assertThat(t.maxY()).isZero();
    }

    @Test
    void metricsNameTheirUnits() {
        assertThat(Metric.PROCESSING_TIME.axisTitle()).isEqualTo("Processing Time (s)");
        assertThat(Metric.INPUT_RATE.axisTitle()).isEqualTo("Input Rate (records/s)");
        assertThat(Metric.SCHEDULING_DELAY.slug).isEqualTo("scheduling-delay");
    }

    @Test
    void warmupBoundaryLiesBetweenTheLastWarmupBatchAndTheFirstMeasuredOne() {
        assertThat(ChartData.warmupBoundary(BATCHES, 2)).isEqualTo(3.0);
        assertThat(ChartData.warmupBoundary(BATCHES, 1)).isEqualTo(1.0);
        assertThat(ChartData.warmupBoundary(BATCHES, 0)).isNaN();
        assertThat(ChartData.warmupBoundary(BATCHES, 3)).isNaN();
    }

    @Test
    void percentilesInterpolateBetweenRanks() {
        Percentiles p = Percentiles.of(new double[] {4, 1, 3, 2, 5});
        assertThat(p.median()).isEqualTo(3.0);
        assertThat(p.p95()).isCloseTo(4.8, within(1e-9));
        assertThat(p.max()).isEqualTo(5.0);
        assertThat(p.mean()).isEqualTo(3.0);

        Percentiles one = Percentiles.of(new double[] {7});
        assertThat(one.median()).isEqualTo(7.0);
        assertThat(one.p95()).isEqualTo(7.0);

        Percentiles none = Percentiles.of(new double[0]);
        assertThat(none.median()).isNaN();
        assertThat(none.max()).isNaN();
    }

    @Test
    void niceWidthsAreOneTwoTwoAndAHalfOrFiveTimesAPowerOfTen() {
        assertThat(ChartData.niceWidth(0.26)).isEqualTo(0.5);
        assertThat(ChartData.niceWidth(0.25)).isEqualTo(0.25);
        assertThat(ChartData.niceWidth(0.21)).isEqualTo(0.25);
        assertThat(ChartData.niceWidth(0.2)).isEqualTo(0.2);
        assertThat(ChartData.niceWidth(0.11)).isEqualTo(0.2);
        assertThat(ChartData.niceWidth(1)).isEqualTo(1.0);
        assertThat(ChartData.niceWidth(6)).isEqualTo(10.0);
        assertThat(ChartData.niceWidth(0.0031)).isEqualTo(0.005);
        assertThat(ChartData.niceWidth(0)).isEqualTo(1.0);
        assertThat(ChartData.niceWidth(Double.NaN)).isEqualTo(1.0);
    }

    @Test
    void niceCeilingRoundsAnAxisTopUp() {
        assertThat(ChartData.niceCeiling(6.82)).isEqualTo(7.0);
        assertThat(ChartData.niceCeiling(0.115)).isEqualTo(0.12);
        assertThat(ChartData.niceCeiling(2.2)).isEqualTo(2.25);
        assertThat(ChartData.niceCeiling(3.0)).isEqualTo(3.0);
        assertThat(ChartData.niceCeiling(154)).isEqualTo(160.0);
        assertThat(ChartData.niceCeiling(0)).isEqualTo(1.0);
    }

    @Test
    void histogramBinsStartAtZeroWithRoundEdgesAndReachTheThreshold() {
        // PT of a stable job, all far below BI = 2 s: the bins still reach 2 s so BI is on the chart.
        Histogram h = ChartData.histogram(new double[] {0.26, 0.27, 0.31, 0.29}, 2.0);
        assertThat(h.width()).isEqualTo(0.2);
        assertThat(h.bins()).isEqualTo(11);
        assertThat(h.lowerEdge(0)).isZero();
        assertThat(h.upperEdge(10)).isEqualTo(2.2);
        assertThat(h.withinCount()[1]).isEqualTo(4);
        assertThat(h.total()).isEqualTo(4);
        assertThat(h.label(1)).isEqualTo("0.2–0.4");
        assertThat(h.label(3)).isEqualTo("0.6–0.8");
    }

    @Test
    void histogramSplitsCountsAtTheThreshold() {
        double[] pt = {1.9, 2.0, 2.1, 2.6, 2.4, 3.9};
        Histogram h = ChartData.histogram(pt, 2.0);
        assertThat(h.width()).isEqualTo(0.5);
        assertThat(h.bins()).isEqualTo(8); // 0 … 4.0
        // 2.0 is not over BI: a batch that takes exactly the interval still keeps up.
        assertThat(h.withinCount()).containsExactly(0, 0, 0, 1, 1, 0, 0, 0);
        assertThat(h.overCount()).containsExactly(0, 0, 0, 0, 2, 1, 0, 1);
        assertThat(h.count(4)).isEqualTo(3);
        assertThat(h.total()).isEqualTo(6);
        assertThat(h.label(4)).isEqualTo("2.0–2.5");
    }

    @Test
    void aValueOnABinEdgeGoesToTheBinItStarts() {
        Histogram h = ChartData.histogram(new double[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10}, Double.POSITIVE_INFINITY);
        assertThat(h.width()).isEqualTo(1.0);
        assertThat(h.bins()).isEqualTo(11);
        for (int i = 0; i < h.bins(); i++) assertThat(h.count(i)).as("bin %d", i).isEqualTo(1);
        assertThat(h.overCount()).containsOnly(0);
        assertThat(h.label(0)).isEqualTo("0–1");
    }

    @Test
    void edgesStayRoundDespiteBinaryFractions() {
        Histogram h = ChartData.histogram(new double[] {0.05, 0.29}, Double.POSITIVE_INFINITY);
        assertThat(h.width()).isEqualTo(0.05);
        assertThat(h.lowerEdge(3)).isEqualTo(0.15);
        assertThat(h.upperEdge(5)).isEqualTo(0.3);
        assertThat(h.label(5)).isEqualTo("0.25–0.30");
    }

    @Test
    void histogramOfAllZerosHasOneBin() {
        Histogram h = ChartData.histogram(new double[] {0, 0, 0}, Double.POSITIVE_INFINITY);
        assertThat(h.bins()).isEqualTo(1);
        assertThat(h.count(0)).isEqualTo(3);
        assertThat(h.label(0)).isEqualTo("0–1");
    }

    @Test
    void histogramOfNothingIsOneEmptyBin() {
        Histogram h = ChartData.histogram(new double[0], Double.POSITIVE_INFINITY);
        assertThat(h.bins()).isEqualTo(1);
        assertThat(h.total()).isZero();
    }

    @Test
    void histogramLeavesOutNegativeAndNaNValues() {
        Histogram h = ChartData.histogram(new double[] {-1, Double.NaN, 0.5}, Double.POSITIVE_INFINITY);
        assertThat(h.total()).isEqualTo(1);
    }

    @Test
    void histogramKeepsToAboutTenBins() {
        for (double max : new double[] {0.3, 1, 2.6, 7.9, 13, 99, 1234}) {
            Histogram h = ChartData.histogram(new double[] {0, max}, Double.POSITIVE_INFINITY);
            assertThat(h.bins()).as("max %s", max).isBetween(4, ChartData.TARGET_BINS + 1);
            assertThat(h.upperEdge(h.bins() - 1)).as("max %s", max).isGreaterThan(max);
            assertThat(h.count(h.bins() - 1)).as("the largest value is counted, max %s", max).isEqualTo(1);
        }
    }
}
