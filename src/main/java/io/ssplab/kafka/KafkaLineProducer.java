package io.ssplab.kafka;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

import io.ssplab.accounting.SentLines;
import io.ssplab.core.Messages;
import io.ssplab.source.LineFormat;
import io.ssplab.source.LineGenerator;
import io.ssplab.source.LineStamp;
import io.ssplab.source.Pacer;
import io.ssplab.source.SourceConfig;

/**
 * The lab's line generator writing to a Kafka topic: the same lines the socket source sends its first client
 * ({@link LineGenerator} with the config's seed, words and skew; stamped when the config says
 * {@link LineFormat#STAMPED}, as one stream {@code SOURCE:0}), at the config's rate ({@link Pacer}), through an
 * idempotent producer with {@code acks=all}: a retried send is never written twice, so the topic holds each line
 * once.
 *
 * <p>A record's key is its line's first word, so the partitioner sends every line that starts with the same word
 * to the same partition: with {@code --skew} the hot word's partition gets more than its share, as a hot key does
 * in production. The value is the whole line.
 *
 * <p>Accounting: {@link #sent()} counts the lines the broker acknowledged; {@link #sentLines()} gives them to the
 * accounting the way {@code SourceAccount.ofEmbedded} does for the socket source. Read them after {@link #close()},
 * which waits for the last acknowledgements.
 *
 * <pre>{@code
 * try (KafkaLineProducer producer = KafkaLineProducer.start(SourceConfig.embedded(140).withFormat(LineFormat.STAMPED), bootstrap, "lines")) {
 *     ... run the job ...
 * }   // then producer.sentLines()
 * }</pre>
 */
public final class KafkaLineProducer implements AutoCloseable {
    /** A send loop that takes at least this long was blocked by the producer (its buffer full), as the socket source counts blocked writes. */
    static final long BLOCKED_THRESHOLD_NANOS = 50_000_000L;
    static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(30);

    private final SourceConfig config;
    private final String topic;
    private final String bootstrap;
    private final long maxLines;
    private final String id = newId();
    private final KafkaProducer<String, String> producer;
    private final Thread thread;
    private final AtomicLong handedOver = new AtomicLong();
    private final AtomicLong acked = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicReference<Exception> lastFailure = new AtomicReference<>();
    private final CountDownLatch finished = new CountDownLatch(1);
    private volatile long blockedNanos;
    private volatile long maxBacklog;
    private volatile boolean closed;

    private KafkaLineProducer(SourceConfig config, String bootstrap, String topic, long maxLines) {
        this.config = config;
        this.bootstrap = bootstrap;
        this.topic = topic;
        this.maxLines = maxLines;
        this.producer = new KafkaProducer<>(producerConfig(bootstrap), new StringSerializer(), new StringSerializer());
        this.thread = new Thread(this::run, "kafka-line-producer");
        thread.setDaemon(true);
    }

    /** Starts producing to {@code topic} (which must exist: see {@link KafkaAdmin#ensureTopic}) until closed. */
    public static KafkaLineProducer start(SourceConfig config, String bootstrap, String topic) {
        return start(config, bootstrap, topic, 0);
    }

    /**
     * Starts producing; stops by itself after {@code maxLines} lines (0: never), e.g. to preload a topic.
     * {@link #awaitFinished} waits for that.
     */
    public static KafkaLineProducer start(SourceConfig config, String bootstrap, String topic, long maxLines) {
        KafkaAdmin.requireAddress(bootstrap);
        KafkaLineProducer p = new KafkaLineProducer(config, bootstrap, topic, Math.max(0, maxLines));
        p.thread.start();
        return p;
    }

