package io.ssplab.accounting;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JournalTest {

    @Test
    void aLaterRunReadsWhatEarlierRunsLeftAndSkipsACutShortLine(@TempDir Path dir) throws Exception {
        BatchTally t = new BatchTally(2000);
        t.account("#s:0:0:1 a");
        t.account("#s:0:1:2 b");
        try (Journal run1 = new Journal(dir, 1)) {
            run1.submitted(2000, 2);
            run1.completed(2000, t);
            run1.submitted(4000, 5);
        }
        Files.writeString(dir.resolve(Journal.FILE_NAME), "{\"run\":1,\"event\":\"subm", StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        try (Journal run2 = new Journal(dir, 2)) {
            run2.submitted(6000, 3);
        }

        Journal.History h = Journal.read(dir, 2);
        assertThat(h.runs()).isEqualTo(1);
        assertThat(h.submitted()).containsEntry(2000L, 2L).containsEntry(4000L, 5L).doesNotContainKey(6000L);
        assertThat(h.processed()).containsOnlyKeys(2000L);
        assertThat(h.receivedLines()).isEqualTo(7);
        assertThat(h.streams().get("s:0").toString()).isEqualTo("0-1");
        assertThat(Journal.read(dir.resolve("none"), 2)).isEqualTo(Journal.History.NONE);
    }
}
