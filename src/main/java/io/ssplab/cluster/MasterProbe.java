package io.ssplab.cluster;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.config.Configurator;
import org.apache.spark.SecurityManager;
import org.apache.spark.SparkConf;
import org.apache.spark.deploy.DeployMessages;
import org.apache.spark.deploy.master.ApplicationInfo;
import org.apache.spark.deploy.master.WorkerInfo;
import org.apache.spark.rpc.RpcAddress;
import org.apache.spark.rpc.RpcEndpointRef;
import org.apache.spark.rpc.RpcEnv;

import io.ssplab.core.Master;
import io.ssplab.core.Messages;

/**
 * Asks a standalone master, before any SparkContext exists, whether it accepts a driver with these
 * settings, and how many cores it has free. Without this, a driver lacking the secret is refused
 * silently — Spark retries its registration three times, 20 s apart, then gives up with "All masters are
 * unresponsive" — and a driver asking for more cores than a cluster has waits for executors that never come.
 *
 * <p>It speaks Spark's own RPC, as a driver would: the master's endpoint answers its state request
 * (what its web UI shows) only to a client that passed authentication.
 */
public final class MasterProbe {
    private MasterProbe() {
    }

    public enum Answer {
        /** The master answered: this driver's credentials are accepted. */
        ACCEPTED,
        /** Nothing listens at the address. */
        UNREACHABLE,
        /** Something listens, but the connection was refused: authentication failed (or it is no Spark master). */
        REFUSED
    }

    /**
     * @param cores       cores of the alive workers
     * @param coresFree   of which no application holds
     * @param activeApps  running applications, "name (N cores)"
     * @param restEnabled whether the master runs a REST submission server
     */
    public record Capacity(int cores, int coresFree, List<String> activeApps, boolean restEnabled) {
    }

    /** @param capacity the master's cores, when it answered (null otherwise) */
    public record Result(Answer answer, Capacity capacity) {
    }

    /**
     * @param settings the driver's Spark settings for authentication (empty: none); Spark's own
     *                 system properties (set by spark-submit) are taken into account too
     */
    public static Result ask(Master master, Map<String, String> settings) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(master.host(), master.port()), 3000);
        } catch (IOException e) {
            return new Result(Answer.UNREACHABLE, null);
        }
        SparkConf conf = new SparkConf(true);
        settings.forEach(conf::set);
        // A refused handshake fails at once; these only bound a master that accepts and then never answers.
        conf.set("spark.rpc.lookupTimeout", "20s").set("spark.rpc.askTimeout", "20s");
        RpcEnv env = null;
        QuietLogs quiet = QuietLogs.of("org.apache.spark.network", "org.apache.spark.rpc");
        try {
            SecurityManager security = new SecurityManager(conf, scala.Option.empty(),
                    org.apache.spark.internal.config.package$.MODULE$.AUTH_SECRET_FILE());
            security.initializeAuth();
            env = RpcEnv.create("ssp-master-probe", System.getenv().getOrDefault("SPARK_LOCAL_IP", "127.0.0.1"), 0, conf, security, true);
            RpcEndpointRef ref = env.setupEndpointRef(RpcAddress.apply(master.host(), master.port()), "Master");
            DeployMessages.MasterStateResponse state = ref.askSync(DeployMessages.RequestMasterState$.MODULE$,
                    scala.reflect.ClassTag$.MODULE$.apply(DeployMessages.MasterStateResponse.class));
            return new Result(Answer.ACCEPTED, capacity(state));
        } catch (Exception refused) { // Scala throws SparkException without declaring it
            return new Result(Answer.REFUSED, null);
        } finally {
            if (env != null) env.shutdown();
            quiet.restore();
        }
    }

    /** A refused handshake is the expected answer here: Spark would log it as an ERROR with two stack traces. */
    private record QuietLogs(Map<String, Level> before) {
        static QuietLogs of(String... loggers) {
            Map<String, Level> before = new java.util.LinkedHashMap<>();
            for (String name : loggers) {
                before.put(name, LogManager.getLogger(name).getLevel());
                Configurator.setLevel(name, Level.OFF);
            }
            return new QuietLogs(before);
        }

        void restore() {
            before.forEach(Configurator::setLevel);
        }
    }

    private static Capacity capacity(DeployMessages.MasterStateResponse state) {
        int cores = 0;
        int free = 0;
        for (WorkerInfo w : state.workers()) {
            if (!w.isAlive()) continue;
            cores += w.cores();
            free += w.coresFree();
        }
        List<String> apps = new ArrayList<>();
        for (ApplicationInfo a : state.activeApps()) apps.add(Messages.get("master.withCores", a.desc().name(), Messages.count(a.coresGranted(), "noun.core")));
        return new Capacity(cores, free, apps, state.restPort().isDefined());
    }
}
