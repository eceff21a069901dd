package io.ssplab.jobs.kafka;

import org.apache.spark.sql.SparkSession;

/** The Spark session of the Kafka lessons run by the lab: local, loopback, quiet, no UI unless asked. */
final class KafkaSession {
    private KafkaSession() {
    }

    /** @param uiPort the Spark UI's port, or −1 for none */
    static SparkSession start(String app, String master, int shufflePartitions, int uiPort) {
        String bind = System.getenv().getOrDefault("SPARK_LOCAL_IP", "127.0.0.1");
        SparkSession.clearActiveSession();
        SparkSession.clearDefaultSession();
        SparkSession.Builder b = SparkSession.builder().master(master).appName(app)
                .config("spark.sql.shuffle.partitions", String.valueOf(shufflePartitions))
                .config("spark.ui.showConsoleProgress", "false")
                .config("spark.log.level", "WARN")
                // the lessons' queries have no shuffle worth adapting, and real-time mode turns AQE off with a warning
                .config("spark.sql.adaptive.enabled", "false")
                .config("spark.driver.bindAddress", bind).config("spark.driver.host", bind);
        if (uiPort < 0) b.config("spark.ui.enabled", "false");
        else b.config("spark.ui.port", String.valueOf(uiPort));
        return b.getOrCreate();
    }
}
