package io.ssplab.pipeline;

import java.time.Duration;
import java.util.Arrays;
import java.util.Iterator;

import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.streaming.api.java.JavaDStream;
import org.apache.spark.streaming.api.java.JavaPairDStream;

import io.ssplab.core.BatchMetrics;
import io.ssplab.core.CostKind;
import scala.Tuple2;

/**
 * The word counts of the skew lesson (docs/level2.md), where the cost is paid <em>after</em> the shuffle,
 * per key — as in a per-user sessionization or a per-product enrichment: every record of a key is worked
 * on in the one task that holds the key. With skewed keys that task holds the hot key's records and
 * dominates its stage, however many partitions or cores there are.
 *
 * <ul>
 *   <li>{@link #perKey}: {@code lines → split → (word, 1) → groupByKey(P) → [cost per record of each key] → count};</li>
 *   <li>{@link #salted}, the fix: {@code lines → split → (salted word, 1) → groupByKey(P) → [cost per record] →
 *       partial count → (word, partial) → reduceByKey(+, P)}: a two-phase aggregation, whose first phase spreads a
 *       hot key over {@code salts} tasks and whose second adds the partial counts up again.</li>
 * </ul>
 * The RDD that pays the cost is named {@value #COST_RDD}: the task metrics find the cost stage by it. The
 * grouping is the RDD's {@code groupByKey}, which sends every record through the shuffle as it is (no
 * map-side combine, unlike the DStream's): the stage page's Shuffle Read Records per task are the records
 * each task pays for.
 */
public final class SkewPipeline {
    /** The name of the RDD that pays the per-record cost, in the Spark UI's DAG view and for the task metrics. */
    public static final String COST_RDD = BatchMetrics.COST_STAGE_RDD;

    private SkewPipeline() {
    }

    /**
     * @param partitions  P of the shuffle by key
     * @param costPerWord what each record costs, paid in the task that holds its key
     * @param kind        a wait or CPU work
     */
    public static JavaPairDStream<String, Integer> perKey(JavaDStream<String> lines, int partitions, Duration costPerWord, CostKind kind) {
        Cost cost = Cost.of(costPerWord, kind);
        return lines
                .flatMap(line -> Arrays.asList(Words.split(line)).iterator())
                .mapToPair(word -> new Tuple2<>(word, 1))
                .transformToPair(rdd -> named(rdd.groupByKey(partitions).mapValues(ones -> payEach(ones, cost))));
    }

    /**
     * @param salting how a word becomes its phase-1 key, and back
     */
    public static JavaPairDStream<String, Integer> salted(JavaDStream<String> lines, int partitions, Duration costPerWord, CostKind kind,
                                                          KeySalting salting) {
        Cost cost = Cost.of(costPerWord, kind);
        return lines
                .flatMap(line -> Arrays.asList(Words.split(line)).iterator())
                .mapPartitionsToPair(words -> salt(words, salting))                                          // phase 1: (word#salt, 1)
                .transformToPair(rdd -> named(rdd.groupByKey(partitions).mapValues(ones -> payEach(ones, cost)))) // partial count per salted key
                .mapToPair(partial -> new Tuple2<>(salting.originalKey(partial._1()), partial._2())) // phase 2: (word, partial)
                .reduceByKey(Integer::sum, partitions);
    }

    /** Each word of a task with its salted key: the salt comes from the word's index in the task. */
    private static Iterator<Tuple2<String, Integer>> salt(Iterator<String> words, KeySalting salting) {
        return new Iterator<>() {
            private int index;

            @Override
            public boolean hasNext() {
                return words.hasNext();
            }

            @Override
            public Tuple2<String, Integer> next() {
                return new Tuple2<>(salting.saltedKey(words.next(), index++), 1);
            }
        };
    }

    /** Pays the cost once per record of a key and counts them. */
    static int payEach(Iterable<Integer> ones, Cost cost) {
        int n = 0;
        for (int one : ones) {
            cost.pay();
            n += one;
        }
        return n;
    }

    private static JavaPairRDD<String, Integer> named(JavaPairRDD<String, Integer> rdd) {
        rdd.setName(COST_RDD);
        return rdd;
    }
}
