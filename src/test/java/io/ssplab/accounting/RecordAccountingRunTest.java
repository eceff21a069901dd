package io.ssplab.accounting;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.ssplab.cli.Main;

/**
 * Real Spark runs (local mode, in this JVM) whose summaries must account for every line, each stopped after
 * {@value #BATCHES} measured batches: the accounting counts lines, and every batch's lines are counted three
 * times over (sent, received, processed).
 */
class RecordAccountingRunTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    static final int BATCHES = 2;

    private static JsonNode run(Path dir, String... args) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream print = new PrintStream(out, true, StandardCharsets.UTF_8);
        int exit = Main.run(print, print, args);
        assertThat(exit).as(out.toString(StandardCharsets.UTF_8)).isZero();
        return JSON.readTree(dir.resolve("run.summary.json").toFile()).get("accounting");
    }

    @Test
    void aCleanStampedRunBalancesSentReceivedAndProcessed(@TempDir Path dir) throws Exception {
        // phase1's own 2 s batches: sent = received = processed needs the job to keep up when it stops, with room to spare.
        JsonNode a = run(dir, "run", "phase1", "--format", "stamped", "--batches", String.valueOf(BATCHES), "--no-ui",
                "--metrics-out", dir.resolve("run.jsonl").toString());
        String text = a.toPrettyString();
        assertThat(a.get("sentLines").asLong()).as(text).isPositive();
        assertThat(a.get("receivedLines").asLong()).as(text).isEqualTo(a.get("sentLines").asLong());
        assertThat(a.get("processedLines").asLong()).as(text).isEqualTo(a.get("sentLines").asLong());
        assertThat(a.get("lostLines").asLong()).isZero();
        assertThat(a.get("lineFormat").asText()).isEqualTo("stamped");
        assertThat(a.get("differences")).as(text).isEmpty();
        assertThat(a.get("answer").asText()).startsWith("nothing lost: sent = received = processed");
        // Latency of a line: due at the source → its batch done; at least the time to be cut into a batch.
        assertThat(a.get("latencyP50Ms").asDouble()).isPositive();
        assertThat(a.get("latencyMaxMs").asDouble()).isGreaterThanOrEqualTo(a.get("latencyP95Ms").asDouble());
        assertThat(a.get("streams")).singleElement().satisfies(s -> assertThat(s.get("missingLines").asLong()).isZero());
    }

    /** A source that sends what no word-count source should: empty lines, a 1 MB line, bytes that are not UTF-8. */
    private static final class BadLineSource implements AutoCloseable {
        final ServerSocket server;
        final Thread acceptor;

        BadLineSource() throws IOException {
            server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            acceptor = new Thread(() -> {
                while (!server.isClosed()) {
                    try {
                        Socket s = server.accept();
                        Thread t = new Thread(() -> serve(s));
                        t.setDaemon(true);
                        t.start();
                    } catch (IOException closed) {
                        return;
                    }
                }
            });
            acceptor.setDaemon(true);
            acceptor.start();
        }

        static void serve(Socket socket) {
            try (socket; OutputStream out = socket.getOutputStream()) {
                byte[] good = "word1 word2 word3\n".getBytes(StandardCharsets.UTF_8);
                for (int i = 0; i < 5; i++) out.write(good);
                out.write("\n\n   \n".getBytes(StandardCharsets.UTF_8));                   // 3 empty lines
                out.write("word7 ".repeat(1 << 18).getBytes(StandardCharsets.UTF_8));    // 1.5 MB, one line
                out.write('\n');
                out.write(new byte[] {'w', (byte) 0xC3, '(', '\n'});                     // a broken 2-byte sequence
                out.write(new byte[] {(byte) 0xFF, (byte) 0xFE, ' ', 'w', '\n'});        // bytes never valid in UTF-8
                out.flush();
                for (int i = 0; i < 3000 && !socket.isClosed(); i++) {                   // then good lines, bounded
                    out.write(good);
                    out.flush();
                    Thread.sleep(10);
                }
            } catch (IOException | InterruptedException gone) {
                // the client left (the reachability probe leaves at once)
            }
        }

        @Override
        public void close() throws IOException {
            server.close();
        }
    }

    @Test
    void emptyHugeAndUndecodableLinesAreCountedAndDoNotCrashTheJob(@TempDir Path dir) throws Exception {
        try (BadLineSource source = new BadLineSource()) {
            // Batches of 1 s: the bad lines come first, the counts asserted do not depend on the interval.
            JsonNode a = run(dir, "run", "phase1", "--source", "127.0.0.1:" + source.server.getLocalPort(), "--batch-interval", "1s",
                    "--batches", String.valueOf(BATCHES), "--no-ui", "--metrics-out", dir.resolve("run.jsonl").toString());
            String text = a.toPrettyString();
            assertThat(a.get("oversizedLines").asLong()).as(text).isEqualTo(1);
            assertThat(a.get("invalidUtf8Lines").asLong()).as(text).isEqualTo(2);
            assertThat(a.get("emptyLines").asLong()).as(text).isEqualTo(3);
            assertThat(a.get("processedLines").asLong()).as(text).isGreaterThan(10);
            assertThat(a.get("lineFormat").asText()).isEqualTo("classic");
            assertThat(a.get("sentLines").isNull()).as("a classic external source cannot tell which connection was ours").isTrue();
            assertThat(a.get("sentCountedBy").asText()).contains("--format stamped");
        }
    }
}
