package io.ssplab.solutions;

import java.time.Duration;
import java.util.Arrays;

import org.apache.spark.streaming.api.java.JavaDStream;
import org.apache.spark.streaming.api.java.JavaPairDStream;

import io.ssplab.cli.Main;
import io.ssplab.exercises.FillGapsExercise;
import io.ssplab.exercises.WordCountExercise;
import io.ssplab.jobs.JobSpec;
import io.ssplab.pipeline.RecordCost;
import io.ssplab.pipeline.Words;
import scala.Tuple2;

/**
 * Reference solution of exercise step 1 ({@link FillGapsExercise}): the same shape, every gap filled.
 * Students: try the exercise first — {@code bin/ssp check fill-gaps} tells you how you did.
 *
 * <p>Run: {@code bin/ssp run fill-gaps --solution}. Check: {@code bin/ssp check fill-gaps --solution}.
 */
public class FillGapsSolution extends WordCountExercise {

    @Override
    public Duration batchInterval() {
        // SOLUTION 1: how often is a batch cut? (step 1: 2 seconds)
        return Duration.ofSeconds(2);
    }

    @Override
    public Duration sleepPerLine() {
        // SOLUTION 2: how long does one line cost? (step 1: 15 milliseconds)
        return Duration.ofMillis(15);
    }

    @Override
    public int repartitionTo() {
        // SOLUTION 3: 4 partitions of 70 lines on 3 free slots: 2 waves × 70 lines × 15 ms ≈ 2.1 s > BI
        return 4;
    }

    @Override
    public int reducePartitions() {
        // SOLUTION 4: how many partitions does reduceByKey produce? (step 1: 4)
        return 4;
    }

    @Override
    public int topWordsToPrint() {
        // SOLUTION 5: how many of the most frequent words to print per batch? (step 1: 5)
        return 5;
    }

    @Override
    public String master() {
        return "local[4]";   // 4 task slots; the receiver holds one of them
    }

    /** The pipeline: the same shape as the exercise. */
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
        return "solution of step 1: fill the gaps and watch a delay build up (PT > BI)";
    }

    public static void main(String[] args) {
        Main.runJobMain("fill-gaps", Main.withSolution(args));
    }
}
