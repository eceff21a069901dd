package io.ssplab.cluster;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

/**
 * Why the cluster is closed by default: a standalone master without authentication runs whatever code
 * any client that reaches port 7077 (or the REST port 6066) submits, on every worker. So every daemon we
 * start requires {@code spark.authenticate} with a secret generated at start, the REST submission
 * server (which cannot authenticate at all) is off, and everything binds 127.0.0.1.
 *
 * <p>The docker files use the same settings: {@code spark/spark-defaults.conf} (checked by a test).
 */
public final class ClusterSecurity {
    public static final String AUTHENTICATE = "spark.authenticate";
    public static final String SECRET = "spark.authenticate.secret";
    public static final String REST_ENABLED = "spark.master.rest.enabled";
    /** For drivers whose cluster bin/ssp did not start here: docker containers, other hosts. */
    public static final String SECRET_ENV = "SSP_CLUSTER_SECRET";

    /** Encrypts RPC traffic (AES, keys from the secret): needed once it leaves the machine. */
    public static final String ENCRYPTION = "spark.network.crypto.enabled";

    /** What every master and worker of ours runs with, apart from the secret itself. */
    public static final Map<String, String> DAEMON_SETTINGS = Map.of(AUTHENTICATE, "true", REST_ENABLED, "false");

    /**
     * The settings file of a cluster: the daemon settings, the secret, the master URL — and RPC
     * encryption when the cluster is reachable from other machines (on loopback the traffic never leaves
     * this one, and encryption would only cost time).
     */
    public static Map<String, String> clusterSettings(String secret, String masterUrl, boolean loopbackOnly) {
        Map<String, String> conf = new LinkedHashMap<>(new java.util.TreeMap<>(DAEMON_SETTINGS));
        conf.put(SECRET, secret);
        if (!loopbackOnly) conf.put(ENCRYPTION, "true");
        conf.put("spark.master", masterUrl);
        return conf;
    }

    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

    private ClusterSecurity() {
    }

    /** 256 random bits, hex: what Spark's own YARN mode generates. */
    public static String newSecret() {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    /** The settings a driver needs to be accepted by a cluster with this secret. */
    public static Map<String, String> driverSettings(String secret) {
        Map<String, String> s = new LinkedHashMap<>();
        s.put(AUTHENTICATE, "true");
        s.put(SECRET, secret);
        return s;
    }

    /**
     * Writes Spark properties to a file only its owner can read, created so from the start (never
     * world-readable, not even for a moment).
     */
    public static void writeOwnerOnly(Path file, String comment, Map<String, String> properties) throws IOException {
        Files.deleteIfExists(file);
        if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
        } else {
            Files.createFile(file);
            file.toFile().setReadable(false, false);
            file.toFile().setReadable(true, true);
        }
        StringBuilder text = new StringBuilder();
        comment.lines().forEach(l -> text.append("# ").append(l).append('\n'));
        properties.forEach((k, v) -> text.append(k).append(' ').append(v).append('\n'));
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.TRUNCATE_EXISTING)) {
            w.write(text.toString());
        }
    }

    /** Reads a Spark properties file (Java properties syntax, as Spark reads it). */
    public static Map<String, String> read(Path file) throws IOException {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(r);
        }
        Map<String, String> m = new LinkedHashMap<>();
        for (String k : p.stringPropertyNames()) m.put(k, p.getProperty(k).strip());
        return m;
    }

    /** Whether only the owner may read and write the file (always true where POSIX permissions do not exist). */
    public static boolean ownerOnly(Path file) throws IOException {
        if (!FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) return true;
        return Files.getPosixFilePermissions(file).equals(OWNER_ONLY);
    }
}
