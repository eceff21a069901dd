package io.ssplab.source;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

import io.ssplab.core.Format;
import io.ssplab.core.Lang;
import io.ssplab.core.Messages;

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
 *
 * <p>Record accounting: the source counts the lines it writes to each connection, how long its writes
 * were blocked (TCP backpressure) and how many lines were due but not yet written (its backlog); in the
 * {@link LineFormat#STAMPED stamped} format every line also carries its stream, sequence number and
 * due time. {@link #clientStats()} gives the numbers in-process, {@link SourceStatus} over the port.
 */
public final class SocketSource implements AutoCloseable {
    /**
     * A write (with its flush) that takes at least this long was blocked by the connection, not merely
     * descheduled on a busy machine; a write blocked by a full connection waits far longer.
     */
    static final long BLOCKED_THRESHOLD_NANOS = 50_000_000L;
    /** Finished connections remembered for status queries: a bound, so churning clients cannot grow memory. */
    static final int FINISHED_CLIENTS_KEPT = 1024;

    private final SourceConfig config;
    private final Consumer<String> log;
    private final ServerSocket server;
    private final Thread acceptor;
    /** Connections being served; a finished one moves to {@link #finishedClients}. */
    private final List<ClientStream> clients = new CopyOnWriteArrayList<>();
    private final Map<Integer, ClientStats> finishedClients = new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Integer, ClientStats> eldest) {
            return size() > FINISHED_CLIENTS_KEPT;
        }
    };
    private final AtomicInteger clientCounter = new AtomicInteger();
    private final AtomicLong linesSent = new AtomicLong();
    private final AtomicLong blockedNanos = new AtomicLong();
    private final ScheduledExecutorService status;
    private long lastStatusNanos = System.nanoTime();
    private long lastStatusLines;
    private final String id = newId();
    private volatile boolean closed;
    private volatile boolean paused;

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
        log.accept(config.format() == LineFormat.STAMPED ? Messages.get("source.listeningStamped", config.host(), port(), id)
                : Messages.get("source.listening", config.host(), port()));
    }

    /** Six base-36 characters: tells this source's stamps from those of a source started before or after it. */
    private static String newId() {
        SecureRandom random = new SecureRandom();
        StringBuilder b = new StringBuilder(6);
        for (int i = 0; i < 6; i++) b.append(Character.forDigit(random.nextInt(36), 36));
        return b.toString();
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

    /** This source's id, the SOURCE part of its {@link LineStamp stamps}. */
    public String id() {
        return id;
    }

    /** Time all connections' writes spent blocked by TCP backpressure since start, ms. */
    public long blockedMillis() {
        long now = System.nanoTime();
        long inProgress = 0;
        for (ClientStream c : clients) inProgress += c.blockedNow(now);
        return (blockedNanos.get() + inProgress) / 1_000_000;
    }

    /**
     * Stops writing to every connection and keeps them open, so that the counts are final and a
     * receiver can take everything already sent without seeing the connection end (which would make
     * Spark's receiver reconnect). Used by a run that ends, before it drains. There is no resume: a
     * paused source is closed next.
     *
     * <p>A write in progress still completes, so this returns once the count has stood still for
     * 50 ms (a write blocked by a full connection counts as done: its lines are not sent).
     *
     * @return lines sent to all clients, final
     */
    public long pause() throws InterruptedException {
        paused = true;
        long before;
        long now = linesSent.get();
        do {
            before = now;
            Thread.sleep(50);
            now = linesSent.get();
        } while (now != before);
        return now;
    }

    /** Clients connected right now. */
    public int connectedClients() {
        return (int) clients.stream().filter(c -> !c.finished).count();
    }

    /** Every connection still remembered (the live ones and up to {@value #FINISHED_CLIENTS_KEPT} finished ones), by number. */
    public List<ClientStats> clientStats() {
        List<ClientStats> all;
        synchronized (finishedClients) {
            all = new ArrayList<>(finishedClients.values());
        }
        for (ClientStream c : clients) all.add(c.stats());
        all.sort(Comparator.comparingInt(ClientStats::client));
        // A connection that finished between the two reads would appear twice: keep its final stats.
        List<ClientStats> unique = new ArrayList<>(all.size());
        for (ClientStats c : all) {
            if (!unique.isEmpty() && unique.get(unique.size() - 1).client() == c.client()) {
                if (!c.connected()) unique.set(unique.size() - 1, c);
            } else {
                unique.add(c);
            }
        }
        return unique;
    }

    /** The status a {@link SourceStatus#query} gets. */
    public SourceStatus status() {
        return new SourceStatus(id, config.format().label(), config.linesPerSecond(), clientStats(), config.skew(), config.vocabulary());
    }

    /** Live client threads: for leak checks, the number must fall back once clients leave. */
    public int liveClientThreads() {
        return (int) clients.stream().filter(c -> c.thread.isAlive()).count();
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
                if (!closed) log.accept(Messages.get("source.acceptFailed", e.getMessage()));
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
        long blocked = blockedMillis();
        log.accept(Messages.get("source.status", Format.integer(total), Format.fixed(rate, 1), connected, Format.plain(config.linesPerSecond()))
                + (blocked > 0 ? Messages.get("source.statusBlocked", Format.fixed(blocked / 1000.0, 1)) : ""));
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
        final String peer;
        volatile boolean finished;
        volatile long lines;
        volatile long blocked;
        volatile long maxBacklog;
        volatile String ending = "";
        /** When the write in progress started (System.nanoTime), 0 when not writing: a write blocked right now counts too. */
        volatile long writeStartedNanos;
        volatile long startNanos;

        ClientStream(int index, Socket socket) {
            this.index = index;
            this.socket = socket;
            this.peer = String.valueOf(socket.getRemoteSocketAddress());
            this.thread = new Thread(this::run, "source-client-" + index);
            thread.setDaemon(true);
        }

        ClientStats stats() {
            long now = System.nanoTime();
            long backlog = maxBacklog;
            if (writeStartedNanos != 0 && startNanos != 0) {
                // Blocked now: every line that fell due since is waiting at the source.
                long due = (long) Math.floor((now - startNanos) / 1e9 * config.linesPerSecond()) + 1;
                backlog = Math.max(backlog, due - lines);
            }
            return new ClientStats(index, peer, lines, (blocked + blockedNow(now)) / 1_000_000, backlog, !finished, ending);
        }

        /** Time the write in progress has been blocked, if it has been for longer than the threshold. */
        long blockedNow(long now) {
            long started = writeStartedNanos;
            long took = started == 0 ? 0 : now - started;
            return took >= BLOCKED_THRESHOLD_NANOS ? took : 0;
        }

        void run() {
            log.accept(Messages.get("source.clientConnected", index, peer));
            LineGenerator generator = new LineGenerator(LineGenerator.clientSeed(config.seed(), index),
                    config.wordsPerLine(), config.vocabulary(), config.skew());
            long startEpochMs = System.currentTimeMillis();
            long startNanos = System.nanoTime();
            this.startNanos = startNanos;
            Pacer pacer = new Pacer(config.linesPerSecond(), startNanos);
            boolean stamped = config.format() == LineFormat.STAMPED;
            StringBuilder line = new StringBuilder(96);
            String why = "source.ending.closedByClient";
            String whyDetail = "";
            try (socket; InputStream in = socket.getInputStream();
                 OutputStream out = new BufferedOutputStream(socket.getOutputStream(), 1 << 16)) {
                socket.setTcpNoDelay(true);
                while (!closed) {
                    long due = pacer.awaitDue();
                    if (due == 0) break; // interrupted
                    // A Spark receiver never writes; a client that does may be asking for the status.
                    if (in.available() > 0 && answerCommand(in, out)) {
                        why = "source.ending.statusQuery";
                        break;
                    }
                    if (paused) {
                        LockSupport.parkNanos(20_000_000L);
                        continue;
                    }
                    if (due - 1 > maxBacklog) maxBacklog = due - 1; // lines that had to wait for the previous write
                    long t0 = System.nanoTime();
                    writeStartedNanos = t0;
                    for (long i = 0; i < due; i++) {
                        long seq = pacer.sentTotal() + i;
                        line.setLength(0);
                        if (stamped) {
                            long dueMs = startEpochMs + (pacer.dueNanos(seq) - startNanos) / 1_000_000;
                            LineStamp.append(line, id, index, seq, dueMs);
                        }
                        line.append(generator.next()).append('\n');
                        out.write(line.toString().getBytes(StandardCharsets.UTF_8));
                    }
                    out.flush();
                    long took = System.nanoTime() - t0;
                    if (took >= BLOCKED_THRESHOLD_NANOS) {
                        blocked += took;
                        blockedNanos.addAndGet(took);
                    }
                    writeStartedNanos = 0;
                    // Counted once flushed: lines of a write that failed half-way are not "sent".
                    pacer.sent(due);
                    lines += due;
                    linesSent.addAndGet(due);
                }
                if (closed) why = "source.ending.stopping";
            } catch (SocketException e) {
                // Includes a client that vanished mid-line (reset, broken pipe): only this stream ends.
                why = closed ? "source.ending.stopping" : "source.ending.connectionLost";
                whyDetail = String.valueOf(e.getMessage());
            } catch (IOException e) {
                why = "source.ending.ioError";
                whyDetail = String.valueOf(e.getMessage());
            } finally {
                long end = System.nanoTime();
                long stuck = blockedNow(end); // a write that never completed (the connection died under it)
                blocked += stuck;
                blockedNanos.addAndGet(stuck);
                writeStartedNanos = 0;
                ending = Messages.in(Lang.EN, why, whyDetail); // machine data (status answers): English
                finished = true;
                synchronized (finishedClients) {
                    finishedClients.put(index, stats());
                }
                // Logged before the client leaves the live list, so whoever sees it gone can already read why.
                log.accept(Messages.get("source.clientDisconnected", index, Format.integer(lines),
                        blocked >= 1_000_000_000L ? Messages.get("source.clientBlocked", Format.fixed(blocked / 1e9, 1), Format.integer(maxBacklog)) : "",
                        Messages.get(why, whyDetail)));
                clients.remove(this);
            }
        }

        /**
         * Reads what the client sent (at most a short line); answers {@value SourceStatus#COMMAND} and
         * returns true, ignores anything else.
         */
        private boolean answerCommand(InputStream in, OutputStream out) throws IOException {
            byte[] buffer = new byte[64];
            int n = in.read(buffer, 0, Math.min(buffer.length, Math.max(1, in.available())));
            if (n <= 0) return false;
            String command = new String(buffer, 0, n, StandardCharsets.US_ASCII).strip();
            if (!command.equals(SourceStatus.COMMAND)) return false;
            out.write(status().toJson().getBytes(StandardCharsets.UTF_8));
            out.write('\n');
            out.flush();
            return true;
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
