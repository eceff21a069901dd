package io.ssplab.run;

import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.streaming.api.java.JavaDStream;
import org.apache.spark.streaming.api.java.JavaInputDStream;
import org.apache.spark.streaming.api.java.JavaStreamingContext;
import org.apache.spark.streaming.kafka010.CanCommitOffsets;
import org.apache.spark.streaming.kafka010.ConsumerStrategies;
import org.apache.spark.streaming.kafka010.HasOffsetRanges;
import org.apache.spark.streaming.kafka010.KafkaUtils;
import org.apache.spark.streaming.kafka010.LocationStrategies;
import org.apache.spark.streaming.kafka010.OffsetRange;

import com.fasterxml.jackson.databind.JsonNode;

import io.ssplab.accounting.SentLines;
import io.ssplab.core.BadInputException;
import io.ssplab.core.BatchMetrics;
import io.ssplab.core.Json;
import io.ssplab.core.Limits;
import io.ssplab.core.Messages;
import io.ssplab.kafka.BrokerHandle;
import io.ssplab.kafka.KafkaAdmin;
import io.ssplab.kafka.KafkaBroker;
import io.ssplab.kafka.KafkaLineProducer;
import io.ssplab.source.SourceConfig;

/**
 * A run's Kafka source (docs/kafka.md): the broker, the topic, our producer writing the lines into it, the
 * stream Spark reads from it on either API, the consumer lag of every batch, and the processed offsets
 * committed to a consumer group so that Kafka's own tools ({@code kafka-consumer-groups.sh --describe}) see
 * the lag too.
 *
 * <h2>Design</h2>
 * <ul>
 *   <li><b>Broker</b>: {@code --source kafka} uses the one {@code bin/ssp kafka start} left running, else starts
 *       one for the run and stops it (by its pid) afterwards, its folder deleted ({@link BrokerHandle});
 *       {@code kafka://HOST:PORT/TOPIC} uses that broker.</li>
 *   <li><b>Topic</b>: {@code --source kafka}'s is {@code ssp-JOB-pN} (N partitions), created when missing; an
 *       existing topic is read as it is, and a partition count that differs from the one asked is refused before
 *       Spark starts.</li>
 *   <li><b>Reading</b>: from the latest offsets when the run starts, so a topic's old records are not a backlog.
 *       DStream: the direct stream ({@code KafkaUtils.createDirectStream}, {@code PreferConsistent}): no receiver,
 *       one task per topic partition per batch; {@code spark.streaming.kafka.maxRatePerPartition} caps a batch.
 *       Structured Streaming: the {@code kafka} source with the lesson's options ({@code maxOffsetsPerTrigger}, …).</li>
 *   <li><b>Lag</b>: DStream: at a batch's completion, the topic's end offsets ({@link KafkaAdmin#endOffsets}) minus
 *       the batch's untilOffsets, summed over the partitions; Structured Streaming: the source's
 *       {@code avgOffsetsBehindLatest} × partitions and {@code maxOffsetsBehindLatest} of the batch's progress.</li>
 *   <li><b>Commits</b>: DStream: {@code commitAsync} of each batch's ranges (sent with the next batch's fetch), and
 *       the last completed batch's offsets once more when the run stops (its asynchronous commit would be lost);
 *       Structured Streaming commits nothing itself (SPARK-27549): each progress's endOffset is committed through
 *       the admin client.</li>
 * </ul>
 */
public final class KafkaSource implements AutoCloseable {
    /** Routes from the (serializable) per-batch step on the driver back to the run's source object: one run per id. */
    private static final Map<String, KafkaSource> ROUTES = new ConcurrentHashMap<>();

    /** The broker: found (left running at the end) or started for this run (stopped, its folder deleted). */
    private final BrokerHandle broker;
    private final KafkaAdmin admin;
    /** Our producer: started just before the stream (so Spark's start-up is no backlog), null when read-only. */
    private volatile KafkaLineProducer producer;
    private final SourceConfig lineConfig;
    private final SourceEndpoint endpoint;
    private final String group;
    private final int partitions;
    private final String route;
    /** DStream: each batch's untilOffsets by batch time, until the batch is reported. */
    private final Map<Long, Map<Integer, Long>> untilByBatch = new ConcurrentHashMap<>();
    /** The offsets after the last batch reported complete: what the final commit writes. */
    private volatile Map<Integer, Long> processed;
    /** Structured Streaming: each micro-batch's lag by batch id, read from its progress. */
    private final Map<Long, long[]> lagByBatchId = new ConcurrentHashMap<>();

