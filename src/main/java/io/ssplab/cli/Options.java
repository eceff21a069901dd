package io.ssplab.cli;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.ServerSocket;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import io.ssplab.core.BadInputException;
import io.ssplab.core.Limits;
import io.ssplab.core.Messages;
import io.ssplab.core.Range;

/**
 * What the commands check before anything starts, beside the knobs' own ranges ({@link Limits}): the
 * ranges of the commands' own options, quoted in their help texts, and whether an output path can be
 * written — a run that cannot write its files is refused, not started and then lost.
 */
final class Options {
    private Options() {
    }

    // Each option's range, checked before anything starts; its help text quotes the same constant
    // (HelpRanges: ${sys:ssp.range.NAME} in the bundles), and InvalidInputTest steps just outside it.

    static final int MAX_DEMO_BATCHES = 1000;
    static final Range DEMO_BATCHES = new Range("--batches", Summaries.MIN, MAX_DEMO_BATCHES, "10");
    /** demo --api structured: every act needs a regime, and a query's takes more batches than a DStream verdict. */
    static final Range STRUCTURED_DEMO_BATCHES = new Range("--batches", io.ssplab.metrics.StructuredSummarizer.MIN_BATCHES_FOR_VERDICT,
            MAX_DEMO_BATCHES, "10");
    static final Range UI_PORT = Limits.UI_PORT;
    /** Measured batches of a sweep cell, a calibration setting or a check: a verdict needs 3, more than 100 takes too long to wait for. */
    static final int MAX_SHORT_RUN_BATCHES = 100;

    // bin/ssp source
    static final int MAX_VOCABULARY = 100_000;
    static final Range SOURCE_PORT = new Range("--port", Limits.MIN_PORT, Limits.MAX_PORT, "9999");
    static final Range VOCABULARY = new Range("--vocabulary", 1, MAX_VOCABULARY, "50");
    static final Range STATUS_EVERY = Range.ofMillis("--status-every", 0, 3_600_000, "10s");

    // bin/ssp cluster start
    static final int MAX_WORKERS = 16;
    static final Range WORKERS = new Range("--workers", 1, MAX_WORKERS, "1");
    /** Task slots per worker: slots, not CPUs, as local[N]'s threads. */
    static final Range WORKER_CORES = new Range("--cores", 1, Limits.MAX_LOCAL_CORES, "4");
    static final Range MASTER_PORT = new Range("--port", Limits.MIN_PORT, Limits.MAX_PORT, "7077");
    static final Range MASTER_UI_PORT = new Range("--ui-port", Limits.MIN_PORT, Limits.MAX_PORT, "8081");
    /** Spark's JVMs need ~20 s to start; an hour is longer than any machine needs. */
    static final Range START_TIMEOUT = Range.ofMillis("--timeout", 10_000, 3_600_000, "180s");
    /** Memory a worker offers, in MB: one executor's 1g at least, a terabyte at most. */
    static final int MIN_WORKER_MEMORY_MB = 1024;
    static final int MAX_WORKER_MEMORY_MB = 1024 * 1024;
    static final Range WORKER_MEMORY = Range.ofMegabytes("--memory", MIN_WORKER_MEMORY_MB, MAX_WORKER_MEMORY_MB, "2g");

    // bin/ssp kafka start
    static final Range KAFKA_PORT = new Range("--port", Limits.MIN_PORT, Limits.MAX_PORT, "" + io.ssplab.kafka.KafkaBroker.DEFAULT_PORT);

    /** The fewest measured batches a summary can judge. */
    static final class Summaries {
        static final int MIN = io.ssplab.metrics.Summarizer.MIN_BATCHES_FOR_VERDICT;

        private Summaries() {
        }
    }

    /**
     * A directory the command will write into: created now if missing, refused if it is a file or
     * cannot be written.
     *
     * @throws BadInputException naming the option, the path and why
     */
    static Path writableDirectory(String option, Path dir) {
        requireNonEmpty(option, dir, "runs/");
        if (Files.exists(dir) && !Files.isDirectory(dir)) throw new BadInputException(Messages.get("bad.outIsFile", option, dir));
        // runs/notes.txt/x: no folder can be made inside a file; said as such rather than as an I/O error
        for (Path up = dir.toAbsolutePath().normalize().getParent(); up != null; up = up.getParent()) {
            if (!Files.exists(up)) continue;
            if (!Files.isDirectory(up)) throw new BadInputException(Messages.get("bad.outUnderFile", option, dir, up));
            break;
        }
        try {
            Files.createDirectories(dir);
        } catch (IOException | SecurityException e) {
            throw new BadInputException(Messages.get("bad.outUnwritable", option, dir, reason(e)));
        }
        if (!Files.isWritable(dir)) throw new BadInputException(Messages.get("bad.outUnwritable", option, dir, Messages.get("bad.noWritePermission")));
        return dir;
    }

