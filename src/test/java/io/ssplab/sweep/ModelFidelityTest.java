package io.ssplab.sweep;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.ssplab.core.Lang;

/** The three figures every sweep ends with, on hand-computed cells. */
class ModelFidelityTest {

    private static ModelFidelity.Point p(double error, double ratio, boolean right) {
        return new ModelFidelity.Point(error, ratio, right);
    }

    @Test
    void medianWorstAndVerdictsAwayFromTheEdge() {
        ModelFidelity f = ModelFidelity.of(List.of(
                p(+4, 0.5, true),      // |4|
                p(-12, 1.05, false),   // |12|, at the edge: its wrong verdict is not judged
                p(+8, 2.0, true),      // |8|
                p(Double.NaN, Double.NaN, false), // nothing measured: neither figure
                p(-25, 0.85, false))); // |25|, off the edge and wrong
        // |errors| 4, 8, 12, 25: median (8 + 12) / 2 = 10, worst 25
        assertThat(f.cellsScored()).isEqualTo(4);
        assertThat(f.medianAbsErrorPercent()).isCloseTo(10, within(1e-9));
        assertThat(f.worstAbsErrorPercent()).isCloseTo(25, within(1e-9));
        // off the edge: ρ 0.5, 2.0 and 0.85; right in 2 of them
        assertThat(f.cellsOffEdge()).isEqualTo(3);
        assertThat(f.verdictsRightOffEdge()).isEqualTo(2);
        assertThat(f.medianMet()).isTrue();   // 10 ≤ 10
        assertThat(f.worstMet()).isFalse();   // 25 > 20
        assertThat(f.verdictsMet()).isFalse();
        assertThat(f.met()).isFalse();
    }

    @Test
    void theEdgeItselfIsNotJudged() {
        ModelFidelity f = ModelFidelity.of(List.of(p(1, 0.9, false), p(1, 1.1, false), p(1, 0.89, true), p(1, 1.11, true)));
        assertThat(f.cellsOffEdge()).isEqualTo(2);
        assertThat(f.verdictsMet()).isTrue();
        assertThat(f.met()).isTrue();
    }

    @Test
    void rendersTheSameRowsInBothLanguages() {
        ModelFidelity f = ModelFidelity.of(List.of(p(7.25, 0.5, true), p(-15.5, 1.5, true)));
        List<String> en = f.lines(Lang.EN);
        assertThat(en).hasSize(4);
        assertThat(String.join("\n", en)).contains("11.4%").contains("15.5%").contains("2 of 2").contains("target ≤ 10%").contains("target ≤ 20%");
        assertThat(String.join("\n", f.lines(Lang.VI))).contains("11,4%").contains("15,5%").contains("2 trên 2").contains("mục tiêu");
        assertThat(ModelFidelity.of(List.of()).lines(Lang.EN).get(1)).contains("n/a");
        assertThat(f.fields()).containsEntry("targetsMet", false).containsEntry("cellsOutsideEdge", 2); // median 11.4% > 10%;
    }
}
