package io.ssplab.ownjob;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.ssplab.core.BatchMetrics;

/** A DStream run rebuilt from a hand-written event log: the batches it keeps and the ones it leaves out. */
class ForeignRunTest {
    @TempDir
    Path dir;

    /** One batch at {@code time}: a job whose cost stage ran two tasks of {@code records} shuffle records each. */
    private static List<String> batch(int job, long time, int records, String result) {
        int stage = 2 * job;
        return List.of(
                "{\"Event\":\"SparkListenerJobStart\",\"Job ID\":" + job + ",\"Submission Time\":" + (time + 10)
                        + ",\"Stage Infos\":[{\"Stage ID\":" + stage + ",\"Stage Name\":\"count at App.java:45\",\"RDD Info\":[]}],"
                        + "\"Properties\":{\"spark.streaming.internal.batchTime\":\"" + time + "\"}}",
                task(stage, 40L * records, records),
                task(stage, 40L * records, records),
                "{\"Event\":\"SparkListenerJobEnd\",\"Job ID\":" + job + ",\"Completion Time\":" + (time + 300)
                        + ",\"Job Result\":{\"Result\":\"" + result + "\"}}");
    }

    private static String task(int stage, long runMs, int records) {
        return "{\"Event\":\"SparkListenerTaskEnd\",\"Stage ID\":" + stage + ",\"Task End Reason\":{\"Reason\":\"Success\"},"
                + "\"Task Info\":{\"Launch Time\":0,\"Finish Time\":" + runMs + "},"
                + "\"Task Metrics\":{\"Executor Run Time\":" + runMs + ",\"Shuffle Read Metrics\":{\"Total Records Read\":" + records + "}}}";
    }

    @Test
    void aBatchWhoseJobFailedIsLeftOutLikeOneThatNeverEnded() throws Exception {
        List<String> lines = new ArrayList<>();
        lines.add("{\"Event\":\"SparkListenerApplicationStart\",\"App Name\":\"my-app\",\"App ID\":\"local-1\",\"Timestamp\":0}");
        lines.addAll(batch(1, 1_000, 5, "JobSucceeded"));
        lines.addAll(batch(2, 2_000, 6, "JobSucceeded"));
        lines.addAll(batch(3, 3_000, 7, "JobSucceeded"));
        // the app's stop interrupted the next batch: one of its tasks succeeded, the job failed
        lines.addAll(batch(4, 4_000, 1, "JobFailed"));
        Path log = dir.resolve("local-1");
        Files.write(log, lines);

        ForeignRun run = ForeignRun.of(AppLog.read(EventLogFiles.locate(log, null)), null, null);

        assertThat(run.batches()).extracting(BatchMetrics::batchTimeMs).containsExactly(1_000L, 2_000L, 3_000L);
        assertThat(run.batches()).extracting(BatchMetrics::records).containsExactly(10L, 12L, 14L);
        assertThat(run.tasks()).hasSize(6).allMatch(t -> t.batchTimeMs() < 4_000);
    }
}
