package io.ssplab.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

import io.ssplab.core.BadInputException;

class MasterTest {

    @Test
    void localMastersGiveTheirThreadCount() {
        assertThat(Master.parse("local[4]").cores()).isEqualTo(4);
        assertThat(Master.parse("local[8]").freeSlots(1)).isEqualTo(7);
        assertThat(Master.parse("local").cores()).isEqualTo(1);
        assertThat(Master.parse("local[*]").cores()).isEqualTo(Runtime.getRuntime().availableProcessors());
        assertThat(Master.parse("local[4,2]").cores()).isEqualTo(4);
        assertThat(Master.parse("local[4]").isLocal()).isTrue();
    }

    @Test
    void standaloneMastersGiveTheCoresTheJobAsksFor() {
        Master m = Master.parse("spark://127.0.0.1:7077", 6);
        assertThat(m.isStandalone()).isTrue();
        assertThat(m.cores()).isEqualTo(6);
        assertThat(m.host()).isEqualTo("127.0.0.1");
        assertThat(m.port()).isEqualTo(7077);
        assertThat(Master.parse("spark://h:7077").cores()).isEqualTo(Master.DEFAULT_CLUSTER_CORES);
    }

    @Test
    void refusesWhatItDoesNotKnow() {
        assertThatThrownBy(() -> Master.parse("yarn")).isInstanceOf(BadInputException.class);
        assertThatThrownBy(() -> Master.parse("local[0]")).isInstanceOf(BadInputException.class);
        assertThatThrownBy(() -> Master.parse("spark://h:99999")).isInstanceOf(BadInputException.class);
        assertThatThrownBy(() -> Master.parse(" ")).isInstanceOf(BadInputException.class);
    }
}
