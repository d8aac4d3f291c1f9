package io.github.batchtranscode.examples;

import io.github.batchtranscode.model.ProgressSnapshot;
import java.time.Duration;
import java.util.Locale;

/** Turns a {@link ProgressSnapshot} into the one line the CLI shows: live in a terminal, logged otherwise. */
final class ProgressLine {
    private static final int BAR = 10;

    private ProgressLine() {
    }

    /**
     * The live line, at most {@code width} characters:
     * {@code [=====>    ] 7/12 files, 1 failed, 3 running, 48.0 files/min, ETA 0:07}, ASCII only so any
     * console encoding shows it. The bar is dropped first when the terminal is narrow, then the line is cut.
     */
    static String live(ProgressSnapshot p, int width) {
        String counts = counts(p, ", ");
        String full = bar(p) + " " + counts;
        if (full.length() <= width) {
            return full;
        }
        return counts.length() <= width ? counts : counts.substring(0, Math.max(0, width - 3)) + "...";
    }

    /** The line for logs and pipes: {@code Progress: 7/12 files, 1 failed, 3 running, 48.0 files/min, ETA 0:07}. */
    static String plain(ProgressSnapshot p) {
        return "Progress: " + counts(p, ", ");
    }

    private static String counts(ProgressSnapshot p, String sep) {
        return p.done() + "/" + p.total() + " files" + sep + p.failed() + " failed" + sep + p.running() + " running"
                + sep + rate(p.filesPerSecond()) + sep + "ETA " + (p.eta() == null ? "--" : clock(p.eta()));
    }

    private static String bar(ProgressSnapshot p) {
        int filled = p.total() == 0 ? BAR : (int) ((long) p.done() * BAR / p.total());
        StringBuilder b = new StringBuilder(BAR + 2).append('[');
        for (int i = 0; i < BAR; i++) {
            b.append(i < filled ? '=' : i == filled ? '>' : ' ');
        }
        return b.append(']').toString();
    }

    /** {@code 2.4 files/s}, or per minute below one a second (Azure runs), {@code -- files/s} before any finished. */
    static String rate(double filesPerSecond) {
        if (filesPerSecond <= 0) {
            return "-- files/s";
        }
        if (filesPerSecond < 1) {
            return String.format(Locale.ROOT, "%.1f files/min", filesPerSecond * 60);
        }
        return String.format(Locale.ROOT, "%.1f files/s", filesPerSecond);
    }

    /** {@code 0:07}, {@code 12:30}, {@code 1:02:03}. */
    static String clock(Duration d) {
        long s = Math.max(0, (d.toMillis() + 999) / 1000);
        return s < 3600 ? String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60)
                : String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s % 3600 / 60, s % 60);
    }
}
