package io.ssplab.source;

import java.util.Arrays;
import java.util.SplittableRandom;

import io.ssplab.core.KeyDistribution;

/**
 * Makes the lines the classroom source sends: {@code wordsPerLine} words drawn from
 * {@code word0 … word{vocabulary-1}}, separated by single spaces — uniformly (the original's draw), or
 * skewed: with a Zipf exponent {@code s > 0} word k comes with probability ∝ (k+1)^-s
 * ({@link KeyDistribution}), so word0 is the hot key.
 *
 * <p>Deterministic: two generators built with the same seed (and skew) produce the same lines, so a run
 * can be repeated and a test can know exactly what was sent; with skew 0 the lines are exactly those
 * of the original uniform draw. Not thread-safe: one generator per client.
 */
public final class LineGenerator {
    private final SplittableRandom random;
    private final int wordsPerLine;
    private final int vocabulary;
    /** Cumulative shares for a skewed draw (cdf[k] = share of word0 … wordk); null for the uniform one. */
    private final double[] cdf;
    private final StringBuilder line = new StringBuilder(64);

    public LineGenerator(long seed, int wordsPerLine, int vocabulary) {
        this(seed, wordsPerLine, vocabulary, 0);
    }

    /** @param skew Zipf exponent of the draw: 0 uniform, 1.2 makes word0 ≈ 30% of 50 words */
    public LineGenerator(long seed, int wordsPerLine, int vocabulary, double skew) {
        if (wordsPerLine < 1) throw new IllegalArgumentException("wordsPerLine must be at least 1");
        if (vocabulary < 1) throw new IllegalArgumentException("vocabulary must be at least 1");
        this.random = new SplittableRandom(seed);
        this.wordsPerLine = wordsPerLine;
        this.vocabulary = vocabulary;
        this.cdf = skew == 0 ? null : cumulative(new KeyDistribution(vocabulary, skew));
    }

    private static double[] cumulative(KeyDistribution keys) {
        double[] c = keys.shares();
        for (int k = 1; k < c.length; k++) c[k] += c[k - 1];
        c[c.length - 1] = 1.0; // rounding must not leave a draw above the last word
        return c;
    }

    /** The next line, without a line terminator. */
    public String next() {
        line.setLength(0);
        for (int i = 0; i < wordsPerLine; i++) {
            if (i > 0) line.append(' ');
            line.append("word").append(nextWord());
        }
        return line.toString();
    }

    /** The index of the next word: uniform as the original, or by inverting the Zipf law's cumulative shares. */
    private int nextWord() {
        if (cdf == null) return random.nextInt(vocabulary);
        int k = Arrays.binarySearch(cdf, random.nextDouble());
        return k >= 0 ? k : Math.min(-k - 1, vocabulary - 1);
    }

    /**
     * The seed of the n-th client of a source started with {@code seed}: each client gets its own
     * reproducible stream, and client 0 gets exactly {@code seed}.
     */
    public static long clientSeed(long seed, int clientIndex) {
        return seed + 0x9E3779B97F4A7C15L * clientIndex;
    }
}
