package io.ssplab.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OverheadTest {

    @Test
    void noCalibrationMeansTheDocumentedDefault(@TempDir Path dir) {
        Overhead o = Overhead.load(dir.resolve("calibration.json"));
        assertThat(o.calibrated()).isFalse();
        assertThat(o.perBatchMs()).isEqualTo(Overhead.DEFAULT_PER_BATCH_MS);
        assertThat(o.source()).contains("default").contains("no calibration yet").contains("bin/ssp calibrate");
    }

    @Test
    void aSavedCalibrationIsUsed(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("runs/calibration.json");
        new Calibration(310, 380, 8, "local[4]", 4, 2000, 8, 30, 16, 550, 16, "2025-01-01T00:00:00Z", "4.1.0").save(file);
        Overhead o = Overhead.load(file);
        assertThat(o.calibrated()).isTrue();
        assertThat(o.perBatchMs()).isEqualTo(310);
        assertThat(o.referenceWaves()).isEqualTo(8);
        assertThat(o.perWaveMs()).isEqualTo(30);
        assertThat(o.source()).contains("calibrated here (0.31 s at 8 waves, +30.0 ms per wave");
        // phase 3: 6 waves → 310 − 2 × 30 = 250 ms
        assertThat(o.at(Workload.of(new io.ssplab.jobs.Phase3Parallelism().defaults()))).isEqualTo(250);
        assertThat(Calibration.load(file).p95Ms()).isEqualTo(380);
    }

    @Test
    void aBrokenCalibrationFallsBackToTheDefaultAndSaysWhy(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("calibration.json");
        Files.writeString(file, "{\"overheadMs\": ");
        Overhead o = Overhead.load(file);
        assertThat(o.calibrated()).isFalse();
        assertThat(o.source()).contains("calibration unreadable");
        Files.writeString(file, "{\"overheadMs\": -5, \"wavesPerBatch\": 8}");
        assertThat(Overhead.load(file).source()).contains("no usable overhead");
        Files.writeString(file, "{\"overheadMs\": 250, \"wavesPerBatch\": 8, \"perWaveMs\": -1}");
        assertThat(Overhead.load(file).source()).contains("no usable overhead");
    }

    @Test
    void theDefaultFileLivesUnderSspHome(@TempDir Path dir) {
        String before = System.getProperty("ssp.home");
        try {
            System.setProperty("ssp.home", dir.toString());
            assertThat(Calibration.defaultPath()).isEqualTo(dir.resolve("runs").resolve("calibration.json"));
        } finally {
            if (before == null) System.clearProperty("ssp.home");
            else System.setProperty("ssp.home", before);
        }
    }
}
