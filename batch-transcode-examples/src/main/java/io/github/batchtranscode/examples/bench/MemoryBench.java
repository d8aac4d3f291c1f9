package io.github.batchtranscode.examples.bench;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * B5: a 10,000-task job run to completion by a client JVM limited to {@code -Xmx256m} ({@link MemoryProbe}), with
 * the emulator (simulated tasks, 4 nodes × 4 slots) and Azurite in this JVM, so the child holds only the client.
 */
final class MemoryBench {
    static final int TASKS = 10_000;
    static final String XMX = "-Xmx256m";
    private final Lab lab;

    MemoryBench(Lab lab) {
        this.lab = lab;
    }

    Outcome run() throws Exception {
        Path inputs = lab.tinyInputs(TASKS);
        List<Map<String, String>> results = new ArrayList<>();
        try (Emulated batch = Emulated.start(lab.azurite(), 4, 4, b -> b.simulate(true).simulatedUploads(false))) {
            for (int r = 0; r < lab.runs(); r++) {
                Map<String, String> result = child(batch, inputs);
                lab.log("B5 run %d: %s", r + 1, result);
                results.add(result);
            }
        }
        Samples peak = mib(results, "peakHeap");
        Samples live = mib(results, "peakAfterGc");
        Samples seconds = Samples.of(results.stream().map(m -> Double.parseDouble(m.get("seconds"))).toList());
        boolean completed = results.stream().allMatch(m -> m.get("exit").equals("0")
                && m.get("succeeded").equals(Integer.toString(TASKS)) && m.get("failed").equals("0"));
        Row row = new Row("B5", "client heap, 10,000-task job, `" + XMX + "`", "peak " + peak.format(0, "MiB")
                + " (after GC " + live.format(0, "MiB") + "); completed in " + seconds.format(0, "s"), "—",
                completed ? "all " + results.size() + " runs completed, 10,000 succeeded" : "did not complete",
                "completes with " + XMX, completed);
        List<String> lines = new ArrayList<>(List.of(
                "A child JVM (`java " + XMX + " … " + MemoryProbe.class.getSimpleName() + "`) runs the job to the"
                        + " final report (verification off, no output download) against the emulator (simulated"
                        + " tasks without output uploads, 4 nodes × 4 slots) and Azurite running in the parent. Peak heap: the largest"
                        + " heap in use seen before any collection (GC notifications) or in a 10 ms sample; after"
                        + " GC: the most that survived a collection.",
                "",
                "| repetition | exit | succeeded | wall (s) | peak heap (MiB) | peak after GC (MiB) |",
                "|---|---|---|---|---|---|"));
        for (int i = 0; i < results.size(); i++) {
            Map<String, String> m = results.get(i);
            lines.add(String.format(Locale.ROOT, "| %d | %s | %s | %s | %.0f | %.0f |", i + 1, m.get("exit"),
                    m.get("succeeded"), m.get("seconds"), Long.parseLong(m.get("peakHeap")) / 1048576.0,
                    Long.parseLong(m.get("peakAfterGc")) / 1048576.0));
        }
        return new Outcome(row, lines);
    }

    private static Samples mib(List<Map<String, String>> results, String key) {
        return Samples.of(results.stream().map(m -> Long.parseLong(m.get(key)) / 1048576.0).toList());
    }

    private Map<String, String> child(Emulated batch, Path inputs) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(java, XMX, "-cp", Lab.classpath(), MemoryProbe.class.getName(),
                inputs.toString()).redirectErrorStream(true);
        pb.environment().put(MemoryProbe.BATCH_ENDPOINT, batch.endpoint());
        pb.environment().put(MemoryProbe.BATCH_KEY, batch.key());
        pb.environment().put(MemoryProbe.STORAGE, lab.azurite().connectionString());
        Process p = pb.start();
        p.getOutputStream().close();
        Map<String, String> result = new HashMap<>();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = out.readLine()) != null; ) {
                if (line.startsWith("B5 ")) {
                    for (String pair : line.substring(3).split(" ")) {
                        String[] kv = pair.split("=", 2);
                        result.put(kv[0], kv[1]);
                    }
                } else {
                    lab.log("  [child] %s", line);
                }
            }
        }
        if (!p.waitFor(30, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new IllegalStateException("the B5 client did not finish within 30 minutes");
        }
        result.put("exit", Integer.toString(p.exitValue()));
        if (!result.containsKey("peakHeap")) {
            throw new IllegalStateException("the B5 client exited with " + p.exitValue() + " and printed no result");
        }
        return result;
    }
}
