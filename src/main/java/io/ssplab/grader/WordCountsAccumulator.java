package io.ssplab.grader;

import java.util.HashMap;
import java.util.Map;

import org.apache.spark.util.AccumulatorV2;

import scala.Tuple2;

/** Word → count, added up in the tasks and merged on the driver: one per batch and side of the {@link CountsTap}. */
final class WordCountsAccumulator extends AccumulatorV2<Tuple2<String, Long>, Map<String, Long>> {
    private static final long serialVersionUID = 1L;
    private final HashMap<String, Long> counts = new HashMap<>();

    @Override
    public boolean isZero() {
        synchronized (counts) {
            return counts.isEmpty();
        }
    }

    @Override
    public AccumulatorV2<Tuple2<String, Long>, Map<String, Long>> copy() {
        WordCountsAccumulator c = new WordCountsAccumulator();
        synchronized (counts) {
            c.counts.putAll(counts);
        }
        return c;
    }

    @Override
    public void reset() {
        synchronized (counts) {
            counts.clear();
        }
    }

    @Override
    public void add(Tuple2<String, Long> wordCount) {
        synchronized (counts) {
            counts.merge(wordCount._1(), wordCount._2(), Long::sum);
        }
    }

    @Override
    public void merge(AccumulatorV2<Tuple2<String, Long>, Map<String, Long>> other) {
        Map<String, Long> theirs = other.value();
        synchronized (counts) {
            theirs.forEach((w, n) -> counts.merge(w, n, Long::sum));
        }
    }

    @Override
    public Map<String, Long> value() {
        synchronized (counts) {
            return new HashMap<>(counts);
        }
    }
}
