package io.github.batchtranscode.model;

import java.util.Locale;

/** Round tick intervals for the timeline's time axis, and their labels. */
final class Ticks {
    private static final double[] STEPS = {0.1, 0.2, 0.5, 1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600,
        7200, 10800, 21600, 43200, 86400};
    private static final int MAX_TICKS = 10;

    private Ticks() {
    }

    /** The smallest round step that puts at most ten ticks on {@code spanSeconds}. */
    static double step(double spanSeconds) {
        for (double s : STEPS) {
            if (spanSeconds / s <= MAX_TICKS) {
                return s;
            }
        }
        return Math.ceil(spanSeconds / MAX_TICKS / 86400) * 86400;
    }

    /** {@code 1.5s}, {@code 45s}, {@code 2:30}, {@code 1:02:00}: the offset from the run's start. */
    static String label(double t, double step) {
        if (step < 1) {
            return String.format(Locale.ROOT, "%.1fs", t);
        }
        long s = Math.round(t);
        if (step < 60 && s < 60) {
            return s + "s";
        }
        if (s < 3600) {
            return String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
        }
        return String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s % 3600 / 60, s % 60);
    }
}
