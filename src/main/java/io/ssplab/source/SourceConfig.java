package io.ssplab.source;

import java.time.Duration;

import io.ssplab.core.Knobs;

/**
 * Settings of the word-line source.
 *
 * @param host          address to bind; 127.0.0.1 unless the user asks for another
 * @param port          TCP port; 0 picks a free one (what the embedded source does)
 * @param linesPerSecond lines per second sent to <em>each</em> client
 * @param wordsPerLine  words in a line
 * @param vocabulary    words are word0 … word{vocabulary-1}
 * @param seed          seed of client 0; client n uses {@link LineGenerator#clientSeed}
 * @param statusEvery   how often to print a progress line; {@link Duration#ZERO} for never
 * @param format        classic words, or words after a stamp for record accounting ({@link LineFormat})
 * @param skew          Zipf exponent of the words: 0 uniform (the original's), 1.2 makes word0 ≈ 30% of 50 words
 */
public record SourceConfig(String host, int port, double linesPerSecond, int wordsPerLine, int vocabulary,
                           long seed, Duration statusEvery, LineFormat format, double skew) {

    public static final String DEFAULT_HOST = "127.0.0.1";
    public static final int DEFAULT_PORT = 9999;
    public static final double DEFAULT_RATE = Knobs.DEFAULT_RATE;
    public static final int DEFAULT_WORDS_PER_LINE = Knobs.DEFAULT_WORDS_PER_LINE;
    public static final int DEFAULT_VOCABULARY = io.ssplab.core.KeyDistribution.DEFAULT_VOCABULARY;
    public static final long DEFAULT_SEED = 42;

    public SourceConfig {
        if (port < 0 || port > 65535) throw new IllegalArgumentException("port must be 0..65535, got " + port);
        if (!(linesPerSecond > 0) || Double.isInfinite(linesPerSecond))
            throw new IllegalArgumentException("rate must be a positive number of lines per second");
        if (wordsPerLine < 1) throw new IllegalArgumentException("words per line must be at least 1");
        if (vocabulary < 1) throw new IllegalArgumentException("vocabulary must be at least 1");
        if (format == null) format = LineFormat.CLASSIC;
        if (!(skew >= 0) || Double.isInfinite(skew)) throw new IllegalArgumentException("skew must be a Zipf exponent of 0 or more, got " + skew);
    }

    /** Uniform words (the original's draw). */
    public SourceConfig(String host, int port, double linesPerSecond, int wordsPerLine, int vocabulary,
                        long seed, Duration statusEvery, LineFormat format) {
        this(host, port, linesPerSecond, wordsPerLine, vocabulary, seed, statusEvery, format, 0);
    }

    /** The classic line format (the original demo's). */
    public SourceConfig(String host, int port, double linesPerSecond, int wordsPerLine, int vocabulary,
                        long seed, Duration statusEvery) {
        this(host, port, linesPerSecond, wordsPerLine, vocabulary, seed, statusEvery, LineFormat.CLASSIC);
    }

    public SourceConfig withFormat(LineFormat f) {
        return new SourceConfig(host, port, linesPerSecond, wordsPerLine, vocabulary, seed, statusEvery, f, skew);
    }

    /** Words drawn with this Zipf exponent (0: uniform). */
    public SourceConfig withSkew(double s) {
        return new SourceConfig(host, port, linesPerSecond, wordsPerLine, vocabulary, seed, statusEvery, format, s);
    }

    /** The words this source sends, and how often each comes. */
    public io.ssplab.core.KeyDistribution keys() {
        return new io.ssplab.core.KeyDistribution(vocabulary, skew);
    }

    /** The classroom defaults, on a free loopback port, without progress lines: the jobs' embedded source. */
    public static SourceConfig embedded(double linesPerSecond) {
        return new SourceConfig(DEFAULT_HOST, 0, linesPerSecond, DEFAULT_WORDS_PER_LINE, DEFAULT_VOCABULARY,
                DEFAULT_SEED, Duration.ZERO);
    }
}
