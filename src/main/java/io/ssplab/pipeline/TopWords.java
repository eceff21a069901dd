package io.ssplab.pipeline;

import java.io.Serializable;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;

import org.apache.spark.streaming.api.java.JavaPairDStream;

import scala.Tuple2;

/**
 * Prints the most frequent words of each batch on one line — the lab's version of the original's
 * {@code pprint(5)}, kept to one line so it does not bury the batch metrics table.
 */
public final class TopWords {
    private TopWords() {
    }

    /** Orders (word, count) by count descending, then word, so the output is stable. */
    static final class ByCount implements Comparator<Tuple2<String, Integer>>, Serializable {
        @Override
        public int compare(Tuple2<String, Integer> a, Tuple2<String, Integer> b) {
            int c = Integer.compare(a._2(), b._2());
            return c != 0 ? c : b._1().compareTo(a._1());
        }
    }

    /** Registers an output that prints the top {@code n} words of every batch. */
    public static void print(JavaPairDStream<String, Integer> counts, int n) {
        if (n < 1) throw new IllegalArgumentException("the number of top words to print must be at least 1, got " + n);
        counts.foreachRDD(rdd -> {
            List<Tuple2<String, Integer>> top = rdd.top(n, new ByCount());
            System.out.println("  top " + n + " words: " + format(top));
        });
    }

    static String format(List<Tuple2<String, Integer>> top) {
        if (top.isEmpty()) return "(no words)";
        return top.stream().map(t -> t._1() + "=" + t._2()).collect(Collectors.joining(" "));
    }
}
