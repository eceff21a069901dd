package io.ssplab.kafka;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

import io.ssplab.core.BadInputException;
import io.ssplab.core.Messages;

/**
 * The admin calls the lab needs, on any broker (ours or one the user points at), with failures a person can act
 * on: an unreachable broker or a missing topic is a one-line {@link BadInputException}, said within seconds.
 *
 * <pre>{@code
 * try (KafkaAdmin admin = KafkaAdmin.connect("127.0.0.1:9092")) {
 *     admin.ensureTopic("lines", 2);
 *     Map<Integer, Long> end = admin.endOffsets("lines");
 * }
 * }</pre>
 */
public final class KafkaAdmin implements AutoCloseable {
    /**
     * How long a broker that accepts connections may take to answer before the lab says it is unreachable (where
     * nothing listens, the lab says so at once: {@link #everyAddressRefuses}). 5 s was not enough on a loaded 2-core
     * machine: a lab broker at a lowered CPU priority took longer to answer a new JVM's first request.
     */
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(30);
    /** Any other call: generous, a loaded broker may pause for a second or two. */
    static final Duration CALL_TIMEOUT = Duration.ofSeconds(30);

    private final Admin admin;
    private final String bootstrap;

    private KafkaAdmin(Admin admin, String bootstrap) {
        this.admin = admin;
        this.bootstrap = bootstrap;
    }

