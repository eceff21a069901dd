package io.ssplab.pipeline;

import java.io.Serializable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Collectors;

import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;

import io.ssplab.core.Messages;

/**
 * The lab's word count as a Structured Streaming query, in two halves:
 * <ul>
 *   <li>{@link #costPerLine}, the streaming part: {@code lines → repartition(P) → [wait per line] → split},
 *       the DStream exercises' {@code repartition(P).map(slow)} shape, stateless;</li>
 *   <li>{@link #countWords}, run on each micro-batch inside {@code foreachBatch}: a plain batch
 *       {@code groupBy(word).count()}, one Spark job.</li>
 * </ul>
 *
 * <p>Why the count is in foreachBatch and not a streaming {@code groupBy(word).count()}: a streaming
 * aggregation keeps a running total in a state store, so its counts are since the start, not per batch
 * (the DStream lessons count per batch), and its state grows and is rewritten by every batch, which
 * makes Spark's own time per batch grow as the run goes on. foreachBatch hands over exactly the rows of
 * one micro-batch as a static Dataset: per-batch counts, no state, a constant overhead — the lesson's
 * arithmetic needs that. One action per batch: each action would run the whole plan again, the wait
 * per line included.
 */
public final class StructuredWordCount {
    private StructuredWordCount() {
    }

    /**
     * Spark's built-in socket source, by the name {@code DataStreamReader.format} takes: it reads the lines
     * at the driver and ships each batch as partitions, so no receiver holds a task slot.
     */
    public static final String SOCKET_SOURCE = "socket";

    /** One word's count in one batch. */
    public record WordCount(String word, long count) implements Serializable {
    }

    /**
     * @param lines       the input lines (socket source, MemoryStream, …)
     * @param partitions  P: partitions after {@code repartition}, where the wait is paid
     * @param costPerLine the wait paid for each line ({@link RecordCost}); {@link Duration#ZERO} for none
     * @return the words of the lines, one row each
     */
    public static Dataset<String> costPerLine(Dataset<String> lines, int partitions, Duration costPerLine) {
        long costNanos = costPerLine.toNanos(); // a long, so the closure does not capture a Duration
        return lines
                .repartition(partitions)
                .map((MapFunction<String, String>) line -> {
                    RecordCost.pay(costNanos);   // the slow step: a wait per line
                    return line;
                }, Encoders.STRING())
                .flatMap((FlatMapFunction<String, String>) line -> Arrays.asList(Words.split(line)).iterator(), Encoders.STRING());
    }

    /** The batch's word counts, most frequent first (then by word): one Spark job. */
    public static List<WordCount> countWords(Dataset<String> words) {
        List<Row> rows = words.groupBy("value").count().collectAsList();
        List<WordCount> counts = new ArrayList<>(rows.size());
        for (Row r : rows) counts.add(new WordCount(r.getString(0), r.getLong(1)));
        counts.sort(Comparator.comparingLong(WordCount::count).reversed().thenComparing(WordCount::word));
        return counts;
    }

    /** "  top 5 words: word7=19 word3=17 …", the DStream lessons' line. */
    public static String topLine(List<WordCount> counts, int n) {
        String top = counts.isEmpty() ? Messages.get("topWords.none")
                : counts.stream().limit(n).map(c -> c.word() + "=" + c.count()).collect(Collectors.joining(" "));
        return Messages.get("topWords.line", n, top);
    }

    /**
     * The fixed cost per batch (a slow sink: a write that takes as long whatever the batch's size), paid on
     * the driver after the count. Not {@link RecordCost}: its schedule would let one batch's wait catch up on
     * the previous one's. Returns at once for 0, or when interrupted (the query is stopping; the flag is kept).
     */
    public static void payBatchCost(Duration cost) {
        long deadline = System.nanoTime() + cost.toNanos();
        long left;
        while ((left = deadline - System.nanoTime()) > 0) {
            LockSupport.parkNanos(left);
            if (Thread.currentThread().isInterrupted()) return;
        }
    }
}
