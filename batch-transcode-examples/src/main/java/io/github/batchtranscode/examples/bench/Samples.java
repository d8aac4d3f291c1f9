package io.github.batchtranscode.examples.bench;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;

/**
 * Repeated measurements of one quantity, reported as the median and the spread (min–max), never a mean: this
 * machine's cores are shared, and one slow run should not move the figure.
 *
 * @param values the measurements, in the order taken
 */
record Samples(List<Double> values) {
    Samples {
        if (values.isEmpty()) {
            throw new IllegalArgumentException("no measurements");
        }
        values = List.copyOf(values);
    }

    static Samples of(Collection<Double> values) {
        return new Samples(new ArrayList<>(values));
    }

    double median() {
        List<Double> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    double min() {
        return values.stream().mapToDouble(Double::doubleValue).min().orElseThrow();
    }

    double max() {
        return values.stream().mapToDouble(Double::doubleValue).max().orElseThrow();
    }

    /** {@code "8.41 [8.22–8.90]"} with the given number of decimals. */
    String format(int decimals) {
        if (values.size() == 1) {
            return num(median(), decimals);
        }
        return num(median(), decimals) + " [" + num(min(), decimals) + "–" + num(max(), decimals) + "]";
    }

    /** As {@link #format(int)} with a unit after the median, e.g. {@code "8.41 s [8.22–8.90]"}. */
    String format(int decimals, String unit) {
        String f = format(decimals);
        int bracket = f.indexOf(' ');
        return bracket < 0 ? f + " " + unit : f.substring(0, bracket) + " " + unit + f.substring(bracket);
    }

    static String num(double v, int decimals) {
        return String.format(Locale.ROOT, "%,." + decimals + "f", v);
    }
}
