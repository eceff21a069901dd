package io.ssplab.model;

import io.ssplab.core.Messages;

/**
 * One of the smallest changes that make a job stable, with its prediction.
 *
 * @param name       which change, as a key ({@link SmallestFixes#NAMES}: "fewestCores", …); {@link #label()} says it in words
 * @param setting    the new value, as a person would type it ("local[6], P=5", "≤ 4.2 ms/word")
 * @param prediction the prediction with that change; null when no such setting exists
 * @param note       why this value, or why there is none
 */
public record Fix(String name, String setting, Prediction prediction, String note) {

    public boolean exists() {
        return prediction != null;
    }

    /** This fix in {@code plan --json}: fix, setting, exists, note and, when it exists, its prediction's fields. */
    public java.util.Map<String, Object> fields() {
        java.util.Map<String, Object> m = new java.util.LinkedHashMap<>();
        m.put("fix", name);
        m.put("setting", setting);
        m.put("exists", exists());
        m.put("note", note);
        if (exists()) m.put("prediction", prediction.fields());
        return m;
    }

    /** "fewest cores" in the current language. */
    public String label() {
        return Messages.get("fix.name." + name);
    }
}
