package io.ssplab.pipeline;

import java.io.Serializable;

/**
 * How a salted (two-phase) aggregation spreads each key over several sub-keys, and finds the key again:
 * phase 1 aggregates by salted key, so a hot key's records land in several tasks; phase 2 aggregates the
 * partial results by the original key ({@link SkewPipeline#salted}).
 *
 * <p>Serializable: the tasks call it, so it travels with the job's closures (the exercise implements it).
 */
public interface KeySalting extends Serializable {

    /** Into how many sub-keys each key is spread. */
    int salts();

    /** Phase 1's key for a word: the word and a salt chosen from the record's index in its task. */
    String saltedKey(String word, int recordIndex);

    /** Phase 2's key: the original word, from a salted key. */
    String originalKey(String saltedKey);
}
