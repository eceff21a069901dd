package io.ssplab.exercises;

import java.time.Duration;
import java.util.Arrays;

import org.apache.spark.streaming.api.java.JavaDStream;
import org.apache.spark.streaming.api.java.JavaPairDStream;

import io.ssplab.cli.Main;
import io.ssplab.jobs.JobSpec;
import io.ssplab.pipeline.RecordCost;
import io.ssplab.pipeline.Words;
import scala.Tuple2;

/**
 * Exercise, step 1 — fill the gaps and <em>create</em> a delay.
 *
 * <p>Step 1 asks for: batch interval 2 s, a wait of 15 ms per line, repartition to 4, reduceByKey
 * with 4 partitions, print the top 5 words, on {@code local[4]}. Replace each {@code gap(…)} call
 * below with your value. Read {@code exercises/README.md} (or README.vi.md) first.
 *
 * <p>What to observe once it runs (Spark UI → Streaming, http://127.0.0.1:4040/streaming/, or the
 * live table): is PT above or below BI? What does Scheduling Delay do, batch after batch? Why?
 *
 * <p>Run: {@code bin/ssp run fill-gaps}. Check: {@code bin/ssp check fill-gaps}.
 */
public class FillGapsExercise extends WordCountExercise {

    @Override
    public Duration batchInterval() {
        // GAP 1: how often is a batch cut? (step 1: 2 seconds)
        return gap(1, "batch interval", "return Duration.ofSeconds(...) with the batch interval step 1 asks for");
    }

    @Override
    public Duration sleepPerLine() {
        // GAP 2: how long does one line cost? (step 1: 15 milliseconds)
        return gap(2, "wait per line", "return Duration.ofMillis(...) with the per-line wait step 1 asks for");
    }

    @Override
    public int repartitionTo() {
        // GAP 3: into how many partitions is each batch split? (step 1: 4)
        return gap(3, "repartition", "return the number of partitions each batch is split into before the slow map");
    }

    @Override
    public int reducePartitions() {
        // GAP 4: how many partitions does reduceByKey produce? (step 1: 4)
        return gap(4, "reduceByKey partitions", "return the number of partitions reduceByKey should write; step 1 keeps it equal to the repartition");
    }

    @Override
    public int topWordsToPrint() {
        // GAP 5: how many of the most frequent words to print per batch? (step 1: 5)
        return gap(5, "top words to print", "return how many of the most frequent words each batch prints (the Python original printed them with pprint)");
    }

    @Override
    public String master() {
        return "local[4]";   // 4 task slots; the receiver holds one of them
    }

    /** The pipeline: the same shape as the solution. */
    @Override
    public JavaPairDStream<String, Integer> wordCounts(JavaDStream<String> lines, JobSpec knobs) {
        long sleepNanos = sleepPerLine().toNanos();
        return lines
                .repartition(repartitionTo())
                .map(line -> {
                    RecordCost.pay(sleepNanos);   // the slow step: a wait per line
                    return line;
                })
                .flatMap(line -> Arrays.asList(Words.split(line)).iterator())
                .mapToPair(word -> new Tuple2<>(word, 1))
                .reduceByKey(Integer::sum, reducePartitions());
    }

    @Override
    public String name() {
        return "fill-gaps";
    }

    @Override
    public String description() {
        return "exercise step 1: fill the gaps and watch a delay build up (PT > BI)";
    }

    public static void main(String[] args) {
        Main.runJobMain("fill-gaps", args);
    }
}
