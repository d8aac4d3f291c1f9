package io.github.batchtranscode.testkit.azurite;

import java.util.Objects;

/**
 * Whether a way to run Azurite is usable here.
 *
 * @param usable whether it is
 * @param detail what was found, or why it is not usable and what to do about it
 */
record Availability(boolean usable, String detail) {
    Availability {
        Objects.requireNonNull(detail, "detail == null");
    }

    static Availability usable(String detail) {
        return new Availability(true, detail);
    }

    static Availability unusable(String detail) {
        return new Availability(false, detail);
    }
}
