package io.ssplab.sweep;

import java.time.Duration;

import io.ssplab.core.CostKind;
import io.ssplab.core.CostUnit;
import io.ssplab.core.Format;
import io.ssplab.core.Lang;
import io.ssplab.core.Messages;

/**
 * One setting of a sweep.
 *
 * @param cores      N of local[N]
 * @param partitions P
 * @param cost       per-word cost
 * @param costKind   a wait or CPU work (docs/level2.md)
 * @param skew       Zipf exponent of the source's words (0: uniform)
 * @param costUnit   per word or per line; null: the sweep's (a random sweep draws it per cell)
 * @param linesPerSecond the source's rate for this cell; 0: the sweep's
 * @param batchInterval  BI of this cell; null: the sweep's
 */
public record SweepCell(int cores, int partitions, Duration cost, CostKind costKind, double skew, CostUnit costUnit,
                        double linesPerSecond, Duration batchInterval) {

    /** A wait per word on uniform words: the cells before level 2. */
    public SweepCell(int cores, int partitions, Duration cost) {
        this(cores, partitions, cost, CostKind.WAIT, 0);
    }

    /** A cell of a grid: unit, rate and BI are the sweep's. */
    public SweepCell(int cores, int partitions, Duration cost, CostKind costKind, double skew) {
        this(cores, partitions, cost, costKind, skew, null, 0, null);
    }

    /** A drawn cell of a random sweep: its own cost unit, rate and BI (a wait on uniform words). */
    public static SweepCell drawn(int cores, int partitions, Duration cost, CostUnit unit, double linesPerSecond, Duration batchInterval) {
        return new SweepCell(cores, partitions, cost, CostKind.WAIT, 0, unit, linesPerSecond, batchInterval);
    }

    /** Whether the cell sets its own cost unit, rate and BI (a random sweep's) rather than taking the sweep's. */
    public boolean ownSetting() {
        return costUnit != null || linesPerSecond > 0 || batchInterval != null;
    }

    public String master() {
        return "local[" + cores + "]";
    }

    public double costMs() {
        return cost.toNanos() / 1e6;
    }

    /** "local[4] P=8 10ms/word", in the current language. */
    public String label() {
        return label(Lang.current());
    }

    /** "local[4] P=8 10ms/word"; Vietnamese "local[4] P=8 5,5ms/từ"; a level-2 cell adds its variant (" cpu skew 1.2"). */
    public String label(Lang lang) {
        String unit = Messages.in(lang, costUnit == CostUnit.LINE ? "unit.line" : "unit.word");
        return Messages.in(lang, "sweep.cellLabel", master(), partitions, Format.plain(lang, costMs()), unit)
                + variantLabel(lang) + settingLabel(lang);
    }

    /** " cpu", " skew 1.2", " cpu skew 1.2" or "" for a wait on uniform words. */
    public String variantLabel(Lang lang) {
        return (costKind == CostKind.CPU ? " " + Messages.in(lang, "sweep.variant.cpu") : "")
                + (skew > 0 ? " " + Messages.in(lang, "sweep.variant.skew", Format.plain(lang, skew)) : "");
    }

    /** " 140 lines/s BI 2 s" for a cell with its own rate and BI (a random sweep's), else "". */
    public String settingLabel(Lang lang) {
        if (linesPerSecond <= 0 && batchInterval == null) return "";
        return " " + Messages.in(lang, "fidelity.cell.setting", Format.plain(lang, linesPerSecond),
                Format.plain(lang, batchInterval == null ? 0 : batchInterval.toMillis() / 1000.0));
    }

    /** "c4-p8-10ms": safe in a file name. */
    public String fileName() {
        return "c" + cores + "-p" + partitions + "-" + Format.plain(Lang.EN, costMs()).replace(",", "").replace('.', '_') + "ms"
                + (costKind == CostKind.CPU ? "-cpu" : "") + (skew > 0 ? "-s" + Format.plain(Lang.EN, skew).replace('.', '_') : "")
                + (costUnit == CostUnit.LINE ? "-line" : "")
                + (linesPerSecond > 0 ? "-r" + Format.plain(Lang.EN, linesPerSecond).replace(",", "").replace('.', '_') : "")
                + (batchInterval != null ? "-bi" + batchInterval.toMillis() + "ms" : "");
    }
}
