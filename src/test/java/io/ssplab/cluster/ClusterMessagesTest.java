package io.ssplab.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.ssplab.cluster.ClusterDriver.Auth;
import io.ssplab.cluster.ClusterDriver.Credentials;
import io.ssplab.core.BadInputException;
import io.ssplab.core.Lang;
import io.ssplab.core.Master;

/**
 * The cluster speaks the reader's language: a driver's notes and refusals, the settings' checks, what the
 * master's applications hold — in Vietnamese with the glossary's words (secret, core, task slot trống),
 * with no English sentence left in them. (ClusterDriverTest and ClusterSettingsTest check the logic in English.)
 */
class ClusterMessagesTest {
    private static final Master CLUSTER = Master.parse("spark://127.0.0.1:7077");
    private static final ClusterState OURS = new ClusterState("127.0.0.1", 7077, 8081, 11, List.of(new ClusterState.Worker(1, 12, 4, "2g")), "now");
    private static final Path SETTINGS = Path.of("runs/cluster/spark-cluster.conf");

    @BeforeEach
    void vietnamese() {
        Lang.use(Lang.VI);
    }

    @AfterEach
    void english() {
        Lang.use(Lang.EN);
    }

    private static Credentials ours() {
        return ClusterDriver.credentials(CLUSTER, Optional.of(OURS), Map.of(ClusterSecurity.SECRET, "s3cret"), SETTINGS, Map.of(), Map.of());
    }

    private static MasterProbe.Capacity capacity(int cores, int free) {
        return new MasterProbe.Capacity(cores, free, free < cores ? List.of("ssp-phase2 (" + (cores - free) + " core)") : List.of(), false);
    }

    private static ClusterDriver plan(int designed, Integer option, MasterProbe.Capacity capacity) {
        return ClusterDriver.plan("phase3", CLUSTER, ours(), capacity, designed, option, Map.of(), null);
    }

    @Test
    void theDriversNotesAreVietnamese() {
        assertThat(ours().note()).isEqualTo("cluster: đây là cluster của 'bin/ssp cluster start': xác thực bằng secret (mã bí mật dùng chung) của nó ("
                + ClusterLayout.display(SETTINGS) + ")");
        Credentials none = ClusterDriver.credentials(CLUSTER, Optional.empty(), Map.of(), SETTINGS, Map.of(), Map.of());
        assertThat(none.note()).isEqualTo("cluster: không biết secret (mã bí mật dùng chung) nào cho spark://127.0.0.1:7077: kết nối không xác thực");

        ClusterDriver d = plan(8, null, capacity(8, 8));
        assertThat(d.notes().get(1)).isEqualTo("cluster: yêu cầu 8 core (spark.cores.max; phase3 được thiết kế cho 8 task slot, như local[8] của nó);"
                + " receiver giữ 1 → còn 7 task slot trống. Spark chờ tới khi các executor sẵn sàng (~20 s)…");
        ClusterDriver capped = plan(8, null, capacity(4, 4));
        assertThat(String.join("\n", capped.notes())).contains("nhưng cluster chỉ có 4 core: yêu cầu 4 (để có 8:", "toàn bộ core của cluster");
    }

    @Test
    void theDriversRefusalsAreVietnamese() {
        assertThat(ClusterDriver.refusal(CLUSTER, MasterProbe.Answer.UNREACHABLE, Auth.NONE))
                .hasMessage("không có Spark master nào đang lắng nghe tại spark://127.0.0.1:7077: hãy khởi động một master bằng 'bin/ssp cluster start'"
                        + " (xem 'bin/ssp cluster status'), hoặc kiểm tra lại --master");
        for (Auth auth : Auth.values()) {
            assertThat(ClusterDriver.refusal(CLUSTER, MasterProbe.Answer.REFUSED, auth).getMessage()).as(auth.name())
                    .startsWith("master tại spark://127.0.0.1:7077 đã từ chối driver này: ").doesNotContain("refused", "secret of", "use the one");
        }
        assertThatThrownBy(() -> plan(8, 6, capacity(4, 4))).isInstanceOf(BadInputException.class)
                .hasMessage("--cores-max yêu cầu 6 core nhưng cluster chỉ có 4: hãy dùng --cores-max 4 hoặc ít hơn, hoặc cho cluster thêm core"
                        + " (bin/ssp cluster start --workers 2)");
        assertThatThrownBy(() -> plan(4, null, capacity(4, 0)))
                .hasMessage("cluster chỉ còn 0 trên 4 core trống, phần còn lại do ssp-phase2 (4 core) giữ, mà job này yêu cầu 4: hãy dừng job kia trước");
        assertThatThrownBy(() -> plan(4, 1, capacity(4, 4))).hasMessageStartingWith("1 core trên spark://127.0.0.1:7077: socket receiver giữ hẳn một core");
        assertThatThrownBy(() -> plan(4, null, capacity(1, 1))).hasMessageContaining("hãy khởi động worker trước");
    }

    @Test
    void theSettingsChecksAreVietnamese() {
        assertThatThrownBy(() -> new ClusterSettings("127.0.0.1", 7077, 8081, 0, 4, "2g", Duration.ofSeconds(1)).validate())
                .hasMessage("--workers phải ít nhất là 1, nhưng nhận được 0: hãy dùng ví dụ --workers 1");
        assertThatThrownBy(() -> new ClusterSettings("127.0.0.1", 7077, 8081, 17, 4, "2g", Duration.ofSeconds(1)).validate())
                .hasMessageStartingWith("--workers 17 là quá nhiều JVM cho một máy: hãy dùng tối đa 16");
        assertThatThrownBy(() -> new ClusterSettings("127.0.0.1", 0, 8081, 1, 4, "2g", Duration.ofSeconds(1)).validate())
                .hasMessage("--port 0 không phải số cổng (1-65535): hãy dùng ví dụ --port 7077");
        assertThatThrownBy(() -> new ClusterSettings("127.0.0.1", 7077, 8081, 1, 4, "2g", Duration.ZERO).validate())
                .hasMessage("--timeout phải lớn hơn 0: hãy dùng ví dụ --timeout 180s");
        assertThatThrownBy(() -> new ClusterSettings("0.0.0.0", 7077, 8081, 1, 4, "2g", Duration.ofSeconds(1)).validate())
                .hasMessageStartingWith("--host 0.0.0.0 nghĩa là mọi giao diện mạng");
        assertThatThrownBy(() -> ClusterSettings.memoryMb("512m")).hasMessageStartingWith("--memory 512m nhỏ hơn 1g của một executor");
        assertThatThrownBy(() -> new ClusterSettings("127.0.0.1", 7077, 8081, 1, 1, "2g", Duration.ofSeconds(1)).validate())
                .hasMessageContaining("task slot");
    }

    @Test
    void aDaemonWithoutALogSaysSo() {
        Path missing = Path.of("no/such/log");
        assertThat(Daemons.tail(missing, 3)).containsExactly("(không có log tại " + ClusterLayout.display(missing) + ")");
    }
}
