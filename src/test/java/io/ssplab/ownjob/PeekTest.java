package io.ssplab.ownjob;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.ssplab.jobs.KeySkew;

class PeekTest {
    @Test
    void peek() throws Exception {
        Path dir = Path.of("/tmp/analyze-peek");
        Files.createDirectories(dir);
        var r = LabRuns.run(new KeySkew(), KeySkew.KNOBS.withCost(java.time.Duration.ofMillis(2)), 3, dir, Map.of());
        System.out.println("SUMMARY " + r.summary());
        r.batches().forEach(b -> System.out.println("B " + b));
    }
}
