package io.ssplab.run;

import io.ssplab.core.Format;
import io.ssplab.core.Messages;
import io.ssplab.model.Calibration;
import io.ssplab.pipeline.CpuWork;

/**
 * Before a run with a CPU-bound cost ({@code --cost-kind cpu}): the loop's calibration, from
 * {@code bin/ssp calibrate} when this machine has one, else measured now (about 0.3 s), so that 1 ms of
 * cost keeps one idle core busy for 1 ms.
 */
final class CpuCost {
    private CpuCost() {
    }

    /** Calibrates the CPU cost for this JVM; returns the line that says how. */
    static String prepare() {
        boolean fromFile = false;
        if (!CpuWork.calibrated()) {
            try {
                Double perMs = Calibration.load(Calibration.defaultPath()).cpuIterationsPerMs();
                if (perMs != null && perMs > 0 && !perMs.isInfinite()) {
                    CpuWork.use(perMs);
                    fromFile = true;
                }
            } catch (java.io.IOException | RuntimeException none) {
                // no calibration: measured below
            }
        }
        double perMs = CpuWork.iterationsPerMs();
        return Messages.get(fromFile ? "run.cpu.calibrated" : "run.cpu.measured", Format.integer(Math.round(perMs)));
    }
}
