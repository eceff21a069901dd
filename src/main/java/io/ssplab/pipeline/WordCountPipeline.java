package io.ssplab.pipeline;

import java.time.Duration;
import java.util.Arrays;

import org.apache.spark.streaming.api.java.JavaDStream;
import org.apache.spark.streaming.api.java.JavaPairDStream;

import scala.Tuple2;

/**
 * The one pipeline every demo phase runs:
 * {@code lines → repartition(P) → flatMap(split) → [cost per word] → map(w, 1) → reduceByKey(+, P)}.
 *
 * <p>It takes its input stream as a parameter, so a test can feed it from a queue and a real run
 * from a socket. Phases differ only in the arguments.
 */
public final class WordCountPipeline {
    private WordCountPipeline() {
    }

    /**
     * @param lines      the input lines (socket, queue, …)
     * @param partitions P: partitions after {@code repartition} and of {@code reduceByKey}
     * @param costPerWord the wait paid for each word; {@link Duration#ZERO} for none
     */
    public static JavaPairDStream<String, Integer> wordCounts(JavaDStream<String> lines, int partitions,
                                                              Duration costPerWord) {
        long costNanos = costPerWord.toNanos(); // a long, so the closure does not capture a Duration
        return lines
                .repartition(partitions)
                .flatMap(line -> Arrays.asList(Words.split(line)).iterator())
                .map(word -> {
                    RecordCost.pay(costNanos);
                    return word;
                })
                .mapToPair(word -> new Tuple2<>(word, 1))
                .reduceByKey(Integer::sum, partitions);
    }
}
