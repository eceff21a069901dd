package io.ssplab.jobs.structured;

import java.util.List;
import java.util.Map;

import io.ssplab.core.BadInputException;
import io.ssplab.core.Messages;
import io.ssplab.jobs.kafka.KafkaRateLimitQuery;
import io.ssplab.pipeline.StructuredJob;

/**
 * The Structured Streaming lessons by name. Under {@code --api structured} the DStream lessons' names stand
 * for the lesson that teaches the same on this API ({@link #ALIASES}): phase1 → ss-baseline, phase2 →
 * ss-bottleneck, phase3 → ss-parallelism, kafka-rate-limit → ss-kafka-rate-limit. The lessons keep names of their own, so that a run directory, a
 * summary and the report never mistake one API's run for the other's.
 */
public final class StructuredJobs {
    public static final List<String> NAMES = List.of(Baseline.KNOBS.job(), Bottleneck.KNOBS.job(), Overload.KNOBS.job(),
            Parallelism.KNOBS.job(), KafkaRateLimitQuery.Variant.NO_LIMIT.job(), KafkaRateLimitQuery.Variant.RATE_LIMIT.job(),
            KafkaRateLimitQuery.Variant.MIN_OFFSETS.job());
    /** DStream lesson → the Structured Streaming lesson that teaches the same. */
    public static final Map<String, String> ALIASES = Map.of("phase1", Baseline.KNOBS.job(), "phase2", Bottleneck.KNOBS.job(),
            "phase3", Parallelism.KNOBS.job(), "kafka-rate-limit", KafkaRateLimitQuery.Variant.RATE_LIMIT.job());
    /** The lesson {@code plan --api structured} explains when none is named. */
    public static final String DEFAULT_PLAN_JOB = Bottleneck.KNOBS.job();

    private StructuredJobs() {
    }

    /** Whether {@code name} is a Structured Streaming lesson's own name. */
    public static boolean isStructured(String name) {
        return NAMES.contains(name);
    }

    /** The lesson's own name for {@code name} (an alias resolved); the name itself when unknown. */
    public static String resolve(String name) {
        return ALIASES.getOrDefault(name, name);
    }

    /**
     * @throws BadInputException for a name with no Structured Streaming lesson, saying which ones there are
     */
    public static StructuredJob byName(String name) {
        return switch (resolve(name)) {
            case "ss-baseline" -> new Baseline();
            case "ss-bottleneck" -> new Bottleneck();
            case "ss-overload" -> new Overload();
            case "ss-parallelism" -> new Parallelism();
            case "ss-kafka-no-limit" -> new KafkaRateLimitQuery(KafkaRateLimitQuery.Variant.NO_LIMIT);
            case "ss-kafka-rate-limit" -> new KafkaRateLimitQuery(KafkaRateLimitQuery.Variant.RATE_LIMIT);
            case "ss-kafka-min-offsets" -> new KafkaRateLimitQuery(KafkaRateLimitQuery.Variant.MIN_OFFSETS);
            default -> throw new BadInputException(Messages.get("ss.bad.unknownJob", name, String.join(", ", NAMES),
                    String.join(", ", ALIASES.keySet().stream().sorted().toList())));
        };
    }
}
