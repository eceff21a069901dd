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
 * Exercise, step 2 — <em>fix</em> the delay you created in step 1.
 *
 * <p>Same pipeline, same source, same 2 s batch interval, and every line still costs a wait (a
 * lighter one is allowed: step 2 suggests 5 ms). Make the batches finish in time: PT below BI in
 * every batch, scheduling delay back at 0, no queued batches, no line dropped. This step runs on
 * {@code local[8]}: 8 task slots, one held by the receiver.
 *
 * <p>What to observe (Spark UI → Streaming, or the live table): PT under the 2 s line, Scheduling
 * Delay flat at 0, Total Delay ≈ PT. Compare with step 1: what changed the processing time?
 *
 * <p>The rules, which {@code bin/ssp check fix-delay} verifies: the batch interval stays 2 s (a
 * longer one hides the delay instead of fixing it), a wait per line is still paid (removing it is not
 * the fix being taught), every received line is counted (dropping lines is not a fix either), and
 * the source keeps its full rate. Read step 2 in {@code exercises/README.md} (or README.vi.md).
 *
 * <p>Run: {@code bin/ssp run fix-delay}. Check: {@code bin/ssp check fix-delay}.
 */
public class FixDelayExercise extends WordCountExercise {

    @Override
    public Duration batchInterval() {
        // GAP 1: the batch interval stays as in step 1.
        return gap(1, "batch interval", "keep step 1's batch interval: the point is to fix the delay without cutting batches differently");
    }

    @Override
    public Duration sleepPerLine() {
        // GAP 2: each line still costs a wait — how much? (step 2 suggests a lighter one)
        return gap(2, "wait per line", "keep a per-line wait (the lesson compares a lighter load, not none): see step 2 in exercises/README.md");
    }

    @Override
    public int repartitionTo() {
        // GAP 3: how many partitions let the free task slots work on one batch at once?
        return gap(3, "repartition", "PT ≈ waves × lines per partition × wait: how many partitions keep all free slots of local[8] busy?");
    }

    @Override
    public int reducePartitions() {
        // GAP 4: how many partitions does reduceByKey produce?
        return gap(4, "reduceByKey partitions", "match the repartition, so both stages use the same parallelism");
    }

    @Override
    public int topWordsToPrint() {
        // GAP 5: how many of the most frequent words to print per batch?
        return gap(5, "top words to print", "print as many top words as in step 1");
    }

    @Override
    public String master() {
        return "local[8]";   // 8 task slots; the receiver holds one of them
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
        return "fix-delay";
    }

    @Override
    public String description() {
        return "exercise step 2: fix the delay (PT < BI, scheduling delay ≈ 0)";
    }

    public static void main(String[] args) {
        Main.runJobMain("fix-delay", args);
    }
}
