package io.github.batchtranscode.examples.bench;

import java.util.List;

/**
 * What one benchmark produced: its summary row and the detail lines (Markdown) that say how it was measured.
 *
 * @param row    the summary row
 * @param detail Markdown lines for the benchmark's own section
 */
record Outcome(Row row, List<String> detail) {
    Outcome {
        detail = List.copyOf(detail);
    }
}
