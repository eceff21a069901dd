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

import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.HeatMapChart;
import org.knowm.xchart.style.Styler;

import io.ssplab.core.Format;
import io.ssplab.core.Lang;
import io.ssplab.core.Messages;
import io.ssplab.page.Bilingual;
import io.ssplab.page.Png;

/**
 * The sweep's picture: for each cost, a heat map of the measured PT/BI over cores × partitions
 * (green well under 1, yellow at 1, red above), with the model's predicted stability boundary drawn
 * on it as a thick dashed line and the cells whose measured verdict differs from the prediction
 * outlined. Rendered headless with XChart, one panel per cost side by side in one PNG, once per
 * language (its titles, axes, caption and numbers).
 */
public final class StabilityMap {
    static final int PANEL_WIDTH = 640;
    static final int PANEL_HEIGHT = 560;
    static final int CAPTION_HEIGHT = 70;
    /** Colour scale of PT/BI: 0 green, 1 yellow, 2 and above red. */
    static final double MAX_RATIO_SHOWN = 2.0;
    static final Color[] COLORS = {new Color(46, 160, 67), new Color(250, 215, 80), new Color(205, 45, 45)};
    static final Font VALUE_FONT = new Font(Font.SANS_SERIF, Font.BOLD, 16);

    private StabilityMap() {
    }

    /**
     * Writes the map once per language: {@code png} in English, and beside it each other language's
     * (stability-map.png, stability-map-vi.png: {@link Bilingual#file}).
     */
    public static void write(SweepResult sweep, Path png) throws IOException {
        for (Lang lang : Bilingual.LANGS) write(sweep, png.resolveSibling(Bilingual.file(png.getFileName().toString(), lang)), lang);
    }

