package io.ssplab.kafka;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

import io.ssplab.accounting.ExactlyOnceAccount;
import io.ssplab.accounting.SeqRanges;
import io.ssplab.pipeline.Words;
import io.ssplab.source.LineStamp;

/**
 * Reads a whole topic back with a plain consumer (no group, no Spark), from its first offset to the end
 * offsets of the moment: what the producers sent and the broker acknowledged, whichever process sent it.
 * The producer side of the exactly-once accounting, which a {@code kill -9} of the producing process
 * cannot falsify (its own counters die with it; the broker's log does not).
 */
public final class TopicReadback {
    /** Long enough for a busy machine; a topic of the lab's size reads in well under a second. */
    static final Duration TIMEOUT = Duration.ofSeconds(60);

    private TopicReadback() {
    }

    /** Per producer stream (SOURCE:CLIENT of the stamps) the sequence numbers, the records, the words of all lines. */
    public static ExactlyOnceAccount.Side read(String bootstrap, String topic) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000);
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        Map<String, SeqRanges> streams = new TreeMap<>();
        Map<String, Long> words = new HashMap<>();
        long records = 0;
        try (KafkaConsumer<String, String> c = new KafkaConsumer<>(p)) {
            List<TopicPartition> parts = new ArrayList<>();
            c.partitionsFor(topic, TIMEOUT).forEach(i -> parts.add(new TopicPartition(topic, i.partition())));
            c.assign(parts);
            c.seekToBeginning(parts);
            Map<TopicPartition, Long> end = c.endOffsets(parts, TIMEOUT);
            long deadline = System.nanoTime() + TIMEOUT.toNanos();
            while (!reached(c, end)) {
                if (System.nanoTime() > deadline) throw new IllegalStateException(io.ssplab.core.Messages.get("eo.readbackTimeout", topic, TIMEOUT.toSeconds()));
                for (ConsumerRecord<String, String> r : c.poll(Duration.ofMillis(200))) {
                    if (r.offset() >= end.get(new TopicPartition(r.topic(), r.partition()))) continue;
                    records++;
                    String line = r.value() == null ? "" : r.value();
                    LineStamp stamp = LineStamp.parse(line);
                    if (stamp != null) streams.computeIfAbsent(stamp.stream(), s -> new SeqRanges()).add(stamp.seq());
                    for (String w : Words.split(stamp == null ? line : stamp.words(line))) words.merge(w, 1L, Long::sum);
                }
            }
        }
        return new ExactlyOnceAccount.Side(streams, records, words);
    }

    private static boolean reached(KafkaConsumer<String, String> c, Map<TopicPartition, Long> end) {
        for (Map.Entry<TopicPartition, Long> e : end.entrySet()) if (c.position(e.getKey()) < e.getValue()) return false;
        return true;
    }
}
