package io.ssplab.watch;

import java.io.PrintStream;

import io.ssplab.core.Format;
import io.ssplab.core.Lang;
import io.ssplab.core.Messages;
import io.ssplab.core.RunSummary;
import io.ssplab.metrics.Summarizer;

/**
 * The summary of a watched app. Not the lab's run summary ({@code run.SummaryBlock}): a foreign app has no
 * knobs the lab knows (master, partitions, cost per record), only its batch interval and its batches.
 */
public final class WatchSummary {
    private WatchSummary() {
    }

    public static void print(PrintStream out, RunSummary s) {
        out.println();
        out.println(Messages.get("watch.summary.head", s.job(), s.batches(), s.warmupBatches(), Format.seconds(s.batchIntervalMs())));
        out.println(Messages.get("watch.summary.numbers", Format.seconds(s.medianProcessingTimeMs()), Format.seconds(s.p95ProcessingTimeMs()),
                Format.fixed(s.processingToIntervalRatio(), 2), Format.integer(Math.round(s.medianRecordsPerBatch())),
                Format.signed(s.schedulingDelaySlopeMsPerBatch(), 0), Format.seconds(s.finalSchedulingDelayMs())));
        out.println(Messages.get("summary.verdict", s.verdict(), Summarizer.reason(s, Lang.current())));
    }
}
