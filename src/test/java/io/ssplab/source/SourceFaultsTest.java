package io.ssplab.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;

import org.junit.jupiter.api.Test;

/** The source under connection churn, vanishing and slow clients, status queries — loopback only, bounded loops. */
class SourceFaultsTest {
    private final List<String> log = new CopyOnWriteArrayList<>();

    private SocketSource start(double rate, LineFormat format) throws IOException {
        return SocketSource.start(new SourceConfig("127.0.0.1", 0, rate, 3, 50, 42, Duration.ZERO, format), log::add);
    }

    private static Socket connect(SocketSource s) throws IOException {
        Socket socket = new Socket();
        socket.connect(new InetSocketAddress("127.0.0.1", s.port()), 2000);
        socket.setSoTimeout(5000);
        return socket;
    }

    /** Reads lines on its own thread and counts them, until closed. */
    private static final class Reader implements AutoCloseable {
        final Socket socket;
        final AtomicLong lines = new AtomicLong();
        final Thread thread;

        Reader(SocketSource s) throws IOException {
            socket = connect(s);
            thread = new Thread(() -> {
                try (BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8))) {
                    while (in.readLine() != null) lines.incrementAndGet();
                } catch (IOException closed) {
                    // the test closed it
                }
            });
            thread.setDaemon(true);
            thread.start();
        }

        @Override
        public void close() throws Exception {
            socket.close();
            thread.join(2000);
        }
    }

    private static void await(BooleanSupplier condition, long timeoutMs) throws InterruptedException {
        long deadline = System.nanoTime() + timeoutMs * 1_000_000L;
        while (!condition.getAsBoolean() && System.nanoTime() < deadline) Thread.sleep(20);
    }

    private static long openFileDescriptors() {
        String[] fds = new File("/proc/self/fd").list();
        return fds == null ? -1 : fds.length;
    }

    private static long sourceClientThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().startsWith("source-client-") && t.isAlive()).count();
    }

    @Test
    void fiftyChurningClientsLeaveTheRateOfStayingClientsAloneAndLeakNothing() throws Exception {
        double rate = 400;
        int churners = 50;
        int cycles = 8;
        try (SocketSource source = start(rate, LineFormat.CLASSIC);
             Reader stay1 = new Reader(source); Reader stay2 = new Reader(source)) {
            await(() -> stay1.lines.get() > 0 && stay2.lines.get() > 0, 5000);
            long threadsBefore = sourceClientThreads();
            long fdsBefore = openFileDescriptors();
            long t0 = System.nanoTime();
            long l1 = stay1.lines.get();
            long l2 = stay2.lines.get();

            ExecutorService pool = Executors.newFixedThreadPool(churners);
            List<java.util.concurrent.Future<Object>> churning = new ArrayList<>();
            for (int c = 0; c < churners; c++) {
                int id = c;
                churning.add(pool.submit(() -> {
                    for (int i = 0; i < cycles; i++) {
                        try (Socket s = connect(source)) {
                            InputStream in = s.getInputStream();
                            in.read(new byte[1 + (id + i) % 40]); // a few bytes: often mid-line
                            if ((id + i) % 2 == 0) s.setSoLinger(true, 0); // half of them vanish with a reset
                        } catch (IOException e) {
                            throw new IllegalStateException(e);
                        }
                    }
                    return null;
                }));
            }
            pool.shutdown();
            assertThat(pool.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
            for (var f : churning) f.get(); // a churner's own connect or read error, said as itself
            Thread.sleep(1000);
            double seconds = (System.nanoTime() - t0) / 1e9;
            double rate1 = (stay1.lines.get() - l1) / seconds;
            double rate2 = (stay2.lines.get() - l2) / seconds;

            // ±15 %: the readers are two of ~50 busy threads on (maybe) 2 cores; a lost rate would be far below.
            assertThat(rate1).as("staying client 1, lines/s").isBetween(rate * 0.85, rate * 1.15);
            assertThat(rate2).as("staying client 2, lines/s").isBetween(rate * 0.85, rate * 1.15);
            assertThat(source.clientsSeen()).isEqualTo(2 + churners * cycles);
            await(() -> source.liveClientThreads() == 2 && sourceClientThreads() <= threadsBefore, 10_000);
            assertThat(source.connectedClients()).isEqualTo(2);
            assertThat(source.liveClientThreads()).isEqualTo(2);
            assertThat(sourceClientThreads()).isLessThanOrEqualTo(threadsBefore);
            if (fdsBefore > 0) assertThat(openFileDescriptors()).as("open file descriptors").isLessThanOrEqualTo(fdsBefore + 5);
            assertThat(source.clientStats()).hasSize(2 + churners * cycles)
                    .filteredOn(c -> !c.connected()).hasSize(churners * cycles);
        }
    }

    @Test
    void aClientVanishingMidLineEndsOnlyItsOwnStream() throws Exception {
        try (SocketSource source = start(200, LineFormat.CLASSIC); Reader stays = new Reader(source)) {
            Socket vanishing = connect(source);
            vanishing.getInputStream().read(new byte[7]); // "word12 " — the middle of a line
            vanishing.setSoLinger(true, 0);
            vanishing.close(); // a reset, as when the client process dies

            await(() -> source.liveClientThreads() == 1, 5000);
            assertThat(source.liveClientThreads()).isEqualTo(1);
            assertThat(log).anySatisfy(l -> assertThat(l).startsWith("client #1 disconnected after").contains("connection lost"));
            long before = stays.lines.get();
            Thread.sleep(300);
            assertThat(stays.lines.get()).isGreaterThan(before);
        }
    }

    @Test
    void stampedLinesNumberEveryLineAndTheStatusQueryCountsThem() throws Exception {
        try (SocketSource source = start(300, LineFormat.STAMPED); Socket client = connect(source)) {
            BufferedReader in = new BufferedReader(new InputStreamReader(client.getInputStream(), StandardCharsets.UTF_8));
            List<LineStamp> stamps = new ArrayList<>();
            for (int i = 0; i < 30; i++) stamps.add(LineStamp.parse(in.readLine()));
            for (int i = 0; i < 30; i++) {
                assertThat(stamps.get(i).stream()).isEqualTo(source.id() + ":0");
                assertThat(stamps.get(i).seq()).isEqualTo(i);
            }
            assertThat(stamps.get(29).sentMs() - stamps.get(0).sentMs()).isBetween(90L, 100L); // 29 lines at 300/s ≈ 97 ms

            // the count is raised after the flush: the client thread may not have got there yet
            await(() -> source.clientStats().get(0).sentLines() >= 30, 5000);
            SourceStatus status = SourceStatus.query("127.0.0.1", source.port(), 10_000);
            assertThat(status.source()).isEqualTo(source.id());
            assertThat(status.format()).isEqualTo("stamped");
            assertThat(status.client(0).sentLines()).isGreaterThanOrEqualTo(30);
            assertThat(status.client(0).connected()).isTrue();
            // The query's answer reaches us before its client thread logs the disconnect: wait for the line.
            await(() -> log.stream().anyMatch(l -> l.contains("disconnected") && l.contains("status query answered")), 5000);
            assertThat(log).anySatisfy(l -> assertThat(l).contains("disconnected").contains("status query answered"));
        }
    }

    @Test
    void aReceiverThatStopsReadingBlocksTheSourceAndTheSourceSaysSo() throws Exception {
        try (SocketSource source = start(50_000, LineFormat.STAMPED)) {
            Socket stalled = new Socket();
            stalled.setReceiveBufferSize(4096);
            stalled.connect(new InetSocketAddress("127.0.0.1", source.port()), 2000);
            await(() -> !source.clientStats().isEmpty() && source.clientStats().get(0).blockedMs() >= 1000, 10_000);
            ClientStats c = source.clientStats().get(0);
            assertThat(c.blockedMs()).as("blocked ms").isGreaterThanOrEqualTo(1000);
            assertThat(c.maxBacklogLines()).as("lines due but not written").isGreaterThan(1000);
            assertThat(source.blockedMillis()).isGreaterThanOrEqualTo(1000);
            stalled.close();
            await(() -> source.liveClientThreads() == 0, 5000);
            assertThat(log).anySatisfy(l -> assertThat(l).startsWith("client #0 disconnected").contains("writes blocked"));
        }
    }

    @Test
    void aPausedSourceKeepsTheConnectionOpenAndItsCountStill() throws Exception {
        try (SocketSource source = start(500, LineFormat.CLASSIC); Reader reader = new Reader(source)) {
            await(() -> reader.lines.get() > 20, 5000);
            long sent = source.pause();
            assertThat(sent).isEqualTo(source.clientStats().get(0).sentLines());
            Thread.sleep(300);
            assertThat(source.linesSent()).isEqualTo(sent);
            assertThat(source.connectedClients()).isEqualTo(1);
            await(() -> reader.lines.get() == sent, 2000);
            assertThat(reader.lines.get()).isEqualTo(sent);
        }
    }
}