    private KafkaSource(BrokerHandle broker, KafkaAdmin admin, SourceConfig lineConfig, SourceEndpoint endpoint,
                        String group, int partitions) {
        this.broker = broker;
        this.admin = admin;
        this.lineConfig = lineConfig;
        this.endpoint = endpoint;
        this.group = group;
        this.partitions = partitions;
        this.route = "ssp-kafka-" + System.identityHashCode(this);
        ROUTES.put(route, this);
    }

    /**
     * The checks before Spark starts (one line each, exit 2): the partitions' range, then for a named broker
     * that it answers and that the topic exists (or, with {@code --kafka-partitions}, can be created) with the
     * partitions asked. {@code --source kafka} without a running broker has nothing to check: the run starts one.
     */
    public static void check(SourceEndpoint source, Integer kafkaPartitions) {
        if (kafkaPartitions != null) Limits.KAFKA_PARTITIONS.check(kafkaPartitions);
        if (!source.kafka()) {
            if (kafkaPartitions != null) throw new BadInputException(Messages.get("kafka.bad.partitionsWithoutKafka", kafkaPartitions));
            return;
        }
        String bootstrap = source.bootstrap();
        if (bootstrap == null) {
            var running = KafkaBroker.runningForProject();
            if (running.isEmpty()) return;
            bootstrap = running.get().bootstrap();
        }
        if (source.topic() == null) return; // ours: created or checked when the run starts
        try (KafkaAdmin a = KafkaAdmin.connect(bootstrap)) {
            int existing;
            try {
                existing = a.partitions(source.topic());
            } catch (BadInputException missing) {
                if (kafkaPartitions == null || source.readOnly()) throw new BadInputException(Messages.get("kafka.bad.missingTopic",
                        source.topic(), bootstrap, source.readOnly() ? "" : Messages.get("kafka.bad.missingTopic.create")));
                return;
            }
            if (kafkaPartitions != null && existing != kafkaPartitions)
                throw new BadInputException(Messages.get("kafka.bad.partitionsDiffer", source.topic(), existing, kafkaPartitions));
        }
    }

    /**
     * Finds or starts the broker, makes the topic, starts our producer (unless read-only).
     *
     * @param kafkaPartitions the topic's partitions: --kafka-partitions, else the lesson's, else {@link Limits#DEFAULT_KAFKA_PARTITIONS}
     */
    static KafkaSource open(SourceEndpoint source, String job, int kafkaPartitions, SourceConfig lines, PrintStream out) throws IOException {
        BrokerHandle broker = BrokerHandle.findOrStart(source.bootstrap(), BrokerHandle.Announcement.RUN, out);
        String bootstrap = broker.bootstrap();
        KafkaAdmin admin = null;
        try {
            admin = KafkaAdmin.connect(bootstrap);
            String topic = source.topic() != null ? source.topic() : SourceEndpoint.topicFor(job, kafkaPartitions);
            int partitions;
            if (source.readOnly()) {
                partitions = admin.partitions(topic);
            } else {
                if (source.topic() == null) admin.ensureTopic(topic, kafkaPartitions);
                else ensureNamed(admin, topic, kafkaPartitions);
                partitions = admin.partitions(topic);
            }
            SourceEndpoint resolved = source.onBroker(bootstrap, topic);
            String group = groupFor(job);
            out.println(Messages.get("kafka.run.topic", resolved, partitions, group,
                    source.readOnly() ? Messages.get("kafka.run.readOnly") : Messages.get("kafka.run.producing", io.ssplab.core.Format.plain(lines.linesPerSecond()))));
            return new KafkaSource(broker, admin, source.readOnly() ? null : lines, resolved, group, partitions);
        } catch (RuntimeException e) {
            if (admin != null) admin.close();
            broker.close();
            throw e;
        }
    }

    /** The consumer group whose offsets a lesson's runs commit: what {@code kafka-consumer-groups --describe --group} takes. */
    static String groupFor(String job) {
        return GROUP_PREFIX + job;
    }

    static final String GROUP_PREFIX = "ssp-";
    /** Spark's cap on what one DStream batch takes from each topic partition, lines/s: the same for every partition. */
    public static final String MAX_RATE_PER_PARTITION = "spark.streaming.kafka.maxRatePerPartition";
    /** Spark's cap on what one micro-batch of a Kafka query takes, records over all partitions (a source option). */
    public static final String MAX_OFFSETS_PER_TRIGGER = "maxOffsetsPerTrigger";

