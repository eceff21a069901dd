package io.ssplab.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import io.ssplab.core.BadInputException;

class ClusterSettingsTest {

    private static ClusterSettings with(int workers, int cores, String memory) {
        return new ClusterSettings("127.0.0.1", 7077, 8081, workers, cores, memory, Duration.ofSeconds(60));
    }

    @Test
    void defaultsAreTheOriginalsClusterOnLoopback() {
        ClusterSettings d = ClusterSettings.defaults().validate();
        assertThat(d.masterUrl()).isEqualTo("spark://127.0.0.1:7077");
        assertThat(d.uiPort()).isEqualTo(8081);
        assertThat(d.totalCores()).isEqualTo(4);
        assertThat(d.memoryPerWorker()).isEqualTo("2g");
        assertThat(d.loopbackOnly()).isTrue();
    }

    @Test
    void memoryNeedsAUnitAndRoomForOneExecutor() {
        assertThat(ClusterSettings.memoryMb("2g")).isEqualTo(2048);
        assertThat(ClusterSettings.memoryMb("1536m")).isEqualTo(1536);
        assertThat(ClusterSettings.memoryMb("1G")).isEqualTo(1024);
        assertThatThrownBy(() -> ClusterSettings.memoryMb("2")).isInstanceOf(BadInputException.class).hasMessageContaining("unit");
        assertThatThrownBy(() -> ClusterSettings.memoryMb("512m")).hasMessageContaining("1g");
        assertThatThrownBy(() -> ClusterSettings.memoryMb("lots")).hasMessageContaining("--memory 2g");
    }

    @Test
    void refusesWhatCannotRunAStreamingJob() {
        assertThatThrownBy(() -> with(0, 4, "2g").validate()).hasMessageContaining("--workers must be at least 1");
        assertThatThrownBy(() -> with(1, 0, "2g").validate()).hasMessageContaining("--cores must be at least 1");
        assertThatThrownBy(() -> with(1, 1, "2g").validate()).hasMessageContaining("receiver holds one").hasMessageContaining("--cores 2");
        assertThat(with(2, 1, "2g").validate().totalCores()).isEqualTo(2);
        assertThatThrownBy(() -> new ClusterSettings("127.0.0.1", 7077, 7077, 1, 4, "2g", Duration.ofSeconds(1)).validate())
                .hasMessageContaining("different ports");
        assertThatThrownBy(() -> new ClusterSettings("127.0.0.1", 0, 8081, 1, 4, "2g", Duration.ofSeconds(1)).validate())
                .hasMessageContaining("--port 0");
        assertThatThrownBy(() -> new ClusterSettings("127.0.0.1", 7077, 8081, 1, 4, "2g", Duration.ZERO).validate())
                .hasMessageContaining("--timeout");
    }

    @Test
    void openingUpNeedsOneReachableAddressNotAWildcard() {
        assertThatThrownBy(() -> new ClusterSettings("0.0.0.0", 7077, 8081, 1, 4, "2g", Duration.ofSeconds(1)).validate())
                .hasMessageContaining("every interface");
        assertThatThrownBy(() -> new ClusterSettings("no-such-host.invalid", 7077, 8081, 1, 4, "2g", Duration.ofSeconds(1)).validate())
                .hasMessageContaining("not a known address");
    }
}
