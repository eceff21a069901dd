package io.ssplab.pipeline;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

import io.ssplab.core.BadInputException;
import io.ssplab.core.Lang;

/** An exercise's topWordsToPrint() can return anything: a value below 1 is refused in one line, in the reader's language. */
class TopWordsTest {

    @Test
    void fewerThanOneTopWordIsRefusedBeforeTheStreamIsTouched() {
        assertThatThrownBy(() -> TopWords.print(null, 0)).isInstanceOf(BadInputException.class)
                .hasMessage("topWordsToPrint() must return at least 1, got 0: a batch prints its most frequent words");
        try {
            Lang.use(Lang.VI);
            assertThatThrownBy(() -> TopWords.print(null, -2, "x")).isInstanceOf(BadInputException.class)
                    .hasMessageStartingWith("topWordsToPrint() phải trả về ít nhất 1, nhưng nhận được -2");
        } finally {
            Lang.use(Lang.EN);
        }
    }
}
