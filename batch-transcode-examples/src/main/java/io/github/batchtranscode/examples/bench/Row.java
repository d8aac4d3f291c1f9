package io.github.batchtranscode.examples.bench;

/**
 * One line of the summary table in {@code BENCHMARKS.md}.
 *
 * @param id        {@code B1} … {@code B6}
 * @param what      what was measured
 * @param ours      the library's figure (median [min–max])
 * @param baseline  the baseline's figure in the same run
 * @param result    the compared figure, e.g. a ratio
 * @param target    the target
 * @param met       whether the target was met
 */
record Row(String id, String what, String ours, String baseline, String result, String target, boolean met) {
    String markdown() {
        return "| " + id + " | " + what + " | " + ours + " | " + baseline + " | " + result + " | " + target + " | "
                + (met ? "met" : "**missed**") + " |";
    }
}
