package io.ssplab.pipeline;

import java.io.Serializable;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.stream.Collectors;

import org.apache.spark.streaming.api.java.JavaPairDStream;

import io.ssplab.core.BadInputException;
import io.ssplab.core.Messages;
import scala.Tuple2;

/**
 * Prints the most frequent words of each batch on one line — the lab's version of the original's
 * {@code pprint(5)}, kept to one line so it does not bury the batch metrics table.
 *
 * <p>Where the line goes: to {@code System.out}, unless the run that built the graph routed it
 * elsewhere ({@link #route}: the lab's runner sends it to its own console, a sweep to a cell's log).
 * The output function is part of the streaming graph, which a checkpoint serializes, so it holds
 * only the route's name, never a stream.
 */
public final class TopWords {
    private static final Map<String, Consumer<String>> ROUTES = new ConcurrentHashMap<>();

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

    /** Registers an output that prints the top {@code n} words of every batch to {@code System.out}. */
    public static void print(JavaPairDStream<String, Integer> counts, int n) {
        print(counts, n, "");
    }

    /** Registers an output that prints the top {@code n} words of every batch along {@code route} (see {@link #route}). */
    public static void print(JavaPairDStream<String, Integer> counts, int n, String route) {
        // An exercise's topWordsToPrint() can return anything: a refusal in one line, not a stack trace.
        if (n < 1) throw new BadInputException(Messages.get("topWords.bad", n));
        counts.foreachRDD(rdd -> {
            List<Tuple2<String, Integer>> top = rdd.top(n, new ByCount());
            ROUTES.getOrDefault(route, System.out::println).accept(Messages.get("topWords.line", n, format(top)));
        });
    }

    /** Sends the lines of graphs built with {@code route} to {@code out} until {@link #unroute}. */
    public static void route(String route, Consumer<String> out) {
        ROUTES.put(route, out);
    }

    public static void unroute(String route) {
        ROUTES.remove(route);
    }

    static String format(List<Tuple2<String, Integer>> top) {
        if (top.isEmpty()) return Messages.get("topWords.none");
        return top.stream().map(t -> t._1() + "=" + t._2()).collect(Collectors.joining(" "));
    }
}
