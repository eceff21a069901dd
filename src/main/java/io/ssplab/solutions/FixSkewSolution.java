package io.ssplab.solutions;

import io.ssplab.core.KeyDistribution;
import io.ssplab.exercises.FixSkewExercise;
import io.ssplab.exercises.SaltingExercise;

/**
 * Reference solution of the skew exercise ({@link FixSkewExercise}): every gap filled.
 * Students: try the exercise first — {@code bin/ssp check fix-skew} tells you how you did.
 *
 * <p>Arithmetic (the model's, {@code bin/ssp plan --job fix-skew --solution}): 7 salts spread each word evenly
 * over the 7 partitions (a word's salted keys word0#0 … word0#6 hash to 7 consecutive values, so to 7
 * different partitions): every task gets 840 / 7 = 120 words, 120 × 8 ms = 0.96 s, + ≈ 0.09 s of Spark's own
 * work (24 tasks) ≈ 1.05 s of PT — against ≈ 2.52 s unsalted. The second aggregation adds a stage of 7
 * small tasks (word counts only), a few tens of ms.
 *
 * <p>Run: {@code bin/ssp run fix-skew --solution}. Check: {@code bin/ssp check fix-skew --solution}.
 */
public class FixSkewSolution extends SaltingExercise {
    private static final long serialVersionUID = 1L;

    @Override
    public int salts() {
        // SOLUTION 1: as many salts as partitions (7, one per free slot): word0's records fill every task
        return 7;
    }

    @Override
    public String saltedKey(String word, int recordIndex) {
        // SOLUTION 2: round robin over the salts: consecutive records of a word go to different salted keys
        return word + KeyDistribution.SALT_SEPARATOR + (recordIndex % salts());
    }

    @Override
    public String originalKey(String saltedKey) {
        // SOLUTION 3: everything before the last separator
        return saltedKey.substring(0, saltedKey.lastIndexOf(KeyDistribution.SALT_SEPARATOR));
    }

    @Override
    public String name() {
        return "fix-skew";
    }

    /** Under plain spark-submit, with {@code bin/ssp source --skew 1.2} running: see {@link io.ssplab.pipeline.Standalone}. */
    public static void main(String[] args) throws InterruptedException {
        new FixSkewSolution().runStandalone(args);
    }
}
