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
        new Calibration(310, 380, 8, "local[4]", 4, 2000, 18, 12.5, 16, 610, 42, "2025-01-01T00:00:00Z", "4.1.0").save(file);
        Overhead o = Overhead.load(file);
        assertThat(o.calibrated()).isTrue();
        assertThat(o.perBatchMs()).isEqualTo(310);
        assertThat(o.referenceTasks()).isEqualTo(18);
        assertThat(o.perTaskMs()).isEqualTo(12.5);
        assertThat(o.source()).contains("calibrated here: 0.31 s at 18 tasks, +12.5 ms per task more");
        // phase 3: 26 tasks → 310 + 12.5 × 8 = 410 ms
        assertThat(o.at(Workload.of(new io.ssplab.jobs.Phase3Parallelism().defaults()))).isEqualTo(410);
        assertThat(Calibration.load(file).p95Ms()).isEqualTo(380);
    }

    @Test
    void aBrokenCalibrationFallsBackToTheDefaultAndSaysWhy(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("calibration.json");
        Files.writeString(file, "{\"overheadMs\": ");
        Overhead o = Overhead.load(file);
        assertThat(o.calibrated()).isFalse();
        assertThat(o.source()).contains("calibration unreadable");
        Files.writeString(file, "{\"overheadMs\": -5, \"tasksPerBatch\": 18}");
        assertThat(Overhead.load(file).source()).contains("no usable overhead");
        Files.writeString(file, "{\"overheadMs\": 250, \"tasksPerBatch\": 18, \"perTaskMs\": -1}");
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
