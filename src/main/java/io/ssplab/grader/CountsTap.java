package io.ssplab.grader;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.spark.streaming.api.java.JavaDStream;
import org.apache.spark.streaming.api.java.JavaPairDStream;

import io.ssplab.core.Knobs;
import io.ssplab.pipeline.StreamingJob;
import io.ssplab.pipeline.Words;
import scala.Tuple2;

/**
 * A job as the skew check runs it: its own pipeline, untouched, between two taps that count the words of
 * every batch — before the pipeline, directly from the batch's lines, and after it, from the job's word
 * counts. The two must be equal word for word: a salted aggregation that loses, doubles or mislabels a
 * word shows up in the batch where it happened.
 *
 * <p>Both taps are {@code map}s inside stages that run anyway (the first reads the receiver's blocks, the
 * second the job's last stage, the one that prints the top words), feeding one accumulator per batch: no
 * Spark job and no task are added, so PT stays what the job costs. (Local mode never retries a task, so
 * nothing is counted twice; see {@link GradedJob}.)
 */
final class CountsTap implements StreamingJob {
    private final StreamingJob job;
    private final Map<Long, WordCountsAccumulator> direct = new ConcurrentHashMap<>();
    private final Map<Long, WordCountsAccumulator> counted = new ConcurrentHashMap<>();

    CountsTap(StreamingJob job) {
        this.job = job;
    }

    @Override
    public JavaPairDStream<String, Integer> wordCounts(JavaDStream<String> lines, Knobs knobs) {
        Map<Long, WordCountsAccumulator> before = direct; // the closures capture the maps only, not this tap
        Map<Long, WordCountsAccumulator> after = counted;
        JavaDStream<String> tapped = lines.transform((rdd, time) -> {
            WordCountsAccumulator words = new WordCountsAccumulator();
            rdd.context().register(words, "words of the lines of batch " + time.milliseconds());
            before.put(time.milliseconds(), words);
            return rdd.map(line -> {
                for (String w : Words.split(line)) words.add(new Tuple2<>(w, 1L));
                return line;
            });
        });
        return job.wordCounts(tapped, knobs).transformToPair((rdd, time) -> {
            WordCountsAccumulator words = new WordCountsAccumulator();
            rdd.context().register(words, "words counted in batch " + time.milliseconds());
            after.put(time.milliseconds(), words);
            return rdd.mapToPair(count -> {
                words.add(new Tuple2<>(count._1(), (long) count._2()));
                return count;
            });
        });
    }

    /** Batch time → word → count, from each batch's lines. */
    Map<Long, Map<String, Long>> direct() {
        return values(direct);
    }

    /** Batch time → word → count, as the job counted them. */
    Map<Long, Map<String, Long>> counted() {
        return values(counted);
    }

    private static Map<Long, Map<String, Long>> values(Map<Long, WordCountsAccumulator> byBatch) {
        Map<Long, Map<String, Long>> v = new HashMap<>();
        byBatch.forEach((t, a) -> v.put(t, a.value()));
        return v;
    }

    @Override
    public String name() {
        return job.name();
    }

    @Override
    public String description() {
        return job.description();
    }

    @Override
    public Knobs defaults() {
        return job.defaults();
    }

    @Override
    public int topWordsToPrint() {
        return job.topWordsToPrint();
    }

    @Override
    public boolean knobsInCode() {
        return job.knobsInCode();
    }

    @Override
    public int keySalts() {
        return job.keySalts();
    }
}
