package io.ssplab.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.ssplab.core.Api;
import io.ssplab.core.CostUnit;
import io.ssplab.core.Knobs;
import io.ssplab.core.Lang;
import io.ssplab.core.StructuredSummary;
import io.ssplab.core.Verdict;

/** The query model's arithmetic against cases computed by hand (o given, so nothing depends on a machine). */
class StructuredModelTest {
    private static final double O = 500;

    private static Knobs knobs(String master, int p, double costMs, long batchCostMs, long triggerMs, double rate) {
        return new Knobs("q", master, Duration.ofMillis(triggerMs), p, Duration.ofNanos(Math.round(costMs * 1e6)), CostUnit.LINE, rate, 3,
                Knobs.DEFAULT_BLOCK_INTERVAL, Api.STRUCTURED, Duration.ofMillis(batchCostMs));
    }

    private static StructuredPrediction predict(Knobs k) {
        Workload w = StructuredModel.workload(k, null, 4);
        return new StructuredModel(StructuredModel.given(O, w)).predictQuery(w);
    }

    @Test
    void aSlowSinkSettlesAtDStar() {
        // local[2], P=2, 6 ms/line, s = 1.5 s, T = 2 s, 140 lines/s
        StructuredPrediction p = predict(knobs("local[2]", 2, 6, 1500, 2000, 140));
        assertThat(p.perLineMs()).isEqualTo(3.0);                 // 6 ms × ⌈2/2⌉ / 2
        assertThat(p.loadFactor()).isCloseTo(0.42, within(1e-12)); // 3 ms × 140 /s
        assertThat(p.onTimeMs()).isCloseTo(500 + 1500 + 840, within(1e-9));
        assertThat(p.verdict()).isEqualTo(Verdict.FALLING_BEHIND);
        assertThat(p.durationMs()).isCloseTo(2000 / 0.58, within(1e-9)); // 3448.3 ms
        assertThat(p.rowsPerBatch()).isCloseTo(140 * 2000 / 0.58 / 1000, within(1e-9)); // 482.8
        assertThat(p.batchesToSettle()).isEqualTo(3);             // 0.42³ = 0.074 ≤ 0.1 < 0.42² = 0.176
        // a line waits for the previous batch (D*) to end, then its own batch until the count, before the sink
        assertThat(p.latencyMs(0.5)).isCloseTo(0.5 * 3448.2759 + 3448.2759 - 1500, within(1e-3));
        assertThat(p.boundedRateLimit()).isCloseTo(1000 / 3.0, within(1e-9));
        assertThat(p.onTimeRateLimit()).isZero();                  // o + s fill the 2 s trigger alone
        // the late batch's recursion converges there: D' = o + s + a·r·D
        double d = p.onTimeMs();
        for (int i = 0; i < 40; i++) d = 2000 + 0.42 * d;
        assertThat(d).isCloseTo(p.durationMs(), within(1e-6));
    }

    @Test
    void onTimeWhenTheTriggerHoldsTheBatch() {
        // the story's fix: local[8], P=8, 16 ms/line, T = 3 s
        StructuredPrediction p = predict(knobs("local[8]", 8, 16, 0, 3000, 140));
        assertThat(p.arithmetic().freeSlots()).isEqualTo(8);       // no receiver holds a slot
        assertThat(p.arithmetic().waves()).isEqualTo(1);
        assertThat(p.perLineMs()).isEqualTo(2.0);
        assertThat(p.loadFactor()).isCloseTo(0.28, within(1e-12));
        assertThat(p.verdict()).isEqualTo(Verdict.STABLE);
        assertThat(p.durationMs()).isCloseTo(500 + 0.28 * 3000, within(1e-9)); // 1.34 s
        assertThat(p.rowsPerBatch()).isCloseTo(420, within(1e-9));
        assertThat(p.onTimeRateLimit()).isCloseTo((3000 - 500) / (2.0 * 3), within(1e-9)); // 416.7 lines/s
    }

    @Test
    void aLoadFactorOfOneOrMoreGrowsWithoutBound() {
        StructuredPrediction p = predict(knobs("local[2]", 2, 16, 0, 3000, 140));
        assertThat(p.loadFactor()).isCloseTo(1.12, within(1e-12));
        assertThat(p.verdict()).isEqualTo(Verdict.UNSTABLE);
        assertThat(p.durationMs()).isNaN();
        List<Double> d = p.growingDurationsMs();
        assertThat(d.get(0)).isCloseTo(500 + 1.12 * 3000, within(1e-9));       // 3.86 s
        assertThat(d.get(1)).isCloseTo(500 + 1.12 * d.get(0), within(1e-9));     // 4.82 s
        assertThat(p.growthPerBatch()).isGreaterThan(1.12);                        // a·r + o/D
        StructuredSummary.Predicted s = p.forSummary();
        assertThat(s.durationMs()).isNull();
        assertThat(s.rowsPerBatch()).isNull();
        assertThat(s.growthPerBatch()).isEqualTo(p.growthPerBatch());
        // a·r exactly 1: linear growth, o per batch
        StructuredPrediction edge = predict(knobs("local[2]", 2, 10, 0, 3000, 200)); // a = 5 ms at 200 lines/s
        assertThat(edge.verdict()).isEqualTo(Verdict.UNSTABLE);
        assertThat(edge.growingDurationsMs().get(1) - edge.growingDurationsMs().get(0)).isCloseTo(O, within(1e-6));
    }

