package io.ssplab.jobs;

import java.util.List;

import io.ssplab.core.BadInputException;
import io.ssplab.core.Messages;
import io.ssplab.exercises.FillGapsExercise;
import io.ssplab.exercises.FixDelayExercise;
import io.ssplab.exercises.FixSkewExercise;
import io.ssplab.pipeline.StreamingJob;
import io.ssplab.solutions.FillGapsSolution;
import io.ssplab.solutions.FixDelaySolution;
import io.ssplab.solutions.FixSkewSolution;

/** The lab's jobs by name. */
public final class Jobs {
    public static final List<String> NAMES = List.of("phase1", "phase2", "phase3", "phase4", "fill-gaps", "fix-delay", "skew", "fix-skew", "kafka-partitions",
            "kafka-rate-limit", "kafka-skew");
    public static final List<String> EXERCISES = List.of("fill-gaps", "fix-delay", "fix-skew");

    private Jobs() {
    }

    /**
     * @param solution for an exercise, the reference solution instead of the student's code
     * @throws BadInputException for an unknown name, or {@code solution} on a phase
     */
    public static StreamingJob byName(String name, boolean solution) {
        if (solution && !EXERCISES.contains(name))
            throw new BadInputException(Messages.get("bad.solutionNotExercise", String.join(", ", EXERCISES), name));
        return switch (name) {
            case "phase1" -> new Phase1Baseline();
            case "phase2" -> new Phase2Bottleneck();
            case "phase3" -> new Phase3Parallelism();
            case "phase4" -> new Phase4Backpressure();
            case "fill-gaps" -> solution ? new FillGapsSolution() : new FillGapsExercise();
            case "fix-delay" -> solution ? new FixDelaySolution() : new FixDelayExercise();
            case "skew" -> new KeySkew();
            case "fix-skew" -> solution ? new FixSkewSolution() : new FixSkewExercise();
            // Kafka (docs/kafka.md): they read from Kafka by default.
            case "kafka-partitions" -> new io.ssplab.jobs.kafka.KafkaPartitions();
            case "kafka-rate-limit" -> new io.ssplab.jobs.kafka.KafkaRateLimit();
            case "kafka-skew" -> new io.ssplab.jobs.kafka.KafkaSkew();
            default -> throw new BadInputException(Messages.get("bad.unknownJob", name, String.join(", ", NAMES)));
        };
    }
}
