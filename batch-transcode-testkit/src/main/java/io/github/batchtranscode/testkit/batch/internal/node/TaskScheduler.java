package io.github.batchtranscode.testkit.batch.internal.node;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.batchtranscode.testkit.batch.internal.service.BatchJson;
import io.github.batchtranscode.testkit.batch.internal.service.EmulatorState;
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

    public TaskScheduler(EmulatorState state, ExecutorService executor) {
        this.state = state;
        this.executor = executor;
    }

    public void runner(TaskRunner runner) {
        this.runner = runner;
    }

    public void enqueue(TaskRecord t) {
        queue(t.job.poolId).addLast(t);
    }

    private Deque<TaskRecord> queue(String poolId) {
        return pending.computeIfAbsent(poolId.toLowerCase(Locale.ROOT), k -> new ArrayDeque<>());
    }

    /** Starts as many queued tasks of the pool as there are free slots. */
    public void dispatch(String poolId) {
        PoolRecord pool = state.pool(poolId);
        if (pool == null || !pool.state.equals("active")) {
            return;
        }
        Deque<TaskRecord> q = queue(poolId);
        while (!q.isEmpty()) {
            TaskRecord t = q.peekFirst();
            if (t.deleted || t.state != TaskState.ACTIVE || !t.job.acceptsTasks()) {
                q.pollFirst();
                continue;
            }
            NodeRecord node = pick(pool, t.requiredSlots);
            if (node == null) {
                return;
            }
            q.pollFirst();
            start(t, node);
        }
    }

    private static NodeRecord pick(PoolRecord pool, int slots) {
        NodeRecord best = null;
        for (NodeRecord n : pool.nodes) {
            if (n.freeSlots() >= slots && (best == null || n.freeSlots() > best.freeSlots())) {
                best = n;
            }
        }
        return best;
    }

    private void start(TaskRecord t, NodeRecord node) {
        Instant now = Instant.now();
        Instant queued = t.lastRequeueTime != null ? t.lastRequeueTime : t.created;
        state.spans.record(t.job.id, t.id, null, io.github.batchtranscode.testkit.batch.TaskSpan.SLOT_WAIT,
                queued, now);
        t.node = node;
        t.lastNode = node;
        t.generation++;
        t.startTime = now;
        t.setState(TaskState.RUNNING, now);
        node.running.add(t);
        node.runningSlots += t.requiredSlots;
        node.totalTasksRun++;
        node.setState("running", now);
        int generation = t.generation;
        executor.execute(() -> runner.run(t, node, generation));
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
