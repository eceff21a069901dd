package io.ssplab.model;

import java.time.Duration;

import io.ssplab.core.CostUnit;
import io.ssplab.core.Knobs;

/**
 * What the tests compute by hand with, pinned here so that their hand computations stay true whatever
 * the lab's defaults become ({@link Overhead#DEFAULT_PER_BATCH_MS}, {@link Overhead#PER_TASK_MS},
 * {@code Phase2Bottleneck.COST_PER_WORD}, {@code Knobs.DEFAULT_RATE}, …).
 *
 * <p>A test of the arithmetic uses these; a test that checks that a default is used asserts against
 * the constant itself, never against a literal copied from it. The numbers quoted in the docs and the
 * job classes' comments are computed from the defaults and checked by {@code docs.QuotedNumbersTest}.
 */
public final class HandComputed {
    /**
     * Spark's overhead in the hand computations: 250 ms at phase 2's 28 counted tasks (2 × 10 block tasks + 4 + 4), 5 ms per
     * counted task more or less (never below 50 ms).
     */
    public static final Overhead OVERHEAD = new Overhead(250, Overhead.Unit.TASK, 28, 5, Overhead.Origin.CALIBRATED, "test fixture");
    /** The model with {@link #OVERHEAD}. */
    public static final ProcessingTimeModel MODEL = new ProcessingTimeModel(OVERHEAD);

    /**
     * Phase 2's setting as the hand computations know it: BI 2 s, {@code local[4]}, P = 4, 5.6 ms per word,
     * 140 lines/s × 3 words per line, 200 ms blocks: 840 words, 210 per partition, 2 waves on 3 free slots,
     * 10 + 4 + 4 tasks (28 counted) in 4 + 2 + 2 = 8 task waves.
     */
    public static final Knobs PHASE2 = new Knobs("phase2", "local[4]", Duration.ofSeconds(2), 4, Duration.ofNanos(5_600_000),
            CostUnit.WORD, 140, 3, Duration.ofMillis(200));
    /** Phase 2 without a cost. */
    public static final Knobs PHASE1 = PHASE2.withJob("phase1").withCost(Duration.ZERO);
    /** Phase 2 on {@code local[8]} with P = 8: 105 words per partition, 2 waves on 7 free slots, 10 + 8 + 8 = 26 tasks (36 counted) in 2 + 2 + 2 = 6 task waves. */
    public static final Knobs PHASE3 = PHASE2.withJob("phase3").withMaster("local[8]").withPartitions(8);

    private HandComputed() {
    }
}
