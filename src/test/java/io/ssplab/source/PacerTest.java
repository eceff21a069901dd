package io.ssplab.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class PacerTest {
    private static final long SECOND = 1_000_000_000L;

    @Test
    void lineZeroIsDueAtStartAndThenOneLinePerPeriod() {
        Pacer pacer = new Pacer(140, 0);
        assertThat(pacer.due(0)).isEqualTo(1);
        pacer.sent(1);
        assertThat(pacer.due(SECOND / 140 - 1)).isZero();
        assertThat(pacer.due(SECOND / 140 + 1)).isEqualTo(1);
    }

    @Test
    void aLateWakeUpIsCaughtUpInsteadOfDrifting() {
        Pacer pacer = new Pacer(140, 0);
        pacer.sent(pacer.due(0));
        // The sender oversleeps by a whole second: everything due by then is handed out at once.
        long due = pacer.due(SECOND);
        assertThat(due).isEqualTo(140);
        pacer.sent(due);
        assertThat(pacer.sentTotal()).isEqualTo(141);
    }

    @Test
    void longRunRateIsExactWhateverTheWakeUpJitter() {
        // Simulate a sender that wakes up 0–3 ms late every time, at 140 and at 100,000 lines/s.
        for (double rate : new double[] {140, 100_000}) {
            Pacer pacer = new Pacer(rate, 0);
            java.util.SplittableRandom jitter = new java.util.SplittableRandom(7);
            long now = 0;
            while (now < 60 * SECOND) {
                pacer.sent(pacer.due(now));
                now = Math.max(now, pacer.nextDueNanos()) + jitter.nextLong(3_000_000);
            }
            double actual = pacer.sentTotal() / (now / 1e9);
            assertThat(actual / rate).as("rate %s", rate).isCloseTo(1.0, within(0.005));
        }
    }

    @Test
    void nextDueIsWhenTheNextLineIsDue() {
        Pacer pacer = new Pacer(4, 0);
        pacer.sent(1);
        assertThat(pacer.nextDueNanos()).isEqualTo(SECOND / 4);
        pacer.sent(3);
        assertThat(pacer.nextDueNanos()).isEqualTo(SECOND);
    }
}
