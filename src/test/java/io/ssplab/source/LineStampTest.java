package io.ssplab.source;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LineStampTest {

    @Test
    void aStampedLineGivesItsStreamSequenceTimeAndWords() {
        StringBuilder b = new StringBuilder();
        LineStamp.append(b, "k3f9a2", 7, 1234, 1718000000123L);
        String line = b.append("word1 word2 word3").toString();

        LineStamp s = LineStamp.parse(line);

        assertThat(line).isEqualTo("#k3f9a2:7:1234:1718000000123 word1 word2 word3");
        assertThat(s.stream()).isEqualTo("k3f9a2:7");
        assertThat(s.seq()).isEqualTo(1234);
        assertThat(s.sentMs()).isEqualTo(1718000000123L);
        assertThat(s.words(line)).isEqualTo("word1 word2 word3");
    }

    @Test
    void aStampWithoutWordsHasEmptyWords() {
        LineStamp s = LineStamp.parse("#abc:0:5:99");
        assertThat(s.seq()).isEqualTo(5);
        assertThat(s.words("#abc:0:5:99")).isEmpty();
    }

    @Test
    void classicAndMalformedLinesAreNotStamped() {
        assertThat(LineStamp.parse("word1 word2 word3")).isNull();
        assertThat(LineStamp.parse("")).isNull();
        assertThat(LineStamp.parse("#hashtag word")).isNull();
        assertThat(LineStamp.parse("#a:b:c:d word")).isNull();
        assertThat(LineStamp.parse("#a:1:2 word")).isNull();
        assertThat(LineStamp.parse("#:1:2:3 word")).isNull();
        assertThat(LineStamp.parse("#a:1:-2:3 word")).isNull();
        assertThat(LineStamp.parse("#a:1:2:3x word")).isNull();
        assertThat(LineStamp.parse("#a:1:2:" + "9".repeat(30) + " word")).isNull();
        assertThat(LineStamp.parse("word #a:1:2:3")).isNull();
    }
}
