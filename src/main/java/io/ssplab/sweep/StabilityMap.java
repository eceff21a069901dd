package io.ssplab.sweep;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Line2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import javax.imageio.ImageIO;

import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.HeatMapChart;
import org.knowm.xchart.style.Styler;

import io.ssplab.core.Format;

/**
 * The sweep's picture: for each cost, a heat map of the measured PT/BI over cores × partitions
 * (green well under 1, yellow at 1, red above), with the model's predicted stability boundary drawn
 * on it as a thick dashed line and the cells whose measured verdict differs from the prediction
 * outlined. Rendered headless with XChart, one panel per cost side by side in one PNG.
 */
public final class StabilityMap {
    static final int PANEL_WIDTH = 640;
    static final int PANEL_HEIGHT = 560;
    static final int CAPTION_HEIGHT = 70;
    /** Colour scale of PT/BI: 0 green, 1 yellow, 2 and above red. */
    static final double MAX_RATIO_SHOWN = 2.0;
    static final Color[] COLORS = {new Color(46, 160, 67), new Color(250, 215, 80), new Color(205, 45, 45)};

    private StabilityMap() {
    }

    public static void write(SweepResult sweep, Path png) throws IOException {
        System.setProperty("java.awt.headless", "true");
        List<BufferedImage> panels = new ArrayList<>();
        // One panel per cost, for each cost kind and skew of the grid (level 2): a wait and CPU work side by side.
        for (SweepCell variant : sweep.grid().variants())
            for (Duration cost : sweep.grid().costs()) panels.add(panelImage(sweep, cost, variant));
        BufferedImage image = new BufferedImage(PANEL_WIDTH * panels.size(), PANEL_HEIGHT + CAPTION_HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, image.getWidth(), image.getHeight());
            for (int i = 0; i < panels.size(); i++) g.drawImage(panels.get(i), i * PANEL_WIDTH, 0, null);
            caption(g, sweep, image.getWidth());
        } finally {
            g.dispose();
        }
        ImageIO.write(image, "png", png.toFile());
    }

    private static void caption(Graphics2D g, SweepResult sweep, int width) {
        g.setColor(Color.DARK_GRAY);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 15));
        int y = PANEL_HEIGHT + 22;
        g.drawString(String.format(Locale.ROOT,
                "Numbers: measured PT/BI (median after warm-up, %d batches per cell, BI %s, %s lines/s). Green < 1 ≤ red.",
                sweep.batchesPerCell(), SweepRunner.seconds(sweep.base().batchIntervalMs()), Format.plain(sweep.base().linesPerSecond())), 16, y);
        g.setStroke(dashed());
        g.setColor(Color.BLACK);
        g.draw(new Line2D.Double(16, y + 20, 60, y + 20));
        g.setColor(Color.DARK_GRAY);
        String error = Double.isNaN(sweep.medianAbsErrorPercent()) ? "n/a"
                : String.format(Locale.ROOT, "%.1f%%", sweep.medianAbsErrorPercent());
        g.drawString(String.format(Locale.ROOT,
                "predicted stability boundary (model). Outlined cells: measured verdict differs. Model error: median |pred − meas| / meas = %s; verdicts agree in %d of %d cells.",
                error, sweep.verdictAgreements(), sweep.cells().size()), 70, y + 25);
    }

    /** The cost's heat map, or a blank panel saying so when none of its cells was measured (an interrupted sweep). */
    private static BufferedImage panelImage(SweepResult sweep, Duration cost, SweepCell variant) {
        HeatMapChart chart = panel(sweep, cost, variant);
        if (chart != null) return BitmapEncoder.getBufferedImage(chart);
        BufferedImage blank = new BufferedImage(PANEL_WIDTH, PANEL_HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = blank.createGraphics();
        try {
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, PANEL_WIDTH, PANEL_HEIGHT);
            g.setColor(Color.GRAY);
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 17));
            g.drawString("cost " + Format.plain(cost.toNanos() / 1e6) + " ms/word" + variant.variantLabel() + ": no cell measured", 40, PANEL_HEIGHT / 2);
        } finally {
            g.dispose();
        }
        return blank;
    }

    /** Null when no cell of this cost was measured. */
    private static HeatMapChart panel(SweepResult sweep, Duration cost, SweepCell variant) {
        List<Integer> cores = sweep.grid().cores().stream().sorted().toList();
        List<Integer> partitions = sweep.grid().partitions().stream().sorted().toList();
        int nx = partitions.size();
        int ny = cores.size();
        Boolean[][] predictedStable = new Boolean[nx][ny];
        boolean[][] differs = new boolean[nx][ny];
        List<Number[]> heat = new ArrayList<>();
        for (int x = 0; x < nx; x++) {
            for (int y = 0; y < ny; y++) {
                SweepCell cell = new SweepCell(cores.get(y), partitions.get(x), cost, variant.costKind(), variant.skew());
                predictedStable[x][y] = sweep.cells().stream().filter(c -> c.cell().equals(cell)).findFirst()
                        .map(c -> c.prediction().stable()).orElse(null);
                for (CellResult r : sweep.cells()) {
                    if (!r.cell().equals(cell) || !r.measured()) continue;
                    heat.add(new Number[] {x, y, Math.round(r.summary().processingToIntervalRatio() * 100) / 100.0});
                    differs[x][y] = !r.verdictAgrees();
                }
            }
        }
        if (heat.isEmpty()) return null;
        BoundaryHeatMap chart = new BoundaryHeatMap(predictedStable, differs);
        chart.setTitle("cost " + Format.plain(cost.toNanos() / 1e6) + " ms/word" + variant.variantLabel() + ": measured PT/BI");
        chart.setXAxisTitle("partitions P");
        chart.setYAxisTitle("cores: local[N] (1 slot held by the receiver)");
        var styler = chart.getStyler();
        styler.setRangeColors(COLORS);
        styler.setMin(0);
        styler.setMax(MAX_RATIO_SHOWN);
        styler.setShowValue(true);
        styler.setValueFont(new Font(Font.SANS_SERIF, Font.BOLD, 16));
        styler.setValueFontColor(Color.BLACK);
        styler.setHeatMapValueDecimalPattern("0.00");
        styler.setLegendPosition(Styler.LegendPosition.OutsideE);
        styler.setChartBackgroundColor(Color.WHITE);
        styler.setChartTitleFont(new Font(Font.SANS_SERIF, Font.BOLD, 17));
        styler.setAxisTitleFont(new Font(Font.SANS_SERIF, Font.PLAIN, 14));
        styler.setAxisTickLabelsFont(new Font(Font.SANS_SERIF, Font.PLAIN, 14));
        styler.setLegendFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
        styler.setLocale(Locale.ROOT);
        // Some cells may not have run (an interrupted sweep): the series still spans the whole grid.
        chart.addSeries("PT/BI", partitions, cores, heat);
        return chart;
    }

    private static BasicStroke dashed() {
        return new BasicStroke(4f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {12f, 7f}, 0f);
    }

    /**
     * A heat map that also draws, after XChart has painted it, the line between predicted-stable and
     * predicted-unstable neighbours, and an outline around cells whose measured verdict differs. The
     * cells' places are computed as XChart's heat map lays them out (the plot bounds, shrunk by the
     * styler's plot content size).
     */
    static final class BoundaryHeatMap extends HeatMapChart {
        private final Boolean[][] predictedStable;
        private final boolean[][] differs;

        BoundaryHeatMap(Boolean[][] predictedStable, boolean[][] differs) {
            // With an explicit theme: XChart 3.8.8's (width, height) constructor leaves the styler without fonts or locale.
            super(PANEL_WIDTH, PANEL_HEIGHT, Styler.ChartTheme.XChart);
            this.predictedStable = predictedStable;
            this.differs = differs;
        }

        @Override
        public void paint(Graphics2D g, int width, int height) {
            super.paint(g, width, height);
            Rectangle2D b = plot.getBounds();
            int nx = predictedStable.length;
            int ny = predictedStable[0].length;
            double size = getStyler().getPlotContentSize();
            double xMargin = ((int) b.getWidth() - size * b.getWidth()) / 2;
            double yMargin = ((int) b.getHeight() - size * b.getHeight()) / 2;
            double w = (b.getWidth() - 2 * xMargin) / nx;
            double h = (b.getHeight() - 2 * yMargin) / ny;
            double left = b.getX() + xMargin;
            double top = b.getY() + yMargin;
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setColor(new Color(90, 20, 120));
            g.setStroke(new BasicStroke(3f));
            for (int x = 0; x < nx; x++)
                for (int y = 0; y < ny; y++)
                    if (differs[x][y]) g.draw(new Rectangle2D.Double(left + w * x + 4, top + h * (ny - 1 - y) + 4, w - 8, h - 8));
            g.setColor(Color.BLACK);
            g.setStroke(dashed());
            for (int x = 0; x < nx; x++) {
                for (int y = 0; y < ny; y++) {
                    double cellTop = top + h * (ny - 1 - y);
                    if (y + 1 < ny && changes(predictedStable[x][y], predictedStable[x][y + 1]))
                        g.draw(new Line2D.Double(left + w * x, cellTop, left + w * (x + 1), cellTop));
                    if (x + 1 < nx && changes(predictedStable[x][y], predictedStable[x + 1][y]))
                        g.draw(new Line2D.Double(left + w * (x + 1), cellTop, left + w * (x + 1), cellTop + h));
                }
            }
        }

        private static boolean changes(Boolean a, Boolean b) {
            return a != null && b != null && !a.equals(b);
        }
    }
}
