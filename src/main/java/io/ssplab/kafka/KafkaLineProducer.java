package io.ssplab.kafka;

import java.util.Properties;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

import io.ssplab.source.LineGenerator;
import io.ssplab.source.LineStamp;
import io.ssplab.source.Pacer;
import io.ssplab.source.SourceConfig;

/** STUB until kafka-broker lands (helper A owns this class): stamped lines at the rate, idempotent producer. */
public final class KafkaLineProducer implements AutoCloseable {
    private final KafkaProducer<String, String> producer;
    private final AtomicLong sent = new AtomicLong();
    private final AtomicBoolean stop = new AtomicBoolean();
    private final Thread thread;

    private KafkaLineProducer(SourceConfig config, String bootstrap, String topic) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        producer = new KafkaProducer<>(p);
        String id = Long.toString(System.nanoTime() & 0xffffffL, 36);
        LineGenerator gen = new LineGenerator(config.seed(), config.wordsPerLine(), config.vocabulary(), config.skew());
        thread = new Thread(() -> {
            Pacer pacer = new Pacer(config.linesPerSecond());
            long seq = 0;
            while (!stop.get()) {
                pacer.awaitDue();
                StringBuilder b = new StringBuilder();
                LineStamp.append(b, id, 0, seq, System.currentTimeMillis());
                b.append(gen.next());
                producer.send(new ProducerRecord<>(topic, Long.toString(seq), b.toString()), (m, e) -> {
                    if (e == null) sent.incrementAndGet();
                });
                seq++;
                pacer.sent(1);
            }
        }, "kafka-line-producer");
        thread.setDaemon(true);
        thread.start();
    }

    public static KafkaLineProducer start(SourceConfig config, String bootstrap, String topic) {
        return new KafkaLineProducer(config, bootstrap, topic);
    }

    public long sent() {
        return sent.get();
    }

    @Override
    public void close() {
        stop.set(true);
        try {
            thread.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        producer.close();
    }
}
