package io.ssplab.run;

import java.io.PrintStream;

import io.ssplab.core.Format;
import io.ssplab.core.Knobs;
import io.ssplab.core.Lang;
import io.ssplab.core.Messages;
import io.ssplab.core.RunSummary;
import io.ssplab.metrics.Summarizer;
import io.ssplab.model.Overhead;

/** The summary block printed at the end of a run, in the current language. */
public final class SummaryBlock {
    private SummaryBlock() {
    }

    public static void print(PrintStream out, RunSummary s) {
        Knobs k = s.knobs();
        out.println();
        // A job that is not the lab's (bin/ssp analyze) has only its name and BI: its other knobs are its own business.
        if (k.complete()) {
            out.println(Messages.get("summary.head", s.job(), s.batches(), s.warmupBatches(), k.master(), k.partitions(),
                    Format.plain(k.costMs()), k.costUnit().inWords(), Format.seconds(k.batchIntervalMs())));
        } else {
            out.println(Messages.get("summary.head.own", s.job(), s.batches(), s.warmupBatches(), Format.seconds(k.batchIntervalMs())));
        }
        out.println(Messages.get("summary.numbers", Format.seconds(s.medianProcessingTimeMs()), Format.seconds(s.p95ProcessingTimeMs()),
                Format.fixed(s.processingToIntervalRatio(), 2), Format.signed(s.schedulingDelaySlopeMsPerBatch(), 0),
                Format.seconds(s.finalSchedulingDelayMs()), s.maxQueuedBatches()));
        if (s.predictedProcessingTimeMs() != null && s.modelErrorPercent() != null) {
            out.println(Messages.get("summary.model", Format.seconds(s.predictedProcessingTimeMs()), Format.seconds(s.medianProcessingTimeMs()),
                    Format.signed(s.modelErrorPercent(), 0), Overhead.describeToken(s.overheadSource(), Lang.current())));
        }
        out.println(Messages.get("summary.verdict", s.verdict(), Summarizer.reason(s, Lang.current())));
    }
}
