package io.ssplab.source;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * A TCP server that sends word lines to every client that connects, each client its own paced,
 * reproducible stream — the "Terminal 1" of the classroom demo.
 *
 * <p>Run it standalone with {@code bin/ssp source}, or embed it: the jobs start one in-process on a
 * free loopback port unless told to attach to a running one.
 *
 * <pre>{@code
 * try (SocketSource source = SocketSource.start(SourceConfig.embedded(140), System.out::println)) {
 *     int port = source.port();   // point socketTextStream at 127.0.0.1:port
 * }
 * }</pre>
 */
public final class SocketSource implements AutoCloseable {
    private final SourceConfig config;
    private final Consumer<String> log;
    private final ServerSocket server;
    private final Thread acceptor;
    private final List<ClientStream> clients = new CopyOnWriteArrayList<>();
    private final AtomicInteger clientCounter = new AtomicInteger();
    private final AtomicLong linesSent = new AtomicLong();
    private final ScheduledExecutorService status;
    private long lastStatusNanos = System.nanoTime();
    private long lastStatusLines;
    private volatile boolean closed;

    private SocketSource(SourceConfig config, Consumer<String> log) throws IOException {
        this.config = config;
        this.log = log;
        this.server = new ServerSocket();
        server.setReuseAddress(true);
        server.bind(new InetSocketAddress(InetAddress.getByName(config.host()), config.port()), 64);
        this.acceptor = new Thread(this::acceptLoop, "source-acceptor");
        acceptor.setDaemon(true);
        acceptor.start();
        if (config.statusEvery().isZero()) {
            status = null;
        } else {
            status = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "source-status");
                t.setDaemon(true);
                return t;
            });
            long every = config.statusEvery().toMillis();
            status.scheduleAtFixedRate(this::printStatus, every, every, TimeUnit.MILLISECONDS);
        }
        log.accept("listening on " + config.host() + ":" + port());
    }

    /**
     * Binds and starts accepting. Returns once the port is bound, so a client may connect at once.
     *
     * @throws IOException when the address cannot be bound (port taken, address not local)
     */
    public static SocketSource start(SourceConfig config, Consumer<String> log) throws IOException {
        return new SocketSource(config, log);
    }

    /** The bound port (the real one when the config asked for port 0). */
    public int port() {
        return server.getLocalPort();
    }

    public String host() {
        return config.host();
    }

    public SourceConfig config() {
        return config;
    }

    /** Lines written to all clients since start. */
    public long linesSent() {
        return linesSent.get();
    }

    /** Clients connected right now. */
    public int connectedClients() {
        return (int) clients.stream().filter(c -> !c.finished).count();
    }

    /** Clients accepted since start, including those that left. */
    public int clientsSeen() {
        return clientCounter.get();
    }

    private void acceptLoop() {
        while (!closed) {
            Socket socket;
            try {
                socket = server.accept();
            } catch (IOException e) {
                if (!closed) log.accept("accept failed: " + e.getMessage());
                return;
            }
            int index = clientCounter.getAndIncrement();
            ClientStream client = new ClientStream(index, socket);
            clients.add(client);
            client.thread.start();
        }
    }

    /** Lines sent so far and the rate actually achieved since the previous status line. */
    private void printStatus() {
        long now = System.nanoTime();
        long total = linesSent.get();
        double rate = (total - lastStatusLines) / ((now - lastStatusNanos) / 1e9);
        lastStatusNanos = now;
        lastStatusLines = total;
        int connected = connectedClients();
        log.accept(String.format(Locale.ROOT, "sent %,d lines; now %.1f lines/s to %d client(s) (target %s lines/s each)",
                total, rate, connected, io.ssplab.metrics.ConsoleTable.trim(config.linesPerSecond())));
    }

    /** Stops accepting, disconnects every client and waits for their threads. Idempotent. */
    @Override
    public void close() {
        if (closed) return;
        closed = true;
        try {
            server.close();
        } catch (IOException ignored) {
            // closing a listening socket: nothing useful to do
        }
        if (status != null) status.shutdownNow();
        for (ClientStream c : clients) c.stop();
        for (ClientStream c : clients) {
            try {
                c.thread.join(2000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        acceptor.interrupt();
    }

    /** One client's stream: its own generator and pacer, on its own thread. */
    private final class ClientStream {
        final int index;
        final Socket socket;
        final Thread thread;
        volatile boolean finished;
        long lines;

        ClientStream(int index, Socket socket) {
            this.index = index;
            this.socket = socket;
            this.thread = new Thread(this::run, "source-client-" + index);
            thread.setDaemon(true);
        }

        void run() {
            String peer = socket.getRemoteSocketAddress().toString();
            log.accept("client #" + index + " connected from " + peer);
            LineGenerator generator = new LineGenerator(LineGenerator.clientSeed(config.seed(), index),
                    config.wordsPerLine(), config.vocabulary());
            Pacer pacer = new Pacer(config.linesPerSecond());
            String why = "closed by the client";
            try (socket; OutputStream out = new BufferedOutputStream(socket.getOutputStream(), 1 << 16)) {
                socket.setTcpNoDelay(true);
                while (!closed) {
                    long due = pacer.awaitDue();
                    if (due == 0) break; // interrupted
                    for (long i = 0; i < due; i++) {
                        out.write(generator.next().getBytes(StandardCharsets.UTF_8));
                        out.write('\n');
                    }
                    out.flush();
                    pacer.sent(due);
                    lines += due;
                    linesSent.addAndGet(due);
                }
                if (closed) why = "source stopping";
            } catch (SocketException e) {
                why = closed ? "source stopping" : "connection lost (" + e.getMessage() + ")";
            } catch (IOException e) {
                why = "I/O error: " + e.getMessage();
            } finally {
                finished = true;
                log.accept("client #" + index + " disconnected after " + String.format(Locale.ROOT, "%,d", lines)
                        + " lines: " + why);
            }
        }

        void stop() {
            thread.interrupt();
            try {
                socket.close();
            } catch (IOException ignored) {
                // the thread reports the disconnect
            }
        }
    }
}
