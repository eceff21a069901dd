package io.ssplab.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

import io.ssplab.core.KafkaLag;

/** {@link KafkaIntake} against hand-computed cases: what a per-partition limit takes, and the lag it leaves. */
class KafkaIntakeTest {

    /** Two partitions of 60% / 40% at 100 lines/s, BI 5 s: 60 and 40 lines/s, 300 and 200 lines per batch. */
    private static final double[] SIXTY_FORTY = {0.6, 0.4};

    @Test
    void aLimitAboveEveryPartitionTakesEverything() {
        KafkaIntake i = new KafkaIntake(SIXTY_FORTY, 100, 70, 5000);
        assertThat(i.binds()).isFalse();
        assertThat(i.takenLinesPerSecond()).isCloseTo(100, within(1e-9));
        assertThat(i.lagGrowthPerBatch()).isZero();
        assertThat(i.lagGrows()).isFalse();
    }

    @Test
    void aLimitUnderTheHotPartitionLeavesOnlyItBehind() {
        // 50 × 2 = 100 lines/s allowed = the producer's 100, yet partition 0 gets 60 > 50: 10 lines/s × 5 s = 50 per batch
        KafkaIntake i = new KafkaIntake(SIXTY_FORTY, 100, 50, 5000);
        assertThat(i.hotPartition()).isZero();
        assertThat(i.taken(0)).isEqualTo(50);
        assertThat(i.taken(1)).isCloseTo(40, within(1e-9));
        assertThat(i.growthPerBatch(0)).isCloseTo(50, within(1e-9));
        assertThat(i.growthPerBatch(1)).isZero();
        assertThat(i.lagGrowthPerBatch()).isCloseTo(50, within(1e-9));
        // the tolerance: 5% of the 500 lines a batch should hold = 25 < 50
        assertThat(i.toleranceRecordsPerBatch()).isCloseTo(KafkaLag.GROWTH_TOLERANCE * 500, within(1e-9));
        assertThat(i.lagGrows()).isTrue();
    }

    @Test
    void aGrowthWithinTheLagRulesToleranceIsBounded() {
        // partition 0 gets 60 lines/s, the limit 58: 2 × 5 = 10 lines per batch < 25
        KafkaIntake i = new KafkaIntake(SIXTY_FORTY, 100, 58, 5000);
        assertThat(i.binds()).isTrue();
        assertThat(i.lagGrowthPerBatch()).isCloseTo(10, within(1e-9));
        assertThat(i.lagGrows()).isFalse();
    }

    @Test
    void theFixesKeepTheTargetsHeadroom() {
        KafkaIntake i = new KafkaIntake(SIXTY_FORTY, 100, 50, 5000);
        // the hot partition's 60 lines/s / 0.9 = 66.7 → 67
        assertThat(i.smallestLimit(0.9)).isEqualTo(67);
        assertThat(i.withLimit(67).lagGrows()).isFalse();
        // 50 × 0.9 / 0.6 = 75 lines/s: partition 0 then gets 45 ≤ 50
        assertThat(i.largestRate(0.9)).isEqualTo(75);
        assertThat(i.withRate(75).binds()).isFalse();
    }

    @Test
    void withoutALimitNothingIsLeft() {
        KafkaIntake i = new KafkaIntake(new double[] {1.0}, 500, 0, 1000);
        assertThat(i.limited()).isFalse();
        assertThat(i.takenLinesPerSecond()).isEqualTo(500);
        assertThat(i.lagGrows()).isFalse();
    }
}
