package io.ssplab.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.BindException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

class SocketSourceTest {

    private static SourceConfig config(double rate) {
        return new SourceConfig("127.0.0.1", 0, rate, 3, 50, 42, Duration.ZERO);
    }

    private static List<String> read(Socket socket, int n) throws IOException {
        BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < n; i++) lines.add(in.readLine());
        return lines;
    }

    private static List<String> expected(long seed, int n) {
        LineGenerator g = new LineGenerator(seed, 3, 50);
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < n; i++) lines.add(g.next());
        return lines;
    }

    @Test
    void eachClientGetsItsOwnReproducibleStreamAndTheSourceKeepsAccepting() throws Exception {
        List<String> log = Collections.synchronizedList(new ArrayList<>());
        try (SocketSource source = SocketSource.start(config(2000), log::add)) {
            assertThat(log.get(0)).isEqualTo("listening on 127.0.0.1:" + source.port());
            try (Socket a = new Socket("127.0.0.1", source.port()); Socket b = new Socket("127.0.0.1", source.port())) {
                List<String> fromA = read(a, 50);
                List<String> fromB = read(b, 50);
                // Accept order decides which client is #0; together they are the streams of clients 0 and 1.
                List<List<String>> streams = List.of(expected(LineGenerator.clientSeed(42, 0), 50), expected(LineGenerator.clientSeed(42, 1), 50));
                assertThat(streams).contains(fromA, fromB);
                assertThat(fromA).isNotEqualTo(fromB);
            }
            // A client left; a new one is still served.
            try (Socket c = new Socket("127.0.0.1", source.port())) {
                assertThat(read(c, 5)).hasSize(5).doesNotContainNull();
            }
            assertThat(source.clientsSeen()).isEqualTo(3);
        }
        assertThat(log).anyMatch(l -> l.startsWith("client #0 connected"));
        assertThat(log).anyMatch(l -> l.startsWith("client #0 disconnected after"));
    }

    @Test
    @Tag("alone") // a throughput: it runs with no other test JVM beside it and with the full JIT, as bin/ssp source does (pom: execution "alone")
    void keepsItsRateAt100kLinesPerSecond() throws Exception {
        double rate = 100_000;
        try (SocketSource source = SocketSource.start(config(rate), l -> { });
             Socket s = new Socket("127.0.0.1", source.port())) {
            BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8), 1 << 16);
            // The window's ends are taken after reading everything already buffered, so a pause of the
            // reading thread (GC, a busy CI machine) does not shift lines across them: what is measured is
            // the source's rate over 4 s, where 0.5 % is 20 ms.
            long start = System.nanoTime();
            long warmUpEnd = start + 500_000_000L;
            long end = warmUpEnd + 4_000_000_000L;
            long counted = 0;
            long windowStart = 0;
            while (true) {
                if (in.readLine() == null) break;
                long now = System.nanoTime();
                if (now < warmUpEnd) continue;
                if (windowStart == 0) {
                    while (in.ready()) in.readLine(); // sent before the window
                    windowStart = System.nanoTime();
                    continue;
                }
                counted++;
                if (now >= end) {
                    while (in.ready() && in.readLine() != null) counted++; // sent before the window's end
                    now = System.nanoTime();
                    double actual = counted / ((now - windowStart) / 1e9);
                    assertThat(Math.abs(actual - rate) / rate).as("actual %.0f lines/s", actual).isLessThan(0.005);
                    return;
                }
            }
            throw new AssertionError("the source closed the connection");
        }
    }

    @Test
    void closeDisconnectsClientsAndFreesThePort() throws Exception {
        SocketSource source = SocketSource.start(config(100), l -> { });
        int port = source.port();
        Socket client = new Socket("127.0.0.1", port);
        read(client, 1);
        source.close();
        BufferedReader in = new BufferedReader(new InputStreamReader(client.getInputStream(), StandardCharsets.UTF_8));
        String line;
        do {
            line = in.readLine();
        } while (line != null);
        client.close();
        // JVM-wide (earlier tests' sources too): give a thread that is ending a moment to be gone
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (System.nanoTime() < deadline
                && Thread.getAllStackTraces().keySet().stream().anyMatch(t -> t.getName().startsWith("source-client-") && t.isAlive()))
            Thread.sleep(20);
        assertThat(Thread.getAllStackTraces().keySet()).noneMatch(t -> t.getName().startsWith("source-client-") && t.isAlive());
        // The port is free again: a new source binds it.
        try (SocketSource again = SocketSource.start(new SourceConfig("127.0.0.1", port, 100, 3, 50, 1, Duration.ZERO), l -> { })) {
            assertThat(again.port()).isEqualTo(port);
        }
    }

    @Test
    void aTakenPortIsReportedAsABindError() throws Exception {
        try (SocketSource first = SocketSource.start(config(10), l -> { })) {
            SourceConfig same = new SourceConfig("127.0.0.1", first.port(), 10, 3, 50, 1, Duration.ZERO);
            assertThatThrownBy(() -> SocketSource.start(same, l -> { })).isInstanceOf(BindException.class);
        }
    }
}