    /** A file the command will write: its folder must be writable (created now if missing), and it must not be a directory. */
    static Path writableFile(String option, Path file) {
        requireNonEmpty(option, file, "runs/run.jsonl");
        if (Files.isDirectory(file)) throw new BadInputException(Messages.get("bad.outIsDirectory", option, file, file.resolve("run.jsonl")));
        Path parent = file.toAbsolutePath().normalize().getParent();
        if (parent != null) writableDirectory(option, parent);
        if (Files.exists(file) && !Files.isWritable(file))
            throw new BadInputException(Messages.get("bad.outUnwritable", option, file, Messages.get("bad.noWritePermission")));
        return file;
    }

    /** '' (an unset variable in a script) is refused, not read as the current directory. */
    static Path requireNonEmpty(String option, Path path, String example) {
        if (path.toString().isBlank()) throw new BadInputException(Messages.get("bad.emptyPath", option, example));
        return path;
    }

    /**
     * An address of this machine to listen on: a known host name or address that one of this machine's
     * interfaces has (loopback included), checked before anything binds it — so "8.8.8.8" is refused as
     * what it is, not reported later as a port someone else holds.
     *
     * @param wildcard whether 0.0.0.0 (every interface) is allowed
     * @throws BadInputException naming the option, the value and what to pass instead
     */
    static InetAddress listenAddress(String option, String host, boolean wildcard) {
        if (host == null || host.isBlank()) throw new BadInputException(Messages.get("bad.hostEmpty", option));
        InetAddress address;
        try {
            address = InetAddress.getByName(host.strip());
        } catch (UnknownHostException | SecurityException e) {
            throw new BadInputException(Messages.get("bad.hostUnknown", option, host, localAddresses()));
        }
        if (address.isAnyLocalAddress()) {
            if (wildcard) return address;
            throw new BadInputException(Messages.get("bad.hostWildcard", option, host, localAddresses()));
        }
        if (address.isLoopbackAddress()) return address;
        try {
            if (NetworkInterface.getByInetAddress(address) != null) return address;
        } catch (SocketException e) {
            // cannot tell: refused below like any other address that is not ours
        }
        throw new BadInputException(Messages.get("bad.hostNotLocal", option, host, localAddresses()));
    }

    /**
     * Refuses a port someone listens on (another master, another program), checked by binding it for a
     * moment as the daemon would; the refusal suggests the next port that is free.
     */
    static void requireFreePort(String option, String host, int port) {
        try {
            bindBriefly(host, port);
        } catch (IOException e) {
            throw new BadInputException(Messages.get(inUse(e) ? "bad.portTaken" : "bad.portUnusable", option, port, host, BadArguments.oneLine(e),
                    freePortAfter(host, port)));
        }
    }

    /** Whether a bind failed because something listens there — not for want of permission (a port below 1024) or another reason. */
    static boolean inUse(IOException e) {
        String m = e.getMessage();
        return e instanceof java.net.BindException && m != null && m.toLowerCase(java.util.Locale.ROOT).contains("in use");
    }

    /** The first of the next 20 ports that is free on {@code host}, for a refusal to suggest; "N" when none is. */
    static String freePortAfter(String host, int port) {
        for (int p = port + 1; p <= Math.min(Limits.MAX_PORT, port + 20); p++) {
            try {
                bindBriefly(host, p);
                return String.valueOf(p);
            } catch (IOException alsoTaken) {
                // try the next one
            }
        }
        return "N";
    }

    private static void bindBriefly(String host, int port) throws IOException {
        try (ServerSocket probe = new ServerSocket()) {
            probe.setReuseAddress(true);
            probe.bind(new InetSocketAddress(InetAddress.getByName(host.strip()), port));
        }
    }

    /** This machine's IPv4 addresses, loopback first, for a refusal to list: "127.0.0.1, 192.168.1.10". */
    static String localAddresses() {
        List<String> found = new ArrayList<>();
        found.add("127.0.0.1");
        try {
            for (NetworkInterface nif : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                if (!nif.isUp()) continue;
                for (InetAddress a : Collections.list(nif.getInetAddresses())) {
                    if (a instanceof java.net.Inet4Address && !a.isLoopbackAddress() && found.size() < 4) found.add(a.getHostAddress());
                }
            }
        } catch (SocketException | SecurityException e) {
            // loopback alone is still a good answer
        }
        return String.join(", ", found);
    }

    private static String reason(Exception e) {
        String m = e.getMessage();
        return e.getClass().getSimpleName().replace("Exception", "") + (m == null ? "" : ": " + m);
    }
}
