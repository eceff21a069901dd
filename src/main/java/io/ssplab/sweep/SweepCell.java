package io.ssplab.sweep;

import java.time.Duration;

import io.ssplab.core.CostKind;
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
 */
public record SweepCell(int cores, int partitions, Duration cost, CostKind costKind, double skew) {

    /** A wait per word on uniform words: the cells before level 2. */
    public SweepCell(int cores, int partitions, Duration cost) {
        this(cores, partitions, cost, CostKind.WAIT, 0);
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
        return Messages.in(lang, "sweep.cellLabel", master(), partitions, Format.plain(lang, costMs()), Messages.in(lang, "unit.word"))
                + variantLabel(lang);
    }

    /** " cpu", " skew 1.2", " cpu skew 1.2" or "" for a wait on uniform words. */
    public String variantLabel(Lang lang) {
        return (costKind == CostKind.CPU ? " " + Messages.in(lang, "sweep.variant.cpu") : "")
                + (skew > 0 ? " " + Messages.in(lang, "sweep.variant.skew", Format.plain(lang, skew)) : "");
    }

    /** "c4-p8-10ms": safe in a file name. */
    public String fileName() {
        return "c" + cores + "-p" + partitions + "-" + Format.plain(Lang.EN, costMs()).replace(",", "").replace('.', '_') + "ms"
                + (costKind == CostKind.CPU ? "-cpu" : "") + (skew > 0 ? "-s" + Format.plain(Lang.EN, skew).replace('.', '_') : "");
    }
}
