package io.ssplab.metrics;

/** Whether a streaming job keeps up with its input. */
public enum Verdict {
    /** PT below BI and scheduling delay flat: every batch finishes before the next is cut. */
    STABLE,
    /** PT above BI or scheduling delay growing: the backlog grows without bound. */
    UNSTABLE,
    /** Too few batches after warm-up to tell. */
    INCONCLUSIVE
}
