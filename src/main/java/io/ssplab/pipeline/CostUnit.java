package io.ssplab.pipeline;

/** What a per-record cost is paid for: each word (the phases) or each line (the exercises). */
public enum CostUnit {
    /** After the split: a line of 3 words costs 3 × cost. The demo phases, as in the original. */
    WORD,
    /** Before the split, as {@code repartition(P).map(slow)}: the exercises. */
    LINE;

    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
