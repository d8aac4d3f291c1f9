package io.github.batchtranscode.testkit.batch.internal.node;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.batchtranscode.testkit.batch.TaskSpan;
import io.github.batchtranscode.testkit.batch.internal.service.EmulatorConfig;
import io.github.batchtranscode.testkit.batch.internal.service.EmulatorState;
import io.github.batchtranscode.testkit.batch.internal.service.NodeRecord;
import io.github.batchtranscode.testkit.batch.internal.service.TaskRecord;
import io.github.batchtranscode.testkit.internal.TestkitLoggers;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import org.slf4j.Logger;

/**
 * Runs one task on one node, as the node agent would: lays out the task directory, downloads ResourceFiles,
 * runs the command (no shell) with retries on a non-zero exit, uploads OutputFiles, and reports the result.
 * Runs on an executor thread; takes the state lock only to read the spec and to publish results.
 */
public final class TaskRunner {
    private static final Logger LOG = TestkitLoggers.EMULATOR;
    static final String EXIT_MESSAGE = "The task exited with an exit code representing a failure";
    /** Marks a run stopped by {@code constraints.maxWallClockTime}; reported with exit code 137 (SIGKILL). */
    private static final int WALL_CLOCK_EXCEEDED = Integer.MIN_VALUE;
    /** Inferred, not recorded from the service: a terminated task's failure code is TaskEnded (see the contract). */
    static final String WALL_CLOCK_MESSAGE = "The task exceeded its maximum wall clock time and was terminated";

    private final EmulatorState state;
    private final EmulatorConfig config;
    private final TaskScheduler scheduler;
    private final BlobTransfer blobs;
    private final NodeSandbox sandbox;

    public TaskRunner(EmulatorState state, EmulatorConfig config, TaskScheduler scheduler, BlobTransfer blobs,
               NodeSandbox sandbox) {
        this.state = state;
        this.config = config;
        this.scheduler = scheduler;
        this.blobs = blobs;
        this.sandbox = sandbox;
    }

    /** A consistent copy of what a run needs, taken under the lock. */
    private record Plan(String jobId, String taskId, ObjectNode spec, JsonNode jobEnv, boolean jobPrepared) {
    }

    void run(TaskRecord t, NodeRecord node, int generation) {
        try {
            runChecked(t, node, generation);
        } catch (RuntimeException e) {
            LOG.warn("task {} failed inside the emulator: {}", t.id, e.toString(), e);
            finish(t, generation, null, TaskScheduler.failure("ServerError", "TaskFailedInEmulator",
                    "The emulator failed running the task: " + e.getClass().getSimpleName()));
        }
    }

    private void runChecked(TaskRecord t, NodeRecord node, int generation) {
        Instant begun = Instant.now();
        Plan plan;
        synchronized (state) {
            if (t.generation != generation) {
                return;
            }
            plan = new Plan(t.job.id, t.id, t.spec(), t.job.spec.get("commonEnvironmentSettings"),
                    t.job.preparation != null);
        }
        Path taskDir = NodeEnvironment.taskDir(node, plan.jobId(), plan.taskId());
        Path wd = taskDir.resolve("wd");
        NodeEnvironment.Identity identity;
        synchronized (state) {
            identity = NodeEnvironment.identity(plan.spec().get("userIdentity"), node.pool);
        }
        Map<String, String> env = NodeEnvironment.forTask(config, sandbox, state.baseUrl(), node, plan.jobId(),
                plan.taskId(), plan.jobEnv(), plan.spec().get("environmentSettings"), identity, plan.jobPrepared());
        String jobId = plan.jobId();
        String taskId = plan.taskId();
        Steps steps = (step, start) -> state.spans.record(jobId, taskId, node.id, step, start, Instant.now());
        try {
            Files.createDirectories(wd);
            touch(taskDir.resolve("stdout.txt"));
            touch(taskDir.resolve("stderr.txt"));
        } catch (IOException e) {
            finish(t, generation, null, TaskScheduler.failure("ServerError", "DiskFull",
                    "The task directory could not be created"));
            return;
        }
        steps.done(TaskSpan.TASK_DIRECTORY, begun);
        if (config.simulate()) {
            if (!holdSlot(config.simulatedTaskTime())) {
                return; // the emulator is closing
            }
            OutputUploads.Failure f = OutputUploads.upload(plan.spec().get("outputFiles"), true, wd, taskDir, env,
                    config.simulatedUploads() ? blobs : null, tokens(node), config.faults().failUploads(),
                    plan.taskId());
            finish(t, generation, 0, uploadFailure(f), steps);
            return;
        }
        try {
            ResourceFiles.fetch(plan.spec().get("resourceFiles"), wd, blobs, tokens(node), steps);
        } catch (BlobTransfer.TransferException e) {
            finish(t, generation, null, TaskScheduler.failure("UserError", e.code, e.getMessage()));
            return;
        }
        String refusal = sandbox.refusal(identity.admin());
        if (refusal != null) {
            finish(t, generation, null, TaskScheduler.failure("UserError", "NodeIsolationUnavailable", refusal));
            return;
        }
        Integer exit = attempts(t, generation, plan, env, taskDir, wd,
                sandbox.wrapper(node, identity.admin(), wd), steps);
        if (exit == null) {
            return; // abandoned, or finished with a launch failure
        }
        boolean wallClock = exit == WALL_CLOCK_EXCEEDED;
        OutputUploads.Failure f = OutputUploads.upload(plan.spec().get("outputFiles"), exit == 0, wd, taskDir, env,
                blobs, tokens(node), config.faults().failUploads(), null, steps);
        ObjectNode failure = wallClock ? TaskScheduler.failure("UserError", "TaskEnded", WALL_CLOCK_MESSAGE)
                : f != null ? uploadFailure(f)
                : exit != 0 ? TaskScheduler.failure("UserError", "FailureExitCode", EXIT_MESSAGE) : null;
        finish(t, generation, wallClock ? 137 : exit, failure, steps);
    }

