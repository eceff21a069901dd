package io.ssplab.sweep;

import java.time.Duration;

import io.ssplab.core.CostKind;
import io.ssplab.core.Format;

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

    /** "local[4] P=8 10ms/word" */
    public String label() {
        return master() + " P=" + partitions + " " + Format.plain(costMs()) + "ms/word" + variantLabel();
    }

    /** " cpu", " skew 1.2", " cpu skew 1.2" or "" for a wait on uniform words. */
    public String variantLabel() {
        return (costKind == CostKind.CPU ? " " + costKind.label() : "") + (skew > 0 ? " skew " + Format.plain(skew) : "");
    }

    /** "c4-p8-10ms": safe in a file name. */
    public String fileName() {
        return "c" + cores + "-p" + partitions + "-" + Format.plain(costMs()).replace('.', '_') + "ms"
                + (costKind == CostKind.CPU ? "-cpu" : "") + (skew > 0 ? "-s" + Format.plain(skew).replace('.', '_') : "");
    }
}
