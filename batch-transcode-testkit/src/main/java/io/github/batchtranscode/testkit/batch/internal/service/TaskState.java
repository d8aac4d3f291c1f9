package io.github.batchtranscode.testkit.batch.internal.service;

import java.util.Locale;

/** Task states as the service names them on the wire. */
public enum TaskState {
    ACTIVE, PREPARING, RUNNING, COMPLETED;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses a wire name case-insensitively; {@code null} when unknown. */
    public static TaskState fromWire(String s) {
        for (TaskState t : values()) {
            if (t.name().equalsIgnoreCase(s)) {
                return t;
            }
        }
        return null;
    }
}
