package io.ssplab.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

import io.ssplab.core.BatchMetrics;

class JsonLinesTest {

    @Test
    void writesOneObjectPerBatchWithTheDocumentedFieldNames(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("run.jsonl");
        try (JsonLines.Writer w = new JsonLines.Writer(file)) {
            w.accept(new BatchMetrics("phase1", 1000, 2000, 280, 140.0, 300, 5, 305, 0));
            w.accept(new BatchMetrics("phase1", 3000, 2000, 281, 140.5, 310, 0, 310, 1));
        }
        List<String> lines = Files.readAllLines(file);
        assertThat(lines).hasSize(2);
        JsonNode first = io.ssplab.core.Json.MAPPER.readTree(lines.get(0));
        for (String field : new String[] {"job", "batchTimeMs", "batchIntervalMs", "records", "processingTimeMs",
                "schedulingDelayMs", "totalDelayMs", "queuedBatches"}) {
            assertThat(first.has(field)).as(field).isTrue();
        }
        assertThat(first.get("processingTimeMs").asLong()).isEqualTo(300);
        assertThat(JsonLines.read(file).batches()).hasSize(2);
    }

    @Test
    void readingKeepsWhatItCanAndNamesTheRest(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("cut.jsonl");
        String good = "{\"job\":\"phase2\",\"batchTimeMs\":1,\"batchIntervalMs\":2000,\"records\":0,\"inputRatePerSec\":0,"
                + "\"processingTimeMs\":10,\"schedulingDelayMs\":0,\"totalDelayMs\":10,\"queuedBatches\":0}";
        Files.writeString(file, good + "\n\nnot json\n" + good + "\n" + good.substring(0, 40), StandardCharsets.UTF_8);
        JsonLines.ReadResult r = JsonLines.read(file);
        assertThat(r.batches()).hasSize(2);
        assertThat(r.problems()).hasSize(2);
        assertThat(r.problems().get(0)).contains("cut.jsonl:3", "not a batch object");
        assertThat(r.problems().get(1)).contains("cut.jsonl:5", "cut short");
        assertThat(r.skipped()).extracting(JsonLines.Skipped::line).containsExactly(3, 5);
        // in the reader's language, whatever the current one
        assertThat(r.problems(io.ssplab.core.Lang.VI)).containsExactly("cut.jsonl:3: không phải đối tượng batch — bỏ qua",
                "cut.jsonl:5: dòng cuối bị cắt dở hoặc không phải đối tượng batch — bỏ qua");
        // a batch object without a batch interval is not a batch
        Files.writeString(file, good.replace("\"batchIntervalMs\":2000", "\"batchIntervalMs\":0") + "\n" + good + "\n", StandardCharsets.UTF_8);
        assertThat(JsonLines.read(file).problems()).containsExactly("cut.jsonl:1: not a batch object — skipped");
    }
}
