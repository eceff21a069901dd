package io.ssplab.core;

import java.util.Arrays;

/**
 * How often each word of the source's vocabulary comes: a Zipf law of exponent {@code s} over the words
 * {@code word0 … word{V-1}} ranked by frequency, {@code share(k) = (k+1)^-s / Σ j^-s}. Exponent 0 is the
 * original's uniform draw (every word 1/V); 1.2 makes {@code word0} about 30% of all words on a vocabulary
 * of 50. Real keys are skewed like this — a few users, products or URLs carry most of the events.
 *
 * <p>The one definition shared by the source (which draws words with these shares), the model (which
 * puts them on partitions the way Spark's {@code HashPartitioner} does, {@link #partitionShares}) and
 * the command line (which prints the distribution at start).
 */
public final class KeyDistribution {
    /** Words of the classroom source: word0 … word49 (the original demo's). */
    public static final int DEFAULT_VOCABULARY = 50;
    /** Between a word and its salt in a salted key: word0#3 ({@code io.ssplab.pipeline.SkewPipeline}). */
    public static final String SALT_SEPARATOR = "#";

    private final int vocabulary;
    private final double exponent;
    private final double[] shares;

    public KeyDistribution(int vocabulary, double exponent) {
        if (vocabulary < 1) throw new IllegalArgumentException("vocabulary must be at least 1, got " + vocabulary);
        if (!(exponent >= 0) || Double.isInfinite(exponent)) throw new IllegalArgumentException("a Zipf exponent is 0 or more, got " + exponent);
        this.vocabulary = vocabulary;
        this.exponent = exponent;
        this.shares = new double[vocabulary];
        double sum = 0;
        for (int k = 0; k < vocabulary; k++) {
            shares[k] = exponent == 0 ? 1 : Math.pow(k + 1, -exponent);
            sum += shares[k];
        }
        for (int k = 0; k < vocabulary; k++) shares[k] /= sum;
    }

    /** The classroom vocabulary (50 words) with this skew. */
    public static KeyDistribution of(double exponent) {
        return new KeyDistribution(DEFAULT_VOCABULARY, exponent);
    }

    public int vocabulary() {
        return vocabulary;
    }

    public double exponent() {
        return exponent;
    }

    public boolean uniform() {
        return exponent == 0;
    }

    /** The share of word {@code k} among all words (word0 is the most frequent). */
    public double share(int k) {
        return shares[k];
    }

    public double[] shares() {
        return shares.clone();
    }

    /** The share of the most frequent word, word0: 1/V when uniform. */
    public double hotShare() {
        return shares[0];
    }

    /** The share of the {@code n} most frequent words together. */
    public double topShare(int n) {
        double s = 0;
        for (int k = 0; k < Math.min(n, vocabulary); k++) s += shares[k];
        return s;
    }

    /** "word7": the k-th word of the vocabulary, as the source writes it. */
    public static String word(int k) {
        return "word" + k;
    }

    /** "word7#3": a word with its salt, the key of the first phase of a salted aggregation. */
    public static String saltedKey(String word, int salt) {
        return word + SALT_SEPARATOR + salt;
    }

    /**
     * The share of all words each of {@code partitions} hash partitions receives when the words are
     * shuffled by key, each word spread evenly over {@code salts} salted keys (1: not salted) — exactly
     * where Spark's {@code HashPartitioner} puts a String key: {@code hashCode mod partitions}, never negative.
     */
    public double[] partitionShares(int partitions, int salts) {
        if (partitions < 1) throw new IllegalArgumentException("partitions must be at least 1, got " + partitions);
        if (salts < 1) throw new IllegalArgumentException("salts must be at least 1, got " + salts);
        double[] p = new double[partitions];
        for (int k = 0; k < vocabulary; k++) {
            String w = word(k);
            if (salts == 1) {
                p[partitionOf(w, partitions)] += shares[k];
            } else {
                for (int s = 0; s < salts; s++) p[partitionOf(saltedKey(w, s), partitions)] += shares[k] / salts;
            }
        }
        return p;
    }

    /** Spark's HashPartitioner for a String key: its hashCode, modulo the partitions, never negative. */
    public static int partitionOf(String key, int partitions) {
        return Math.floorMod(key.hashCode(), partitions);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof KeyDistribution d && d.vocabulary == vocabulary && Double.compare(d.exponent, exponent) == 0;
    }

    @Override
    public int hashCode() {
        return 31 * vocabulary + Double.hashCode(exponent);
    }

    @Override
    public String toString() {
        return "Zipf(" + exponent + ") over " + vocabulary + " words " + Arrays.toString(Arrays.copyOf(shares, Math.min(3, vocabulary))) + "…";
    }
}
