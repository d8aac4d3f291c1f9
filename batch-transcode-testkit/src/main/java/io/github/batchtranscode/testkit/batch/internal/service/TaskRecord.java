package io.github.batchtranscode.testkit.batch.internal.service;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;

/**
 * A task's spec and its execution state. Mutable; every access holds the {@link EmulatorState} lock.
 *
 * <p>The spec is kept as the compact JSON text it was added with, not as a tree: a job of 100,000 tasks with
 * SAS-signed resource and output files would otherwise hold ~1 GB of Jackson nodes. It is parsed only when a task
 * runs or a view asks for its spec's fields ({@link #spec()}); monitoring listings with {@code $select} never do.
 */
public final class TaskRecord {
    public final String id;
    public final JobRecord job;
    private final byte[] spec;
    public final Instant created;
    public final int requiredSlots;
    public String etag = Times.newEtag();
    public Instant lastModified;
    public TaskState state = TaskState.ACTIVE;
    public Instant stateTransitionTime;
    public TaskState previousState;
    public Instant previousStateTransitionTime;
    public ObjectNode constraints;
    public Instant startTime;
    public Instant endTime;
    public Integer exitCode;
    public ObjectNode failureInfo;
    public String result;
    public int retryCount;
    public Instant lastRetryTime;
    public int requeueCount;
    public Instant lastRequeueTime;
    public NodeRecord node;
    /** Where the task ran last (kept after completion for nodeInfo and files). */
    public NodeRecord lastNode;
    public boolean deleted;
    /** Whether a response showed this task completed since it last completed (for the {@code noticed} span). */
    public boolean completionSeen;
    boolean terminateRequested;
    /** Increases whenever a run is abandoned (preemption, terminate), so a stale runner's results are ignored. */
    public int generation;
    public volatile Process process;
    /** The task's position in its job's insertion order, set when added: what list pages continue from. */
    int seq = -1;

    public TaskRecord(String id, JobRecord job, ObjectNode spec, Instant created, int requiredSlots) {
        this.id = id;
        this.job = job;
        this.spec = BatchJson.bytes(spec);
        this.created = created;
        this.lastModified = created;
        this.stateTransitionTime = created;
        this.requiredSlots = requiredSlots;
    }

    public String id() {
        return id;
    }

    /** The task's position in its job's {@link JobRecord#order}. */
    public int seq() {
        return seq;
    }

    /** The task's spec as added, parsed into a fresh tree the caller may keep or change. */
    public ObjectNode spec() {
        return BatchJson.parseObject(spec);
    }

    /** The size of the stored spec in bytes (what holding this task costs beyond its state). */
    public int specBytes() {
        return spec.length;
    }

    /** Moves to {@code next}, keeping the job's counts right. */
    public void setState(TaskState next, Instant at) {
        if (next == state) {
            return;
        }
        TaskState from = state;
        if (!deleted) {
            job.leaving(this);
        }
        previousState = state;
        previousStateTransitionTime = stateTransitionTime;
        state = next;
        stateTransitionTime = at;
        if (!deleted) {
            job.moved(this, from, next);
        }
    }

    /** The effective retry limit: the task's constraint, else the job's, else 0; -1 means unlimited. */
    public int maxRetries() {
        if (constraints != null && constraints.hasNonNull("maxTaskRetryCount")) {
            return constraints.get("maxTaskRetryCount").asInt();
        }
        if (job.constraints != null && job.constraints.hasNonNull("maxTaskRetryCount")) {
            return job.constraints.get("maxTaskRetryCount").asInt();
        }
        return 0;
    }
}
