package io.github.batchtranscode.examples.bench;

import io.github.batchtranscode.testkit.azurite.Azurite;
import io.github.batchtranscode.testkit.batch.BatchEmulatorStats;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * B10: 1,000, 10,000 and 100,000 files in one job each, simulated tasks that write no outputs, run to the final
 * report by a client JVM limited to {@code -Xmx256m} ({@link ScaleProbe}). The media are already in Blob Storage
 * (Azurite on a copy of a cached {@link SourceSeed}), so nothing is staged; the emulator runs in this JVM with
 * {@value #NODES} nodes × {@value #SLOTS} slots and 1-s tasks, so tasks complete at the same rate at every size
 * and a poll's cost can be compared across sizes. Per poll: the monitoring operations' requests and response
 * bytes between the start of the client's third poll after its RUNNING event and the start of its second-to-last
 * (a poll starts with {@code Job_GetTaskCounts}; this JVM watches the emulator's counters every 10 ms).
 */
final class ScaleBench {
    static final int NODES = 10;
    static final int SLOTS = 20;
    static final Duration TASK_TIME = Duration.ofSeconds(1);
    static final Duration POLL = Duration.ofMillis(250);
    static final String INPUT_CONTAINER = "b10-in";
    static final String OUTPUT_CONTAINER = "b10-out";
    static final String SOURCE = "b10-media";
    /** The sizes run, largest last; {@code -Dbench.b10.sizes=1000,10000} leaves out 100,000 on a busy machine. */
    static final int[] SIZES = java.util.Arrays.stream(System.getProperty("bench.b10.sizes", "1000,10000,100000")
            .split(",")).map(String::trim).mapToInt(Integer::parseInt).sorted().toArray();
    private static final List<String> MONITORING = List.of("Job_GetTaskCounts", "Task_List", "Job_Get",
            "Pool_Get", "ComputeNode_List");
    private final Lab lab;

    ScaleBench(Lab lab) {
        this.lab = lab;
    }

    /** One size's run. */
    private record Result(int tasks, long adds, long polls, double requestsPerPoll, double bytesPerPoll,
                          double peakMib, double afterGcMib, double seconds, long succeeded) {
    }

    Outcome run() throws Exception {
        long benchStart = System.nanoTime();
        List<Result> results = new ArrayList<>();
        double populate;
        String seeding;
        double emulatorMib;
        try (SourceSeed seed = SourceSeed.open(SIZES[SIZES.length - 1], m -> lab.log("B10: %s", m))) {
            Azurite azurite = seed.azurite();
            populate = seed.fillSeconds();
            seeding = seed.written() ? String.format(Locale.ROOT, "one blob put into an on-disk Azurite and the others"
                    + " written into its own database from that blob's record (`AzuriteSeed`), listed back in full"
                    + " before the runs: %.1f s", populate) : populate > 0 ? String.format(Locale.ROOT, "filled into"
                    + " Azurite by Put Blob in %.0f s and cached (`-Dbench.seed=put`)", populate)
                    : "a cached Put Blob fill (`-Dbench.seed=put`) on a fresh copy";
            try (Emulated batch = Emulated.start(azurite, NODES, SLOTS, b -> b.simulate(true)
                    .simulatedUploads(false).simulatedTaskTime(TASK_TIME))) {
                long before = usedAfterGc();
                for (int size : SIZES) {
                    Result r = child(batch, azurite, size);
                    lab.log("B10 %,d tasks: %s", size, r);
                    results.add(r);
                }
                emulatorMib = (usedAfterGc() - before) / 1048576.0;
            }
        }
        double minutes = (System.nanoTime() - benchStart) / 60e9;
        Result small = results.get(0);
        Result large = results.get(results.size() - 1);
        double requests = large.requestsPerPoll() / small.requestsPerPoll();
        double bytes = large.bytesPerPoll() / small.bytesPerPoll();
        boolean met = large.tasks() == 100_000 && large.succeeded() == large.tasks() && large.adds() <= 1_001
                && requests <= 1.5 && bytes <= 1.5 && large.peakMib() <= 256 && minutes < 15;
        Row row = new Row("B10", "scale: " + String.format(Locale.ROOT, "%,d", large.tasks()) + " files in one job"
                + " (emulator, simulated, media in Blob Storage), `-Xmx256m`", String.format(Locale.ROOT, "%,d"
                + " `Task_AddCollection`; %.1f requests, %,.0f bytes per poll; peak heap %.0f MiB (after GC %.0f);"
                + " %.0f s", large.adds(), large.requestsPerPoll(), large.bytesPerPoll(), large.peakMib(),
                large.afterGcMib(), large.seconds()),
                String.format(Locale.ROOT, "%,d tasks: %.1f requests, %,.0f bytes per poll", small.tasks(),
                        small.requestsPerPoll(), small.bytesPerPoll()),
                String.format(Locale.ROOT, "per poll %.2f× requests, %.2f× bytes from %,d to %,d; all sizes in"
                        + " %.1f min", requests, bytes, small.tasks(), large.tasks(), minutes),
                "≤ 1,001 `Task_AddCollection`; per poll flat (≤ 1.5×); heap ≤ 256 MB; row < 15 min", met);
        List<String> lines = new ArrayList<>(List.of(
                "A child JVM (`java -Xmx256m … " + ScaleProbe.class.getSimpleName() + "`) runs each job to its"
                        + " final report (verification off, no output download) over media already in Blob Storage"
                        + " (an on-disk Azurite, seeded by `SourceSeed`), so nothing is staged. The emulator (in the parent) simulates tasks without output uploads"
                        + " (`simulatedUploads(false)`), " + NODES + " nodes × " + SLOTS + " slots × "
                        + TASK_TIME.toMillis() + " ms, so tasks complete at the same rate at every size; the"
                        + " client polls every " + POLL.toMillis() + " ms. Per poll: requests and response bytes"
                        + " of " + String.join(", ", MONITORING.stream().map(s -> "`" + s + "`").toList())
                        + " from the start of the third poll after the client's RUNNING event to the start of its"
                        + " second-to-last (a poll starts with `Job_GetTaskCounts`; the parent watches the"
                        + " emulator's counters every 10 ms), divided by the polls between them.",
                String.format(Locale.ROOT, "The %,d source blobs: %s; all sizes, that included, %.1f min. The"
                        + " emulator's heap grew by %.0f MiB holding the jobs (%,d tasks, kept after their runs).",
                        SIZES[SIZES.length - 1], seeding, minutes, emulatorMib,
                        java.util.Arrays.stream(SIZES).sum()),
                "",
                "| tasks | `Task_AddCollection` | polls | requests / poll | bytes / poll | peak heap (MiB) |"
                        + " after GC (MiB) | run (s) | succeeded |",
                "|---|---|---|---|---|---|---|---|---|"));
        for (Result r : results) {
            lines.add(String.format(Locale.ROOT, "| %,d | %d | %d | %.2f | %,.0f | %.0f | %.0f | %.1f | %,d |",
                    r.tasks(), r.adds(), r.polls(), r.requestsPerPoll(), r.bytesPerPoll(), r.peakMib(),
                    r.afterGcMib(), r.seconds(), r.succeeded()));
        }
        return new Outcome(row, lines);
    }

    /**
     * Blob names nest so that each size is one prefix: the first 1,000 under {@code s/0/0/}, the first 10,000
     * under {@code s/0/}, all under {@code s/}.
     */
    static String name(int i) {
        String dir = i < 1_000 ? "s/0/0/" : i < 10_000 ? "s/0/1/" : "s/1/";
        return String.format(Locale.ROOT, "%sd%03d/f%06d.mp4", dir, i / 1000, i);
    }

    static String prefix(int size) {
        return switch (size) {
            case 1_000 -> "s/0/0";
            case 10_000 -> "s/0";
            default -> "s";
        };
    }

    private static long usedAfterGc() {
        System.gc();
        Runtime rt = Runtime.getRuntime();
        return rt.totalMemory() - rt.freeMemory();
    }

    private Result child(Emulated batch, Azurite azurite, int size) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(java, MemoryBench.XMX, "-cp", Lab.classpath(),
                ScaleProbe.class.getName(), SOURCE, prefix(size)).redirectErrorStream(true);
        pb.environment().put(MemoryProbe.BATCH_ENDPOINT, batch.endpoint());
        pb.environment().put(MemoryProbe.BATCH_KEY, batch.key());
        pb.environment().put(MemoryProbe.STORAGE, azurite.connectionString());
        batch.emulator().resetStats();
        Process p = pb.start();
        p.getOutputStream().close();
        Map<String, String> result = new HashMap<>();
        List<BatchEmulatorStats> pollStarts = new ArrayList<>();
        java.util.concurrent.atomic.AtomicBoolean watching = new java.util.concurrent.atomic.AtomicBoolean();
        Thread watcher = new Thread(() -> {
            long seen = -1;
            while (watching.get()) {
                BatchEmulatorStats now = batch.stats();
                long polls = now.operation("Job_GetTaskCounts").requests();
                if (polls != seen) {
                    seen = polls;
                    synchronized (pollStarts) {
                        pollStarts.add(now);
                    }
                }
                try {
                    Thread.sleep(10);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "b10-poll-watch");
        BatchEmulatorStats atEnd = null;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = out.readLine()) != null; ) {
                if (line.equals("B10 running")) {
                    watching.set(true);
                    watcher.start();
                } else if (line.startsWith("B10 ")) {
                    atEnd = batch.stats();
                    for (String pair : line.substring(4).split(" ")) {
                        String[] kv = pair.split("=", 2);
                        result.put(kv[0], kv[1]);
                    }
                } else {
                    lab.log("  [child] %s", line);
                }
            }
        } finally {
            watching.set(false);
            watcher.interrupt();
            watcher.join();
        }
        if (!p.waitFor(30, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new IllegalStateException("the B10 client did not finish within 30 minutes");
        }
        if (atEnd == null || pollStarts.size() < 6) {
            throw new IllegalStateException("the B10 client exited with " + p.exitValue() + " after "
                    + pollStarts.size() + " poll(s); at least 6 are needed to measure one");
        }
        // the first snapshot is the counters before any poll; skip two polls, and the last two (the job ending)
        BatchEmulatorStats from = pollStarts.get(3);
        BatchEmulatorStats to = pollStarts.get(pollStarts.size() - 2);
        long polls = delta(from, to, "Job_GetTaskCounts", false);
        long requests = 0;
        long bytes = 0;
        for (String op : MONITORING) {
            requests += delta(from, to, op, false);
            bytes += delta(from, to, op, true);
        }
        return new Result(size, atEnd.operation("Task_AddCollection").requests(), polls,
                (double) requests / Math.max(1, polls), (double) bytes / Math.max(1, polls),
                Long.parseLong(result.get("peakHeap")) / 1048576.0, Long.parseLong(result.get("peakAfterGc"))
                / 1048576.0, Double.parseDouble(result.get("seconds")), Long.parseLong(result.get("succeeded")));
    }

    private static long delta(BatchEmulatorStats from, BatchEmulatorStats to, String op, boolean bytes) {
        return bytes ? to.operation(op).responseBytes() - from.operation(op).responseBytes()
                : to.operation(op).requests() - from.operation(op).requests();
    }
}
