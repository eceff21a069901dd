package io.ssplab.exercises;

import java.time.Duration;

import org.apache.spark.streaming.api.java.JavaDStream;
import org.apache.spark.streaming.api.java.JavaPairDStream;

import io.ssplab.core.BadInputException;
import io.ssplab.core.CostKind;
import io.ssplab.core.CostUnit;
import io.ssplab.core.Knobs;
import io.ssplab.core.Limits;
import io.ssplab.core.Messages;
import io.ssplab.pipeline.KeySalting;
import io.ssplab.pipeline.SkewPipeline;

/**
 * What the skew exercise ({@code fix-skew}) and its solution have in common: the three gaps of a salted,
 * two-phase aggregation, as methods, and the one pipeline both run with them,
 * {@link SkewPipeline#salted}: {@code lines → split → (saltedKey(word, index), 1) → groupByKey(7) → 8 ms per
 * record → partial count → (originalKey(salted key), partial) → reduceByKey(+, 7)}, on the skew lesson's
 * stream and knobs ({@link #KNOBS}: the same as {@code io.ssplab.jobs.KeySkew}'s).
 *
 * <p>A solution extends this class, never the student's exercise. The tasks call the gap methods, so the
 * exercise travels to them: it is {@link java.io.Serializable} (through {@link KeySalting}) and keeps no fields.
 */
public abstract class SaltingExercise extends GapExercise implements KeySalting {
    private static final long serialVersionUID = 1L;

    /** The skew lesson's knobs: local[8] (7 free slots), P = 7, 8 ms per word after the shuffle, words of Zipf exponent 1.2. */
    public static final Knobs KNOBS = new Knobs("fix-skew", "local[8]", Duration.ofSeconds(2), 7, Duration.ofMillis(8), CostUnit.WORD,
            Knobs.DEFAULT_RATE, Knobs.DEFAULT_WORDS_PER_LINE, Knobs.DEFAULT_BLOCK_INTERVAL, 1.2, CostKind.WAIT);

    /** Gap 1 — into how many salted keys each word is spread. */
    @Override
    public abstract int salts();

    /** Gap 2 — phase 1's key: the word and a salt chosen from the record's index in its task. */
    @Override
    public abstract String saltedKey(String word, int recordIndex);

    /** Gap 3 — phase 2's key: the word a salted key was made from. */
    @Override
    public abstract String originalKey(String saltedKey);

    @Override
    public final boolean knobsInCode() {
        return true;
    }

    /** @throws MissingSolutionException for the first open gap, in gap order */
    @Override
    public Knobs defaults() {
        MissingSolutionException open = firstOpenGap();
        if (open != null) throw open;
        int salts = salts();
        if (salts < 1 || salts > Limits.MAX_PARTITIONS)
            throw new BadInputException(Messages.get("bad.salts", salts, Limits.MAX_PARTITIONS));
        return KNOBS.withJob(name());
    }

    /** The exercise's pipeline with its gaps: the same for the exercise and its solution. */
    @Override
    public final JavaPairDStream<String, Integer> wordCounts(JavaDStream<String> lines, Knobs knobs) {
        return SkewPipeline.salted(lines, knobs.partitions(), knobs.cost(), knobs.costKind(), this);
    }

    /** The cost is paid after the shuffle by key, each word over {@link #salts()} salted keys. */
    @Override
    public int keySalts() {
        return Math.max(1, salts());
    }

    /** The first gap still open, in gap order, or null when all three are filled. */
    @Override
    public MissingSolutionException firstOpenGap() {
        try {
            salts();
            String salted = saltedKey("word0", 0);
            originalKey(salted == null ? "word0" : salted);
            return null;
        } catch (MissingSolutionException open) {
            return open;
        }
    }
}
