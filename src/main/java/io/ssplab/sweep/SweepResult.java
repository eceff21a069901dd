package io.ssplab.sweep;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.ssplab.core.Knobs;
import io.ssplab.core.Stats;

/**
 * A finished (or interrupted) sweep: every cell run so far and the model's error over them.
 *
 * @param grid           the grid asked for
 * @param base           the knobs every cell shares (BI, rate, words per line)
 * @param batchesPerCell batches each cell ran
 * @param overheadSource where the model's overhead came from
 * @param cells          the cells run, in order
 * @param startedAt      when the sweep started, ISO-8601
 * @param wallSeconds    how long it took
 * @param stopReason     why it stopped early, or null when every cell ran
 */
public record SweepResult(SweepGrid grid, Knobs base, int batchesPerCell, String overheadSource, List<CellResult> cells,
                          String startedAt, double wallSeconds, String stopReason) {

    public boolean complete() {
        return stopReason == null && cells.size() == grid.size();
    }

    public List<CellResult> measuredCells() {
        return cells.stream().filter(CellResult::measured).toList();
    }

    /** Median |predicted − measured| / measured over the measured cells, in percent (Sparklens-style); NaN for none. */
    public double medianAbsErrorPercent() {
        return Stats.median(measuredCells().stream().mapToDouble(CellResult::absErrorPercent).toArray());
    }

    public double maxAbsErrorPercent() {
        return measuredCells().stream().mapToDouble(CellResult::absErrorPercent).max().orElse(Double.NaN);
    }

    /** Median signed error: above 0 the model over-predicts PT overall. */
    public double medianErrorPercent() {
        return Stats.median(measuredCells().stream().mapToDouble(CellResult::errorPercent).toArray());
    }

    public long verdictAgreements() {
        return cells.stream().filter(CellResult::verdictAgrees).count();
    }

    /** The {@code n} cells with the largest |error|. */
    public List<CellResult> worst(int n) {
        return measuredCells().stream().sorted(Comparator.comparingDouble(CellResult::absErrorPercent).reversed()).limit(n).toList();
    }

    /** What sweep.json holds. */
    public Map<String, Object> fields() {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("startedAt", startedAt);
        f.put("wallSeconds", wallSeconds);
        f.put("complete", complete());
        f.put("stopReason", stopReason);
        f.put("cores", grid.cores());
        f.put("partitions", grid.partitions());
        f.put("costsMs", grid.costs().stream().map(d -> d.toNanos() / 1e6).toList());
        f.put("batchIntervalMs", base.batchIntervalMs());
        f.put("linesPerSecond", base.linesPerSecond());
        f.put("wordsPerLine", base.wordsPerLine());
        f.put("costUnit", base.costUnit().label());
        f.put("batchesPerCell", batchesPerCell);
        f.put("overheadSource", overheadSource);
        f.put("cellsRun", cells.size());
        f.put("cellsMeasured", measuredCells().size());
        f.put("medianAbsErrorPercent", nullIfNaN(medianAbsErrorPercent()));
        f.put("medianErrorPercent", nullIfNaN(medianErrorPercent()));
        f.put("maxAbsErrorPercent", nullIfNaN(maxAbsErrorPercent()));
        f.put("verdictAgreements", verdictAgreements());
        f.put("cells", cells.stream().map(CellResult::fields).toList());
        return f;
    }

    private static Double nullIfNaN(double v) {
        return Double.isNaN(v) ? null : v;
    }
}
