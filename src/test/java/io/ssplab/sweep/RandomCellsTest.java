package io.ssplab.sweep;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.ssplab.core.CostUnit;
import io.ssplab.core.Knobs;
import io.ssplab.jobs.Phase2Bottleneck;
import io.ssplab.model.BatchArithmetic;
import io.ssplab.model.Workload;

/** bin/ssp sweep --random: the same seed draws the same settings, inside the knob space, none too long to run. */
class RandomCellsTest {
    private static final Knobs BASE = new Phase2Bottleneck().defaults();

    @Test
    void theSameSeedDrawsTheSameSettingsAndAnotherSeedOthers() {
        List<SweepCell> a = RandomCells.draw(12, 7, BASE, 4).cells();
        assertThat(a).hasSize(12).isEqualTo(RandomCells.draw(12, 7, BASE, 4).cells());
        assertThat(RandomCells.draw(12, 8, BASE, 4).cells()).isNotEqualTo(a);
    }

    @Test
    void everyDrawIsInsideTheKnobSpaceAndCoversIt() {
        RandomCells.Draw draw = RandomCells.draw(100, 1, BASE, 4);
        assertThat(draw.cells()).hasSize(100);
        for (SweepCell c : draw.cells()) {
            assertThat(c.cores()).isBetween(2, 8);
            assertThat(c.partitions()).isBetween(1, 24);
            assertThat(c.costMs()).isBetween(0.5, 15.0);
            assertThat(c.linesPerSecond()).isBetween(50.0, 500.0);
            assertThat(c.batchInterval().toMillis()).isBetween(1000L, 5000L);
            assertThat(c.batchInterval().toMillis() % 500).isZero();
            assertThat(c.ownSetting()).isTrue();
        }
        assertThat(draw.cells().stream().map(SweepCell::costUnit).distinct()).containsExactlyInAnyOrder(CostUnit.WORD, CostUnit.LINE);
        assertThat(draw.cells().stream().mapToInt(SweepCell::cores).min().orElseThrow()).isEqualTo(2);
        assertThat(draw.cells().stream().mapToInt(SweepCell::cores).max().orElseThrow()).isEqualTo(8);
    }

    @Test
    void aSettingWhoseRunWouldBeTooLongIsSetAsideAndSaysWhy() {
        RandomCells.Draw draw = RandomCells.draw(100, 1, BASE, 4);
        assertThat(draw.rejected()).isNotEmpty();
        for (RandomCells.Rejected r : draw.rejected()) {
            assertThat(r.estimatedSeconds()).isGreaterThan(RandomCells.MAX_CELL_SECONDS);
            // the arithmetic alone (no overhead): the same on every machine
            assertThat(r.costTimeMs()).isEqualTo(BatchArithmetic.of(Workload.of(SweepRunner.specFor(BASE, r.cell()))).costTimeMs());
        }
        for (SweepCell c : draw.cells()) {
            double bi = c.batchInterval().toMillis() / 1000.0;
            double cost = BatchArithmetic.of(Workload.of(SweepRunner.specFor(BASE, c))).costTimeMs() / 1000;
            assertThat(SweepRunner.STARTUP_SECONDS + bi + 4 * Math.max(bi, cost)).isLessThanOrEqualTo(RandomCells.MAX_CELL_SECONDS);
        }
    }

    @Test
    void aDrawnCellCarriesItsOwnRateBiAndUnitIntoItsKnobsAndName() {
        SweepCell c = SweepCell.drawn(3, 5, java.time.Duration.ofNanos(2_500_000), CostUnit.LINE, 230, java.time.Duration.ofMillis(3500));
        Knobs k = SweepRunner.specFor(BASE, c);
        assertThat(k.costUnit()).isEqualTo(CostUnit.LINE);
        assertThat(k.linesPerSecond()).isEqualTo(230);
        assertThat(k.batchIntervalMs()).isEqualTo(3500);
        // 230 × 3.5 = 805 lines / 5 partitions = 161 per partition; 2 free slots: 3 waves × 161 × 2.5 ms
        assertThat(BatchArithmetic.of(Workload.of(k)).costTimeMs()).isEqualTo(3 * 161 * 2.5, org.assertj.core.api.Assertions.within(1e-6));
        assertThat(c.label(io.ssplab.core.Lang.EN)).isEqualTo("local[3] P=5 2.5ms/line 230 lines/s BI 3.5 s");
        assertThat(c.fileName()).isEqualTo("c3-p5-2_5ms-line-r230-bi3500ms");
        assertThat(SweepRunner.jobFor(SweepGrid.of(List.of(c)), c).name()).isEqualTo(io.ssplab.jobs.ApiComparison.DSTREAM);
    }

    @Test
    void aRandomSweepsPageHasNoMapAndSaysEachCellHasItsOwnSetting() {
        SweepGrid grid = SweepGrid.of(RandomCells.draw(3, 7, BASE, 4).cells());
        assertThat(grid.random()).isTrue();
        assertThat(grid.size()).isEqualTo(3);
        SweepResult sweep = new SweepResult(grid, BASE, 4, "default", List.of(), "2026-11-30T03:00:00Z", 1, "Ctrl-C");
        String html = SweepPage.render(sweep, null);
        assertThat(html).doesNotContain("<img").contains("0 of 3 drawn cells run").contains("Đã chạy 0 trên 3 ô được rút")
                .contains("model fidelity").contains("độ chính xác của mô hình");
        assertThat(sweep.fields()).containsEntry("random", true);
    }
}
