package io.ssplab.run;

import java.io.PrintStream;

import io.ssplab.core.Format;
import io.ssplab.core.Knobs;
import io.ssplab.core.Lang;
import io.ssplab.core.Messages;
import io.ssplab.core.RunSummary;
import io.ssplab.core.StructuredSummary;
import io.ssplab.core.Verdict;
import io.ssplab.metrics.Summarizer;
import io.ssplab.model.Overhead;

/** The summary block printed at the end of a Structured Streaming run ({@link SummaryBlock} is the DStream one). */
public final class StructuredSummaryBlock {
    private StructuredSummaryBlock() {
    }

    public static void print(PrintStream out, RunSummary s) {
        Knobs k = s.knobs();
        StructuredSummary q = s.structured();
        out.println();
        if (k.complete()) {
            out.println(Messages.get("ss.summary.head", s.job(), s.batches(), q == null ? 0 : q.judgedBatches(), k.master(), k.partitions(),
                    Format.plain(k.costMs()), k.costUnit().inWords(), Format.seconds(k.batchCostMs()), Format.seconds(k.batchIntervalMs())));
        } else {
            out.println(Messages.get("ss.summary.head.own", s.job(), s.batches(), q == null ? 0 : q.judgedBatches(), Format.seconds(k.batchIntervalMs())));
        }
        if (q != null && q.judgedBatches() > 0) {
            out.println(Messages.get("ss.summary.numbers", Format.seconds(s.medianProcessingTimeMs()), Format.seconds(s.p95ProcessingTimeMs()),
                    Format.fixed(s.processingToIntervalRatio(), 2), Format.integer(Math.round(s.medianRecordsPerBatch())),
                    Format.signed(100 * q.rowsGrowthPerBatch(), 1), Double.isNaN(q.inputToProcessedRatio()) ? "–" : Format.fixed(q.inputToProcessedRatio(), 2),
                    Format.seconds(q.medianLatenessMs()), Format.signed(s.schedulingDelaySlopeMsPerBatch(), 0)));
        }
        StructuredSummary.Predicted p = q == null ? null : q.predicted();
        if (p != null) {
            String source = Overhead.describeToken(p.overheadSource(), Lang.current());
            String measuredO = q.measuredOverheadMs() == null ? "" : Messages.get("ss.summary.measuredOverhead", Format.seconds(q.measuredOverheadMs()));
            if (p.verdict() == Verdict.UNSTABLE) {
                out.println(Messages.get("ss.summary.model.unstable", p.verdict(), Format.fixed(p.loadFactor(), 2),
                        p.growthPerBatch() == null ? "–" : Format.fixed(p.growthPerBatch(), 2),
                        Double.isNaN(q.inputToProcessedRatio()) ? "–" : Format.fixed(q.inputToProcessedRatio(), 2),
                        Format.seconds(p.overheadMs()), source, measuredO));
            } else if (p.durationMs() != null && s.modelErrorPercent() != null) {
                out.println(Messages.get("ss.summary.model", p.verdict(), Format.seconds(p.durationMs()), Format.seconds(s.medianProcessingTimeMs()),
                        Format.signed(s.modelErrorPercent(), 0), Format.integer(Math.round(p.rowsPerBatch())),
                        Format.seconds(p.overheadMs()), source, measuredO));
            }
        }
        out.println(Messages.get("summary.verdict", s.verdict(), Summarizer.reason(s, Lang.current())));
    }
}
