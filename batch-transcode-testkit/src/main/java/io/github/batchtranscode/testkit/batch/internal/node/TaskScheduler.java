package io.github.batchtranscode.testkit.batch.internal.node;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.batchtranscode.testkit.batch.internal.service.BatchJson;
import io.github.batchtranscode.testkit.batch.internal.service.EmulatorConfig;
import io.github.batchtranscode.testkit.batch.internal.service.EmulatorState;
import io.github.batchtranscode.testkit.batch.internal.service.JobPrepRecord;
import io.github.batchtranscode.testkit.batch.internal.service.JobRecord;
import io.github.batchtranscode.testkit.batch.internal.service.NodeRecord;
import io.github.batchtranscode.testkit.batch.internal.service.PoolRecord;
import io.github.batchtranscode.testkit.batch.internal.service.TaskRecord;
import io.github.batchtranscode.testkit.batch.internal.service.TaskState;
import io.github.batchtranscode.testkit.batch.internal.service.Times;
import io.github.batchtranscode.testkit.internal.TestkitLoggers;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import org.slf4j.Logger;

/**
 * Puts active tasks into free node slots (spread: the node with the most free slots first), and moves tasks and
 * jobs through their end states: completion, terminate, requeue after preemption, all-tasks-complete.
 * Every method must be called holding the {@link EmulatorState} lock; runs start on the executor.
 */
public final class TaskScheduler {
    private static final Logger LOG = TestkitLoggers.EMULATOR;

    private final EmulatorState state;
    private final ExecutorService executor;
    private final Map<String, Deque<TaskRecord>> pending = new HashMap<>();
    private TaskRunner runner;
    private JobPrepRunner preparations;

    public TaskScheduler(EmulatorState state, ExecutorService executor) {
        this.state = state;
        this.executor = executor;
    }

    public void runner(TaskRunner runner) {
        this.runner = runner;
    }

    /** What runs a job's Job Preparation task on a node before the job's first task there. */
    public void preparations(EmulatorConfig config, BlobTransfer blobs, NodeSandbox sandbox) {
        this.preparations = new JobPrepRunner(state, config, blobs, sandbox);
    }

    public void enqueue(TaskRecord t) {
        queue(t.job.poolId).addLast(t);
    }

    private Deque<TaskRecord> queue(String poolId) {
        return pending.computeIfAbsent(poolId.toLowerCase(Locale.ROOT), k -> new ArrayDeque<>());
    }

    /**
     * Starts as many queued tasks of the pool as there are free slots. A task whose job's preparation failed on
     * every node with room stays queued (the service never runs a job's tasks on such a node) and the tasks behind
     * it are still considered.
     */
    public void dispatch(String poolId) {
        PoolRecord pool = state.pool(poolId);
        if (pool == null || !pool.state.equals("active")) {
            return;
        }
        java.util.Iterator<TaskRecord> q = queue(poolId).iterator();
        while (q.hasNext()) {
            TaskRecord t = q.next();
            if (t.deleted || t.state != TaskState.ACTIVE || !t.job.acceptsTasks()) {
                q.remove();
                continue;
            }
            NodeRecord node = pick(pool, t);
            if (node == null) {
                if (!roomFor(pool, t.requiredSlots)) {
                    return;
                }
                continue; // room only on nodes this task's job may not use
            }
            q.remove();
            start(t, node);
        }
    }

    private static boolean roomFor(PoolRecord pool, int slots) {
        for (NodeRecord n : pool.nodes) {
            if (n.freeSlots() >= slots) {
                return true;
            }
        }
        return false;
    }

    /** The node with the most free slots that may run the task: not one where its job's preparation failed. */
    private static NodeRecord pick(PoolRecord pool, TaskRecord t) {
        NodeRecord best = null;
        for (NodeRecord n : pool.nodes) {
            if (n.freeSlots() >= t.requiredSlots && (best == null || n.freeSlots() > best.freeSlots())
                    && !preparationFailed(t.job, n)) {
                best = n;
            }
        }
        return best;
    }

    private static boolean preparationFailed(JobRecord job, NodeRecord node) {
        JobPrepRecord r = job.preparation == null ? null : job.preparedNodes.get(node.id);
        return r != null && r.node == node && r.failed() && job.waitsForPreparation();
    }

    private void start(TaskRecord t, NodeRecord node) {
        Instant now = Instant.now();
        Instant queued = t.lastRequeueTime != null ? t.lastRequeueTime : t.created;
        state.spans.record(t.job.id, t.id, null, io.github.batchtranscode.testkit.batch.TaskSpan.SLOT_WAIT,
                queued, now);
        t.node = node;
        t.lastNode = node;
        t.generation++;
        node.running.add(t);
        node.runningSlots += t.requiredSlots;
        node.setState("running", now);
        JobPrepRecord prep = prepare(t.job, node, now);
        if (prep != null && !prep.succeeded() && t.job.waitsForPreparation()) {
            t.setState(TaskState.PREPARING, now); // runs once the job's preparation succeeded on this node
            return;
        }
        launch(t, node, now);
    }

    private void launch(TaskRecord t, NodeRecord node, Instant now) {
        node.totalTasksRun++;
        t.startTime = now;
        t.setState(TaskState.RUNNING, now);
        int generation = t.generation;
        executor.execute(() -> runner.run(t, node, generation));
    }

