package io.ssplab.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

class LineGeneratorTest {

    @Test
    void sameSeedSameLines() {
        LineGenerator a = new LineGenerator(42, 3, 50);
        LineGenerator b = new LineGenerator(42, 3, 50);
        for (int i = 0; i < 1000; i++) assertThat(a.next()).isEqualTo(b.next());
    }

    @Test
    void otherSeedOtherLines() {
        List<String> a = lines(new LineGenerator(1, 3, 50), 20);
        List<String> b = lines(new LineGenerator(2, 3, 50), 20);
        assertThat(a).isNotEqualTo(b);
    }

    @Test
    void linesHaveTheAskedWordsFromTheVocabularyAndUseAllOfIt() {
        LineGenerator g = new LineGenerator(3, 3, 50);
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 5000; i++) {
            String[] words = g.next().split(" ");
            assertThat(words).hasSize(3);
            for (String w : words) {
                assertThat(w).matches("word([0-9]|[1-4][0-9])");
                seen.add(w);
            }
        }
        assertThat(seen).hasSize(50);
    }

    @Test
    void clientZeroUsesTheSeedItselfAndClientsDiffer() {
        assertThat(LineGenerator.clientSeed(42, 0)).isEqualTo(42);
        assertThat(LineGenerator.clientSeed(42, 1)).isNotEqualTo(LineGenerator.clientSeed(42, 2));
    }

    @Test
    void refusesEmptyLinesOrVocabulary() {
        assertThatThrownBy(() -> new LineGenerator(1, 0, 50)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new LineGenerator(1, 3, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    private static List<String> lines(LineGenerator g, int n) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < n; i++) out.add(g.next());
        return out;
    }
}