    /** Idempotent, acks=all; a short linger batches a busy second's lines without delaying a quiet one's noticeably. */
    static Properties producerConfig(String bootstrap) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        p.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        p.put(ProducerConfig.CLIENT_ID_CONFIG, "ssp-line-producer");
        return p;
    }

    /** A record's key: its line's first word (the words, without the stamp). */
    public static String keyOf(String words) {
        int space = words.indexOf(' ');
        return space < 0 ? words : words.substring(0, space);
    }

    /**
     * The partition Kafka's producer puts a keyed record on (its built-in partitioner, {@code partitioner.class} unset):
     * murmur2 of the key's UTF-8 bytes, made positive, modulo the partitions.
     */
    public static int partitionOf(String key, int partitions) {
        return org.apache.kafka.common.utils.Utils.toPositive(
                org.apache.kafka.common.utils.Utils.murmur2(key.getBytes(java.nio.charset.StandardCharsets.UTF_8))) % partitions;
    }

    /**
     * The share of the lines each of the topic's {@code partitions} receives: a line's key is its first word, drawn
     * from {@code keys} like every word ({@link LineGenerator}), and {@link #partitionOf} puts the key on its partition.
     */
    public static double[] partitionShares(io.ssplab.core.KeyDistribution keys, int partitions) {
        double[] shares = new double[partitions];
        for (int k = 0; k < keys.vocabulary(); k++) shares[partitionOf(io.ssplab.core.KeyDistribution.word(k), partitions)] += keys.share(k);
        return shares;
    }

    /** Six base-36 characters, as the socket source's: tells this producer's stamps from those of one before or after it. */
    private static String newId() {
        SecureRandom random = new SecureRandom();
        StringBuilder b = new StringBuilder(6);
        for (int i = 0; i < 6; i++) b.append(Character.forDigit(random.nextInt(36), 36));
        return b.toString();
    }

    private void run() {
        LineGenerator generator = new LineGenerator(LineGenerator.clientSeed(config.seed(), 0), config.wordsPerLine(), config.vocabulary(), config.skew());
        long startEpochMs = System.currentTimeMillis();
        long startNanos = System.nanoTime();
        Pacer pacer = new Pacer(config.linesPerSecond(), startNanos);
        boolean stamped = config.format() == LineFormat.STAMPED;
        StringBuilder line = new StringBuilder(96);
        try {
            while (!closed) {
                long due = pacer.awaitDue();
                if (due == 0) break; // interrupted
                if (maxLines > 0) due = Math.min(due, maxLines - pacer.sentTotal());
                if (due - 1 > maxBacklog) maxBacklog = due - 1; // lines that waited for the previous sends
                long t0 = System.nanoTime();
                for (long i = 0; i < due && !closed; i++) {
                    long seq = pacer.sentTotal() + i;
                    line.setLength(0);
                    if (stamped) {
                        long dueMs = startEpochMs + (pacer.dueNanos(seq) - startNanos) / 1_000_000;
                        LineStamp.append(line, id, 0, seq, dueMs);
                    }
                    String words = generator.next();
                    line.append(words);
                    producer.send(new ProducerRecord<>(topic, keyOf(words), line.toString()), (meta, error) -> {
                        if (error == null) {
                            acked.incrementAndGet();
                        } else {
                            failed.incrementAndGet();
                            lastFailure.set(error);
                        }
                    });
                    handedOver.incrementAndGet();
                }
                long took = System.nanoTime() - t0;
                if (took >= BLOCKED_THRESHOLD_NANOS) blockedNanos += took;
                pacer.sent(due);
                if (maxLines > 0 && pacer.sentTotal() >= maxLines) break;
            }
        } catch (org.apache.kafka.common.KafkaException | IllegalStateException e) {
            // the producer was closed under a send, or failed for good: the counts say what got through
            lastFailure.compareAndSet(null, e);
        } finally {
            finished.countDown();
        }
    }

    /** Lines the broker acknowledged. */
    public long sent() {
        return acked.get();
    }

    /** Lines handed to the producer (acknowledged, failed or still in flight). */
    public long handedOver() {
        return handedOver.get();
    }

    /** Lines the producer gave up on (the broker gone for longer than the producer's delivery timeout). */
    public long failed() {
        return failed.get();
    }

    /** This producer's stamp source: its lines' stream is {@code id():0}. */
    public String id() {
        return id;
    }

    public String topic() {
        return topic;
    }

    public String bootstrap() {
        return bootstrap;
    }

    /** Waits until a producer started with a line limit has handed over all its lines; false if not within {@code timeout}. */
    public boolean awaitFinished(Duration timeout) throws InterruptedException {
        boolean done = finished.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
        if (done) producer.flush();
        return done;
    }

    /** The accounting's view of what was sent: the acknowledged lines, as one stamped stream. */
    public SentLines sentLines() {
        long total = acked.get();
        String stream = id + ":0";
        String t = topic;
        return new SentLines(total, lang -> Messages.in(lang, "acct.countedBy.kafka", t), Map.of(stream, total),
                blockedNanos / 1_000_000, maxBacklog);
    }

    /** Stops producing, waits for the acknowledgements of what was sent, and closes the producer. */
    @Override
    public void close() {
        closed = true;
        thread.interrupt();
        try {
            finished.await(CLOSE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        producer.close(CLOSE_TIMEOUT);
    }
}
