package io.github.batchtranscode.testkit.batch.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;

/** A task's spec and its execution state. Mutable; every access holds the {@link EmulatorState} lock. */
public final class TaskRecord {
    final String id;
    final JobRecord job;
    final ObjectNode spec;
    final Instant created;
    final int requiredSlots;
    String etag = Times.newEtag();
    Instant lastModified;
    TaskState state = TaskState.ACTIVE;
    Instant stateTransitionTime;
    TaskState previousState;
    Instant previousStateTransitionTime;
    ObjectNode constraints;
    Instant startTime;
    Instant endTime;
    Integer exitCode;
    ObjectNode failureInfo;
    String result;
    int retryCount;
    Instant lastRetryTime;
    int requeueCount;
    Instant lastRequeueTime;
    NodeRecord node;
    /** Where the task ran last (kept after completion for nodeInfo and files). */
    NodeRecord lastNode;
    boolean deleted;
    boolean terminateRequested;
    /** Increases whenever a run is abandoned (preemption, terminate), so a stale runner's results are ignored. */
    int generation;
    volatile Process process;

    TaskRecord(String id, JobRecord job, ObjectNode spec, Instant created, int requiredSlots) {
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
    void setState(TaskState next, Instant at) {
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
    int maxRetries() {
        if (constraints != null && constraints.hasNonNull("maxTaskRetryCount")) {
            return constraints.get("maxTaskRetryCount").asInt();
        }
        if (job.constraints != null && job.constraints.hasNonNull("maxTaskRetryCount")) {
            return job.constraints.get("maxTaskRetryCount").asInt();
        }
        return 0;
    }
}
