package io.ssplab.pipeline;

import java.io.Serializable;
import java.time.Duration;

import io.ssplab.core.CostKind;

/**
 * The per-record cost a pipeline's closures carry to the tasks: a wait ({@link RecordCost}) or CPU
 * work ({@link CpuWork}) of the same nominal duration. Built on the driver, where CPU work is turned
 * into loop iterations with this machine's calibration, so every task does exactly the same work.
 *
 * @param kind       wait or CPU work
 * @param nanos      the nominal cost per record
 * @param iterations for CPU work: the loop iterations that take {@code nanos} on one idle core; 0 for a wait
 */
public record Cost(CostKind kind, long nanos, long iterations) implements Serializable {

    /** The cost of {@code perRecord} as {@code kind}; CPU work is calibrated here, on the driver. */
    public static Cost of(Duration perRecord, CostKind kind) {
        long nanos = perRecord.toNanos();
        CostKind k = kind == null ? CostKind.WAIT : kind;
        return new Cost(k, nanos, k == CostKind.CPU ? CpuWork.iterationsFor(nanos) : 0);
    }

    /** A wait of {@code perRecord}: the original's cost. */
    public static Cost waitOf(Duration perRecord) {
        return of(perRecord, CostKind.WAIT);
    }

    /** Pays the cost of one record, in the running task. */
    public void pay() {
        if (kind == CostKind.CPU) CpuWork.burn(iterations);
        else RecordCost.pay(nanos);
    }
}
