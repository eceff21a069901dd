package io.ssplab.jobs;

import java.time.Duration;

import org.apache.spark.sql.Dataset;
import org.apache.spark.streaming.api.java.JavaDStream;
import org.apache.spark.streaming.api.java.JavaPairDStream;

import io.ssplab.core.Api;
import io.ssplab.core.CostUnit;
import io.ssplab.core.Knobs;
import io.ssplab.pipeline.StreamingJob;
import io.ssplab.pipeline.StructuredJob;
import io.ssplab.pipeline.StructuredWordCount;
import io.ssplab.pipeline.WordCountPipeline;

/**
 * {@code bin/ssp compare}: one setting run twice, as a DStream job and as a Structured Streaming query, with
 * the same pipeline — {@code repartition(P)}, a wait per line, split, count — on the same knobs.
 *
 * <p>Default knobs: {@code local[2]}, P = 2, 10 ms per line, BI = trigger 3 s, 140 lines/s (420 lines per
 * interval). Arithmetic (o: Spark's own time per batch, ≈ 0.2–0.3 s for a DStream batch, 0.5–2 s for a
 * micro-batch on the lab's 2-core machine):
 * <pre>
 *   DStream       the receiver holds 1 of the 2 slots: 1 left, the 2 tasks run in 2 waves
 *                 a = 10 ms × 2 waves / P=2 = 10 ms per line;  PT = o + 420 × 10 ms ≈ 4.4 s = 1.47 × BI
 *                 each batch starts PT − BI ≈ 1.4 s later than the one before: UNSTABLE, without bound
 *   query         no receiver (the socket source reads at the driver): 2 slots, the 2 tasks in 1 wave
 *                 a = 10 ms × 1 wave / P=2 = 5 ms per line;  a·r = 0.70 &lt; 1
 *                 D = o + a·r·T = o + 2.1 s: STABLE while o ≤ 0.9 s, else settled at D* = o / 0.3 (3.7 s for o = 1.1 s)
 * </pre>
 * Why 10 ms: the DStream job stays well above its interval whatever o is (PT/BI ≥ 1.4, the scheduling delay
 * climbing over a second per batch), while the query's a·r stays far enough below 1 that its batches settle
 * in a few batches (the gap to D* shrinks ×0.7 per batch) instead of drifting for twenty.
 */
public final class ApiComparison {
    /** The setting both runs share; the command line overrides master, BI, P, cost and rate. */
    public static final Knobs KNOBS = new Knobs("compare", "local[2]", Duration.ofSeconds(3), 2, Duration.ofMillis(10), CostUnit.LINE,
            Knobs.DEFAULT_RATE, Knobs.DEFAULT_WORDS_PER_LINE, Knobs.DEFAULT_BLOCK_INTERVAL);
    /** The DStream run's name: its files are dstream.jsonl and its entry in summary.json. */
    public static final String DSTREAM = "dstream";
    /** The query's name: structured.jsonl. */
    public static final String STRUCTURED = "structured";

    private ApiComparison() {
    }

    /** The knobs of the DStream run. */
    public static Knobs dstreamKnobs(Knobs k) {
        return k.withJob(DSTREAM).withApi(Api.DSTREAM);
    }

    /** The same knobs for the query: BI is its trigger. */
    public static Knobs queryKnobs(Knobs k) {
        return k.withJob(STRUCTURED).withApi(Api.STRUCTURED);
    }

    /** The DStream side: lines → repartition(P) → wait per line → split → reduceByKey(P). */
    public static final class DStreamSide implements StreamingJob {
        @Override
        public String name() {
            return DSTREAM;
        }

        @Override
        public Knobs defaults() {
            return dstreamKnobs(KNOBS);
        }

        @Override
        public JavaPairDStream<String, Integer> wordCounts(JavaDStream<String> lines, Knobs knobs) {
            return WordCountPipeline.costPerLine(lines, knobs.partitions(), knobs.cost(), knobs.partitions());
        }
    }

    /** The query side: lines → repartition(P) → wait per line → split, counted per micro-batch. */
    public static final class QuerySide implements StructuredJob {
        @Override
        public String name() {
            return STRUCTURED;
        }

        @Override
        public Knobs defaults() {
            return queryKnobs(KNOBS);
        }

        @Override
        public Dataset<String> words(Dataset<String> lines, Knobs knobs) {
            return StructuredWordCount.costPerLine(lines, knobs.partitions(), knobs.cost());
        }
    }
}
