package io.ssplab.kafka;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

import io.ssplab.accounting.LatencyHistogram;
import io.ssplab.source.LineStamp;

/**
 * End-to-end latency of a Kafka → Spark → Kafka query, measured by a plain consumer of its output topic:
 * per output record, the record's timestamp (set by Spark's Kafka producer when it sent the record) minus
 * the due time in the stamp of the input line it came from ({@link LineStamp}, written by our producer).
 * Both clocks are this machine's. Only lines due from {@link #measureFrom} on count: the warm-up's do not.
 */
public final class LatencyProbe implements AutoCloseable {
    private final AtomicBoolean stop = new AtomicBoolean();
    private final AtomicLong seen = new AtomicLong();
    private final AtomicLong lastSeenNanos = new AtomicLong();
    private final AtomicLong maxSentMs = new AtomicLong(Long.MIN_VALUE);
    private final LatencyHistogram latency = new LatencyHistogram();
    private volatile long fromMs = Long.MAX_VALUE;
    private volatile RuntimeException failure;
    private final Thread thread;

    private LatencyProbe(String bootstrap, String topic) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        // a fetch returns as soon as a record is there: the probe must not add its own batching to the latency it measures
        p.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 5);
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        KafkaConsumer<String, String> consumer = new KafkaConsumer<>(p);
        List<TopicPartition> parts = new ArrayList<>();
        consumer.partitionsFor(topic, Duration.ofSeconds(30)).forEach(i -> parts.add(new TopicPartition(topic, i.partition())));
        consumer.assign(parts);
        consumer.seekToEnd(parts);
        parts.forEach(consumer::position); // resolve "end" now, before anything is written
        thread = new Thread(() -> {
            try (consumer) {
                while (!stop.get()) {
                    for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(50))) {
                        seen.incrementAndGet();
                        lastSeenNanos.set(System.nanoTime());
                        LineStamp s = r.value() == null ? null : LineStamp.parse(r.value());
                        if (s == null) continue;
                        maxSentMs.accumulateAndGet(s.sentMs(), Math::max);
                        if (s.sentMs() < fromMs) continue;
                        synchronized (latency) {
                            latency.add(r.timestamp() - s.sentMs());
                        }
                    }
                }
            } catch (RuntimeException e) {
                failure = e;
            }
        }, "latency-probe");
        thread.setDaemon(true);
        thread.start();
    }

    /** Reads {@code topic} from its current end on. */
    public static LatencyProbe start(String bootstrap, String topic) {
        return new LatencyProbe(bootstrap, topic);
    }

    /** Counts the lines due at or after {@code epochMs}. */
    public void measureFrom(long epochMs) {
        fromMs = epochMs;
    }

    /** Output records seen so far, warm-up included. */
    public long seen() {
        return seen.get();
    }

    /** Nanos (System.nanoTime) when the last record came; 0 before the first. */
    public long lastSeenNanos() {
        return lastSeenNanos.get();
    }

    /** The latest due time among the stamps seen (epoch ms): how far the output has caught up with the input. */
    public long maxSentMs() {
        return maxSentMs.get();
    }

    /** A copy of the measured latencies. */
    public LatencyHistogram latency() {
        if (failure != null) throw failure;
        LatencyHistogram copy = new LatencyHistogram();
        synchronized (latency) {
            copy.addAll(latency);
        }
        return copy;
    }

    @Override
    public void close() throws InterruptedException {
        stop.set(true);
        thread.join(10_000);
    }
}
