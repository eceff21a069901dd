package io.ssplab.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.ssplab.core.Lang;
import io.ssplab.jobs.Phase3Parallelism;

/** What the model tells people about its inputs, in the reader's language: a master's cores, a calibration it cannot use. */
class ModelMessagesTest {

    @Test
    void aStandaloneMastersCoresAreCountedInTheReadersWords() {
        Workload w = new Workload(Phase3Parallelism.KNOBS.withMaster("spark://10.0.0.5:7077"), 12, 1, true);
        assertThat(w.masterLabel()).isEqualTo("spark://10.0.0.5:7077 (12 cores)");
        assertThat(w.withCores(1).masterLabel()).isEqualTo("spark://10.0.0.5:7077 (1 core)");
        try {
            Lang.use(Lang.VI);
            assertThat(w.masterLabel()).isEqualTo("spark://10.0.0.5:7077 (12 core)");
        } finally {
            Lang.use(Lang.EN);
        }
        assertThat(Workload.of(Phase3Parallelism.KNOBS).masterLabel()).isEqualTo("local[8]");
    }

    @Test
    void noCalibrationIsNotAProblemButAnUnusableOneSaysWhyInTheReadersLanguage(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("calibration.json");
        assertThatThrownBy(() -> Calibration.load(file)).isInstanceOf(NoSuchFileException.class);
        assertThat(Overhead.load(file).detail()).isEmpty();

        Files.writeString(file, "{\"overheadMs\": -5, \"tasksPerBatch\": 18}");
        assertThatThrownBy(() -> Calibration.load(file))
                .hasMessage(file + " holds no usable overhead (overheadMs -5.0, tasksPerBatch 18, perTaskMs 0.0)");
        try {
            Lang.use(Lang.VI);
            assertThatThrownBy(() -> Calibration.load(file))
                    .hasMessage(file + " không chứa overhead nào dùng được (overheadMs -5.0, tasksPerBatch 18, perTaskMs 0.0)");
            Overhead o = Overhead.load(file);
            assertThat(o.calibrated()).isFalse();
            assertThat(o.describe(Lang.VI)).startsWith("giá trị mặc định của lab (").contains("không chứa overhead nào dùng được");
        } finally {
            Lang.use(Lang.EN);
        }
    }
}
