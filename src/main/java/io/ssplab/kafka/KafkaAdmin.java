package io.ssplab.kafka;

import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;

/** STUB until kafka-broker lands (helper A owns this class): the calls kafka-eo uses. */
public final class KafkaAdmin implements AutoCloseable {
    private final Admin admin;

    private KafkaAdmin(Admin admin) {
        this.admin = admin;
    }

    public static KafkaAdmin connect(String bootstrap) {
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        return new KafkaAdmin(Admin.create(p));
    }

    public void ensureTopic(String topic, int partitions) {
        try {
            if (!admin.listTopics().names().get().contains(topic))
                admin.createTopics(List.of(new NewTopic(topic, partitions, (short) 1))).all().get();
        } catch (InterruptedException | ExecutionException e) {
            throw new IllegalStateException(e);
        }
    }

    public Map<Integer, Long> endOffsets(String topic) {
        try {
            int n = admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions().size();
            Map<TopicPartition, OffsetSpec> q = new java.util.HashMap<>();
            for (int i = 0; i < n; i++) q.put(new TopicPartition(topic, i), OffsetSpec.latest());
            Map<Integer, Long> r = new TreeMap<>();
            admin.listOffsets(q).all().get().forEach((tp, o) -> r.put(tp.partition(), o.offset()));
            return r;
        } catch (InterruptedException | ExecutionException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        admin.close();
    }
}
