package io.github.batchtranscode.testkit.batch.internal.service;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;

/** A task's spec and its execution state. Mutable; every access holds the {@link EmulatorState} lock. */
public final class TaskRecord {
    public final String id;
    public final JobRecord job;
    public final ObjectNode spec;
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

    public TaskRecord(String id, JobRecord job, ObjectNode spec, Instant created, int requiredSlots) {
        this.id = id;
        this.job = job;
        this.spec = spec;
        this.created = created;
        this.lastModified = created;
        this.stateTransitionTime = created;
        this.requiredSlots = requiredSlots;
    }

    public String id() {
        return id;
    }

    /** Moves to {@code next}, keeping the job's counts right. */
    public void setState(TaskState next, Instant at) {
        if (next == state) {
            return;
        }
        TaskState from = state;
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