    /**
     * Connects and checks that the broker answers.
     *
     * @param bootstrap host:port (a list, comma-separated, also works)
     * @throws BadInputException when the address is malformed or no broker answers within {@link #CONNECT_TIMEOUT}
     */
    public static KafkaAdmin connect(String bootstrap) {
        List<java.net.InetSocketAddress> addresses = requireAddress(bootstrap);
        // Nothing listening is said at once: a refused connection will not turn into a broker within the wait below.
        if (everyAddressRefuses(addresses)) throw new BadInputException(Messages.get("kafka.refused", bootstrap));
        Admin admin = Admin.create(config(bootstrap, CONNECT_TIMEOUT));
        try {
            admin.describeCluster().clusterId().get(CONNECT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            return new KafkaAdmin(admin, bootstrap);
        } catch (ExecutionException | TimeoutException e) {
            admin.close(Duration.ZERO);
            throw new BadInputException(Messages.get("kafka.unreachable", bootstrap, CONNECT_TIMEOUT.toSeconds()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            admin.close(Duration.ZERO);
            throw new BadInputException(Messages.get("kafka.unreachable", bootstrap, CONNECT_TIMEOUT.toSeconds()));
        }
    }

    /** How long the probe of {@link #everyAddressRefuses} may take per address: a closed port on a reachable host refuses at once. */
    static final Duration REFUSAL_PROBE = Duration.ofSeconds(1);

    /**
     * Whether every address of {@code bootstrap} refuses a TCP connection: no process listens on any of them, so no
     * broker can answer (one that {@code bin/ssp kafka start} started listens before it says it is up). A host that does
     * not answer at all (a firewall, a slow network) is not a refusal: then the admin client waits as usual.
     */
    static boolean everyAddressRefuses(List<java.net.InetSocketAddress> addresses) {
        for (java.net.InetSocketAddress one : addresses) {
            try (java.net.Socket probe = new java.net.Socket()) {
                probe.connect(new java.net.InetSocketAddress(one.getHostString(), one.getPort()), (int) REFUSAL_PROBE.toMillis());
                return false;
            } catch (java.net.ConnectException refused) {
                // nothing listens there: try the next address
            } catch (java.io.IOException | RuntimeException other) {
                return false;
            }
        }
        return true;
    }

    /** Whether a broker at {@code bootstrap} answers within {@code timeout}: the readiness probe. */
    static boolean answers(String bootstrap, Duration timeout) {
        try (Admin admin = Admin.create(config(bootstrap, timeout))) {
            admin.describeCluster().clusterId().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Client settings: short timeouts so that an absent broker is said at once, quick reconnects so that a starting one is seen soon. */
    static Properties config(String bootstrap, Duration timeout) {
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) Math.max(1000, timeout.toMillis()));
        p.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) Math.max(timeout.toMillis(), CALL_TIMEOUT.toMillis()));
        p.put(AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 500);
        p.put(AdminClientConfig.RETRY_BACKOFF_MS_CONFIG, 100);
        p.put(AdminClientConfig.CLIENT_ID_CONFIG, "ssp-admin");
        return p;
    }

    /** The addresses of {@code host:port[,host:port…]}, each with a port 1–65535, else one line saying the form. */
    static List<java.net.InetSocketAddress> requireAddress(String bootstrap) {
        if (bootstrap == null || bootstrap.isBlank()) throw new BadInputException(Messages.get("kafka.badAddress", String.valueOf(bootstrap)));
        List<java.net.InetSocketAddress> addresses = new java.util.ArrayList<>();
        for (String one : bootstrap.split(",")) {
            int colon = one.lastIndexOf(':');
            int port = -1;
            if (colon > 0 && colon < one.length() - 1) {
                try {
                    port = Integer.parseInt(one.substring(colon + 1).strip());
                } catch (NumberFormatException e) {
                    port = -1;
                }
            }
            if (port < 1 || port > 65_535) throw new BadInputException(Messages.get("kafka.badAddress", bootstrap));
            addresses.add(java.net.InetSocketAddress.createUnresolved(one.substring(0, colon).strip(), port));
        }
        return addresses;
    }

    public String bootstrap() {
        return bootstrap;
    }

    /** The topics, internal ones left out, sorted. */
    public Set<String> topics() {
        return new TreeSet<>(get(admin.listTopics().names(), "listTopics"));
    }

    /**
     * Creates the topic with {@code partitions} partitions (replication 1), or checks that the existing one has
     * that many.
     *
     * @throws BadInputException when the topic exists with another partition count (the lab never deletes a user's data)
     */
    public void ensureTopic(String topic, int partitions) {
        if (partitions < 1) throw new BadInputException(Messages.get("kafka.badPartitions", partitions));
        if (!topics().contains(topic)) {
            try {
                admin.createTopics(List.of(new NewTopic(topic, partitions, (short) 1))).all()
                        .get(CALL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
                awaitVisible(topic);
                return;
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) throw failed("createTopics", e.getCause());
                // created meanwhile by someone else: checked below like any existing topic
            } catch (TimeoutException e) {
                throw failed("createTopics", e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw failed("createTopics", e);
            }
        }
        int has = partitions(topic);
        if (has != partitions) throw new BadInputException(Messages.get("kafka.partitionsDiffer", topic, has, partitions, bootstrap));
    }

    /**
     * Waits until a topic just created answers a describe: the broker acknowledges the creation before its metadata
     * has reached every listener, and a describe right after it can still say "unknown topic" (seen on a busy machine).
     */
    private void awaitVisible(String topic) {
        long deadline = System.nanoTime() + CALL_TIMEOUT.toNanos();
        while (true) {
            try {
                describe(topic);
                return;
            } catch (BadInputException notYet) {
                if (System.nanoTime() > deadline) throw notYet;
                try {
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw notYet;
                }
            }
        }
    }

    /**
     * The topic's partition count.
     *
     * @throws BadInputException when the topic does not exist
     */
    public int partitions(String topic) {
        return describe(topic).partitions().size();
    }

    private TopicDescription describe(String topic) {
        try {
            return admin.describeTopics(List.of(topic)).allTopicNames().get(CALL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).get(topic);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof UnknownTopicOrPartitionException)
                throw new BadInputException(Messages.get("kafka.noTopic", topic, bootstrap));
            throw failed("describeTopics", e.getCause());
        } catch (TimeoutException e) {
            throw failed("describeTopics", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw failed("describeTopics", e);
        }
    }

    /** Per partition, the offset the next record will get (the log end offset): records produced so far. */
    public Map<Integer, Long> endOffsets(String topic) {
        Map<TopicPartition, OffsetSpec> request = new HashMap<>();
        for (int p = 0; p < partitions(topic); p++) request.put(new TopicPartition(topic, p), OffsetSpec.latest());
        Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> info = get(admin.listOffsets(request).all(), "listOffsets");
        Map<Integer, Long> end = new TreeMap<>();
        info.forEach((tp, i) -> end.put(tp.partition(), i.offset()));
        return end;
    }

    /** Per partition of {@code topic}, the offset {@code group} committed (the next record it will read); partitions without one are left out. */
    public Map<Integer, Long> committed(String group, String topic) {
        Map<TopicPartition, OffsetAndMetadata> all = get(admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata(),
                "listConsumerGroupOffsets");
        Map<Integer, Long> mine = new TreeMap<>();
        all.forEach((tp, om) -> {
            if (om != null && tp.topic().equals(topic)) mine.put(tp.partition(), om.offset());
        });
        return mine;
    }

    /**
     * Commits {@code offsets} (partition → the next offset to read) for {@code group}, so Kafka's own tools
     * ({@code kafka-consumer-groups --describe}) show the group's lag. Works while the group has no active member,
     * which is the case for Spark's consumers: they assign partitions, they do not subscribe.
     */
    public void commit(String group, String topic, Map<Integer, Long> offsets) {
        Map<TopicPartition, OffsetAndMetadata> request = new HashMap<>();
        offsets.forEach((p, o) -> request.put(new TopicPartition(topic, p), new OffsetAndMetadata(o)));
        get(admin.alterConsumerGroupOffsets(group, request).all(), "alterConsumerGroupOffsets");
    }

    /** The consumer groups the broker knows, sorted. */
    public Set<String> groups() {
        Collection<org.apache.kafka.clients.admin.ConsumerGroupListing> listings = get(admin.listConsumerGroups().all(), "listConsumerGroups");
        Set<String> names = new TreeSet<>();
        listings.forEach(l -> names.add(l.groupId()));
        return names;
    }

    /** Deletes a topic (tests, and a lesson that starts from an empty topic); absent is fine. */
    public void deleteTopic(String topic) {
        try {
            admin.deleteTopics(List.of(topic)).all().get(CALL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof UnknownTopicOrPartitionException)) throw failed("deleteTopics", e.getCause());
        } catch (TimeoutException e) {
            throw failed("deleteTopics", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw failed("deleteTopics", e);
        }
    }

    private <T> T get(KafkaFuture<T> future, String call) {
        try {
            return future.get(CALL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw failed(call, e.getCause());
        } catch (TimeoutException e) {
            throw failed(call, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw failed(call, e);
        }
    }

    private IllegalStateException failed(String call, Throwable cause) {
        return new IllegalStateException(Messages.get("kafka.adminFailed", call, bootstrap, String.valueOf(cause)), cause);
    }

    @Override
    public void close() {
        admin.close(Duration.ofSeconds(5));
    }
}
