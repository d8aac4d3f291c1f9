package io.github.batchtranscode.testkit.batch.internal.node;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.batchtranscode.testkit.batch.internal.service.EmulatorConfig;
import io.github.batchtranscode.testkit.batch.internal.service.EmulatorState;
import io.github.batchtranscode.testkit.batch.internal.service.JobPrepRecord;
import io.github.batchtranscode.testkit.batch.internal.service.JobRecord;
import io.github.batchtranscode.testkit.batch.internal.service.NodeRecord;
import io.github.batchtranscode.testkit.internal.TestkitLoggers;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import org.slf4j.Logger;

/**
 * Runs a job's Job Preparation task once on a node, as the node agent does before the job's first task there: in
 * {@code workitems/<job>/job-1/jobpreparation/wd} (its resource files download there), with that directory's
 * {@code stdout.txt}/{@code stderr.txt}, in the node sandbox like any task, retried on a non-zero exit up to its
 * {@code constraints.maxTaskRetryCount} (default 0; -1 unlimited) and stopped at its {@code maxWallClockTime}. A
 * resource file that cannot be downloaded fails it at once, without retries, as it fails a task. The result goes
 * to {@link TaskScheduler#prepared}. Runs on an executor thread.
 */
final class JobPrepRunner {
    private static final Logger LOG = TestkitLoggers.EMULATOR;

    private final EmulatorState state;
    private final EmulatorConfig config;
    private final BlobTransfer blobs;
    private final NodeSandbox sandbox;

    JobPrepRunner(EmulatorState state, EmulatorConfig config, BlobTransfer blobs, NodeSandbox sandbox) {
        this.state = state;
        this.config = config;
        this.blobs = blobs;
        this.sandbox = sandbox;
    }

    /** What a run needs, copied under the lock. */
    record Plan(JobRecord job, ObjectNode prep, JsonNode jobEnv, NodeRecord node, JobPrepRecord status) {
    }

    /** Runs the preparation and reports it to {@code scheduler}, holding the state lock. */
    void run(Plan plan, TaskScheduler scheduler) {
        Outcome o;
        try {
            o = execute(plan);
        } catch (RuntimeException e) {
            LOG.warn("job preparation of {} on node {} failed inside the emulator: {}", plan.job().id,
                    plan.node().id, e.toString(), e);
            o = new Outcome(null, "TaskFailedInEmulator", "The emulator failed running the job preparation task: "
                    + e.getClass().getSimpleName(), 0, null);
        }
        if (o == null) {
            return; // the job was deleted, or the emulator is closing
        }
        synchronized (state) {
            JobPrepRecord r = plan.status();
            r.process = null;
            r.endTime = Instant.now();
            r.exitCode = o.exit();
            r.retryCount = o.retries();
            r.lastRetryTime = o.lastRetry();
            r.failureInfo = o.code() == null ? null : TaskScheduler.failure("UserError", o.code(), o.message());
            r.result = o.code() == null ? "success" : "failure";
            r.state = "completed";
            LOG.debug("job preparation of {} on node {}: {}", plan.job().id, plan.node().id, r.result);
            scheduler.prepared(plan.job(), r);
        }
    }

    /** How a run ended: the exit code (null when it never exited), the failure code and message (null on success). */
    private record Outcome(Integer exit, String code, String message, int retries, Instant lastRetry) {
    }

    private Outcome execute(Plan plan) {
        NodeRecord node = plan.node();
        JobRecord job = plan.job();
        Path dir = NodeEnvironment.jobPrepDir(node, job.id);
        Path wd = dir.resolve("wd");
        NodeEnvironment.Identity identity;
        synchronized (state) {
            identity = NodeEnvironment.identity(plan.prep().get("userIdentity"), node.pool);
        }
        Map<String, String> env = NodeEnvironment.base(config, sandbox, state.baseUrl(), node);
        env.put("AZ_BATCH_JOB_ID", job.id);
        env.put("AZ_BATCH_TASK_ID", plan.prep().path("id").asText("jobpreparation"));
        env.put("AZ_BATCH_TASK_DIR", dir.toString());
        env.put("AZ_BATCH_TASK_WORKING_DIR", wd.toString());
        env.put("AZ_BATCH_TASK_USER_IDENTITY", identity.name());
        NodeEnvironment.addSettings(env, plan.jobEnv());
        NodeEnvironment.addSettings(env, plan.prep().get("environmentSettings"));
        try {
            Files.createDirectories(wd);
            TaskRunner.touch(dir.resolve("stdout.txt"));
            TaskRunner.touch(dir.resolve("stderr.txt"));
        } catch (IOException e) {
            return new Outcome(null, "DiskFull", "The job preparation task directory could not be created", 0, null);
        }
        if (config.faults().failJobPreparation()) {
            return new Outcome(null, "BlobAccessDenied", "Downloading a resource file of the job preparation task"
                    + " failed with HTTP 403 (emulated fault: as with an expired SAS)", 0, null);
        }
        if (config.simulate()) {
            return new Outcome(0, null, null, 0, null);
        }
        try {
            ResourceFiles.fetch(plan.prep().get("resourceFiles"), wd, blobs,
                    new NodeTokens(config.identities(), node.pool.id));
        } catch (BlobTransfer.TransferException e) {
            return new Outcome(null, e.code, e.getMessage(), 0, null);
        }
        String refusal = sandbox.refusal(identity.admin());
        if (refusal != null) {
            return new Outcome(null, "NodeIsolationUnavailable", refusal, 0, null);
        }
        return attempts(plan, env, dir, wd, identity);
    }

    private Outcome attempts(Plan plan, Map<String, String> env, Path dir, Path wd, NodeEnvironment.Identity identity) {
        int max = plan.prep().path("constraints").path("maxTaskRetryCount").asInt(0);
        long deadline = TaskRunner.deadline(plan.prep());
        int retries = 0;
        Instant lastRetry = null;
        while (true) {
            Process p;
            try {
                p = ProcessLauncher.start(plan.prep().path("commandLine").asText(), wd, env,
                        dir.resolve("stdout.txt"), dir.resolve("stderr.txt"),
                        sandbox.wrapper(plan.node(), identity.admin(), wd));
            } catch (ProcessLauncher.LaunchException e) {
                return new Outcome(null, e.code, e.getMessage(), retries, lastRetry);
            }
            plan.status().process = p;
            Integer exit;
            try {
                exit = ProcessLauncher.waitFor(p, deadline);
            } catch (InterruptedException e) {
                ProcessLauncher.kill(p);
                Thread.currentThread().interrupt();
                return null;
            }
            if (plan.status().process != p) {
                return null; // killed: the job was deleted or the emulator is closing
            }
            if (exit == null) {
                return new Outcome(137, "TaskEnded", TaskRunner.WALL_CLOCK_MESSAGE, retries, lastRetry);
            }
            if (exit == 0) {
                return new Outcome(0, null, null, retries, lastRetry);
            }
            if (max != -1 && retries >= max) {
                return new Outcome(exit, "FailureExitCode", TaskRunner.EXIT_MESSAGE, retries, lastRetry);
            }
            retries++;
            lastRetry = Instant.now();
        }
    }
}
