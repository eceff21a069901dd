package io.ssplab.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.ssplab.core.KeyDistribution;

/** The skewed source (docs/level2.md): the hot key's share follows the Zipf exponent, the draw is deterministic, skew 0 is the original's. */
class SkewedLinesTest {
    static final int LINES = 40_000;

    /** word → share of all words in {@code LINES} lines of a generator. */
    static Map<String, Double> shares(LineGenerator g, int wordsPerLine) {
        Map<String, Integer> counts = new HashMap<>();
        for (int i = 0; i < LINES; i++) for (String w : g.next().split(" ")) counts.merge(w, 1, Integer::sum);
        Map<String, Double> s = new HashMap<>();
        counts.forEach((w, n) -> s.put(w, n / (double) (LINES * wordsPerLine)));
        return s;
    }

    @Test
    void theHotKeysShareFollowsTheExponent() {
        // Σ k^-s over 50 words, by hand: word0's share is its inverse
        for (double s : new double[] {0.5, 1.0, 1.2, 2.0}) {
            double h = 0;
            for (int k = 1; k <= 50; k++) h += Math.pow(k, -s);
            double expected = 1 / h;
            assertThat(KeyDistribution.of(s).hotShare()).as("model, s=%s", s).isCloseTo(expected, within(1e-12));
            Map<String, Double> measured = shares(new LineGenerator(7, 3, 50, s), 3);
            // 120,000 words: a binomial share's standard deviation is below 0.0015; 0.01 is a wide margin
            assertThat(measured.get("word0")).as("word0's share at s=%s", s).isCloseTo(expected, within(0.01));
            assertThat(measured.get("word1")).as("word1's share at s=%s", s).isCloseTo(expected * Math.pow(2, -s), within(0.01));
        }
        // the classroom's lesson: word0 ≈ 30% at 1.2, and the same 2% for every word when uniform
        assertThat(KeyDistribution.of(1.2).hotShare()).isCloseTo(0.302, within(0.001));
        assertThat(KeyDistribution.of(0).hotShare()).isEqualTo(0.02);
        Map<String, Double> uniform = shares(new LineGenerator(7, 3, 50, 0), 3);
        assertThat(uniform.values()).allSatisfy(v -> assertThat(v).isCloseTo(0.02, within(0.004)));
    }

    @Test
    void theDrawIsDeterministicForASeedAndSkewZeroIsTheOriginalDraw() {
        LineGenerator a = new LineGenerator(42, 3, 50, 1.2);
        LineGenerator b = new LineGenerator(42, 3, 50, 1.2);
        LineGenerator other = new LineGenerator(43, 3, 50, 1.2);
        LineGenerator original = new LineGenerator(42, 3, 50);
        LineGenerator zero = new LineGenerator(42, 3, 50, 0);
        boolean differs = false;
        for (int i = 0; i < 1000; i++) {
            String line = a.next();
            assertThat(b.next()).isEqualTo(line);
            differs |= !other.next().equals(line);
            assertThat(zero.next()).isEqualTo(original.next());
            assertThat(line.split(" ")).hasSize(3).allMatch(w -> w.matches("word([0-9]|[1-4][0-9])"));
        }
        assertThat(differs).as("another seed, other lines").isTrue();
    }

    @Test
    void partitionSharesAreWhereSparksHashPartitionerPutsTheWords() {
        KeyDistribution keys = KeyDistribution.of(1.2);
        for (int p : new int[] {1, 4, 7, 28}) {
            double[] shares = keys.partitionShares(p, 1);
            assertThat(java.util.Arrays.stream(shares).sum()).isCloseTo(1.0, within(1e-9));
            // word0 sits where String.hashCode mod P says: that partition holds at least its share
            assertThat(shares[Math.floorMod("word0".hashCode(), p)]).isGreaterThanOrEqualTo(keys.hotShare() - 1e-12);
        }
        // salted as the exercise's solution does (word#0 … word#6: seven consecutive hash codes): one 7th of every word per partition
        for (double share : keys.partitionShares(7, 7)) assertThat(share).isCloseTo(1 / 7.0, within(1e-12));
        assertThat(KeyDistribution.saltedKey("word3", 5)).isEqualTo("word3#5");
    }

    @Test
    void theSourceSendsItsSkewAndSaysItInItsStatus() throws Exception {
        SourceConfig config = new SourceConfig("127.0.0.1", 0, 200, 3, 50, 42, java.time.Duration.ZERO).withSkew(1.2);
        assertThat(config.keys().hotShare()).isCloseTo(0.302, within(0.001));
        try (SocketSource source = SocketSource.start(config, line -> { })) {
            SourceStatus status = SourceStatus.query(source.host(), source.port(), 2000);
            assertThat(status.skew()).isEqualTo(1.2);
            assertThat(status.vocabulary()).isEqualTo(50);
        }
    }
}
