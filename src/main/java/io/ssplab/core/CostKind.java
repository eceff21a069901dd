package io.ssplab.core;

import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * What a per-record cost is made of: a wait (the original's sleep, the lab's default) or CPU work.
 * "wait" or "cpu" in files and options.
 *
 * <p>Why it matters: a wait needs no CPU, so {@code local[8]} on a 2-core laptop really runs 7 costly
 * tasks at once. CPU work needs a core for every task that runs: 7 task slots on 2 cores run no faster
 * than 2 — the model counts {@code min(free slots, CPU cores)} tasks' worth of work at a time
 * (docs/level2.md).
 */
public enum CostKind {
    /** A scheduled sleep per record ({@code io.ssplab.pipeline.RecordCost}): costs the same on any machine, needs no CPU. */
    WAIT,
    /** A calibrated busy loop per record ({@code io.ssplab.pipeline.CpuWork}): 1 ms of it takes 1 ms of one idle CPU core. */
    CPU;

    /** "wait" or "cpu": in JSON and on the command line. */
    @JsonValue
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The kind in the current language, for sentences: "a wait" / "CPU work". */
    public String inWords() {
        return inWords(Lang.current());
    }

    public String inWords(Lang lang) {
        return Messages.in(lang, "costKind." + label());
    }

    /** "wait", "CPU" → the kind; null for anything else (an unreadable summary field). */
    @JsonCreator
    public static CostKind parse(String value) {
        if (value == null) return null;
        for (CostKind k : values()) if (k.label().equalsIgnoreCase(value.strip())) return k;
        return null;
    }
}
