package io.ssplab.pipeline;

import java.time.Duration;
import java.util.Arrays;

import org.apache.spark.streaming.api.java.JavaDStream;
import org.apache.spark.streaming.api.java.JavaPairDStream;

import io.ssplab.core.CostKind;
import scala.Tuple2;

/**
 * The lab's two word-count pipelines. Each takes its input stream as a parameter, so a test feeds it
 * from a queue and a real run from a socket; jobs differ only in the arguments.
 *
 * <ul>
 *   <li>{@link #costPerWord}, the demo phases': {@code lines → repartition(P) → split → [wait per word]
 *       → (word, 1) → reduceByKey(+, P)};</li>
 *   <li>{@link #costPerLine}, the exercises': {@code lines → repartition(P) → [wait per line] → split →
 *       (word, 1) → reduceByKey(+, R)}, as the original's {@code repartition(P).map(slow)}.</li>
 * </ul>
 */
public final class WordCountPipeline {
    private WordCountPipeline() {
    }

    /**
     * @param lines       the input lines (socket, queue, …)
     * @param partitions  P: partitions after {@code repartition} and of {@code reduceByKey}
     * @param costPerWord the wait paid for each word; {@link Duration#ZERO} for none
     */
    public static JavaPairDStream<String, Integer> costPerWord(JavaDStream<String> lines, int partitions, Duration costPerWord) {
        return costPerWord(lines, partitions, costPerWord, CostKind.WAIT);
    }

    /**
     * The same pipeline with the cost paid as a wait or as CPU work ({@code --cost-kind}, docs/level2.md).
     *
     * @param kind what the cost per word is made of
     */
    public static JavaPairDStream<String, Integer> costPerWord(JavaDStream<String> lines, int partitions, Duration costPerWord,
                                                               CostKind kind) {
        Cost cost = Cost.of(costPerWord, kind); // built here, on the driver: CPU work is calibrated once
        return lines
                .repartition(partitions)
                .flatMap(line -> Arrays.asList(Words.split(line)).iterator())
                .map(word -> {
                    cost.pay();
                    return word;
                })
                .mapToPair(word -> new Tuple2<>(word, 1))
                .reduceByKey(Integer::sum, partitions);
    }

    /**
     * @param repartitionTo    partitions after {@code repartition}, where the wait is paid
     * @param waitPerLine      the wait paid for each line; {@link Duration#ZERO} for none
     * @param reducePartitions partitions of {@code reduceByKey}
     */
    public static JavaPairDStream<String, Integer> costPerLine(JavaDStream<String> lines, int repartitionTo, Duration waitPerLine,
                                                               int reducePartitions) {
        long waitNanos = waitPerLine.toNanos();
        return lines
                .repartition(repartitionTo)
                .map(line -> {
                    RecordCost.pay(waitNanos);   // the slow step: a wait per line
                    return line;
                })
                .flatMap(line -> Arrays.asList(Words.split(line)).iterator())
                .mapToPair(word -> new Tuple2<>(word, 1))
                .reduceByKey(Integer::sum, reducePartitions);
    }

    /**
     * The demo phases' pipeline without the repartition: {@code lines → split → [wait per word] → (word, 1) →
     * reduceByKey(+, P)}. The cost is paid on the input's own partitions: on Kafka one per topic partition
     * (the partitions lesson, docs/kafka.md), however many slots the job has.
     */
    public static JavaPairDStream<String, Integer> costPerWordInPlace(JavaDStream<String> lines, int reducePartitions, Duration costPerWord,
                                                                      CostKind kind) {
        Cost cost = Cost.of(costPerWord, kind);
        return lines
                .flatMap(line -> Arrays.asList(Words.split(line)).iterator())
                .map(word -> {
                    cost.pay();
                    return word;
                })
                .mapToPair(word -> new Tuple2<>(word, 1))
                .reduceByKey(Integer::sum, reducePartitions);
    }
}
