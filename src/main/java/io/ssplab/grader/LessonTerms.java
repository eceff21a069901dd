package io.ssplab.grader;

import io.ssplab.core.Format;
import io.ssplab.core.Knobs;
import io.ssplab.core.Master;
import io.ssplab.core.Messages;
import io.ssplab.model.BatchArithmetic;
import io.ssplab.model.Overhead;
import io.ssplab.model.Workload;

/**
 * The sentences a hint is made of, in the lesson's words and with the model's arithmetic
 * ({@link BatchArithmetic}, {@link Overhead}): "4 partitions on 3 free task slots run in 2 waves of 70
 * lines × 15 ms". Nothing here computes the lesson again: it renders what the model computed.
 */
final class LessonTerms {
    /** Above this many times the model's overhead, Spark's own work is not the usual overhead: something else competes for the CPU. */
    static final double BUSY_MACHINE_FACTOR = 3;

    private LessonTerms() {
    }

    /**
     * Where the cost part of PT comes from, e.g. "4 partitions on 3 free task slots run in 2 waves of
     * 70 lines × 15 ms = 2.10 s", with a note on idle slots or a partial last wave.
     */
    static String waves(Knobs knobs) {
        BatchArithmetic a = BatchArithmetic.of(knobs);
        String unit = Messages.noun(io.ssplab.core.Lang.current(), 2, "noun." + knobs.costUnit().label());
        String s = Messages.get("terms.waves", Messages.count(a.partitions(), "noun.partition"), Messages.count(a.freeSlots(), "noun.freeTaskSlot"),
                Messages.count(a.waves(), "noun.wave"), Format.fixed(a.recordsPerPartition(), 0), unit, Format.duration(knobs.cost()),
                Format.seconds(a.costTimeMs()));
        if (a.partitions() < a.freeSlots()) {
            s += Messages.get("terms.idleSlots", Messages.count(a.freeSlots() - a.partitions(), "noun.slot"));
        } else if (a.waves() > 1 && a.partialLastWave()) {
            s += Messages.get("terms.lastWave", Messages.count(a.lastWaveTasks(), "noun.task"));
        }
        return s;
    }

    /** The model's overhead for these knobs on this machine (its calibration, or the default). */
    static double modelOverheadMs(Knobs knobs) {
        return Overhead.load().at(Workload.of(knobs));
    }

    /**
     * ", plus ≈ 0.25 s of Spark's own work per batch", from the measured median PT, with a warning
     * when that is far above what the model expects on this machine; empty if PT is below the cost.
     */
    static String sparkOverhead(Knobs knobs, double medianProcessingTimeMs) {
        double overhead = medianProcessingTimeMs - BatchArithmetic.of(knobs).costTimeMs();
        if (!(overhead > 0)) return "";
        double expected = modelOverheadMs(knobs);
        String busy = overhead > BUSY_MACHINE_FACTOR * expected ? Messages.get("terms.busyMachine", Format.seconds(expected)) : "";
        return Messages.get("terms.sparkOverhead", Format.seconds(overhead)) + busy;
    }

    /** " (Step 1 runs on local[4]: 3 free task slots.)" when the exercise's master is not the step's; else "". */
    static String stepMasterNote(Knobs knobs, Lesson lesson) {
        String stepMaster = lesson.stepMaster();
        if (knobs.master().equals(stepMaster)) return "";
        return Messages.get("terms.stepMaster", lesson.step(), stepMaster,
                Messages.count(Master.parse(stepMaster).freeSlots(1), "noun.freeTaskSlot"));
    }
}
