package io.ssplab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.Test;

import io.ssplab.core.ExitCodes;

/**
 * Logs {@code bin/ssp analyze} and {@code plan --from} cannot use: one line each, exit code 2, nothing written.
 * The non-streaming log is a real one: a plain Spark batch job run here with its event log on.
 */
class AnalyzeRefusalsTest extends IsolatedCli {

    @Test
    void aMissingPathIsOneLine() {
        assertRefused("analyze", home.resolve("nowhere").toString());
        assertThat(err()).contains("does not exist");
    }

    @Test
    void anEmptyFileIsOneLine() throws Exception {
        Path empty = Files.createFile(home.resolve("local-1.log"));
        assertRefused("analyze", empty.toString());
        assertThat(err()).contains("is empty");
    }

    @Test
    void aFileThatIsNotAnEventLogIsOneLine() throws Exception {
        Path text = Files.writeString(home.resolve("notes.txt"), "hello\nworld\n", StandardCharsets.UTF_8);
        assertRefused("analyze", text.toString());
        assertThat(err()).contains("is not a Spark event log");
    }

    @Test
    void aBrokenCompressedLogIsOneLine() throws Exception {
        Path broken = Files.write(home.resolve("local-2.lz4"), new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9});
        assertRefused("analyze", broken.toString());
    }

    @Test
    void anEmptyFolderIsOneLine() throws Exception {
        Path dir = Files.createDirectories(home.resolve("spark-events"));
        assertRefused("analyze", dir.toString());
        assertThat(err()).contains("holds no event log");
        out.reset();
        err.reset();
        assertRefused("plan", "--from", dir.toString());
    }

    @Test
    void aBatchAppIsNotAStreamingApp() throws Exception {
        Path logs = Files.createDirectories(home.resolve("batch-events"));
        SparkConf conf = new SparkConf().setMaster("local[2]").setAppName("plain-batch").set("spark.ui.enabled", "false")
                .set("spark.eventLog.enabled", "true").set("spark.eventLog.dir", logs.toUri().toString())
                .set("spark.driver.bindAddress", "127.0.0.1").set("spark.driver.host", "127.0.0.1");
        try (JavaSparkContext sc = new JavaSparkContext(conf)) {
            sc.parallelize(java.util.List.of(1, 2, 3, 4), 2).map(x -> x * 2).count();
        }
        assertRefused("analyze", logs.toString());
        assertThat(err()).contains("is not a streaming app").contains("plain-batch");
    }

    private void assertRefused(String... args) {
        int code = ssp(args);
        assertThat(code).as(out() + err()).isEqualTo(ExitCodes.USAGE);
        assertThat(err().strip().lines()).as(err()).hasSize(1);
        assertThat(out()).isEmpty();
    }
}
