package io.ssplab.kafka;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The broker's {@code server.properties}: one KRaft node that is broker and controller, sized for a small
 * machine (the spike's settings, /work/scratch/kafka-spike/FINDINGS.md §1), written at every start so the
 * address and ports are this start's.
 */
final class ServerProperties {
    private ServerProperties() {
    }

    static Map<String, String> of(KafkaLayout layout, String host, int port, int controllerPort) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("process.roles", "broker,controller");
        p.put("node.id", "1");
        // The static voter form: a one-node quorum needs no --standalone flag when formatting.
        p.put("controller.quorum.voters", "1@" + KafkaBroker.DEFAULT_HOST + ":" + controllerPort);
        p.put("listeners", "PLAINTEXT://" + host + ":" + port + ",CONTROLLER://" + KafkaBroker.DEFAULT_HOST + ":" + controllerPort);
        p.put("advertised.listeners", "PLAINTEXT://" + host + ":" + port);
        p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        p.put("controller.listener.names", "CONTROLLER");
        p.put("inter.broker.listener.name", "PLAINTEXT");
        p.put("log.dirs", layout.data().toString());
        // One node: every replication factor is 1, or the internal topics are never created.
        p.put("num.partitions", "1");
        p.put("default.replication.factor", "1");
        p.put("min.insync.replicas", "1");
        p.put("offsets.topic.replication.factor", "1");
        p.put("offsets.topic.num.partitions", "1");
        p.put("transaction.state.log.replication.factor", "1");
        p.put("transaction.state.log.min.isr", "1");
        p.put("transaction.state.log.num.partitions", "1");
        p.put("share.coordinator.state.topic.replication.factor", "1");
        p.put("share.coordinator.state.topic.min.isr", "1");
        p.put("share.coordinator.state.topic.num.partitions", "1");
        p.put("group.initial.rebalance.delay.ms", "0");
        // A small machine: few threads; the cleaner's dedupe buffer (128 MB by default) would be half the heap.
        p.put("num.network.threads", "2");
        p.put("num.io.threads", "2");
        p.put("num.recovery.threads.per.data.dir", "1");
        p.put("background.threads", "2");
        p.put("log.cleaner.threads", "1");
        p.put("log.cleaner.dedupe.buffer.size", "8388608");
        // Lab data: kept two hours, in 64 MB segments, so a forgotten broker does not fill the disk.
        p.put("log.retention.hours", "2");
        p.put("log.segment.bytes", "67108864");
        // A typo in a topic name is an error, not a new empty topic.
        p.put("auto.create.topics.enable", "false");
        return p;
    }

    static void write(KafkaLayout layout, String host, int port, int controllerPort) throws IOException {
        try (Writer w = Files.newBufferedWriter(layout.serverProperties(), StandardCharsets.UTF_8)) {
            w.write("# Written by the lab (io.ssplab.kafka.KafkaBroker) at each start: edits are overwritten.\n");
            for (Map.Entry<String, String> e : of(layout, host, port, controllerPort).entrySet()) {
                w.write(e.getKey() + "=" + e.getValue() + "\n");
            }
        }
    }
}
