package io.ssplab.grader;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

import io.ssplab.core.BadInputException;
import io.ssplab.core.Format;
import io.ssplab.core.Knobs;
import io.ssplab.core.Messages;
import io.ssplab.exercises.WordCountExercise;
import io.ssplab.exercises.structured.QueryExercise;
import io.ssplab.exercises.structured.QueryFillGapsExercise;
import io.ssplab.exercises.structured.QueryFixDelayExercise;
import io.ssplab.solutions.structured.QueryFillGapsSolution;
import io.ssplab.solutions.structured.QueryFixDelaySolution;
import io.ssplab.jobs.Jobs;

/**
 * The two steps of the exercise and what each must show. Step 1 (fill-gaps) must <em>create</em> the
 * delay; step 2 (fix-delay) must <em>remove</em> it without cheating. Criteria come in two kinds:
 * read from the code before Spark starts (the gaps' values) and measured on the run. What a step asks
 * for is what its reference solution does: the criteria read the answers from it, not from a copy.
 */
public enum Lesson {
    FILL_GAPS("fill-gaps", 1),
    FIX_DELAY("fix-delay", 2),
    /** Level 2: spread a hot key by salting (docs/level2.md). Its exercise is not a word-count one: {@link SkewGrader} grades it. */
    FIX_SKEW("fix-skew", 3);

    private final String cliName;
    private final int step;

    Lesson(String cliName, int step) {
        this.cliName = cliName;
        this.step = step;
    }

    /** As typed on the command line: fill-gaps, fix-delay. */
    public String cliName() {
        return cliName;
    }

    public int step() {
        return step;
    }

    /** The reference solution: what the step asks for. */
    public WordCountExercise solution() {
        return exercise(true);
    }

    /** The master the step runs on: the one its exercise and solution ship with. */
    public String stepMaster() {
        return solution().master();
    }

    /** @throws BadInputException for a name that is not an exercise */
    public static Lesson byName(String name) {
        for (Lesson l : values()) {
            if (l.cliName.equals(name)) return l;
        }
        throw new BadInputException(Messages.get("bad.notExercise", name,
                Arrays.stream(values()).map(Lesson::cliName).collect(Collectors.joining(", "))));
    }

    /** The student's exercise class, or the reference solution (the word-count steps; {@link #FIX_SKEW}'s: {@link SkewGrader#exercise}). */
    public WordCountExercise exercise(boolean solution) {
        if (this == FIX_SKEW) throw new IllegalStateException("fix-skew is graded by SkewGrader");
        return (WordCountExercise) Jobs.byName(cliName, solution);
    }

    /**
     * The Structured Streaming exercise of this step, or its reference solution ({@link QueryGrader} grades it).
     *
     * @throws BadInputException for fix-skew, which has none
     */
    public QueryExercise queryExercise(boolean solution) {
        return switch (this) {
            case FILL_GAPS -> solution ? new QueryFillGapsSolution() : new QueryFillGapsExercise();
            case FIX_DELAY -> solution ? new QueryFixDelaySolution() : new QueryFixDelayExercise();
            case FIX_SKEW -> throw new BadInputException(Messages.get("ss.bad.checkSkew", cliName));
        };
    }

    /** The Structured Streaming step's reference solution: what it asks for. */
    public QueryExercise querySolution() {
        return queryExercise(true);
    }

    /** Whether {@link SkewGrader} grades this step rather than {@link Grader}. */
    public boolean skew() {
        return this == FIX_SKEW;
    }

    /** Criteria read from the code (all gaps filled): no Spark needed. */
    public List<Criterion> fromCode(WordCountExercise exercise) {
        return switch (this) {
            case FILL_GAPS -> FillGapsCriteria.fromCode(exercise, solution());
            case FIX_DELAY -> FixDelayCriteria.fromCode(exercise, solution());
            case FIX_SKEW -> throw new IllegalStateException("fix-skew is graded by SkewGrader");
        };
    }

    /** Criteria measured on a run: what Spark did with the exercise's knobs and pipeline. */
    public List<Criterion> fromRun(Evidence evidence) {
        Criterion enough = RunCriteria.enoughBatches(evidence);
        if (!enough.passed()) return List.of(enough);
        List<Criterion> measured = new java.util.ArrayList<>(switch (this) {
            case FILL_GAPS -> FillGapsCriteria.fromRun(evidence);
            case FIX_DELAY -> FixDelayCriteria.fromRun(evidence);
            case FIX_SKEW -> throw new IllegalStateException("fix-skew is graded by SkewGrader");
        });
        measured.add(RunCriteria.waitPaid(evidence));
        return measured;
    }

    /** The closing sentence of a pass: what the student has just shown. */
    String passMessage(Evidence evidence) {
        return switch (this) {
            case FILL_GAPS -> Messages.get("grade.pass.fillGaps", Format.signed(evidence.schedulingDelaySlopeMsPerBatch(), 0));
            case FIX_DELAY -> Messages.get("grade.pass.fixDelay");
            case FIX_SKEW -> throw new IllegalStateException("fix-skew is graded by SkewGrader");
        };
    }

    /** The exercise's knobs, for the report's header. */
    static String knobs(Knobs k) {
        return Messages.get("grade.knobs", Format.duration(k.batchInterval()), k.master(), k.partitions(), Format.duration(k.cost()),
                k.costUnit().inWords());
    }
}
