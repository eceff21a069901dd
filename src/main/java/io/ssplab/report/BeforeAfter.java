package io.ssplab.report;

import java.util.List;
import java.util.Optional;

import io.ssplab.page.Bilingual;
import io.ssplab.core.Lang;
import io.ssplab.core.Verdict;

/**
 * Which two runs make the "before / after" pair, like the original lesson's two figures: a run that
 * falls behind and one that keeps up.
 *
 * @param before the slow run (the lesson's "Before": PT ≳ BI, scheduling delay climbing)
 * @param after  the fixed run ("After": PT < BI, scheduling delay flat)
 */
public record BeforeAfter(RecordedRun before, RecordedRun after) {
    /** The lesson's pairs, in order of preference: the demo's acts 2 and 3, then the two exercises, then
     * the Structured Streaming demo's overload and its fix. */
    static final List<List<String>> LESSON_PAIRS = List.of(List.of("phase2", "phase3"), List.of("fill-gaps", "fix-delay"),
            List.of("ss-overload", "ss-parallelism"));

    /**
     * The lesson's pair when both runs are there (whatever their verdicts: the page shows what was
     * measured); otherwise the first UNSTABLE run with the first STABLE one; otherwise none.
     */
    public static Optional<BeforeAfter> choose(List<RecordedRun> runs) {
        for (List<String> pair : LESSON_PAIRS) {
            Optional<RecordedRun> before = byJob(runs, pair.get(0));
            Optional<RecordedRun> after = byJob(runs, pair.get(1));
            if (before.isPresent() && after.isPresent()) return Optional.of(new BeforeAfter(before.get(), after.get()));
        }
        Optional<RecordedRun> slow = runs.stream().filter(r -> r.summary().verdict() == Verdict.UNSTABLE).findFirst();
        Optional<RecordedRun> fixed = runs.stream().filter(r -> r.summary().verdict() == Verdict.STABLE).findFirst();
        return slow.isPresent() && fixed.isPresent() ? Optional.of(new BeforeAfter(slow.get(), fixed.get())) : Optional.empty();
    }

    private static Optional<RecordedRun> byJob(List<RecordedRun> runs, String job) {
        return runs.stream().filter(r -> job.equals(r.job())).findFirst();
    }

    /** The English slide: "before-after-phase2-phase3.png". */
    public String fileName() {
        return "before-after-" + before.name() + "-" + after.name() + ".png";
    }

    /** The slide in {@code lang}: "before-after-phase2-phase3.png", "before-after-phase2-phase3-vi.png". */
    public String fileName(Lang lang) {
        return Bilingual.file(fileName(), lang);
    }
}