    /** Runs the command until it exits 0 or the retries are used up; null when the run was abandoned. */
    private Integer attempts(TaskRecord t, int generation, Plan plan, Map<String, String> env, Path taskDir,
                             Path wd, java.util.function.UnaryOperator<java.util.List<String>> wrapper, Steps steps) {
        long deadline = deadline(plan.spec());
        while (true) {
            Process p;
            Instant launch = Instant.now();
            try {
                p = ProcessLauncher.start(plan.spec().get("commandLine").asText(), wd, env,
                        taskDir.resolve("stdout.txt"), taskDir.resolve("stderr.txt"), wrapper);
            } catch (ProcessLauncher.LaunchException e) {
                finish(t, generation, null, TaskScheduler.failure("UserError", e.code, e.getMessage()));
                return null;
            }
            synchronized (state) {
                if (t.generation != generation) {
                    ProcessLauncher.kill(p);
                    return null;
                }
                t.process = p;
            }
            steps.done(TaskSpan.LAUNCH, launch);
            Instant started = Instant.now();
            int exit = waitFor(p, deadline);
            steps.done(TaskSpan.PROCESS, started);
            synchronized (state) {
                if (t.generation != generation) {
                    return null;
                }
                t.process = null;
                if (exit == WALL_CLOCK_EXCEEDED) {
                    return exit;
                }
                int max = t.maxRetries();
                if (exit == 0 || (max != -1 && t.retryCount >= max)) {
                    return exit;
                }
                t.retryCount++;
                t.lastRetryTime = Instant.now();
                t.lastModified = t.lastRetryTime;
                LOG.debug("task {}/{} exited {}; retry {}", plan.jobId(), plan.taskId(), exit, t.retryCount);
            }
        }
    }

    /**
     * When a run that starts now must end by its {@code constraints.maxWallClockTime}, on {@link System#nanoTime()}
     * ({@link Long#MAX_VALUE} when unset or unlimited).
     */
    static long deadline(JsonNode spec) {
        java.time.Duration limit = maxWallClockTime(spec);
        return limit == null ? Long.MAX_VALUE : System.nanoTime() + limit.toNanos();
    }

    /** The task's {@code constraints.maxWallClockTime}, or null when unset or unlimited. */
    private static java.time.Duration maxWallClockTime(JsonNode spec) {
        JsonNode limit = spec.path("constraints").path("maxWallClockTime");
        if (!limit.isTextual()) {
            return null;
        }
        try {
            java.time.Duration d = java.time.Duration.parse(limit.asText());
            return d.compareTo(java.time.Duration.ofDays(10_000)) > 0 ? null : d;
        } catch (java.time.format.DateTimeParseException e) {
            return null;
        }
    }

    private static int waitFor(Process p, long deadline) {
        try {
            Integer exit = ProcessLauncher.waitFor(p, deadline);
            return exit == null ? WALL_CLOCK_EXCEEDED : exit;
        } catch (InterruptedException e) {
            ProcessLauncher.kill(p);
            Thread.currentThread().interrupt();
            return 137;
        }
    }

    private void finish(TaskRecord t, int generation, Integer exit, ObjectNode failure) {
        finish(t, generation, exit, failure, Steps.NONE);
    }

    /** Completes the run, telling {@code steps} how long that took from here (the lock included). */
    private void finish(TaskRecord t, int generation, Integer exit, ObjectNode failure, Steps steps) {
        Instant start = Instant.now();
        synchronized (state) {
            if (t.generation != generation || t.deleted) {
                return;
            }
            t.process = null;
            scheduler.complete(t, exit, failure);
        }
        steps.done(TaskSpan.COMPLETE, start);
    }

    private NodeTokens tokens(NodeRecord node) {
        return new NodeTokens(config.identities(), node.pool.id);
    }

    private static ObjectNode uploadFailure(OutputUploads.Failure f) {
        return f == null ? null : TaskScheduler.failure("UserError", f.code(), f.message());
    }

    /** Simulates the task's work by holding its slot; false when interrupted (the emulator is closing). */
    private static boolean holdSlot(java.time.Duration time) {
        if (time.isZero()) {
            return true;
        }
        try {
            Thread.sleep(time.toMillis());
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Creates {@code file} empty unless it exists. */
    static void touch(Path file) throws IOException {
        if (!Files.exists(file)) {
            Files.createFile(file);
        }
    }
}
