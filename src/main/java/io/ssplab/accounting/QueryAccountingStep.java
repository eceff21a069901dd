package io.ssplab.accounting;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.current_timestamp;
import static org.apache.spark.sql.functions.unix_millis;

import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;

/**
 * The step the Structured Streaming runner puts between the socket source and the lesson's pipeline
 * ({@link RecordAccountingStep} is the DStream one): every line is counted in its micro-batch's
 * {@link BatchTally} and handed on as the pipeline should see it (stamp stripped, oversized line emptied).
 * A narrow {@code map} in the batch's first stage: no extra job, no extra shuffle.
 *
 * <p>Which batch a line belongs to: in a streaming query Spark replaces {@code current_timestamp()} by the
 * micro-batch's own timestamp (taken when the batch is planned), the same in every task of the batch, so
 * that timestamp keys the batch's tally, and a line's age at it plus the time until the count is done is
 * its end-to-end latency. (A local property set in foreachBatch would come too late: Spark runs this
 * stage, up to the repartition's shuffle, before it calls foreachBatch.)
 */
public final class QueryAccountingStep {
    private QueryAccountingStep() {
    }

    public static Dataset<String> tap(Dataset<String> lines, LedgerAccumulator ledger) {
        return lines.toDF("value").select(col("value"), unix_millis(current_timestamp()))
                .map((MapFunction<Row, String>) r -> ledger.tally(r.getLong(1)).account(r.getString(0)), Encoders.STRING());
    }
}
