package io.ssplab.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.ssplab.core.Api;
import io.ssplab.core.BatchMetrics;

/** A query's warm-up: through the first full batch, then the batches still draining the start-up lateness. */
class StructuredWarmupTest {
    private static final long T = 3000;

    /** rows, duration, lateness */
    private static List<BatchMetrics> batches(long[]... b) {
        List<BatchMetrics> list = new ArrayList<>();
        for (int i = 0; i < b.length; i++) {
            list.add(new BatchMetrics("q", i * T, T, b[i][0], 140, b[i][1], b[i][2], b[i][1] + b[i][2], 0, Api.STRUCTURED, (long) i, null,
                    140.0, 140.0, 0, null, null, null, null, null, null));
        }
        return list;
    }

    @Test
    void aSlowStartDrainsWithShrinkingBatchesEvenAboveTheTrigger() {
        List<BatchMetrics> b = batches(new long[] {0, 5000, 0}, new long[] {900, 4500, 2000}, new long[] {640, 3900, 3500},
                new long[] {550, 3300, 2400}, new long[] {460, 2500, 1300}, new long[] {420, 1000, 0}, new long[] {420, 1100, 0});
        // 0 empty, 1 first full, 2–4 shrinking and late: draining; 5 on time
        assertThat(StructuredWarmup.batches(b, 420)).isEqualTo(5);
        // prefix-stable: each prefix counts the same warm-up, or "not over yet"
        assertThat(StructuredWarmup.batches(b.subList(0, 4), 420)).isEqualTo(4);
        assertThat(StructuredWarmup.batches(b.subList(0, 6), 420)).isEqualTo(5);
    }

    @Test
    void growingBatchesEndTheWarmUpAtTheFirstFullOne() {
        List<BatchMetrics> b = batches(new long[] {0, 1000, 0}, new long[] {400, 3700, 0}, new long[] {520, 4600, 700},
                new long[] {640, 5700, 2300}, new long[] {800, 7000, 5000});
        assertThat(StructuredWarmup.batches(b, 420)).isEqualTo(2);
        // the DStream rule would agree here: a batch longer than BI never drains
        assertThat(Warmup.batches(b, 420)).isEqualTo(2);
    }

    @Test
    void atMostFiveDrainingBatches() {
        List<BatchMetrics> b = batches(new long[] {0, 900, 0}, new long[] {420, 9000, 0}, new long[] {1200, 8000, 6000},
                new long[] {1100, 7000, 5000}, new long[] {1000, 6000, 4000}, new long[] {900, 5000, 3000}, new long[] {800, 4000, 2000},
                new long[] {700, 3500, 1500}, new long[] {650, 3400, 1400});
        assertThat(StructuredWarmup.batches(b, 420)).isEqualTo(2 + Warmup.MAX_BACKLOG_BATCHES);
    }
}
