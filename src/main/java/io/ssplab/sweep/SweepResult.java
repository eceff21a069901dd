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

    /** The measured cells of one cost kind and skew ({@link SweepGrid#variants()}). */
    public List<CellResult> measuredOf(SweepCell variant) {
        return measuredCells().stream().filter(c -> c.cell().costKind() == variant.costKind() && c.cell().skew() == variant.skew()).toList();
    }

    /** One line per cost kind and skew: its median model error over its cells, in the current language. */
    public List<String> errorsByVariant() {
        List<String> lines = new java.util.ArrayList<>();
        for (SweepCell v : grid.variants()) {
            List<CellResult> of = measuredOf(v);
            if (of.isEmpty()) continue;
            double median = Stats.median(of.stream().mapToDouble(CellResult::absErrorPercent).toArray());
            double signed = Stats.median(of.stream().mapToDouble(CellResult::errorPercent).toArray());
            lines.add(io.ssplab.core.Messages.get("cli.sweep.errorOf", v.costKind().inWords(), v.skew() > 0
                            ? io.ssplab.core.Messages.get("cli.sweep.errorOf.skew", io.ssplab.core.Format.plain(v.skew())) : "",
                    io.ssplab.core.Format.fixed(median, 1) + "%", io.ssplab.core.Format.signed(signed, 1) + "%",
                    io.ssplab.core.Messages.count(of.size(), "noun.cell"),
                    of.stream().filter(CellResult::verdictAgrees).count()));
        }
        return lines;
    }

    /** The three figures every sweep ends with ({@link ModelFidelity}), over every cell run. */
    public ModelFidelity fidelity() {
        return ModelFidelity.of(cells.stream().map(c -> new ModelFidelity.Point(c.errorPercent(),
                c.summary().processingToIntervalRatio(), c.verdictAgrees())).toList());
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
        f.put("costKinds", grid.costKinds().stream().map(io.ssplab.core.CostKind::label).toList());
        f.put("skews", grid.skews());
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
        f.put("fidelity", fidelity().fields());
        f.put("random", grid.random());
        Map<String, Object> byVariant = new LinkedHashMap<>();
        for (SweepCell v : grid.variants()) {
            List<CellResult> of = measuredOf(v);
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("costKind", v.costKind().label());
            e.put("skew", v.skew());
            e.put("cellsMeasured", of.size());
            e.put("medianAbsErrorPercent", nullIfNaN(Stats.median(of.stream().mapToDouble(CellResult::absErrorPercent).toArray())));
            e.put("medianErrorPercent", nullIfNaN(Stats.median(of.stream().mapToDouble(CellResult::errorPercent).toArray())));
            byVariant.put(v.costKind().label() + (v.skew() > 0 ? " skew " + v.skew() : ""), e);
        }
        f.put("errorsByVariant", byVariant);
        f.put("cells", cells.stream().map(CellResult::fields).toList());
        return f;
    }

    private static Double nullIfNaN(double v) {
        return Double.isNaN(v) ? null : v;
    }
}
