package io.ssplab.jobs;

import java.time.Duration;

import io.ssplab.pipeline.CostUnit;
import io.ssplab.run.Master;

/**
 * Every knob of a streaming word-count run, in one place. Each job has its defaults; command-line
 * options override them ({@code with…} methods); {@link #validate()} refuses what cannot work before
 * Spark starts.
 *
 * @param job            job name (phase1, …)
 * @param master         Spark master URL: local[N] or spark://host:port
 * @param batchInterval  BI: how often a batch is cut
 * @param partitions     P: partitions after repartition, and of reduceByKey
 * @param cost           wait paid per record (see costUnit)
 * @param costUnit       whether the cost is paid per word or per line
 * @param linesPerSecond source rate, lines per second
 * @param wordsPerLine   words in a line (the model needs it when the cost is per word)
 * @param blockInterval  spark.streaming.blockInterval: receiver blocks, so partitions without repartition
 */
public record JobSpec(String job, String master, Duration batchInterval, int partitions, Duration cost,
                      CostUnit costUnit, double linesPerSecond, int wordsPerLine, Duration blockInterval) {

    public static final Duration DEFAULT_BLOCK_INTERVAL = Duration.ofMillis(200);

    public JobSpec withJob(String name) {
        return new JobSpec(name, master, batchInterval, partitions, cost, costUnit, linesPerSecond, wordsPerLine, blockInterval);
    }

    public JobSpec withMaster(String m) {
        return new JobSpec(job, m, batchInterval, partitions, cost, costUnit, linesPerSecond, wordsPerLine, blockInterval);
    }

    public JobSpec withBatchInterval(Duration bi) {
        return new JobSpec(job, master, bi, partitions, cost, costUnit, linesPerSecond, wordsPerLine, blockInterval);
    }

    public JobSpec withPartitions(int p) {
        return new JobSpec(job, master, batchInterval, p, cost, costUnit, linesPerSecond, wordsPerLine, blockInterval);
    }

    public JobSpec withCost(Duration c) {
        return new JobSpec(job, master, batchInterval, partitions, c, costUnit, linesPerSecond, wordsPerLine, blockInterval);
    }

    public JobSpec withRate(double r) {
        return new JobSpec(job, master, batchInterval, partitions, cost, costUnit, r, wordsPerLine, blockInterval);
    }

    public JobSpec withWordsPerLine(int w) {
        return new JobSpec(job, master, batchInterval, partitions, cost, costUnit, linesPerSecond, w, blockInterval);
    }

    /** The knobs a command line overrides (run, plan): each non-null value replaces the job's own. */
    public JobSpec withOverrides(String m, Duration bi, Integer p, Duration c, Double rate) {
        JobSpec s = this;
        if (m != null) s = s.withMaster(m);
        if (bi != null) s = s.withBatchInterval(bi);
        if (p != null) s = s.withPartitions(p);
        if (c != null) s = s.withCost(c);
        if (rate != null) s = s.withRate(rate);
        return s;
    }

    /** Cost in milliseconds, fractional (5.5 ms stays 5.5). */
    public double costMs() {
        return cost.toNanos() / 1e6;
    }

    public long batchIntervalMs() {
        return batchInterval.toMillis();
    }

    /** Records that pay the cost in one batch at the nominal rate: lines, or lines × words per line. */
    public double costedRecordsPerBatch() {
        double lines = linesPerSecond * batchInterval.toNanos() / 1e9;
        return costUnit == CostUnit.WORD ? lines * wordsPerLine : lines;
    }

    /**
     * Refuses settings that cannot work, with the reason and the fix in one sentence.
     *
     * @throws InvalidSpecException on the first problem found
     */
    public JobSpec validate() {
        if (batchInterval.isNegative() || batchInterval.isZero())
            throw new InvalidSpecException("batch interval must be positive, got " + batchInterval.toMillis()
                    + " ms: pass e.g. --batch-interval 2s");
        if (batchInterval.toMillis() < 1 || batchInterval.toNanos() % 1_000_000 != 0)
            throw new InvalidSpecException("batch interval must be a whole number of milliseconds: pass e.g. --batch-interval 500ms");
        if (partitions < 1)
            throw new InvalidSpecException("partitions must be at least 1, got " + partitions + ": pass e.g. --partitions 4");
        if (cost.isNegative())
            throw new InvalidSpecException("cost must not be negative: pass e.g. --cost 5ms, or --cost 0 for none");
        if (!(linesPerSecond > 0) || Double.isInfinite(linesPerSecond))
            throw new InvalidSpecException("rate must be a positive number of lines per second: pass e.g. --rate 140");
        Master m = Master.parse(master);
        if (m.isLocal() && m.cores() - 1 < 1)
            throw new InvalidSpecException("master " + master + " has " + m.cores()
                    + " task slot(s) and the socket receiver holds one for good, so no batch would ever run: use local[2] or more (the lesson uses local[4])");
        return this;
    }
}