    /** The job's preparation on the node, started now if it never ran there; null when the job has none. */
    private JobPrepRecord prepare(JobRecord job, NodeRecord node, Instant now) {
        if (job.preparation == null) {
            return null;
        }
        JobPrepRecord r = job.preparedNodes.get(node.id);
        if (r == null || r.node != node) { // never here, or a node of a pool since recreated under the same id
            r = new JobPrepRecord(node, now);
            job.preparedNodes.put(node.id, r);
            JobPrepRunner.Plan plan = new JobPrepRunner.Plan(job, job.preparation.deepCopy(),
                    job.spec.get("commonEnvironmentSettings"), node, r);
            executor.execute(() -> preparations.run(plan, this));
        }
        return r;
    }

    /**
     * A job's preparation completed on a node: its tasks waiting there run, or on failure (when the job waits for
     * success) go back to the queue, first, for the other nodes.
     */
    void prepared(JobRecord job, JobPrepRecord r) {
        if (state.job(job.id) != job || job.preparedNodes.get(r.node.id) != r) {
            return; // the job was deleted meanwhile
        }
        Instant now = Instant.now();
        List<TaskRecord> waiting = r.node.running.stream()
                .filter(t -> t.job == job && t.state == TaskState.PREPARING).toList();
        for (TaskRecord t : waiting) {
            state.spans.record(job.id, t.id, r.node.id, io.github.batchtranscode.testkit.batch.TaskSpan.PREPARATION_WAIT,
                    t.stateTransitionTime, now);
            if (r.succeeded() || !job.waitsForPreparation()) {
                launch(t, r.node, now);
            } else {
                release(t);
                t.lastNode = null; // it never ran there
                t.setState(TaskState.ACTIVE, now);
                queue(r.node.pool.id).addFirst(t);
            }
        }
        if (r.failed()) {
            LOG.info("job preparation of job {} failed on node {}: {}", job.id, r.node.id,
                    r.failureInfo.path("code").asText());
        }
        dispatch(r.node.pool.id);
    }

    /** Kills the job's running preparation processes (job delete). */
    public void dropPreparations(JobRecord job) {
        for (JobPrepRecord r : job.preparedNodes.values()) {
            ProcessLauncher.kill(r.process);
            r.process = null;
        }
    }

    private void release(TaskRecord t) {
        NodeRecord node = t.node;
        if (node == null) {
            return;
        }
        if (node.running.remove(t)) {
            node.runningSlots -= t.requiredSlots;
        }
        if (node.running.isEmpty() && node.state.equals("running")) {
            node.setState("idle", Instant.now());
        }
        t.node = null;
    }

    /** Completes a run; {@code failureInfo} null means success when the exit code is 0. */
    void complete(TaskRecord t, Integer exitCode, ObjectNode failureInfo) {
        Instant now = Instant.now();
        NodeRecord node = t.node;
        t.endTime = now;
        t.exitCode = exitCode;
        t.failureInfo = failureInfo;
        t.result = failureInfo == null ? "success" : "failure";
        t.lastModified = now;
        t.completionSeen = false;
        if (node != null && failureInfo == null) {
            node.totalTasksSucceeded++;
        }
        release(t);
        t.setState(TaskState.COMPLETED, now);
        LOG.debug("task {}/{} completed: exit {} {}", t.job.id, t.id, exitCode,
                failureInfo == null ? "" : failureInfo.get("code").asText());
        checkJob(t.job);
        if (node != null) {
            dispatch(node.pool.id);
        }
    }

    /** Kills a running task's process; a stale runner notices by the generation. */
    public void abandon(TaskRecord t) {
        t.generation++;
        ProcessLauncher.kill(t.process);
        t.process = null;
    }

    /** Terminates a task: it completes with {@code TaskEnded} whatever it was doing. */
    public void terminate(TaskRecord t) {
        if (t.state == TaskState.COMPLETED) {
            return;
        }
        abandon(t);
        complete(t, null, failure("UserError", "TaskEnded", "Task Was Ended by User Request"));
    }

    /** Takes a running task off its node and queues it first again, counting a requeue. */
    public void requeue(TaskRecord t) {
        Instant now = Instant.now();
        String poolId = t.node.pool.id;
        abandon(t);
        release(t);
        t.requeueCount++;
        t.lastRequeueTime = now;
        t.startTime = null;
        t.setState(TaskState.ACTIVE, now);
        queue(poolId).addFirst(t);
    }

    /** Drops a task from queues and nodes (delete, job delete). */
    public void remove(TaskRecord t) {
        abandon(t);
        String poolId = t.node != null ? t.node.pool.id : null;
        release(t);
        if (poolId != null) {
            dispatch(poolId);
        }
    }

    /** Applies {@code onAllTasksComplete: terminatejob} when every task is done (also with zero tasks). */
    public void checkJob(JobRecord job) {
        if (job.state.equals("active") && "terminatejob".equalsIgnoreCase(job.onAllTasksComplete)
                && job.allTasksComplete()) {
            endJob(job, "AllTasksComplete");
        }
    }

    /** Terminates a job: running tasks end, active ones stay active and are never scheduled. */
    public void endJob(JobRecord job, String reason) {
        Instant now = Instant.now();
        job.setState("terminating", now);
        for (TaskRecord t : List.copyOf(job.order)) {
            if (!t.deleted && (t.state == TaskState.RUNNING || t.state == TaskState.PREPARING)) {
                terminate(t);
            }
        }
        job.terminateReason = reason;
        job.endTime = now;
        job.lastModified = now;
        job.etag = Times.newEtag();
        job.setState("completed", now);
        LOG.debug("job {} completed: {}", job.id, reason);
    }

    static ObjectNode failure(String category, String code, String message) {
        ObjectNode f = BatchJson.object();
        f.put("category", category);
        f.put("code", code);
        f.put("message", message);
        f.putArray("details").addObject().put("name", "Message").put("value", message);
        return f;
    }
}
