package io.ssplab.sweep;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.ssplab.core.Columns;
import io.ssplab.core.Format;
import io.ssplab.core.Knobs;
import io.ssplab.core.Lang;
import io.ssplab.core.Messages;
import io.ssplab.core.Stats;

/**
 * A finished (or interrupted) {@code sweep --api structured}: every query cell run so far and the structured
 * model's error over them. The error on the settled batch duration counts only the cells the model gives a
 * settled duration (STABLE, FALLING_BEHIND) and the query judged; every cell counts for the verdicts.
 *
 * @param grid           the grid asked for (costs per line)
 * @param base           the knobs every cell shares (trigger, rate, words per line)
 * @param batchesPerCell batches each query measured after warm-up
 * @param overheadSource where the model's o came from
 * @param cells          the cells run, in order
 * @param startedAt      when the sweep started, ISO-8601
 * @param wallSeconds    how long it took
 * @param stopReason     why it stopped early, or null when every cell ran
 */
public record QuerySweepResult(SweepGrid grid, Knobs base, int batchesPerCell, String overheadSource, List<QueryCellResult> cells,
                               String startedAt, double wallSeconds, String stopReason) {

    public boolean complete() {
        return stopReason == null && cells.size() == grid.size();
    }

    /** The cells whose error on the settled duration counts. */
    public List<QueryCellResult> measuredCells() {
        return cells.stream().filter(QueryCellResult::measured).toList();
    }

    /** Cells the model predicts UNSTABLE: verdicts only. */
    public long verdictOnlyCells() {
        return cells.stream().filter(c -> !c.predictsDuration()).count();
    }

    /** Median |predicted − measured| / measured settled duration, in percent; NaN for none. */
    public double medianAbsErrorPercent() {
        return Stats.median(measuredCells().stream().mapToDouble(QueryCellResult::absErrorPercent).toArray());
    }

    public double medianErrorPercent() {
        return Stats.median(measuredCells().stream().mapToDouble(QueryCellResult::errorPercent).toArray());
    }

    public double maxAbsErrorPercent() {
        return measuredCells().stream().mapToDouble(QueryCellResult::absErrorPercent).max().orElse(Double.NaN);
    }

    /** The three figures every sweep ends with ({@link ModelFidelity}): the error on the settled D, the verdicts off the edge. */
    public ModelFidelity fidelity() {
        return ModelFidelity.of(cells.stream().map(c -> new ModelFidelity.Point(c.errorPercent(),
                c.judged() ? c.summary().processingToIntervalRatio() : Double.NaN, c.verdictAgrees())).toList());
    }

    public long verdictAgreements() {
        return cells.stream().filter(QueryCellResult::verdictAgrees).count();
    }

    /** The columns of the table: cell, a·r, predicted regime, predicted D, measured D, verdict, error, agrees. */
    public static final boolean[] RIGHT = {false, true, false, true, true, false, true, false};

    /** The table of every cell, header first, in {@code lang}. */
    public List<String[]> rows(Lang lang) {
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {Messages.in(lang, "sweep.col.cell"), "a·r", Messages.in(lang, "ssweep.col.predicted"),
                Messages.in(lang, "ssweep.col.predictedD"), Messages.in(lang, "ssweep.col.measuredD"), Messages.in(lang, "ssweep.col.measured"),
                Messages.in(lang, "sweep.col.error"), Messages.in(lang, "ssweep.col.verdict")});
        for (QueryCellResult c : cells) {
            rows.add(new String[] {QuerySweepRunner.label(c.cell(), lang), Format.fixed(lang, c.prediction().loadFactor(), 2),
                    c.prediction().verdict().name(), c.predictedText(lang), Format.seconds(lang, c.measuredMs()), c.summary().verdict().name(),
                    c.errorText(lang), Messages.in(lang, c.verdictAgrees() ? "sweep.cell.agrees" : "sweep.cell.differs")});
        }
        return rows;
    }

    /** The table as console lines, in the current language. */
    public List<String> table() {
        return Columns.table("  ", RIGHT, rows(Lang.current()));
    }

    /** The last line: median |error| on the settled duration and the verdicts right, in {@code lang}. */
    public String verdictLine(Lang lang) {
        double median = medianAbsErrorPercent();
        return Messages.in(lang, "ssweep.result", Double.isNaN(median) ? Messages.in(lang, "sweep.notMeasured") : Format.fixed(lang, median, 1) + "%",
                Messages.count(lang, measuredCells().size(), "noun.cell"), Format.fixed(lang, ModelFidelity.TARGET_MEDIAN_PERCENT, 0) + "%",
                verdictAgreements(), cells.size(), Messages.count(lang, verdictOnlyCells(), "noun.cell"));
    }

    /** What sweep.json holds. */
    public Map<String, Object> fields() {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("api", "structured");
        f.put("startedAt", startedAt);
        f.put("wallSeconds", wallSeconds);
        f.put("complete", complete());
        f.put("stopReason", stopReason);
        f.put("cores", grid.cores());
        f.put("partitions", grid.partitions());
        f.put("costsMsPerLine", grid.costs().stream().map(d -> d.toNanos() / 1e6).toList());
        f.put("triggerMs", base.batchIntervalMs());
        f.put("linesPerSecond", base.linesPerSecond());
        f.put("wordsPerLine", base.wordsPerLine());
        f.put("costUnit", base.costUnit().label());
        f.put("batchesPerCell", batchesPerCell);
        f.put("overheadSource", overheadSource);
        f.put("cellsRun", cells.size());
        f.put("cellsMeasured", measuredCells().size());
        f.put("cellsVerdictOnly", verdictOnlyCells());
        f.put("medianAbsErrorPercent", nullIfNaN(medianAbsErrorPercent()));
        f.put("medianErrorPercent", nullIfNaN(medianErrorPercent()));
        f.put("maxAbsErrorPercent", nullIfNaN(maxAbsErrorPercent()));
        f.put("verdictAgreements", verdictAgreements());
        f.put("cells", cells.stream().map(QueryCellResult::fields).toList());
        f.put("fidelity", fidelity().fields());
        return f;
    }

    private static Double nullIfNaN(double v) {
        return Double.isNaN(v) ? null : v;
    }
}
