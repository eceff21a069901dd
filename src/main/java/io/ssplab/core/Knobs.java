package io.ssplab.core;

import java.time.Duration;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Every knob of a streaming word-count run, in the one shape the whole lab carries: a job's defaults,
 * the command line's overrides, the run's summary, the checkpoint's manifest and the model's
 * prediction all hold a {@code Knobs}. The arithmetic that depends on the knobs alone (lines per
 * batch, records that pay the cost) is defined here and nowhere else.
 *
 * <p>In JSON (summary.json, plan --json) the knobs are flat, with durations in milliseconds:
 * {@code job, master, batchIntervalMs, partitions, costMs, costUnit, linesPerSecond, wordsPerLine, blockIntervalMs, skew, costKind};
 * a Structured Streaming run adds {@code api} ("structured") and {@code batchCostMs}. Both are left out for a
 * DStream run without a batch cost, so its files are exactly what they were, and a file without them reads as
 * {@code api} dstream, {@code batchCostMs} 0; one without skew or costKind (written before level 2) as uniform
 * words and a wait.
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
 * @param api            which streaming API runs the lesson ({@link Api}); DStream unless said otherwise
 * @param batchCost      a fixed wait per batch, whatever its size (Structured Streaming's "slow sink": paid in
 *                       foreachBatch after the count); {@link Duration#ZERO} for none
 * @param skew           Zipf exponent of the source's words (0: uniform, the original's; {@link KeyDistribution})
 * @param costKind       what the cost is made of: a wait (the original's) or CPU work ({@link CostKind})
 */
@JsonAutoDetect(getterVisibility = JsonAutoDetect.Visibility.NONE, isGetterVisibility = JsonAutoDetect.Visibility.NONE,
        fieldVisibility = JsonAutoDetect.Visibility.NONE, creatorVisibility = JsonAutoDetect.Visibility.NONE)
@JsonIgnoreProperties(ignoreUnknown = true)
public record Knobs(@JsonProperty("job") String job, @JsonProperty("master") String master, Duration batchInterval,
                    @JsonProperty("partitions") int partitions, Duration cost, @JsonProperty("costUnit") CostUnit costUnit,
                    @JsonProperty("linesPerSecond") double linesPerSecond, @JsonProperty("wordsPerLine") int wordsPerLine,
                    Duration blockInterval, Api api, Duration batchCost, @JsonProperty("skew") double skew,
                    @JsonProperty("costKind") CostKind costKind) {

    /** Spark's default {@code spark.streaming.blockInterval}: a receiver cuts a block every 200 ms. */
    public static final Duration DEFAULT_BLOCK_INTERVAL = Duration.ofMillis(200);
    /** The classroom source: 140 lines per second, 3 words per line (the original demo's). */
    public static final double DEFAULT_RATE = 140;
    public static final int DEFAULT_WORDS_PER_LINE = 3;

    /** No API means DStream, no batch cost none, no cost kind the original's wait. */
    public Knobs {
        if (api == null) api = Api.DSTREAM;
        if (batchCost == null) batchCost = Duration.ZERO;
        if (costKind == null) costKind = CostKind.WAIT;
    }

    /** A DStream lesson's knobs before level 2: uniform words, a wait per record, no batch cost. */
    public Knobs(String job, String master, Duration batchInterval, int partitions, Duration cost, CostUnit costUnit,
                 double linesPerSecond, int wordsPerLine, Duration blockInterval) {
        this(job, master, batchInterval, partitions, cost, costUnit, linesPerSecond, wordsPerLine, blockInterval, Api.DSTREAM, Duration.ZERO,
                0, CostKind.WAIT);
    }

    /** A lesson on {@code api} with a batch cost: uniform words, a wait per record. */
    public Knobs(String job, String master, Duration batchInterval, int partitions, Duration cost, CostUnit costUnit,
                 double linesPerSecond, int wordsPerLine, Duration blockInterval, Api api, Duration batchCost) {
        this(job, master, batchInterval, partitions, cost, costUnit, linesPerSecond, wordsPerLine, blockInterval, api, batchCost, 0, CostKind.WAIT);
    }

    /** A DStream lesson with level 2's knobs: skewed words, a wait or CPU work. */
    public Knobs(String job, String master, Duration batchInterval, int partitions, Duration cost, CostUnit costUnit,
                 double linesPerSecond, int wordsPerLine, Duration blockInterval, double skew, CostKind costKind) {
        this(job, master, batchInterval, partitions, cost, costUnit, linesPerSecond, wordsPerLine, blockInterval, Api.DSTREAM, Duration.ZERO,
                skew, costKind);
    }

    /**
     * Reads the flat JSON form; a summary written before rate, words per line or block interval were recorded gets the defaults,
     * one written before Structured Streaming DStream, and one written before level 2 uniform words and a wait.
     */
    @JsonCreator
    static Knobs fromJson(@JsonProperty("job") String job, @JsonProperty("master") String master,
                          @JsonProperty("batchIntervalMs") long batchIntervalMs, @JsonProperty("partitions") int partitions,
                          @JsonProperty("costMs") double costMs, @JsonProperty("costUnit") CostUnit costUnit,
                          @JsonProperty("linesPerSecond") Double linesPerSecond, @JsonProperty("wordsPerLine") Integer wordsPerLine,
                          @JsonProperty("blockIntervalMs") Long blockIntervalMs, @JsonProperty("api") Api api,
                          @JsonProperty("batchCostMs") Double batchCostMs, @JsonProperty("skew") Double skew,
                          @JsonProperty("costKind") CostKind costKind) {
        return new Knobs(job, master, Duration.ofMillis(batchIntervalMs), partitions,
                Double.isNaN(costMs) ? null : Duration.ofNanos(Math.round(costMs * 1e6)), costUnit,
                linesPerSecond == null ? DEFAULT_RATE : linesPerSecond, wordsPerLine == null ? DEFAULT_WORDS_PER_LINE : wordsPerLine,
                blockIntervalMs == null ? DEFAULT_BLOCK_INTERVAL : Duration.ofMillis(blockIntervalMs), api,
                batchCostMs == null || Double.isNaN(batchCostMs) ? Duration.ZERO : Duration.ofNanos(Math.round(batchCostMs * 1e6)),
                skew == null ? 0 : skew, costKind == null ? CostKind.WAIT : costKind);
    }

    public Knobs withJob(String name) {
        return new Knobs(name, master, batchInterval, partitions, cost, costUnit, linesPerSecond, wordsPerLine, blockInterval, api, batchCost, skew, costKind);
    }

    public Knobs withMaster(String m) {
        return new Knobs(job, m, batchInterval, partitions, cost, costUnit, linesPerSecond, wordsPerLine, blockInterval, api, batchCost, skew, costKind);
    }

    public Knobs withBatchInterval(Duration bi) {
        return new Knobs(job, master, bi, partitions, cost, costUnit, linesPerSecond, wordsPerLine, blockInterval, api, batchCost, skew, costKind);
    }

    public Knobs withPartitions(int p) {
        return new Knobs(job, master, batchInterval, p, cost, costUnit, linesPerSecond, wordsPerLine, blockInterval, api, batchCost, skew, costKind);
    }

    public Knobs withCost(Duration c) {
        return new Knobs(job, master, batchInterval, partitions, c, costUnit, linesPerSecond, wordsPerLine, blockInterval, api, batchCost, skew, costKind);
    }

    public Knobs withCostUnit(CostUnit u) {
        return new Knobs(job, master, batchInterval, partitions, cost, u, linesPerSecond, wordsPerLine, blockInterval, api, batchCost, skew, costKind);
    }

    public Knobs withRate(double r) {
        return new Knobs(job, master, batchInterval, partitions, cost, costUnit, r, wordsPerLine, blockInterval, api, batchCost, skew, costKind);
    }

    public Knobs withWordsPerLine(int w) {
        return new Knobs(job, master, batchInterval, partitions, cost, costUnit, linesPerSecond, w, blockInterval, api, batchCost, skew, costKind);
    }

    public Knobs withBlockInterval(Duration b) {
        return new Knobs(job, master, batchInterval, partitions, cost, costUnit, linesPerSecond, wordsPerLine, b, api, batchCost, skew, costKind);
    }

    public Knobs withApi(Api a) {
        return new Knobs(job, master, batchInterval, partitions, cost, costUnit, linesPerSecond, wordsPerLine, blockInterval, a, batchCost, skew, costKind);
    }

    public Knobs withBatchCost(Duration c) {
        return new Knobs(job, master, batchInterval, partitions, cost, costUnit, linesPerSecond, wordsPerLine, blockInterval, api, c, skew, costKind);
    }

    /** "structured", or null (left out of the JSON) for a DStream run. */
    @JsonProperty("api")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    Api apiOrNull() {
        return api == Api.DSTREAM ? null : api;
    }

    /** The batch cost in milliseconds, fractional; null (left out of the JSON) for a DStream run without one. */
    @JsonProperty("batchCostMs")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    Double batchCostMsOrNull() {
        return api == Api.DSTREAM && batchCost.isZero() ? null : batchCostMs();
    }

    public double batchCostMs() {
        return batchCost.toNanos() / 1e6;
    }

    /** Words drawn with this Zipf exponent (0: uniform). */
    public Knobs withSkew(double s) {
        return new Knobs(job, master, batchInterval, partitions, cost, costUnit, linesPerSecond, wordsPerLine, blockInterval, api, batchCost, s, costKind);
    }

    /** The cost paid as a wait or as CPU work. */
    public Knobs withCostKind(CostKind k) {
        return new Knobs(job, master, batchInterval, partitions, cost, costUnit, linesPerSecond, wordsPerLine, blockInterval, api, batchCost, skew, k);
    }

    /** The source's words: the classroom vocabulary with this knob's skew. */
    public KeyDistribution keys() {
        return KeyDistribution.of(skew);
    }

    /** The knobs a command line overrides (run, plan): each non-null value replaces the job's own. */
    public Knobs withOverrides(String m, Duration bi, Integer p, Duration c, Double rate) {
        Knobs s = this;
        if (m != null) s = s.withMaster(m);
        if (bi != null) s = s.withBatchInterval(bi);
        if (p != null) s = s.withPartitions(p);
        if (c != null) s = s.withCost(c);
        if (rate != null) s = s.withRate(rate);
        return s;
    }

    /** Cost in milliseconds, fractional (5.6 ms stays 5.6); NaN when not recorded. */
    @JsonProperty("costMs")
    public double costMs() {
        return cost == null ? Double.NaN : cost.toNanos() / 1e6;
    }

    @JsonProperty("batchIntervalMs")
    public long batchIntervalMs() {
        return batchInterval.toMillis();
    }

    @JsonProperty("blockIntervalMs")
    public long blockIntervalMs() {
        return blockInterval.toMillis();
    }

    /** Lines the source sends in one batch interval: rate × BI. */
    public double linesPerBatch() {
        return linesPerSecond * batchInterval.toNanos() / 1e9;
    }

    /** Records that pay the cost in one batch at the nominal rate: lines, or lines × words per line. */
    public double costedRecordsPerBatch() {
        return costUnit == CostUnit.WORD ? linesPerBatch() * wordsPerLine : linesPerBatch();
    }

    /** Whether master, partitions and cost are known (a summary recomputed from a bare metrics file has only BI). */
    public boolean complete() {
        return master != null && partitions >= 1 && cost != null && costUnit != null;
    }

    /** Knobs known from a metrics file alone: the job and BI. */
    public static Knobs onlyInterval(String job, long batchIntervalMs) {
        return new Knobs(job, null, Duration.ofMillis(batchIntervalMs), 0, null, null, DEFAULT_RATE, DEFAULT_WORDS_PER_LINE,
                DEFAULT_BLOCK_INTERVAL);
    }

    /**
     * Refuses settings that cannot work, each against its documented range ({@link Limits}), with the
     * reason and the fix in one sentence.
     *
     * @throws BadInputException on the first problem found
     */
    public Knobs validate() {
        Limits.BATCH_INTERVAL.check(batchInterval);
        if (batchInterval.toNanos() % 1_000_000 != 0) throw new BadInputException(Messages.get("bad.biWholeMs"));
        Limits.PARTITIONS.check(partitions);
        Limits.COST.check(cost);
        Limits.RATE.check(linesPerSecond);
        Limits.WORDS_PER_LINE.check(wordsPerLine);
        Limits.BLOCK_INTERVAL.check(blockInterval);
        Limits.SKEW.check(skew);
        Master m = Master.parse(master);
        // Structured Streaming's socket source reads at the driver: no receiver holds a slot, local[1] runs.
        if (api == Api.STRUCTURED) {
            Limits.BATCH_COST.check(batchCost);
            return this;
        }
        if (m.isLocal() && m.freeSlots(1) < 1) throw new BadInputException(Messages.get("bad.receiverHoldsOnlySlot", master, m.cores()));
        return this;
    }
}
