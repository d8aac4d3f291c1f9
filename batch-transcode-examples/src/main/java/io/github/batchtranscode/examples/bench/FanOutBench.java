package io.github.batchtranscode.examples.bench;

import com.microsoft.azure.batch.protocol.BatchServiceClient;
import com.microsoft.azure.batch.protocol.models.CloudTask;
import com.microsoft.azure.batch.protocol.models.JobAddParameter;
import com.microsoft.azure.batch.protocol.models.PoolInformation;
import com.microsoft.azure.batch.protocol.models.TaskAddParameter;
import com.microsoft.azure.batch.protocol.models.TaskListOptions;
import io.github.batchtranscode.model.CleanupPolicy;
import io.github.batchtranscode.model.Phase;
import io.github.batchtranscode.testkit.batch.BatchEmulatorStats;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * B3: adding 10,000 tasks to a job on the emulator (simulated tasks) with the library's fan-out against one
 * {@code Task_Add} request per task. The library's time is the span from its "Adding N tasks" event to its RUNNING
 * event (chunked adds, reconcile listing, job patch). The baseline times a sample of {@value #SAMPLE} sequential
 * {@code Task_Add} calls carrying a copy of one of the library's tasks, and scales it to 10,000.
 */
final class FanOutBench {
    static final int TASKS = 10_000;
    static final int SAMPLE = 1_000;
    /**
     * How long each simulated task holds its slot, as a short transcode would: the emulated nodes then run a couple
     * of tasks during the fan-out instead of churning through thousands of zero-length ones on the cores the client
     * and the emulator's front end share (on the service, the nodes' work is not on the client's machine).
     */
    static final Duration TASK_TIME = Duration.ofSeconds(60);
    /** The event that starts the fan-out. */
    static final java.util.function.Predicate<io.github.batchtranscode.model.PhaseEvent> ADDING =
            e -> e.phase() == Phase.SUBMITTING && e.message().startsWith("Adding");
    private final Lab lab;

    FanOutBench(Lab lab) {
        this.lab = lab;
    }

    Outcome run() throws Exception {
        Path inputs = lab.tinyInputs(TASKS);
        List<Double> ours = new ArrayList<>();
        List<Double> base = new ArrayList<>();
        List<Double> ratio = new ArrayList<>();
        List<Long> collections = new ArrayList<>();
        List<Long> retried = new ArrayList<>();
        List<CpuTimes> cpu = new ArrayList<>();
        List<Double> bound = new ArrayList<>();
        int cores = Runtime.getRuntime().availableProcessors();
        try (Emulated batch = Emulated.start(lab.azurite(), 2, 1, b -> b.simulate(true).simulatedUploads(false)
                .simulatedTaskTime(TASK_TIME))) {
            BatchServiceClient protocol = batch.client().protocolLayer();
            for (int r = 0; r < lab.runs(); r++) {
                batch.emulator().resetStats();
                String jobId;
                double o;
                try (ControlPlane run = ControlPlane.submit(batch.options(ControlPlane.INPUT_CONTAINER,
                        ControlPlane.OUTPUT_CONTAINER, CleanupPolicy.keepAll(), Duration.ofSeconds(1)).build(), inputs)) {
                    run.awaitRunning();
                    run.cancelAndWait();
                    jobId = run.job().id();
                    o = run.phases().seconds(ADDING, PhaseRecorder.phase(Phase.RUNNING));
                    cpu.add(run.phases().cpu(ADDING, PhaseRecorder.phase(Phase.RUNNING)));
                }
                BatchEmulatorStats stats = batch.stats();
                long adds = stats.operation("Task_AddCollection").requests();
                collections.add(adds);
                retried.add(stats.operation("Task_AddCollection").errors());
                double b = baseline(protocol, jobId, "b3-one-by-one-" + r);
                CpuTimes c = cpu.get(cpu.size() - 1);
                lab.log("B3 run %d: library %.2f s (%d Task_AddCollection; CPU: client %.2f s, emulator %.2f s),"
                        + " Task_Add × %d %.2f s → %.1f s for %,d", r + 1, o, adds, c.clientSeconds(),
                        c.emulatorSeconds(), SAMPLE, b * SAMPLE / TASKS, b, TASKS);
                ours.add(o);
                base.add(b);
                ratio.add(b / o);
                // the best a fan-out needing this much CPU could do here: every core busy with it, nothing else
                bound.add(b / ((c.clientSeconds() + c.emulatorSeconds()) / cores));
            }
        }
        Samples speedup = Samples.of(ratio);
        long maxAdds = collections.stream().mapToLong(Long::longValue).max().orElseThrow();
        long maxErrors = retried.stream().mapToLong(Long::longValue).max().orElseThrow();
        Samples clientCpu = Samples.of(cpu.stream().map(CpuTimes::clientSeconds).toList());
        Samples emulatorCpu = Samples.of(cpu.stream().map(CpuTimes::emulatorSeconds).toList());
        Row row = new Row("B3", "fan-out of 10,000 tasks (emulator, simulated)", Samples.of(ours).format(2, "s") + ", "
                + maxAdds + " `Task_AddCollection`; CPU: client " + clientCpu.format(2, "s") + ", emulator "
                + emulatorCpu.format(2, "s"), "10,000 × `Task_Add`: " + Samples.of(base).format(1, "s")
                + " (from " + SAMPLE + ")", speedup.format(0) + "× faster (the CPU it took allows at most "
                + Samples.of(bound).format(0) + "× on " + cores + " cores)",
                "≤ 101 `Task_AddCollection` (+ retries); ≥ 20× faster",
                maxAdds - maxErrors <= 101 && speedup.median() >= 20);
        List<String> lines = new ArrayList<>(List.of(
                "Library: `TranscodeSession` on the emulator (`simulate(true)`, no output uploads, 2 nodes × 1 slot, each"
                        + " simulated task holding its slot " + TASK_TIME.toSeconds() + " s), verification off;"
                        + " timed from the \"Adding 10000 tasks\" event to the RUNNING event, so it covers the"
                        + " chunked `Task_AddCollection` calls (4 in flight), the reconcile listing (`$select=id`)"
                        + " and the job patch. Requests counted by the emulator. CPU over the same span: the"
                        + " emulator's threads (`batch-emulator-…`: HTTP connections, nodes) and the rest of the"
                        + " JVM (the client, the SDK, JIT and GC), which share the machine's cores.",
                "Baseline: one `Task_Add` per task, sequential, with a copy of one of the library's tasks (same"
                        + " command line, ResourceFiles, OutputFiles, constraints); " + SAMPLE + " timed, scaled ×"
                        + (TASKS / SAMPLE) + ".",
                "CPU bound: the baseline's time over the fan-out's CPU (client + emulator) spread over all " + cores
                        + " cores: the speed-up this machine allows a fan-out that costs that much CPU.",
                "",
                "| repetition | library (s) | `Task_AddCollection` requests (errors) | client CPU (s) |"
                        + " emulator CPU (s) | 1,000 × `Task_Add` (s) | 10,000 × `Task_Add`, scaled (s) | speed-up |"
                        + " CPU bound |",
                "|---|---|---|---|---|---|---|---|---|"));
        for (int i = 0; i < ours.size(); i++) {
            lines.add(String.format(Locale.ROOT, "| %d | %.2f | %d (%d) | %.2f | %.2f | %.2f | %.1f | %.0f× | %.0f× |", i + 1,
                    ours.get(i), collections.get(i), retried.get(i), cpu.get(i).clientSeconds(),
                    cpu.get(i).emulatorSeconds(), base.get(i) * SAMPLE / TASKS, base.get(i), ratio.get(i),
                    bound.get(i)));
        }
        return new Outcome(row, lines);
    }

    /** Seconds that 10,000 sequential {@code Task_Add} calls take, scaled from {@value #SAMPLE}. */
    private static double baseline(BatchServiceClient protocol, String libraryJob, String jobId) throws Exception {
        String someTask = protocol.tasks().list(libraryJob, new TaskListOptions().withSelect("id").withMaxResults(1))
                .get(0).id();
        CloudTask template = protocol.tasks().get(libraryJob, someTask);
        protocol.jobs().add(new JobAddParameter().withId(jobId)
                .withPoolInfo(new PoolInformation().withPoolId(Emulated.POOL)));
        long start = System.nanoTime();
        for (int i = 0; i < SAMPLE; i++) {
            protocol.tasks().add(jobId, copy(template, String.format("task-%05d", i)));
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        protocol.jobs().terminate(jobId);
        return seconds * TASKS / SAMPLE;
    }

    private static TaskAddParameter copy(CloudTask t, String id) {
        return new TaskAddParameter().withId(id).withDisplayName(t.displayName()).withCommandLine(t.commandLine())
                .withResourceFiles(t.resourceFiles()).withOutputFiles(t.outputFiles())
                .withEnvironmentSettings(t.environmentSettings()).withConstraints(t.constraints())
                .withUserIdentity(t.userIdentity()).withExitConditions(t.exitConditions());
    }
}