    /** Writes the map in {@code lang} into {@code png}. */
    public static void write(SweepResult sweep, Path png, Lang lang) throws IOException {
        System.setProperty("java.awt.headless", "true");
        List<BufferedImage> panels = new ArrayList<>();
        // One panel per cost, for each cost kind and skew of the grid (level 2): a wait and CPU work side by side.
        for (SweepCell variant : sweep.grid().variants())
            for (Duration cost : sweep.grid().costs()) panels.add(panelImage(sweep, cost, variant, lang));
        BufferedImage image = new BufferedImage(PANEL_WIDTH * panels.size(), PANEL_HEIGHT + CAPTION_HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, image.getWidth(), image.getHeight());
            for (int i = 0; i < panels.size(); i++) g.drawImage(panels.get(i), i * PANEL_WIDTH, 0, null);
            caption(g, sweep, image.getWidth(), lang);
        } finally {
            g.dispose();
        }
        Png.write(image, png);
    }

    private static void caption(Graphics2D g, SweepResult sweep, int width, Lang lang) {
        g.setColor(Color.DARK_GRAY);
        int y = PANEL_HEIGHT + 22;
        String numbers = Messages.in(lang, "sweep.map.numbers", Messages.count(lang, sweep.batchesPerCell(), "noun.batch"),
                SweepRunner.seconds(lang, sweep.base().batchIntervalMs()), Format.plain(lang, sweep.base().linesPerSecond()));
        String error = Double.isNaN(sweep.medianAbsErrorPercent()) ? Messages.in(lang, "sweep.notMeasured")
                : Format.fixed(lang, sweep.medianAbsErrorPercent(), 1) + "%";
        String boundary = Messages.in(lang, "sweep.map.boundary", error, sweep.verdictAgreements(), sweep.cells().size());
        fitted(g, numbers, width - 16 - 8);
        g.drawString(numbers, 16, y);
        g.setStroke(dashed());
        g.setColor(Color.BLACK);
        g.draw(new Line2D.Double(16, y + 20, 60, y + 20));
        g.setColor(Color.DARK_GRAY);
        fitted(g, boundary, width - 70 - 8);
        g.drawString(boundary, 70, y + 25);
    }

    /** The caption's font, 15 px, or smaller down to 10 px so that {@code text} fits in {@code width} (a map of one cost is narrow). */
    private static void fitted(Graphics2D g, String text, int width) {
        for (int size = 15; ; size--) {
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, size));
            if (size <= 10 || g.getFontMetrics().stringWidth(text) <= width) return;
        }
    }

    /** The cost's heat map, or a blank panel saying so when none of its cells was measured (an interrupted sweep). */
    private static BufferedImage panelImage(SweepResult sweep, Duration cost, SweepCell variant, Lang lang) {
        HeatMapChart chart = panel(sweep, cost, variant, lang);
        if (chart != null) return BitmapEncoder.getBufferedImage(chart);
        BufferedImage blank = new BufferedImage(PANEL_WIDTH, PANEL_HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = blank.createGraphics();
        try {
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, PANEL_WIDTH, PANEL_HEIGHT);
            g.setColor(Color.GRAY);
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 17));
            g.drawString(Messages.in(lang, "sweep.map.noCell", costLabel(cost, variant, lang)), 40, PANEL_HEIGHT / 2);
        } finally {
            g.dispose();
        }
        return blank;
    }

    /** Null when no cell of this cost was measured. */
    private static HeatMapChart panel(SweepResult sweep, Duration cost, SweepCell variant, Lang lang) {
        List<Integer> cores = sweep.grid().cores().stream().sorted().toList();
        List<Integer> partitions = sweep.grid().partitions().stream().sorted().toList();
        int nx = partitions.size();
        int ny = cores.size();
        Boolean[][] predictedStable = new Boolean[nx][ny];
        boolean[][] differs = new boolean[nx][ny];
        Double[][] ratios = new Double[nx][ny];
        List<Number[]> heat = new ArrayList<>();
        for (int x = 0; x < nx; x++) {
            for (int y = 0; y < ny; y++) {
                SweepCell cell = new SweepCell(cores.get(y), partitions.get(x), cost, variant.costKind(), variant.skew());
                predictedStable[x][y] = sweep.cells().stream().filter(c -> c.cell().equals(cell)).findFirst()
                        .map(c -> c.prediction().stable()).orElse(null);
                for (CellResult r : sweep.cells()) {
                    if (!r.cell().equals(cell) || !r.measured()) continue;
                    double ratio = Math.round(r.summary().processingToIntervalRatio() * 100) / 100.0;
                    heat.add(new Number[] {x, y, ratio});
                    ratios[x][y] = ratio;
                    differs[x][y] = !r.verdictAgrees();
                }
            }
        }
        if (heat.isEmpty()) return null;
        BoundaryHeatMap chart = new BoundaryHeatMap(predictedStable, differs, ratios, lang);
        chart.setTitle(Messages.in(lang, "sweep.map.title", costLabel(cost, variant, lang)));
        chart.setXAxisTitle(Messages.in(lang, "sweep.map.x"));
        chart.setYAxisTitle(Messages.in(lang, "sweep.map.y"));
        var styler = chart.getStyler();
        styler.setRangeColors(COLORS);
        styler.setMin(0);
        styler.setMax(MAX_RATIO_SHOWN);
        // The values are drawn by BoundaryHeatMap in the map's language: XChart 3.8.8 writes them in the JVM's default locale.
        styler.setShowValue(false);
        styler.setValueFont(VALUE_FONT);
        styler.setValueFontColor(Color.BLACK);
        styler.setLegendPosition(Styler.LegendPosition.OutsideE);
        styler.setChartBackgroundColor(Color.WHITE);
        styler.setChartTitleFont(new Font(Font.SANS_SERIF, Font.BOLD, 17));
        styler.setAxisTitleFont(new Font(Font.SANS_SERIF, Font.PLAIN, 14));
        styler.setAxisTickLabelsFont(new Font(Font.SANS_SERIF, Font.PLAIN, 14));
        styler.setLegendFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
        styler.setLocale(lang.locale());
        // Some cells may not have run (an interrupted sweep): the series still spans the whole grid.
        chart.addSeries("PT/BI", partitions, cores, heat);
        return chart;
    }

    /** "5 ms/word", "0,5 ms/từ", "5 ms/word cpu skew 1.2": the cost and the grid's variant (level 2). */
    private static String costLabel(Duration cost, SweepCell variant, Lang lang) {
        return Format.plain(lang, cost.toNanos() / 1e6) + " ms/" + Messages.in(lang, "unit.word") + variant.variantLabel(lang);
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
        private final Double[][] ratios;
        private final Lang lang;

        BoundaryHeatMap(Boolean[][] predictedStable, boolean[][] differs, Double[][] ratios, Lang lang) {
            // With an explicit theme: XChart 3.8.8's (width, height) constructor leaves the styler without fonts or locale.
            super(PANEL_WIDTH, PANEL_HEIGHT, Styler.ChartTheme.XChart);
            this.predictedStable = predictedStable;
            this.differs = differs;
            this.ratios = ratios;
            this.lang = lang;
        }

        /** What a measured cell shows: its PT/BI with two decimals in the map's language ("1.27", "1,27"); null for a cell not measured. */
        String value(int x, int y) {
            return ratios[x][y] == null ? null : Format.fixed(lang, ratios[x][y], 2);
        }

        @Override
        public void paint(Graphics2D g, int width, int height) {
            super.paint(g, width, height);
            Rectangle2D b = plot.getBounds();
            legend(g, b, width);
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
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setFont(VALUE_FONT);
            g.setColor(Color.BLACK);
            java.awt.FontMetrics fm = g.getFontMetrics();
            for (int x = 0; x < nx; x++) {
                for (int y = 0; y < ny; y++) {
                    String v = value(x, y);
                    if (v == null) continue;
                    double cx = left + w * x + w / 2;
                    double cy = top + h * (ny - 1 - y) + h / 2;
                    g.drawString(v, (float) (cx - fm.stringWidth(v) / 2.0), (float) (cy + (fm.getAscent() - fm.getDescent()) / 2.0));
                }
            }
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

        /**
         * The colour scale beside the plot, in place of XChart's: its gradient legend writes its two ends
         * with {@code StringBuilder.append(double)} ("2.0" in every language). Ours marks 0, 1 (the
         * stability line) and ≥ 2 in the map's language.
         */
        private void legend(Graphics2D g, Rectangle2D plotBounds, int width) {
            int left = (int) Math.ceil(plotBounds.getMaxX()) + 1;
            if (width - left < 40) return;
            g.setColor(getStyler().getChartBackgroundColor());
            g.fill(new Rectangle2D.Double(left, plotBounds.getY(), width - left, plotBounds.getHeight()));
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setFont(getStyler().getLegendFont());
            java.awt.FontMetrics fm = g.getFontMetrics();
            String title = "PT/BI";
            String[] labels = {"≥ " + Format.plain(lang, MAX_RATIO_SHOWN), Format.plain(lang, MAX_RATIO_SHOWN / 2), Format.plain(lang, 0)};
            int textWidth = 0;
            for (String l : labels) textWidth = Math.max(textWidth, fm.stringWidth(l));
            int barWidth = 18;
            int barHeight = (int) Math.min(200, plotBounds.getHeight() * 0.55);
            int pad = 10;
            int boxWidth = Math.max(pad + barWidth + 8 + textWidth + pad, fm.stringWidth(title) + 2 * pad);
            int boxHeight = pad + fm.getHeight() + 6 + barHeight + fm.getDescent() + pad;
            int boxX = left + Math.max(0, (width - left - boxWidth) / 2);
            int boxY = (int) (plotBounds.getCenterY() - boxHeight / 2.0);
            g.setColor(Color.WHITE);
            g.fillRect(boxX, boxY, boxWidth, boxHeight);
            g.setColor(Color.GRAY);
            g.setStroke(new BasicStroke(1f));
            g.drawRect(boxX, boxY, boxWidth, boxHeight);
            g.setColor(getStyler().getChartFontColor());
            g.drawString(title, boxX + pad, boxY + pad + fm.getAscent());
            int barX = boxX + pad;
            int barTop = boxY + pad + fm.getHeight() + 6;
            g.setPaint(new java.awt.LinearGradientPaint(barX, barTop + barHeight, barX, barTop, new float[] {0f, 0.5f, 1f}, COLORS));
            g.fillRect(barX, barTop, barWidth, barHeight);
            g.setColor(getStyler().getChartFontColor());
            int textX = barX + barWidth + 8;
            int centre = (fm.getAscent() - fm.getDescent()) / 2;
            g.drawString(labels[0], textX, barTop + centre);
            g.drawString(labels[1], textX, barTop + barHeight / 2 + centre);
            g.drawString(labels[2], textX, barTop + barHeight + centre);
        }

        private static boolean changes(Boolean a, Boolean b) {
            return a != null && b != null && !a.equals(b);
        }
    }
}
