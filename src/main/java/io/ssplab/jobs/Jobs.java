package io.ssplab.jobs;

import java.util.List;

import io.ssplab.exercises.FillGapsExercise;
import io.ssplab.exercises.FixDelayExercise;
import io.ssplab.solutions.FillGapsSolution;
import io.ssplab.solutions.FixDelaySolution;

/** The lab's jobs by name. */
public final class Jobs {
    public static final List<String> NAMES = List.of("phase1", "phase2", "phase3", "phase4", "fill-gaps", "fix-delay");
    public static final List<String> PHASES = List.of("phase1", "phase2", "phase3");
    /** The demo's optional 4th act (docs/reliability.md). */
    public static final String BACKPRESSURE = "phase4";
    public static final List<String> EXERCISES = List.of("fill-gaps", "fix-delay");

    private Jobs() {
    }

    /**
     * @param solution for an exercise, the reference solution instead of the student's code
     * @throws InvalidSpecException for an unknown name, or {@code solution} on a phase
     */
    public static StreamingJob byName(String name, boolean solution) {
        if (solution && !EXERCISES.contains(name))
            throw new InvalidSpecException("--solution is only for the exercises (" + String.join(", ", EXERCISES)
                    + "); " + name + " has no gaps");
        return switch (name) {
            case "phase1" -> new Phase1Baseline();
            case "phase2" -> new Phase2Bottleneck();
            case "phase3" -> new Phase3Parallelism();
            case "phase4" -> new Phase4Backpressure();
            case "fill-gaps" -> solution ? new FillGapsSolution() : new FillGapsExercise();
            case "fix-delay" -> solution ? new FixDelaySolution() : new FixDelayExercise();
            default -> throw new InvalidSpecException("unknown job '" + name + "': choose one of " + String.join(", ", NAMES));
        };
    }
}
