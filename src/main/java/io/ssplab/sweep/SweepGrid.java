package io.ssplab.sweep;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;

import io.ssplab.core.BadInputException;
import io.ssplab.core.Format;
import io.ssplab.core.Messages;
import io.ssplab.core.CostKind;

/**
 * The settings a sweep tries: every combination of cores (local[N]), partitions and per-word cost.
 * {@link #validate()} refuses a grid that cannot run, before any Spark starts, in the current language.
 *
 * @param cores      N of local[N] for each column of runs; at least 2 (the receiver holds one slot)
 * @param partitions P values
 * @param costs      per-word costs
 * @param costKinds  what the cost is made of: a wait, CPU work, or both (docs/level2.md)
 * @param skews      Zipf exponents of the source's words; any above 0 makes every cell run the skew lesson's job
 * @param drawn      the cells of a random sweep ({@link RandomCells}), in the order they run; empty for a grid
 */
public record SweepGrid(List<Integer> cores, List<Integer> partitions, List<Duration> costs, List<CostKind> costKinds, List<Double> skews,
                        List<SweepCell> drawn) {

    /** A grid: every combination of the lists. */
    public SweepGrid(List<Integer> cores, List<Integer> partitions, List<Duration> costs, List<CostKind> costKinds, List<Double> skews) {
        this(cores, partitions, costs, costKinds, skews, List.of());
    }

    /** The cells of a random sweep, run as drawn; the lists hold the values they take (for sweep.json). */
    public static SweepGrid of(List<SweepCell> drawn) {
        return new SweepGrid(drawn.stream().map(SweepCell::cores).distinct().sorted().toList(),
                drawn.stream().map(SweepCell::partitions).distinct().sorted().toList(),
                drawn.stream().map(SweepCell::cost).distinct().sorted().toList(), List.of(CostKind.WAIT), List.of(0.0), drawn);
    }

    /** Whether this is a random sweep's list of drawn cells rather than a grid (then there is no stability map). */
    public boolean random() {
        return !drawn.isEmpty();
    }

    /** Waits on uniform words: the grid before level 2. */
    public SweepGrid(List<Integer> cores, List<Integer> partitions, List<Duration> costs) {
        this(cores, partitions, costs, List.of(CostKind.WAIT), List.of(0.0));
    }

    public static final List<Integer> DEFAULT_CORES = List.of(2, 4, 8);
    public static final List<Integer> DEFAULT_PARTITIONS = List.of(2, 4, 8, 16);
    public static final List<Duration> DEFAULT_COSTS = List.of(Duration.ofMillis(5), Duration.ofMillis(10), Duration.ofMillis(15));

    public SweepGrid {
        cores = List.copyOf(cores);
        partitions = List.copyOf(partitions);
        costs = List.copyOf(costs);
        costKinds = List.copyOf(costKinds);
        skews = List.copyOf(skews);
        drawn = List.copyOf(drawn);
    }

    /** Whether any cell has skewed words: then the sweep runs the skew lesson's job, whose cost is paid per key. */
    public boolean keyed() {
        return skews.stream().anyMatch(s -> s > 0);
    }

    /** @throws BadInputException naming the option, the bad value and the fix */
    public SweepGrid validate() {
        requireSome("--cores", cores, "2,4,8");
        requireSome("--partitions", partitions, "2,4,8,16");
        requireSome("--cost", costs, "5ms,10ms,15ms");
        for (int c : cores)
            if (c < 2) throw new BadInputException(Messages.get("sweep.grid.coresTooFew", c));
        for (int p : partitions)
            if (p < 1) throw new BadInputException(Messages.get("sweep.grid.partitionsTooFew", p));
        for (Duration d : costs)
            if (d.isNegative()) throw new BadInputException(Messages.get("sweep.grid.negativeCost", Format.option(d)));
        noRepeats("--cores", cores);
        noRepeats("--partitions", partitions);
        requireSome("--cost-kind", costKinds, "wait,cpu");
        requireSome("--skew", skews, "0,1.2");
        for (double skew : skews) io.ssplab.core.Limits.SKEW.check(skew);
        noRepeats("--cost-kind", costKinds);
        noRepeats("--skew", skews);
        noRepeats("--cost", costs);
        return this;
    }

    /** Every cell, cost by cost, then cores, then partitions (the order the runs happen in). */
    public List<SweepCell> cells() {
        if (random()) return drawn;
        List<SweepCell> cells = new ArrayList<>();
        for (CostKind kind : costKinds)
            for (double skew : skews)
                for (Duration cost : costs)
                    for (int c : cores)
                        for (int p : partitions) cells.add(new SweepCell(c, p, cost, kind, skew));
        return cells;
    }

    public int size() {
        if (random()) return drawn.size();
        return cores.size() * partitions.size() * costs.size() * costKinds.size() * skews.size();
    }

    /** Each combination of cost kind and skew, as a cell template (cores, P and cost 0): one stability map panel row per variant. */
    public List<SweepCell> variants() {
        List<SweepCell> v = new ArrayList<>();
        for (CostKind kind : costKinds)
            for (double skew : skews) v.add(new SweepCell(0, 0, Duration.ZERO, kind, skew));
        return v;
    }

    private static void requireSome(String option, List<?> values, String example) {
        if (values.isEmpty()) throw new BadInputException(Messages.get("sweep.grid.empty", option, example));
    }

    private static void noRepeats(String option, List<?> values) {
        if (new HashSet<>(values).size() != values.size())
            throw new BadInputException(Messages.get("sweep.grid.twice", option));
    }
}
