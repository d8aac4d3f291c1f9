package io.github.batchtranscode.model;

import java.util.Objects;

/** The argument checks of {@link FileResult.Builder}'s setters: the JDK's exceptions, naming the setting. */
final class FileRowChecks {
    private FileRowChecks() {
    }

    /** {@code s}, which must not be null or blank. */
    static String notBlank(String s, String name) {
        Objects.requireNonNull(s, name + " == null");
        if (s.isBlank()) {
            throw new IllegalArgumentException(name + " is blank");
        }
        return s;
    }

    /** {@code s} seconds, null or {@code >= 0}. */
    static Double seconds(Double s, String name) {
        if (s != null && (s.isNaN() || s < 0)) {
            throw new IllegalArgumentException(name + " must be >= 0: " + s);
        }
        return s;
    }

    /** A count, {@code >= 0}. */
    static int count(int n, String name) {
        if (n < 0) {
            throw new IllegalArgumentException(name + " must be >= 0: " + n);
        }
        return n;
    }

    /** A size in bytes, {@code >= 0}. */
    static long bytes(long n, String name) {
        if (n < 0) {
            throw new IllegalArgumentException(name + " < 0: " + n);
        }
        return n;
    }
}