    /**
     * What a DStream batch takes from a topic of {@code partitions} fed by the lab's producer (each line keyed by its first
     * word, so the partitions' shares follow the words' distribution), under the {@link #MAX_RATE_PER_PARTITION} of
     * {@code sparkConf} (none: everything). The plan and a run's prediction both start from it.
     */
    public static io.ssplab.model.KafkaIntake intake(io.ssplab.core.Knobs knobs, int partitions, Map<String, String> sparkConf) {
        String limit = sparkConf.get(MAX_RATE_PER_PARTITION);
        return new io.ssplab.model.KafkaIntake(io.ssplab.kafka.KafkaLineProducer.partitionShares(knobs.keys(), partitions), knobs.linesPerSecond(),
                limit == null ? 0 : Double.parseDouble(limit.strip()), knobs.batchIntervalMs());
    }
    /** Spark's name of its Kafka source ({@code DataStreamReader.format}). */
    static final String KAFKA_FORMAT = "kafka";

    /** A named topic: created with --kafka-partitions when missing (check() allowed that), else read as it is. */
    private static void ensureNamed(KafkaAdmin admin, String topic, int partitions) {
        try {
            admin.partitions(topic);
        } catch (BadInputException missing) {
            admin.ensureTopic(topic, partitions);
        }
    }

    /**
     * Starts our producer (not for a read-only topic): called right after the stream started, so the seconds
     * Spark takes to start are not a backlog the first batch must take (SPARK-18580: it would take all of it).
     */
    void startProducing() {
        if (lineConfig != null && producer == null) producer = KafkaLineProducer.start(lineConfig, endpoint.bootstrap(), endpoint.topic());
    }

    SourceEndpoint endpoint() {
        return endpoint;
    }

    int partitions() {
        return partitions;
    }

    String group() {
        return group;
    }

    /** Lines our producer had acknowledged: the accounting's "sent"; unknown for a topic we only read. */
    SentLines sentLines() {
        KafkaLineProducer p = producer;
        return p == null ? SentLines.unknown("kafka.acct.readOnly") : p.sentLines();
    }

    /** Stops our producer (the drain: no new lines) and says how many it sent; -1 when read-only. */
    long stopProducing() {
        KafkaLineProducer p = producer;
        if (p == null) return -1;
        p.close();
        return p.sent();
    }

    // ---------------------------------------------------------------- DStream

