package io.github.batchtranscode.examples.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BenchmarksFileTest {
    @TempDir
    Path dir;

    @Test
    void summaryRowsStayInBenchmarkOrderAndKeepRowsNotRun() throws Exception {
        Path file = dir.resolve("BENCHMARKS.md");
        Files.writeString(file, String.join("\n", "# Benchmarks", "notes by hand", "<!-- bench:summary -->",
                BenchmarksFile.HEADER, "|---|---|---|---|---|---|---|",
                "| B10 | scale | old | - | - | - | met |",
                "| B2 | staging | old | - | - | - | met |",
                "<!-- /bench:summary -->", "<!-- bench:B3 -->", "stale", "<!-- /bench:B3 -->", ""),
                StandardCharsets.UTF_8);

        new BenchmarksFile(file).update(List.of("env"), "Measured now.",
                List.of(new Outcome(new Row("B3", "fan-out", "1 s", "10 s", "10×", "≥ 20×", false), List.of("table"))));

        String text = Files.readString(file, StandardCharsets.UTF_8);
        List<String> ids = text.lines().filter(l -> l.startsWith("| B")).map(l -> l.split(" ")[1]).toList();
        assertEquals(List.of("B2", "B3", "B10"), ids, text);
        assertTrue(text.contains("notes by hand"), text);
        assertTrue(text.contains("Measured now.\n\ntable") && !text.contains("stale"), text);
    }
}
