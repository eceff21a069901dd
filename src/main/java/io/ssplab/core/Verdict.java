package io.ssplab.core;

/** Whether a streaming job keeps up with its input. */
public enum Verdict {
    /** PT below BI and scheduling delay flat: every batch finishes before the next is cut. */
    STABLE,
    /** PT above BI or scheduling delay growing: the backlog grows without bound. */
    UNSTABLE,
    /**
     * Structured Streaming only: micro-batches last longer than their trigger, so each starts late and
     * takes in more rows, but batch size and duration settle ({@code a·r < 1}: a bigger batch amortises
     * the fixed cost per batch). Behind its trigger schedule, bounded. A DStream job has no such state:
     * its batches are cut every BI whatever happens, so they queue instead.
     */
    FALLING_BEHIND,
    /** Too few batches after warm-up to tell. */
    INCONCLUSIVE;

    /**
     * The one rule for ρ = PT / BI, used by the measured verdict and by the model alike: a batch that
     * ends no later than the next one is cut keeps up (ρ ≤ 1); one that ends later makes every later
     * batch start later still.
     */
    public static boolean keepsUp(double ratio) {
        return ratio <= 1.0;
    }

    /** STABLE or UNSTABLE for a ratio. */
    public static Verdict ofRatio(double ratio) {
        return keepsUp(ratio) ? STABLE : UNSTABLE;
    }
}
