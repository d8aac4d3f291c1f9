package io.github.batchtranscode.examples.bench;

import com.microsoft.azure.batch.protocol.BatchServiceClient;
import io.github.batchtranscode.model.CleanupPolicy;
import io.github.batchtranscode.testkit.batch.BatchEmulatorStats;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * B4: what one poll of a running job costs (requests and response bytes, counted by the emulator) at 100, 1,000
 * and 10,000 tasks, against the tutorial's poll, which lists every task with every property.
 *
 * <p>The job must be in progress while it is watched, at the same pace whatever its size: simulated tasks hold
 * their slot {@value #TASK_MILLIS} ms on 2 nodes × 4 slots (8 tasks a second) and the library polls every second.
 * After {@value #WARMUP} polls, the emulator's counters are read in the quiet middle of the gap between two polls,
 * {@value #POLLS} polls apart; everything the emulator served between the two readings is monitoring. The run is
 * then cancelled, and the tutorial's poll, one full {@code Task_List} of the same job, is counted the same way.
 */
final class MonitorBench {
    static final int[] SIZES = {100, 1_000, 10_000};
    static final int TASK_MILLIS = 1_000;
    static final int WARMUP = 2;
    static final int POLLS = 5;
    private static final Duration INTERVAL = Duration.ofSeconds(1);
    private final Lab lab;

    MonitorBench(Lab lab) {
        this.lab = lab;
    }

    private record Poll(double requests, double bytes) {
    }

    Outcome run() throws Exception {
        Map<Integer, List<Poll>> ours = new LinkedHashMap<>();
        Map<Integer, List<Poll>> tutorial = new LinkedHashMap<>();
        try (Emulated batch = Emulated.start(lab.azurite(), 2, 4, b -> b.simulate(true).simulatedUploads(false)
                .simulatedTaskTime(Duration.ofMillis(TASK_MILLIS)))) {
            BatchServiceClient protocol = batch.client().protocolLayer();
            for (int r = 0; r < lab.runs(); r++) {
                for (int n : SIZES) {
                    Path inputs = lab.tinyInputs(n);
                    Poll[] measured = measure(batch, protocol, inputs);
                    ours.computeIfAbsent(n, k -> new ArrayList<>()).add(measured[0]);
                    tutorial.computeIfAbsent(n, k -> new ArrayList<>()).add(measured[1]);
                    lab.log("B4 run %d, %,d tasks: library %.1f requests, %,.0f bytes per poll; tutorial %.0f"
                            + " requests, %,.0f bytes per poll", r + 1, n, measured[0].requests(), measured[0].bytes(),
                            measured[1].requests(), measured[1].bytes());
                }
            }
        }
        return outcome(ours, tutorial);
    }

    /** The library's mean cost per poll over {@value #POLLS} polls, and the tutorial's one poll. */
    private Poll[] measure(Emulated batch, BatchServiceClient protocol, Path inputs) throws Exception {
        try (ControlPlane run = ControlPlane.submit(batch.options(ControlPlane.INPUT_CONTAINER,
                ControlPlane.OUTPUT_CONTAINER, CleanupPolicy.keepAll(), INTERVAL).build(), inputs)) {
            run.awaitRunning();
            long first = polls(batch) + WARMUP;
            BatchEmulatorStats before = betweenPolls(batch, first);
            BatchEmulatorStats after = betweenPolls(batch, first + POLLS);
            long polled = polls(after) - polls(before);
            if (polled != POLLS) {
                throw new IllegalStateException("expected " + POLLS + " polls between the readings, saw " + polled);
            }
            Poll library = new Poll((after.totalRequests() - before.totalRequests()) / (double) POLLS,
                    (after.totalResponseBytes() - before.totalResponseBytes()) / (double) POLLS);
            String jobId = run.job().id();
            run.cancelAndWait();
            BatchEmulatorStats t0 = batch.stats();
            int listed = new ArrayList<>(protocol.tasks().list(jobId)).size();
            BatchEmulatorStats t1 = batch.stats();
            if (listed != inputsCount(inputs)) {
                throw new IllegalStateException("the full listing returned " + listed + " tasks");
            }
            return new Poll[] {library, new Poll(t1.totalRequests() - t0.totalRequests(),
                    t1.totalResponseBytes() - t0.totalResponseBytes())};
        }
    }

    private static int inputsCount(Path inputs) {
        return Integer.parseInt(inputs.getFileName().toString().substring("tiny-".length()));
    }

    /** Waits for the poll numbered {@code poll} to begin, then reads the counters in the middle of the gap. */
    private static BatchEmulatorStats betweenPolls(Emulated batch, long poll) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (polls(batch) < poll) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the library stopped polling before poll " + poll);
            }
            Thread.sleep(5);
        }
        Thread.sleep(INTERVAL.toMillis() * 2 / 5);
        return batch.stats();
    }

    private static long polls(Emulated batch) {
        return polls(batch.stats());
    }

    private static long polls(BatchEmulatorStats stats) {
        return stats.operation("Job_GetTaskCounts").requests();
    }

    private Outcome outcome(Map<Integer, List<Poll>> ours, Map<Integer, List<Poll>> tutorial) {
        List<String> lines = new ArrayList<>(List.of(
                "Library: `TranscodeSession` on the emulator (simulated tasks of " + TASK_MILLIS + " ms, 2 nodes × 4"
                        + " slots, so ~8 tasks complete per 1 s poll at every size), verification off. Per poll:"
                        + " everything the emulator served over " + POLLS + " polls, after " + WARMUP + " warm-up"
                        + " polls, divided by " + POLLS + ".",
                "Tutorial: one `Task_List` of the same job with all properties, all pages (what its"
                        + " `wait_for_tasks_to_complete` does every poll), after the library's run was cancelled.",
                "",
                "| tasks | library requests / poll | library bytes / poll | tutorial requests / poll |"
                        + " tutorial bytes / poll |",
                "|---|---|---|---|---|"));
        for (int n : SIZES) {
            lines.add(String.format(Locale.ROOT, "| %,d | %s | %s | %s | %s |", n,
                    Samples.of(ours.get(n).stream().map(Poll::requests).toList()).format(1),
                    Samples.of(ours.get(n).stream().map(Poll::bytes).toList()).format(0),
                    Samples.of(tutorial.get(n).stream().map(Poll::requests).toList()).format(0),
                    Samples.of(tutorial.get(n).stream().map(Poll::bytes).toList()).format(0)));
        }
        int small = SIZES[0];
        int large = SIZES[SIZES.length - 1];
        double reqRatio = median(ours, large, Poll::requests) / median(ours, small, Poll::requests);
        double byteRatio = median(ours, large, Poll::bytes) / median(ours, small, Poll::bytes);
        double tutorialRatio = median(tutorial, large, Poll::bytes) / median(tutorial, small, Poll::bytes);
        Row row = new Row("B4", "monitoring cost per poll, 100 → 10,000 tasks", String.format(Locale.ROOT,
                "%.1f → %.1f requests, %s → %s bytes", median(ours, small, Poll::requests),
                median(ours, large, Poll::requests), Samples.num(median(ours, small, Poll::bytes), 0),
                Samples.num(median(ours, large, Poll::bytes), 0)), String.format(Locale.ROOT,
                "full listing: %.0f → %.0f requests, %s → %s bytes", median(tutorial, small, Poll::requests),
                median(tutorial, large, Poll::requests), Samples.num(median(tutorial, small, Poll::bytes), 0),
                Samples.num(median(tutorial, large, Poll::bytes), 0)), String.format(Locale.ROOT,
                "%.2f× requests, %.2f× bytes (tutorial: %.0f× bytes)", reqRatio, byteRatio, tutorialRatio),
                "≤ 1.5× from 100 to 10,000", reqRatio <= 1.5 && byteRatio <= 1.5);
        return new Outcome(row, lines);
    }

    private static double median(Map<Integer, List<Poll>> m, int n, java.util.function.ToDoubleFunction<Poll> f) {
        return Samples.of(m.get(n).stream().map(p -> f.applyAsDouble(p)).toList()).median();
    }
}
