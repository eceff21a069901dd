package io.ssplab.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

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
    void freeSlotsAreCoresLessReceiversNeverBelowZero() {
        assertThat(Master.freeSlots(4, 1)).isEqualTo(3);
        assertThat(Master.freeSlots(2, 2)).isZero();
        assertThat(Master.freeSlots(2, 5)).isZero();
        assertThat(Master.parse("local[2]").freeSlots(3)).isZero();
        assertThat(Master.parse("local[4]").freeSlots(0)).isEqualTo(4);
    }

    @Test
    void slotsForALocalMasterAreItsThreadsForAClusterItsCoresMaxElseTheDesignedCores() {
        assertThat(Master.slotsFor("local[4]", 12, 8)).isEqualTo(4);
        assertThat(Master.slotsFor("spark://h:7077", 12, 8)).isEqualTo(12);
        assertThat(Master.slotsFor("spark://h:7077", null, 8)).isEqualTo(8);
    }

    @Test
    void localMastersAreBoundedByTheLabsLimit() {
        assertThat(Master.parse("local[" + Limits.MAX_LOCAL_CORES + "]").cores()).isEqualTo(64);
        assertThatThrownBy(() -> Master.parse("local[65]")).isInstanceOf(BadInputException.class).hasMessageContaining("64");
        assertThatThrownBy(() -> Master.parse("local[99999999999999999999]")).isInstanceOf(BadInputException.class);
    }

    @Test
    void refusesWhatItDoesNotKnow() {
        assertThatThrownBy(() -> Master.parse("yarn")).isInstanceOf(BadInputException.class);
        assertThatThrownBy(() -> Master.parse("local[0]")).isInstanceOf(BadInputException.class);
        assertThatThrownBy(() -> Master.parse("spark://h:99999")).isInstanceOf(BadInputException.class);
        assertThatThrownBy(() -> Master.parse(" ")).isInstanceOf(BadInputException.class);
    }
}
