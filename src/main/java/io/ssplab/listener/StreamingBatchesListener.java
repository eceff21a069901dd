package io.ssplab.listener;

import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.spark.SparkConf;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.apache.spark.streaming.StreamingContext;
import org.apache.spark.streaming.scheduler.StreamingListener;
import org.apache.spark.streaming.scheduler.StreamingListenerBatchCompleted;
import org.apache.spark.streaming.scheduler.StreamingListenerBatchStarted;
import org.apache.spark.streaming.scheduler.StreamingListenerBatchSubmitted;
import org.apache.spark.streaming.scheduler.StreamingListenerEvent;
import org.apache.spark.streaming.scheduler.StreamingListenerReceiverError;
import org.apache.spark.streaming.scheduler.StreamingListenerReceiverStopped;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.ssplab.metrics.BatchMetricsListener;
import io.ssplab.metrics.CostStageListener;

/**
 * The lab's batch metrics of any DStream app, added by configuration only:
 * {@code --jars ssp-listener.jar --conf spark.extraListeners=io.ssplab.listener.StreamingBatchesListener}.
 * One JSON Lines file per app in {@link MetricsFolder} (one StreamingContext per JVM: one stream of batches),
 * job = the app's name.
 *
 * <h2>How it gets the batches: a public StreamingListener, attached from the first streaming job</h2>
 * {@code spark.extraListeners} only takes {@code SparkListener}s, and they are created with the SparkContext,
 * before any StreamingContext exists. Spark's batch events ({@code StreamingListenerBatchCompleted}: records,
 * scheduling delay, processing time, the Streaming tab's and the REST API's numbers) go only to
 * {@code StreamingListener}s. So this listener waits for the first job whose local properties carry
 * {@value io.ssplab.metrics.CostStageListener#BATCH_TIME_PROPERTY} — a job of a streaming batch: by then the
 * StreamingContext is started — and attaches a StreamingListener to it through the public
 * {@code StreamingContext.getActive()} and {@code addStreamingListener}. That listener is the lab's own
 * {@link BatchMetricsListener} (its mapping of a batch to the lab's fields, reused, not copied), with the
 * cost stage's task metrics of {@link CostStageListener}. Rebuilding batches from job events alone was the
 * other way; it cannot see the records per batch (the receiver's block counts are not in job events), so the
 * files would not match the Spark UI.
 *
 * <p>Two things the attachment costs: the batch interval is not public on a StreamingContext, so it is read
 * as the time between two consecutive batches submitted after the attachment (Spark cuts them exactly one
 * interval apart); the events are held until then (at most two intervals), then replayed. And the first batch's "submitted" event came before the
 * attachment, so the backlog (queuedBatches) of batches cut before the first job started is not counted.
 */
public final class StreamingBatchesListener extends SparkListener {
    private static final Logger LOG = LoggerFactory.getLogger(StreamingBatchesListener.class);

    private final MetricsFolder folder;
    private final AtomicBoolean attached = new AtomicBoolean();

    public StreamingBatchesListener(SparkConf conf) {
        this(MetricsFolder.of(conf));
    }

    StreamingBatchesListener(MetricsFolder folder) {
        this.folder = folder;
    }

    @Override
    public void onJobStart(SparkListenerJobStart jobStart) {
        if (attached.get()) return;
        try {
            Properties p = jobStart.properties();
            if (p == null || p.getProperty(CostStageListener.BATCH_TIME_PROPERTY) == null) return;
            scala.Option<StreamingContext> active = StreamingContext.getActive();
            if (active.isEmpty() || !attached.compareAndSet(false, true)) return;
            StreamingContext ssc = active.get();
            String app = ssc.sparkContext().appName();
            String appId = ssc.sparkContext().applicationId();
            ssc.addStreamingListener(new Batches(app, appId, CostStageListener.attach(ssc.sparkContext())));
        } catch (RuntimeException | LinkageError e) {
            folder.fail(e);
        }
    }

    /** Holds the batch events until the interval is known, then hands them to the lab's {@link BatchMetricsListener}. */
    private final class Batches implements StreamingListener {
        private final String app;
        private final String appId;
        private final CostStageListener costStage;
        private final List<StreamingListenerEvent> held = new ArrayList<>();
        private long firstSubmitted = -1;
        private BatchMetricsListener lab;

        Batches(String app, String appId, CostStageListener costStage) {
            this.app = app;
            this.appId = appId;
            this.costStage = costStage;
        }

        @Override
        public void onBatchSubmitted(StreamingListenerBatchSubmitted e) {
            long t = e.batchInfo().batchTime().milliseconds();
            // Two consecutive "submitted" events seen here are two consecutive batches: one interval apart.
            if (lab == null && firstSubmitted >= 0 && t > firstSubmitted) start(t - firstSubmitted);
            if (firstSubmitted < 0) firstSubmitted = t;
            handle(e);
        }

        @Override
        public void onBatchStarted(StreamingListenerBatchStarted e) {
            handle(e);
        }

        @Override
        public void onBatchCompleted(StreamingListenerBatchCompleted e) {
            handle(e);
        }

        @Override
        public void onReceiverError(StreamingListenerReceiverError e) {
            handle(e);
        }

        @Override
        public void onReceiverStopped(StreamingListenerReceiverStopped e) {
            handle(e);
        }

        private void start(long batchIntervalMs) {
            lab = new BatchMetricsListener(app, batchIntervalMs, LOG::warn).withCostStage(costStage)
                    .onBatch(m -> folder.write(appId, m));
            for (StreamingListenerEvent e : held) deliver(e);
            held.clear();
        }

        private void handle(StreamingListenerEvent e) {
            try {
                if (lab == null) held.add(e);
                else deliver(e);
            } catch (RuntimeException | LinkageError failure) {
                folder.fail(failure);
            }
        }

        private void deliver(StreamingListenerEvent e) {
            if (e instanceof StreamingListenerBatchSubmitted s) lab.onBatchSubmitted(s);
            else if (e instanceof StreamingListenerBatchStarted s) lab.onBatchStarted(s);
            else if (e instanceof StreamingListenerBatchCompleted c) lab.onBatchCompleted(c);
            else if (e instanceof StreamingListenerReceiverError r) lab.onReceiverError(r);
            else if (e instanceof StreamingListenerReceiverStopped r) lab.onReceiverStopped(r);
        }
    }
}
