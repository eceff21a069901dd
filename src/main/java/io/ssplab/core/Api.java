package io.ssplab.core;

import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * Which Spark streaming API a lesson runs on: the lab's original DStreams ({@code StreamingContext},
 * deprecated since Spark 3.4) or Structured Streaming (a query on a {@code SparkSession}, micro-batches
 * with a ProcessingTime trigger). Typed as {@code --api dstream|structured}; in JSON the same words.
 *
 * <p>What changes for the lesson: a DStream batch is cut every BI whatever happens, and a batch that
 * takes longer than BI makes the next ones queue (scheduling delay grows). A micro-batch that takes
 * longer than its trigger queues nothing: the next one starts at once and takes everything that
 * arrived meanwhile, so batches grow instead (see {@code io.ssplab.model.StructuredModel}).
 */
public enum Api {
    DSTREAM,
    STRUCTURED;

    /** "dstream" or "structured": the option's value and the JSON value. */
    @JsonValue
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Reads "dstream"/"structured" (any case); null for null. */
    @JsonCreator
    public static Api parse(String value) {
        if (value == null) return null;
        for (Api a : values()) if (a.label().equalsIgnoreCase(value.strip())) return a;
        throw new IllegalArgumentException("not an API: '" + value + "' (dstream or structured)");
    }
}
