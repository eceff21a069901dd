package io.ssplab.accounting;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.ssplab.core.Format;
import io.ssplab.core.Lang;
import io.ssplab.core.Messages;

/**
 * Did a job count every produced record exactly once, across driver runs? The topic's side (every
 * stamped line the broker holds, read back after the run: that is what the producers sent and the broker
 * acknowledged, whichever producer run sent it) against the output's side (the sequence numbers the
 * job's idempotent sink wrote, one file set per batch, with repetitions counted). Pure logic on plain
 * numbers, unit-tested like {@link Reconciler}.
 *
 * <p>Exactly once means: output rows = distinct output numbers (no duplicate) = produced numbers (no
 * loss), no number the topic does not hold, and the word counts summed over the batches equal the
 * words of the topic's lines.
 *
 * @param producedLines  distinct stamped lines in the topic (sequence numbers per producer stream)
 * @param topicRecords   records in the topic (more than producedLines only if a producer duplicated one)
 * @param producerRuns   producer streams in the topic: one per run of the command that produced
 * @param outputRows     rows in the idempotent sink, over all its batches
 * @param outputLines    distinct sequence numbers among them
 * @param batches        batches the sink holds
 * @param duplicated     outputRows − outputLines: rows that repeat a line
 * @param missing        produced lines whose number is not in the output
 * @param unexpected     output numbers the topic does not hold
 * @param countedWords   words summed over the sink's per-batch word counts
 * @param topicWords     words in the topic's lines
 * @param wordsDiffer    words whose summed count differs from the topic's
 * @param naiveRows      rows the naive append sink holds (−1 when it was not written)
 * @param naiveDuplicated naiveRows − distinct numbers in it
 * @param exactlyOnce    all of the above agree
 */
public record ExactlyOnceAccount(long producedLines, long topicRecords, int producerRuns, long outputRows, long outputLines,
                                 int batches, long duplicated, long missing, long unexpected, long countedWords, long topicWords,
                                 int wordsDiffer, long naiveRows, long naiveDuplicated, boolean exactlyOnce) {

    /** One side's view: per producer stream the numbers seen, and how many rows carried them. */
    public record Side(Map<String, SeqRanges> streams, long rows, Map<String, Long> words) {
        public long distinct() {
            return streams.values().stream().mapToLong(SeqRanges::count).sum();
        }
    }

    /**
     * @param topic  the topic read back: streams, records, words
     * @param output the idempotent sink: streams, rows, summed word counts
     * @param naive  the append sink, or null
     */
    public static ExactlyOnceAccount of(Side topic, Side output, int batches, Side naive) {
        long common = 0;
        for (Map.Entry<String, SeqRanges> e : output.streams().entrySet()) {
            SeqRanges produced = topic.streams().get(e.getKey());
            if (produced != null) common += e.getValue().common(produced);
        }
        long produced = topic.distinct();
        long outputLines = output.distinct();
        long duplicated = output.rows() - outputLines;
        long missing = produced - common;
        long unexpected = outputLines - common;
        Map<String, Long> all = new TreeMap<>(topic.words());
        output.words().keySet().forEach(w -> all.putIfAbsent(w, 0L));
        int differ = (int) all.keySet().stream().filter(w -> !topic.words().getOrDefault(w, 0L).equals(output.words().getOrDefault(w, 0L))).count();
        long counted = output.words().values().stream().mapToLong(Long::longValue).sum();
        long topicWords = topic.words().values().stream().mapToLong(Long::longValue).sum();
        boolean once = produced > 0 && duplicated == 0 && missing == 0 && unexpected == 0 && differ == 0;
        return new ExactlyOnceAccount(produced, topic.rows(), topic.streams().size(), output.rows(), outputLines, batches, duplicated,
                missing, unexpected, counted, topicWords, differ, naive == null ? -1 : naive.rows(),
                naive == null ? 0 : naive.rows() - naive.distinct(), once);
    }

    /** The summary's lines in {@code lang}: the topic, the sink, the words, the naive sink, the answer. */
    public List<String> lines(Lang lang, int driverRuns) {
        List<String> l = new ArrayList<>();
        l.add(Messages.in(lang, "eo.acct.topic", Format.integer(lang, producedLines), Format.integer(lang, topicRecords), producerRuns));
        l.add(Messages.in(lang, "eo.acct.output", Format.integer(lang, outputRows), batches, Format.integer(lang, outputLines),
                Format.integer(lang, duplicated), Format.integer(lang, missing), Format.integer(lang, unexpected)));
        l.add(Messages.in(lang, wordsDiffer == 0 ? "eo.acct.words" : "eo.acct.wordsDiffer", Format.integer(lang, countedWords),
                Format.integer(lang, topicWords), wordsDiffer));
        if (naiveRows >= 0)
            l.add(Messages.in(lang, naiveDuplicated > 0 ? "eo.acct.naiveDuplicated" : "eo.acct.naiveClean", Format.integer(lang, naiveRows),
                    Format.integer(lang, naiveDuplicated)));
        l.add(answer(lang, driverRuns));
        return l;
    }

    /** The one-sentence answer. */
    public String answer(Lang lang, int driverRuns) {
        if (exactlyOnce) return Messages.in(lang, "eo.acct.answer.once", Format.integer(lang, producedLines), driverRuns);
        return Messages.in(lang, "eo.acct.answer.not", Format.integer(lang, missing), Format.integer(lang, duplicated),
                Format.integer(lang, unexpected), wordsDiffer);
    }
}
