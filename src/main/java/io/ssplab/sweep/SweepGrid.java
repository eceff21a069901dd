package io.ssplab.sweep;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;

import io.ssplab.core.BadInputException;
import io.ssplab.core.Format;
import io.ssplab.core.Messages;

/**
 * The settings a sweep tries: every combination of cores (local[N]), partitions and per-word cost.
 * {@link #validate()} refuses a grid that cannot run, before any Spark starts, in the current language.
 *
 * @param cores      N of local[N] for each column of runs; at least 2 (the receiver holds one slot)
 * @param partitions P values
 * @param costs      per-word costs
 */
public record SweepGrid(List<Integer> cores, List<Integer> partitions, List<Duration> costs) {

    public static final List<Integer> DEFAULT_CORES = List.of(2, 4, 8);
    public static final List<Integer> DEFAULT_PARTITIONS = List.of(2, 4, 8, 16);
    public static final List<Duration> DEFAULT_COSTS = List.of(Duration.ofMillis(5), Duration.ofMillis(10), Duration.ofMillis(15));

    public SweepGrid {
        cores = List.copyOf(cores);
        partitions = List.copyOf(partitions);
        costs = List.copyOf(costs);
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
        noRepeats("--cost", costs);
        return this;
    }

    /** Every cell, cost by cost, then cores, then partitions (the order the runs happen in). */
    public List<SweepCell> cells() {
        List<SweepCell> cells = new ArrayList<>();
        for (Duration cost : costs)
            for (int c : cores)
                for (int p : partitions) cells.add(new SweepCell(c, p, cost));
        return cells;
    }

    public int size() {
        return cores.size() * partitions.size() * costs.size();
    }

    private static void requireSome(String option, List<?> values, String example) {
        if (values.isEmpty()) throw new BadInputException(Messages.get("sweep.grid.empty", option, example));
    }

    private static void noRepeats(String option, List<?> values) {
        if (new HashSet<>(values).size() != values.size())
            throw new BadInputException(Messages.get("sweep.grid.twice", option));
    }
}
