package io.ssplab.sweep;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import io.ssplab.core.CostUnit;
import io.ssplab.core.Knobs;
import io.ssplab.model.BatchArithmetic;
import io.ssplab.model.Workload;

/**
 * The settings of {@code bin/ssp sweep --random N --seed S}: N cells drawn across the whole knob space,
 * so the model is judged where nobody tuned it, not on the grid it was fitted to.
 *
 * <p>Deterministic for a seed on every machine: the draws come from {@link Random} (its sequence is fixed
 * by the Java specification) and a draw is rejected on the knobs' arithmetic alone (the cost time), never
 * on the calibrated overhead, which differs between machines.
 *
 * <p>What is drawn, each uniformly unless said: cores 2–8 (N of local[N]), partitions 1–24, the cost
 * 0.5–15 ms log-uniformly (as many cheap settings as dear ones; to 0.1 ms), per word or per line, the
 * rate 50–500 lines/s (to 10), BI 1–5 s (to 0.5 s).
 */
public final class RandomCells {
    public static final int MIN_CORES = 2;
    public static final int MAX_CORES = 8;
    public static final int MIN_PARTITIONS = 1;
    public static final int MAX_PARTITIONS = 24;
    public static final double MIN_COST_MS = 0.5;
    public static final double MAX_COST_MS = 15;
    public static final int MIN_RATE = 50;
    public static final int MAX_RATE = 500;
    public static final double MIN_BI_S = 1;
    public static final double MAX_BI_S = 5;
    /**
     * A drawn setting whose run would take longer than this (Spark's start, its first interval, then its
     * batches at the pace of the cost time alone) is rejected and drawn again: a cell at ρ 20 measures
     * nothing the model does not already say at ρ 3, and would hold the sweep for many minutes.
     */
    public static final double MAX_CELL_SECONDS = 120;
    /** Draws before giving up on finding N acceptable settings (never reached with the bounds above). */
    static final int MAX_DRAWS_PER_CELL = 100;

    private RandomCells() {
    }

    /**
     * @param cells    the accepted settings, in the order they run
     * @param rejected the settings drawn and set aside, in the order they were drawn, with why
     */
    public record Draw(List<SweepCell> cells, List<Rejected> rejected) {
    }

    /**
     * A setting set aside.
     *
     * @param cell              what was drawn
     * @param costTimeMs        the cost time of one of its batches (the arithmetic's, without overhead)
     * @param estimatedSeconds  how long its run would take at least
     */
    public record Rejected(SweepCell cell, double costTimeMs, double estimatedSeconds) {
    }

    /**
     * @param n       how many settings to keep
     * @param seed    the draw's seed: the same seed, the same settings
     * @param base    the knobs every cell shares besides what is drawn (words per line, block interval)
     * @param batches batches each cell will measure (a longer run is more likely rejected)
     */
    public static Draw draw(int n, long seed, Knobs base, int batches) {
        Random random = new Random(seed);
        List<SweepCell> cells = new ArrayList<>();
        List<Rejected> rejected = new ArrayList<>();
        for (int draws = 0; cells.size() < n && draws < n * MAX_DRAWS_PER_CELL; draws++) {
            SweepCell cell = one(random);
            double costTimeMs = BatchArithmetic.of(Workload.of(SweepRunner.specFor(base, cell))).costTimeMs();
            double bi = cell.batchInterval().toMillis() / 1000.0;
            double seconds = SweepRunner.STARTUP_SECONDS + bi + batches * Math.max(bi, costTimeMs / 1000);
            if (seconds > MAX_CELL_SECONDS) rejected.add(new Rejected(cell, costTimeMs, seconds));
            else cells.add(cell);
        }
        return new Draw(cells, rejected);
    }

    static SweepCell one(Random random) {
        int cores = MIN_CORES + random.nextInt(MAX_CORES - MIN_CORES + 1);
        int partitions = MIN_PARTITIONS + random.nextInt(MAX_PARTITIONS - MIN_PARTITIONS + 1);
        double logCost = Math.log(MIN_COST_MS) + random.nextDouble() * (Math.log(MAX_COST_MS) - Math.log(MIN_COST_MS));
        double costMs = Math.min(MAX_COST_MS, Math.max(MIN_COST_MS, Math.round(Math.exp(logCost) * 10) / 10.0));
        CostUnit unit = random.nextBoolean() ? CostUnit.WORD : CostUnit.LINE;
        int rate = MIN_RATE + 10 * random.nextInt((MAX_RATE - MIN_RATE) / 10 + 1);
        long biMs = Math.round(MIN_BI_S * 1000) + 500L * random.nextInt((int) Math.round((MAX_BI_S - MIN_BI_S) * 2) + 1);
        return SweepCell.drawn(cores, partitions, Duration.ofNanos(Math.round(costMs * 1e6)), unit, rate, Duration.ofMillis(biMs));
    }
}
