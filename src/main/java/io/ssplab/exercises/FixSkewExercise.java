package io.ssplab.exercises;

/**
 * Exercise, level 2 — <em>fix the skew</em>: spread the hot key with salting (a two-phase aggregation).
 *
 * <p>The stream is skewed: word0 is 30% of the words. The job pays 8 ms per word <em>after</em> the
 * shuffle by key, in the task that holds the word — so the task holding word0 does about 305 words
 * while the median task does 74, and PT ≈ 2.5 s exceeds the 2 s batch interval although the average
 * load fits (run {@code bin/ssp run skew} and look at its last column, "task max/med"). More partitions
 * do not help: one key is one task.
 *
 * <p>Salting splits the hot key. Phase 1 groups by a <em>salted</em> key — the word plus a salt — so the
 * records of word0 land in several tasks, each paying the cost for its share; phase 2 adds the partial
 * counts up by the original word. The pipeline is written for you ({@link SaltingExercise}); fill its
 * three gaps:
 * <pre>
 *   lines → split → (saltedKey(word, recordIndex), 1) → groupByKey(7) → 8 ms per record → partial count
 *         → (originalKey(saltedKey), partial) → reduceByKey(+, 7)
 * </pre>
 * The rules, which {@code bin/ssp check fix-skew} verifies: the counts stay exactly right (every word of
 * every batch, checked against a direct count of the batch's lines); the longest task of the costly stage
 * comes within 1.5 × the median one; and PT gets under BI. The check first runs the unsalted job on the
 * same stream, to show the "before".
 *
 * <p>Run: {@code bin/ssp run fix-skew}. Check: {@code bin/ssp check fix-skew}. Read docs/level2.md first.
 */
public class FixSkewExercise extends SaltingExercise {
    private static final long serialVersionUID = 1L;

    @Override
    public int salts() {
        // GAP 1: into how many salted keys is each word spread? (think of the free task slots of local[8])
        return gap(1);
    }

    @Override
    public String saltedKey(String word, int recordIndex) {
        // GAP 2: the word plus a salt from 0 to salts() − 1, picked from recordIndex (the record's position in its task),
        // with a separator that no word contains
        return gap(2);
    }

    @Override
    public String originalKey(String saltedKey) {
        // GAP 3: the word that saltedKey was made from (undo gap 2)
        return gap(3);
    }

    @Override
    public String name() {
        return "fix-skew";
    }

    /** Under plain spark-submit, with {@code bin/ssp source --skew 1.2} running: see {@link io.ssplab.pipeline.Standalone}. */
    public static void main(String[] args) throws InterruptedException {
        new FixSkewExercise().runStandalone(args);
    }
}
