package io.ssplab.sweep;

import java.time.Duration;

import io.ssplab.core.Format;

/**
 * One setting of a sweep.
 *
 * @param cores      N of local[N]
 * @param partitions P
 * @param cost       per-word cost
 */
public record SweepCell(int cores, int partitions, Duration cost) {

    public String master() {
        return "local[" + cores + "]";
    }

    public double costMs() {
        return cost.toNanos() / 1e6;
    }

    /** "local[4] P=8 10ms/word" */
    public String label() {
        return master() + " P=" + partitions + " " + Format.plain(costMs()) + "ms/word";
    }

    /** "c4-p8-10ms": safe in a file name. */
    public String fileName() {
        return "c" + cores + "-p" + partitions + "-" + Format.plain(costMs()).replace('.', '_') + "ms";
    }
}