    @Test
    void wavesPartitionsAndAPerWordCost() {
        // local[2], P=8: 4 waves; a per-word cost of 2 ms on 3 words a line
        Knobs k = knobs("local[2]", 8, 2, 0, 3000, 140).withCostUnit(CostUnit.WORD);
        Workload w = StructuredModel.workload(k, null, 2);
        assertThat(StructuredModel.perLineMs(w)).isEqualTo(2.0 * 3 * 4 / 8);
        assertThat(StructuredModel.taskWaves(w)).isEqualTo(1 + 4 + 1);
        // the overhead at 6 waves, from the default's 3
        StructuredModel model = new StructuredModel(StructuredModel.defaultOverhead());
        assertThat(model.sparkOverheadMs(w)).isEqualTo(StructuredModel.DEFAULT_PER_BATCH_MS + 3 * StructuredModel.PER_WAVE_MS);
        // on a standalone master: the cores it asks for
        Knobs cluster = k.withMaster("spark://127.0.0.1:7077");
        assertThat(StructuredModel.workload(cluster, 16, 2).cores()).isEqualTo(16);
    }

    @Test
    void theSmallestFixesMakeAQueryStableWithItsOwnOverhead() {
        Knobs overload = knobs("local[2]", 2, 16, 0, 3000, 140);
        Workload w = StructuredModel.workload(overload, null, 2);
        StructuredModel model = new StructuredModel(StructuredModel.given(O, w));
        List<Fix> fixes = new SmallestFixes(model, 0.9).of(w);
        Fix cores = fixes.get(0);
        assertThat(cores.name()).isEqualTo("fewestCores");
        StructuredPrediction fixed = model.predictQuery(cores.prediction().workload());
        assertThat(fixed.verdict()).isEqualTo(Verdict.STABLE);
        assertThat(fixed.durationMs()).isLessThanOrEqualTo(0.9 * 3000);
        // the batch cost counts as fixed work in the fixes' arithmetic: the largest stable cost leaves room for it
        Knobs sink = overload.withCost(Duration.ZERO).withBatchCost(Duration.ofMillis(1000));
        Workload ws = StructuredModel.workload(sink, null, 2);
        StructuredModel ms = new StructuredModel(StructuredModel.given(O, ws));
        Fix cost = new SmallestFixes(ms, 0.9).largestStableCost(ws);
        // (0.9 × 3 s − 0.5 s − 1 s) / (1 wave × 210 lines) = 5.71 ms → 5.7 ms
        assertThat(cost.setting()).isEqualTo("≤ 5.7 ms/line");
        assertThat(ms.predictQuery(cost.prediction().workload()).durationMs()).isLessThanOrEqualTo(0.9 * 3000);
        assertThat(ms.predictQuery(ws).largestBatchCostMs(0.9)).isCloseTo(0.9 * 3000 - 500, within(1e-9));
    }

    @Test
    void theExplanationNamesEveryStepInBothLanguages() {
        StructuredPrediction p = predict(knobs("local[2]", 2, 6, 1500, 2000, 140));
        String en = String.join("\n", p.explain(Lang.EN));
        assertThat(en).contains("6 ms/line × 1 wave / P=2 = 3.00 ms per line", "= 0.42 s of work per second of input",
                "D = o + s + a·r·T = 0.50 s + 1.50 s + 0.42 × 2.00 s = 2.84 s > T 2.00 s", "D* = (o + s) / (1 − a·r) = 2.00 s / 0.58 = 3.45 s → FALLING_BEHIND",
                "≈ 483 rows per batch", "all free (no receiver: the socket source reads at the driver");
        String vi = String.join("\n", p.explain(Lang.VI));
        assertThat(vi).contains("3,00 ms mỗi dòng", "3,45 s → FALLING_BEHIND", "tụt lại sau trigger nhưng bị chặn");
        assertThat(p.fields()).containsEntry("regime", Verdict.FALLING_BEHIND).containsEntry("receivers", 0).containsEntry("api", "structured")
                .containsEntry("batchesToSettle", 3);
        assertThat((Double) p.fields().get("predictedProcessingTimeMs")).isCloseTo(3448.28, within(0.01));
    }
}
