package io.ssplab.jobs;

import java.time.Duration;

import org.apache.spark.streaming.api.java.JavaDStream;
import org.apache.spark.streaming.api.java.JavaPairDStream;

import io.ssplab.core.CostKind;
import io.ssplab.core.CostUnit;
import io.ssplab.core.Knobs;
import io.ssplab.core.Verdict;
import io.ssplab.pipeline.SkewPipeline;
import io.ssplab.pipeline.Standalone;
import io.ssplab.pipeline.StreamingJob;

/**
 * Level 2, skew — one hot key makes one task dominate, and adding partitions or cores does nothing.
 *
 * <p>Knobs: {@code local[8]} (7 free task slots), P = 7, BI 2 s, a cost of 8 ms per word paid
 * <em>after</em> the shuffle by key ({@link SkewPipeline#perKey}: {@code groupByKey(7)}, then every record
 * of a key is worked on in the task that holds the key), on a skewed stream: the words follow a Zipf law
 * of exponent 1.2 over the 50 words, so word0 is 30.2% of them.
 *
 * <p>Arithmetic (the model's, as {@code bin/ssp plan --job skew} prints it):
 * <pre>
 *   records per batch   140 lines/s × 2 s × 3 words           = 840 words
 *   the mean partition  840 / P=7                              = 120 words → 0.96 s: "the average load fits" (ρ ≈ 0.5)
 *   the keys            word0 alone                            = 30.2% = 254 words, all in ONE task
 *   by key on 7         hash(word) mod 7 puts word0 with lighter words:
 *                       largest partition 36.4% = 305.5 words, median 8.8% = 74 words
 *   cost                one wave, the largest task sets its end: 305.5 × 8 ms ≈ 2.44 s
 *   overhead            Spark's own, 17 tasks                  ≈ 0.08 s
 *   PT                  ≈ 2.52 s;  PT / BI ≈ 1.26: UNSTABLE, the delay grows ≈ 0.52 s per batch
 *   task max / median   305.5 / 74                             ≈ 4.1 (the Spark UI's stage page, Duration Max vs Median)
 * </pre>
 * More partitions do not help: word0's 254 words are one key, so one task, whatever P — with P = 28 the
 * largest task still holds 256 words, and PT ≈ 2.27 s (ρ ≈ 1.13) with four waves on 7 slots
 * ({@code bin/ssp plan --job skew --partitions 28}); more cores neither ({@code --master local[16]}: 2.52 s).
 * A longer interval makes word0's share of it just as long. What helps is to split the hot key:
 * salting, a two-phase aggregation — exercise {@code fix-skew} ({@code bin/ssp check fix-skew}), whose
 * solution spreads every word over 7 salted keys and brings the largest partition to the mean, 120
 * words: PT ≈ 1.05 s.
 *
 * <p>Observe in the Spark UI (http://127.0.0.1:4040): the Streaming tab shows Processing Time above the
 * 2 s line although the Input Rate is the usual 140 records/s; open a batch, then its job, then the stage
 * with 7 tasks: Summary Metrics shows Duration Max ≈ 2.4 s against a Median ≈ 0.6 s, and the task list,
 * sorted by Duration, the one task with ≈ 300 Shuffle Read Records. The live table's last column is
 * that ratio, batch by batch.
 *
 * <p>Run: {@code bin/ssp run skew}. Without the lab: {@code bin/ssp source --skew 1.2} in one terminal,
 * {@code spark-submit --class io.ssplab.jobs.KeySkew --master local[8] target/spark-streaming-lab-app.jar [HOST [PORT]]}
 * in another.
 */
public final class KeySkew implements StreamingJob {
    /** Zipf exponent of the lesson's stream: word0 ≈ 30% of 50 words, enough on its own to exceed BI. */
    public static final double SKEW = 1.2;
    /** The per-word cost paid after the shuffle by key. */
    public static final Duration COST_PER_WORD = Duration.ofMillis(8);
    public static final Knobs KNOBS = new Knobs("skew", "local[8]", Duration.ofSeconds(2), 7, COST_PER_WORD, CostUnit.WORD,
            Knobs.DEFAULT_RATE, Knobs.DEFAULT_WORDS_PER_LINE, Knobs.DEFAULT_BLOCK_INTERVAL, SKEW, CostKind.WAIT);
    /** What the lesson expects: the hot key's task makes PT exceed BI. */
    public static final Verdict EXPECTED = Verdict.UNSTABLE;

    @Override
    public Knobs defaults() {
        return KNOBS;
    }

    @Override
    public JavaPairDStream<String, Integer> wordCounts(JavaDStream<String> lines, Knobs knobs) {
        return SkewPipeline.perKey(lines, knobs.partitions(), knobs.cost(), knobs.costKind());
    }

    /** The cost is paid after the shuffle by key, not salted. */
    @Override
    public int keySalts() {
        return 1;
    }

    public static void main(String[] args) throws InterruptedException {
        Standalone.run(KNOBS, java.util.Map.of(), 5, lines -> SkewPipeline.perKey(lines, KNOBS.partitions(), KNOBS.cost(), KNOBS.costKind()), args);
    }
}
