package io.ssplab.source;

import java.util.SplittableRandom;

/**
 * Makes the lines the classroom source sends: {@code wordsPerLine} words drawn uniformly from
 * {@code word0 … word{vocabulary-1}}, separated by single spaces.
 *
 * <p>Deterministic: two generators built with the same seed produce the same lines, so a run can be
 * repeated and a test can know exactly what was sent. Not thread-safe: one generator per client.
 */
public final class LineGenerator {
    private final SplittableRandom random;
    private final int wordsPerLine;
    private final int vocabulary;
    private final StringBuilder line = new StringBuilder(64);

    public LineGenerator(long seed, int wordsPerLine, int vocabulary) {
        if (wordsPerLine < 1) throw new IllegalArgumentException("wordsPerLine must be at least 1");
        if (vocabulary < 1) throw new IllegalArgumentException("vocabulary must be at least 1");
        this.random = new SplittableRandom(seed);
        this.wordsPerLine = wordsPerLine;
        this.vocabulary = vocabulary;
    }

    /** The next line, without a line terminator. */
    public String next() {
        line.setLength(0);
        for (int i = 0; i < wordsPerLine; i++) {
            if (i > 0) line.append(' ');
            line.append("word").append(random.nextInt(vocabulary));
        }
        return line.toString();
    }

    /**
     * The seed of the n-th client of a source started with {@code seed}: each client gets its own
     * reproducible stream, and client 0 gets exactly {@code seed}.
     */
    public static long clientSeed(long seed, int clientIndex) {
        return seed + 0x9E3779B97F4A7C15L * clientIndex;
    }
}
