package io.ssplab.pipeline;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.spark.SparkConf;
import org.apache.spark.streaming.Durations;
import org.apache.spark.streaming.api.java.JavaDStream;
import org.apache.spark.streaming.api.java.JavaInputDStream;
import org.apache.spark.streaming.api.java.JavaPairDStream;
import org.apache.spark.streaming.api.java.JavaStreamingContext;
import org.apache.spark.streaming.kafka010.CanCommitOffsets;
import org.apache.spark.streaming.kafka010.ConsumerStrategies;
import org.apache.spark.streaming.kafka010.HasOffsetRanges;
import org.apache.spark.streaming.kafka010.KafkaUtils;
import org.apache.spark.streaming.kafka010.LocationStrategies;

import io.ssplab.core.Knobs;
import io.ssplab.core.Messages;

/**
 * What a Kafka lesson's {@code main} does under plain {@code spark-submit} ({@link Standalone} is the socket
 * one): the direct stream from {@code BOOTSTRAP TOPIC}, the lesson's pipeline, each batch's top words, and
 * each batch's offsets committed to the consumer group {@code ssp-JOB} (so {@code kafka-consumer-groups.sh
 * --describe} shows the lag). No table, summary or verdict: for those, {@code bin/ssp run JOB}.
 *
 * <pre>
 *   bin/ssp kafka start
 *   spark-submit --class io.ssplab.jobs.kafka.KafkaPartitions --master local[8] target/spark-streaming-lab-app.jar 127.0.0.1:9092 ssp-kafka-partitions-p2
 * </pre>
 */
public final class KafkaStandalone {
    /** Spark's name of its Kafka source ({@code DataStreamReader.format}). */
    static final String KAFKA_FORMAT = "kafka";

    private KafkaStandalone() {
    }

    public static void run(Knobs knobs, Map<String, String> sparkConf, int topWords,
                           Function<JavaDStream<String>, JavaPairDStream<String, Integer>> pipeline, String[] args)
            throws InterruptedException {
        if (args.length != 2) {
            System.err.println(Messages.get("kafka.standalone.usage", knobs.job(), String.join(" ", args)));
            System.exit(2);
        }
        SparkConf conf = new SparkConf().setAppName(knobs.job()).setIfMissing("spark.master", knobs.master());
        sparkConf.forEach(conf::set);
        JavaStreamingContext ssc = new JavaStreamingContext(conf, Durations.milliseconds(knobs.batchIntervalMs()));
        Map<String, Object> params = new HashMap<>();
        params.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, args[0]);
        params.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        params.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        params.put(ConsumerConfig.GROUP_ID_CONFIG, "ssp-" + knobs.job());
        params.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
        params.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        JavaInputDStream<ConsumerRecord<String, String>> stream = KafkaUtils.createDirectStream(ssc, LocationStrategies.PreferConsistent(),
                ConsumerStrategies.<String, String>Subscribe(List.of(args[1]), params));
        stream.foreachRDD(rdd -> ((CanCommitOffsets) stream.inputDStream()).commitAsync(((HasOffsetRanges) rdd.rdd()).offsetRanges()));
        TopWords.print(pipeline.apply(stream.map(ConsumerRecord::value)), topWords);
        ssc.start();
        ssc.awaitTermination();
    }

    /**
     * A Structured Streaming Kafka lesson under plain {@code spark-submit}: Spark's kafka source on {@code BOOTSTRAP
     * TOPIC} with the lesson's source options ({@code maxOffsetsPerTrigger}, …), the lesson's pipeline, the
     * ProcessingTime trigger, each batch's top words. (Spark commits no offsets for a query: the lab's runner does.)
     */
    public static void runQuery(Knobs knobs, Map<String, String> sourceOptions, int topWords,
                                Function<org.apache.spark.sql.Dataset<String>, org.apache.spark.sql.Dataset<String>> pipeline, String[] args)
            throws java.util.concurrent.TimeoutException, org.apache.spark.sql.streaming.StreamingQueryException {
        if (args.length != 2) {
            System.err.println(Messages.get("kafka.standalone.usage", knobs.job(), String.join(" ", args)));
            System.exit(2);
        }
        SparkConf conf = new SparkConf().setAppName(knobs.job()).setIfMissing("spark.master", knobs.master())
                .set("spark.sql.shuffle.partitions", String.valueOf(knobs.partitions()));
        org.apache.spark.sql.SparkSession spark = org.apache.spark.sql.SparkSession.builder().config(conf).getOrCreate();
        var reader = spark.readStream().format(KAFKA_FORMAT).option("kafka.bootstrap.servers", args[0]).option("subscribe", args[1])
                .option("startingOffsets", "latest");
        for (Map.Entry<String, String> e : sourceOptions.entrySet()) reader = reader.option(e.getKey(), e.getValue());
        org.apache.spark.sql.Dataset<String> lines = reader.load().selectExpr("CAST(value AS STRING)").as(org.apache.spark.sql.Encoders.STRING());
        org.apache.spark.api.java.function.VoidFunction2<org.apache.spark.sql.Dataset<String>, Long> perBatch = (batch, batchId) ->
                System.out.println(StructuredWordCount.topLine(StructuredWordCount.countWords(batch), topWords));
        pipeline.apply(lines).writeStream().queryName(knobs.job())
                .trigger(org.apache.spark.sql.streaming.Trigger.ProcessingTime(knobs.batchIntervalMs(), java.util.concurrent.TimeUnit.MILLISECONDS))
                .foreachBatch(perBatch)
                .start()
                .awaitTermination();
    }
}
