package io.ssplab.grader;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

import io.ssplab.exercises.WordCountExercise;
import io.ssplab.jobs.InvalidSpecException;
import io.ssplab.jobs.JobSpec;
import io.ssplab.jobs.Jobs;

/**
 * The two steps of the exercise and what each must show. Step 1 (fill-gaps) must <em>create</em> the
 * delay; step 2 (fix-delay) must <em>remove</em> it without cheating. Criteria come in two kinds:
 * read from the code before Spark starts (the gaps' values) and measured on the run.
 */
public enum Lesson {
    FILL_GAPS("fill-gaps", 1, "local[4]"),
    FIX_DELAY("fix-delay", 2, "local[8]");

    private final String cliName;
    private final int step;
    private final String stepMaster;

    Lesson(String cliName, int step, String stepMaster) {
        this.cliName = cliName;
        this.step = step;
        this.stepMaster = stepMaster;
    }

    /** As typed on the command line: fill-gaps, fix-delay. */
    public String cliName() {
        return cliName;
    }

    public int step() {
        return step;
    }

    /** The master the step's exercise ships with. */
    public String stepMaster() {
        return stepMaster;
    }

    /**
     * Whether the warm-up also covers the start-up backlog: step 2 is judged on "no delay", which
     * Spark's slow first batch says nothing about (see {@link Warmup}).
     */
    public boolean waitsForStartupBacklog() {
        return this == FIX_DELAY;
    }

    /** @throws InvalidSpecException for a name that is not an exercise */
    public static Lesson byName(String name) {
        for (Lesson l : values()) {
            if (l.cliName.equals(name)) return l;
        }
        throw new InvalidSpecException("'" + name + "' is not an exercise: choose one of "
                + Arrays.stream(values()).map(Lesson::cliName).collect(Collectors.joining(", ")));
    }

    /** The student's exercise class, or the reference solution. */
    public WordCountExercise exercise(boolean solution) {
        return (WordCountExercise) Jobs.byName(cliName, solution);
    }

    /** Criteria read from the code (all gaps filled): no Spark needed. */
    public List<Criterion> fromCode(WordCountExercise exercise) {
        return switch (this) {
            case FILL_GAPS -> FillGapsCriteria.fromCode(exercise);
            case FIX_DELAY -> FixDelayCriteria.fromCode(exercise);
        };
    }

    /** Criteria measured on a run: what Spark did with the exercise's knobs and pipeline. */
    public List<Criterion> fromRun(Evidence evidence) {
        Criterion enough = RunCriteria.enoughBatches(evidence);
        if (!enough.passed()) return List.of(enough);
        List<Criterion> measured = new java.util.ArrayList<>(switch (this) {
            case FILL_GAPS -> FillGapsCriteria.fromRun(evidence);
            case FIX_DELAY -> FixDelayCriteria.fromRun(evidence);
        });
        measured.add(RunCriteria.waitPaid(evidence));
        return measured;
    }

    /** The closing sentence of a pass: what the student has just shown. */
    String passMessage(Evidence evidence) {
        return switch (this) {
            case FILL_GAPS -> String.format(Locale.ROOT,
                    "you created the delay: PT > BI, so every batch starts later than the one before and the "
                            + "scheduling delay grows by about PT − BI (%+.0f ms) per batch. Next: step 2, bin/ssp check fix-delay.",
                    evidence.schedulingDelaySlopeMsPerBatch());
            case FIX_DELAY -> "the delay is fixed: PT < BI, every batch starts on time (scheduling delay ≈ 0, nothing queued), "
                    + "at the full input rate, with every line counted and the per-line cost still paid.";
        };
    }

    /** The exercise's knobs, for the report's header. */
    static String knobs(JobSpec spec) {
        return String.format(Locale.ROOT, "BI %s, %s, P=%d, %s per %s", LessonTerms.duration(spec.batchInterval()),
                spec.master(), spec.partitions(), LessonTerms.duration(spec.cost()), spec.costUnit().label());
    }
}