    private Map<String, Object> consumerParams() {
        Map<String, Object> p = new HashMap<>();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, endpoint.bootstrap());
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        p.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        // From the latest offsets when the group has none; offsets committed by an earlier run of the lesson are
        // skipped too (below): the lesson starts with an empty backlog.
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        return p;
    }

    /**
     * The direct stream's values. Each batch's offset ranges are noted (for the lag) and committed
     * asynchronously; the values are mapped at once: a ConsumerRecord is not serializable.
     */
    JavaDStream<String> dstream(JavaStreamingContext ssc) {
        Map<TopicPartition, Long> from = new HashMap<>();
        admin.endOffsets(endpoint.topic()).forEach((p, o) -> from.put(new TopicPartition(endpoint.topic(), p), o));
        JavaInputDStream<ConsumerRecord<String, String>> stream = KafkaUtils.createDirectStream(ssc, LocationStrategies.PreferConsistent(),
                ConsumerStrategies.<String, String>Subscribe(List.of(endpoint.topic()), consumerParams(), from));
        String id = route;
        stream.foreachRDD((rdd, time) -> {
            OffsetRange[] ranges = ((HasOffsetRanges) rdd.rdd()).offsetRanges();
            KafkaSource self = ROUTES.get(id);
            if (self != null) self.noteRanges(time.milliseconds(), ranges);
            ((CanCommitOffsets) stream.inputDStream()).commitAsync(ranges);
        });
        return stream.map(ConsumerRecord::value);
    }

    private void noteRanges(long batchTimeMs, OffsetRange[] ranges) {
        Map<Integer, Long> until = new HashMap<>();
        for (OffsetRange r : ranges) until.put(r.partition(), r.untilOffset());
        untilByBatch.put(batchTimeMs, until);
    }

    /**
     * Notes each completed batch's offsets for the final commit — also the batches that complete while the run
     * drains, after the metrics listener has closed (their lines are processed: their offsets must be committed).
     */
    org.apache.spark.streaming.scheduler.StreamingListener completions() {
        return new org.apache.spark.streaming.scheduler.StreamingListener() {
            @Override
            public void onBatchCompleted(org.apache.spark.streaming.scheduler.StreamingListenerBatchCompleted completed) {
                // added after the metrics listener, so the bus calls it after that one has read the batch's offsets
                Map<Integer, Long> until = untilByBatch.remove(completed.batchInfo().batchTime().milliseconds());
                if (until != null) processed = until;
            }
        };
    }

    /** A DStream batch with its lag at completion: the end offsets now minus the batch's untilOffsets, per partition and summed. */
    BatchMetrics withLag(BatchMetrics m) {
        Map<Integer, Long> until = untilByBatch.get(m.batchTimeMs());
        if (until == null) return m;
        try {
            Map<Integer, Long> end = admin.endOffsets(endpoint.topic());
            long total = 0;
            long max = 0;
            Long[] perPartition = new Long[end.keySet().stream().mapToInt(Integer::intValue).max().orElse(-1) + 1];
            java.util.Arrays.fill(perPartition, 0L);
            for (Map.Entry<Integer, Long> e : end.entrySet()) {
                long behind = Math.max(0, e.getValue() - until.getOrDefault(e.getKey(), e.getValue()));
                total += behind;
                max = Math.max(max, behind);
                perPartition[e.getKey()] = behind;
            }
            return m.withLag(total, max, java.util.Arrays.asList(perPartition));
        } catch (RuntimeException unreadable) {
            return m; // a batch without its lag beats a failed run
        }
    }

    /** The last completed batch's offsets, committed once more: the asynchronous commit of the last batch is lost on stop. */
    void commitFinal() {
        Map<Integer, Long> last = processed;
        if (last == null) return;
        try {
            admin.commit(group, endpoint.topic(), last);
        } catch (RuntimeException e) {
            // the group's offsets stay one batch behind: nothing to stop the run for
        }
    }

    // ---------------------------------------------------------------- Structured Streaming

    /** The topic's values as lines; {@code options} are the lesson's source options (maxOffsetsPerTrigger, …). */
    Dataset<String> lines(SparkSession spark, Map<String, String> options) {
        var reader = spark.readStream().format(KAFKA_FORMAT)
                .option("kafka.bootstrap.servers", endpoint.bootstrap())
                .option("subscribe", endpoint.topic())
                .option("startingOffsets", "latest")
                .option("failOnDataLoss", "false");
        for (Map.Entry<String, String> e : options.entrySet()) reader = reader.option(e.getKey(), e.getValue());
        return reader.load().selectExpr("CAST(value AS STRING)").as(Encoders.STRING());
    }

    /**
     * A progress event's Kafka part: the lag (sources[0].metrics) noted for its batch, its endOffset committed to
     * the group (Structured Streaming commits nothing itself).
     */
    void onProgressJson(String json) {
        try {
            JsonNode source = Json.MAPPER.readTree(json).path("sources").path(0);
            JsonNode metrics = source.path("metrics");
            long batchId = Json.MAPPER.readTree(json).path("batchId").asLong();
            if (metrics.has("avgOffsetsBehindLatest")) {
                double avg = Double.parseDouble(metrics.path("avgOffsetsBehindLatest").asText());
                long max = (long) Double.parseDouble(metrics.path("maxOffsetsBehindLatest").asText("0"));
                lagByBatchId.put(batchId, new long[]{Math.round(avg * partitions), max});
            }
            JsonNode end = source.path("endOffset");
            if (end.isTextual()) end = Json.MAPPER.readTree(end.asText());
            JsonNode offsets = end.path(endpoint.topic());
            if (offsets.isObject()) {
                Map<Integer, Long> commit = new HashMap<>();
                offsets.fields().forEachRemaining(e -> commit.put(Integer.parseInt(e.getKey()), e.getValue().asLong()));
                if (!commit.isEmpty()) admin.commit(group, endpoint.topic(), commit);
            }
        } catch (IOException | RuntimeException e) {
            // a progress without its lag or commit beats a failed run
        }
    }

    /** A micro-batch with its lag from its progress (null values when the source reported none). */
    BatchMetrics withQueryLag(BatchMetrics m) {
        long[] lag = m.batchId() == null ? null : lagByBatchId.remove(m.batchId());
        return lag == null ? m : m.withLag(lag[0], lag[1]);
    }

    /** Every partition's end offset: for a test or a drain. */
    Map<Integer, Long> endOffsets() {
        return admin.endOffsets(endpoint.topic());
    }

    /** The group's committed offsets, as Kafka's tools see them. */
    Map<Integer, Long> committed() {
        return admin.committed(group, endpoint.topic());
    }

    @Override
    public void close() {
        ROUTES.remove(route);
        List<AutoCloseable> toClose = new ArrayList<>();
        KafkaLineProducer p = producer;
        if (p != null) toClose.add(p);
        toClose.add(admin);
        toClose.add(broker);
        for (AutoCloseable c : toClose) {
            try {
                c.close();
            } catch (Exception e) {
                // closing is best effort; the broker stops by its pid in its own close
            }
        }
    }
}
