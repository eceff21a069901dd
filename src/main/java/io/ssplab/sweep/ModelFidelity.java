package io.ssplab.sweep;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.ssplab.core.Columns;
import io.ssplab.core.Format;
import io.ssplab.core.Lang;
import io.ssplab.core.Messages;
import io.ssplab.core.Stats;

/**
 * The three figures every sweep ends with, computed here and only here (the console, the sweep page and
 * sweep.json render this record): how close the predicted PT came, at the median and at worst, and
 * whether the predicted verdict was right wherever the measured verdict is not a coin toss.
 *
 * <p>Why the verdicts are judged only outside ρ 0.9–1.1: there a few percent of error, the model's or the
 * machine's, flips STABLE to UNSTABLE, so a right verdict at ρ 0.98 says nothing about the model and a
 * wrong one little. Away from the edge a wrong verdict is a wrong answer to the lesson's question.
 *
 * @param cellsScored          cells with a measured PT (the error figures are over these)
 * @param medianAbsErrorPercent median |predicted − measured| / measured × 100; NaN when none
 * @param worstAbsErrorPercent the largest of them; NaN when none
 * @param cellsOffEdge         cells whose measured ρ is outside {@link #EDGE_LOW}–{@link #EDGE_HIGH}
 * @param verdictsRightOffEdge of those, the cells whose predicted verdict is the measured one
 */
public record ModelFidelity(int cellsScored, double medianAbsErrorPercent, double worstAbsErrorPercent, int cellsOffEdge,
                            int verdictsRightOffEdge) {
    /** The planner's targets (issue 16, docs/planner.md). */
    public static final double TARGET_MEDIAN_PERCENT = 10;
    public static final double TARGET_WORST_PERCENT = 20;
    /** Measured ρ inside this band is "at the edge": verdicts there are not judged. */
    public static final double EDGE_LOW = 0.9;
    public static final double EDGE_HIGH = 1.1;

    /**
     * One cell, as the figures see it.
     *
     * @param errorPercent  (predicted − measured) / measured × 100; NaN when the cell has no measured PT to score
     * @param measuredRatio measured ρ; NaN or ≤ 0 when nothing was measured
     * @param verdictRight  whether the predicted verdict is the measured one (false when the run was inconclusive)
     */
    public record Point(double errorPercent, double measuredRatio, boolean verdictRight) {
        boolean offEdge() {
            return measuredRatio > 0 && !Double.isNaN(measuredRatio) && (measuredRatio < EDGE_LOW || measuredRatio > EDGE_HIGH);
        }
    }

    public static ModelFidelity of(List<Point> points) {
        double[] abs = points.stream().filter(p -> !Double.isNaN(p.errorPercent())).mapToDouble(p -> Math.abs(p.errorPercent())).toArray();
        int offEdge = (int) points.stream().filter(Point::offEdge).count();
        int right = (int) points.stream().filter(p -> p.offEdge() && p.verdictRight()).count();
        return new ModelFidelity(abs.length, abs.length == 0 ? Double.NaN : Stats.median(abs),
                java.util.Arrays.stream(abs).max().orElse(Double.NaN), offEdge, right);
    }

    public boolean medianMet() {
        return medianAbsErrorPercent <= TARGET_MEDIAN_PERCENT;
    }

    public boolean worstMet() {
        return worstAbsErrorPercent <= TARGET_WORST_PERCENT;
    }

    public boolean verdictsMet() {
        return verdictsRightOffEdge == cellsOffEdge;
    }

    /** All three targets met (and at least one cell scored). */
    public boolean met() {
        return cellsScored > 0 && medianMet() && worstMet() && verdictsMet();
    }

    /** The figures as the console prints them: a title line and three aligned rows, each with its target and ✓ or ✗. */
    public List<String> lines(Lang lang) {
        List<String> out = new ArrayList<>();
        out.add(Messages.in(lang, "fidelity.title"));
        List<String[]> rows = new ArrayList<>();
        for (String[] r : rows(lang)) rows.add(r);
        out.addAll(Columns.table("  ", new boolean[] {false, true, false, false}, rows));
        return out;
    }

    /** Label, figure, target, mark: one row per figure (the page renders the same rows as a table). */
    public List<String[]> rows(Lang lang) {
        String none = Messages.in(lang, "fidelity.none");
        boolean scored = cellsScored > 0;
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {Messages.in(lang, "fidelity.median", Messages.count(lang, cellsScored, "noun.cell")),
                scored ? Format.fixed(lang, medianAbsErrorPercent, 1) + "%" : none,
                Messages.in(lang, "fidelity.target.atMost", Format.fixed(lang, TARGET_MEDIAN_PERCENT, 0) + "%"), mark(lang, scored, medianMet())});
        rows.add(new String[] {Messages.in(lang, "fidelity.worst"), scored ? Format.fixed(lang, worstAbsErrorPercent, 1) + "%" : none,
                Messages.in(lang, "fidelity.target.atMost", Format.fixed(lang, TARGET_WORST_PERCENT, 0) + "%"), mark(lang, scored, worstMet())});
        rows.add(new String[] {Messages.in(lang, "fidelity.verdicts", Format.plain(lang, EDGE_LOW), Format.plain(lang, EDGE_HIGH)),
                Messages.in(lang, "fidelity.xOfY", verdictsRightOffEdge, cellsOffEdge), Messages.in(lang, "fidelity.target.all"),
                mark(lang, cellsOffEdge > 0, verdictsMet())});
        return rows;
    }

    private static String mark(Lang lang, boolean judged, boolean met) {
        return judged ? Messages.in(lang, met ? "fidelity.met" : "fidelity.missed") : Messages.in(lang, "fidelity.notJudged");
    }

    /** For sweep.json: language-free. */
    public Map<String, Object> fields() {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("cellsScored", cellsScored);
        f.put("medianAbsErrorPercent", Double.isNaN(medianAbsErrorPercent) ? null : medianAbsErrorPercent);
        f.put("worstAbsErrorPercent", Double.isNaN(worstAbsErrorPercent) ? null : worstAbsErrorPercent);
        f.put("cellsOutsideEdge", cellsOffEdge);
        f.put("verdictsRightOutsideEdge", verdictsRightOffEdge);
        f.put("targetMedianPercent", TARGET_MEDIAN_PERCENT);
        f.put("targetWorstPercent", TARGET_WORST_PERCENT);
        f.put("edge", List.of(EDGE_LOW, EDGE_HIGH));
        f.put("targetsMet", met());
        return f;
    }
}
