package io.ssplab.grader;

import java.time.Duration;
import java.util.Locale;

import io.ssplab.jobs.JobSpec;
import io.ssplab.metrics.ConsoleTable;
import io.ssplab.metrics.Summarizer;
import io.ssplab.model.BatchArithmetic;
import io.ssplab.run.Master;

/**
 * The sentences a hint is made of, in the lesson's words and with the lesson's arithmetic
 * ({@link BatchArithmetic}): "4 partitions on 3 free task slots run in 2 waves of 70 lines × 15 ms".
 */
final class LessonTerms {
    private LessonTerms() {
    }

    /**
     * Where the cost part of PT comes from, e.g. "4 partitions on 3 free task slots run in 2 waves of
     * 70 lines × 15 ms = 2.10 s", with a note on idle slots or a partial last wave.
     */
    static String waves(JobSpec spec) {
        BatchArithmetic a = BatchArithmetic.of(spec);
        String unit = spec.costUnit().label();
        StringBuilder s = new StringBuilder(String.format(Locale.ROOT, "%s on %s run in %s of %.0f %ss × %s = %s",
                count(a.partitions(), "partition"), count(a.freeSlots(), "free task slot"), count(a.waves(), "wave"),
                a.recordsPerPartition(), unit, duration(spec.cost()), Summarizer.seconds(a.costTimeMs())));
        if (a.partitions() < a.freeSlots()) {
            int idle = a.freeSlots() - a.partitions();
            s.append(String.format(Locale.ROOT, " (%s idle)", count(idle, "slot stays", "slots stay")));
        } else if (a.waves() > 1 && a.partialLastWave()) {
            s.append(String.format(Locale.ROOT, " (the last wave runs %s)", count(a.lastWaveTasks(), "task")));
        }
        return s.toString();
    }

    /** Spark's own work per batch on an idle machine (scheduling, two shuffles), as the lab measures it (~0.25 s). */
    static final double TYPICAL_SPARK_OVERHEAD_MS = 250;
    /** Above this, Spark's own work is not the usual overhead: something else competes for the CPU. */
    static final double BUSY_MACHINE_OVERHEAD_MS = 3 * TYPICAL_SPARK_OVERHEAD_MS;

    /**
     * ", plus ≈ 0.25 s of Spark's own work per batch", from the measured median PT, with a warning
     * when that is far above an idle machine's; empty if PT is below the cost.
     */
    static String sparkOverhead(JobSpec spec, double medianProcessingTimeMs) {
        double overhead = medianProcessingTimeMs - BatchArithmetic.of(spec).costTimeMs();
        if (!(overhead > 0)) return "";
        String busy = overhead > BUSY_MACHINE_OVERHEAD_MS
                ? " — an idle machine needs ≈ " + Summarizer.seconds(TYPICAL_SPARK_OVERHEAD_MS)
                        + ", so other programs are competing for the CPU (close them, or check again later)"
                : "";
        return ", plus ≈ " + Summarizer.seconds(overhead) + " of Spark's own work per batch" + busy;
    }

    /** " Step 1 runs on local[4]: 3 free task slots." when the exercise's master is not the step's; else "". */
    static String stepMasterNote(JobSpec spec, Lesson lesson) {
        if (spec.master().equals(lesson.stepMaster())) return "";
        Master step = Master.parse(lesson.stepMaster());
        return String.format(Locale.ROOT, " (Step %d runs on %s: %s.)", lesson.step(), lesson.stepMaster(),
                count(step.freeSlots(1), "free task slot"));
    }

    /** 2 s, 15 ms, 5.5 ms, 1.5 s, 0 ms — as a student writes it. */
    static String duration(Duration d) {
        double ms = d.toNanos() / 1e6;
        if (ms >= 1000) return ConsoleTable.trim(Math.round(ms / 10.0) / 100.0) + " s";
        return ConsoleTable.trim(Math.round(ms * 1000) / 1000.0) + " ms";
    }

    /** "1 wave", "2 waves". */
    static String count(int n, String singular) {
        return count(n, singular, singular + "s");
    }

    static String count(int n, String singular, String plural) {
        return n + " " + (n == 1 ? singular : plural);
    }
}
