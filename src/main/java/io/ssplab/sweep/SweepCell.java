package io.ssplab.sweep;

import java.time.Duration;

import io.ssplab.core.Format;
import io.ssplab.core.Lang;
import io.ssplab.core.Messages;

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

    /** "local[4] P=8 10ms/word", in the current language. */
    public String label() {
        return label(Lang.current());
    }

    /** "local[4] P=8 10ms/word"; Vietnamese "local[4] P=8 5,5ms/từ". */
    public String label(Lang lang) {
        return Messages.in(lang, "sweep.cellLabel", master(), partitions, Format.plain(lang, costMs()), Messages.in(lang, "unit.word"));
    }

    /** "c4-p8-10ms": safe in a file name. */
    public String fileName() {
        return "c" + cores + "-p" + partitions + "-" + Format.plain(Lang.EN, costMs()).replace(",", "").replace('.', '_') + "ms";
    }
}
