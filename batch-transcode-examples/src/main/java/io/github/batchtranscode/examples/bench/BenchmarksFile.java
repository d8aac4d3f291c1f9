package io.github.batchtranscode.examples.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Rewrites the generated parts of {@code BENCHMARKS.md}, leaving the hand-written notes alone: the environment
 * block, the summary table (rows of benchmarks not run this time are kept) and one detail block per benchmark run.
 * Generated parts sit between {@code <!-- bench:NAME -->} and {@code <!-- /bench:NAME -->}.
 */
final class BenchmarksFile {
    static final String HEADER = "| # | benchmark | batch-transcode | baseline, same run | result | target | |";
    private final Path file;

    BenchmarksFile(Path file) {
        this.file = file;
    }

    Path path() {
        return file;
    }

    /**
     * @param measured a line saying when and how the outcomes were measured, put first in each detail block (a
     *                 later run of other benchmarks leaves it standing)
     */
    void update(List<String> environment, String measured, List<Outcome> outcomes) throws IOException {
        String text = Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "# Benchmarks\n";
        text = replace(text, "environment", environment);
        // B2 before B10: by number, not by text
        Map<String, String> rows = new TreeMap<>(java.util.Comparator.comparingInt(BenchmarksFile::number)
                .thenComparing(java.util.Comparator.naturalOrder()));
        for (String line : block(text, "summary")) {
            if (line.startsWith("| B")) {
                rows.put(line.substring(2, line.indexOf(' ', 2)), line);
            }
        }
        for (Outcome o : outcomes) {
            rows.put(o.row().id(), o.row().markdown());
            List<String> detail = new ArrayList<>(List.of(measured, ""));
            detail.addAll(o.detail());
            text = replace(text, o.row().id(), detail);
        }
        List<String> table = new ArrayList<>(List.of(HEADER, "|---|---|---|---|---|---|---|"));
        table.addAll(rows.values());
        text = replace(text, "summary", table);
        Files.writeString(file, text, StandardCharsets.UTF_8);
    }

    private static int number(String id) {
        String digits = id.replaceAll("\\D", "");
        return digits.isEmpty() ? Integer.MAX_VALUE : Integer.parseInt(digits);
    }

    private static String open(String name) {
        return "<!-- bench:" + name + " -->";
    }

    private static String close(String name) {
        return "<!-- /bench:" + name + " -->";
    }

    private static List<String> block(String text, String name) {
        int a = text.indexOf(open(name));
        int b = text.indexOf(close(name));
        if (a < 0 || b < a) {
            return List.of();
        }
        return List.of(text.substring(a + open(name).length(), b).split("\n"));
    }

    /** Replaces the block's content, or appends the block (under a heading for a benchmark) when it is missing. */
    private static String replace(String text, String name, List<String> lines) {
        String body = open(name) + "\n" + String.join("\n", lines) + "\n" + close(name);
        int a = text.indexOf(open(name));
        int b = text.indexOf(close(name));
        if (a >= 0 && b > a) {
            return text.substring(0, a) + body + text.substring(b + close(name).length());
        }
        String heading = name.matches("B\\d") ? "## " + name + "\n\n" : "";
        return text + (text.endsWith("\n") ? "\n" : "\n\n") + heading + body + "\n";
    }
}
