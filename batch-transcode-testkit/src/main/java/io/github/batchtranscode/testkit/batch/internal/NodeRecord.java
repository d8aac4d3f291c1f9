package io.github.batchtranscode.testkit.batch.internal;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.Set;

/** A simulated compute node. Mutable; every access holds the {@link EmulatorState} lock. */
public final class NodeRecord {
    final String id;
    final PoolRecord pool;
    final int index;
    final Path root;
    final Instant allocated;
    final boolean dedicated;
    final Set<TaskRecord> running = new LinkedHashSet<>();
    String state = "starting";
    Instant stateTransitionTime;
    int runningSlots;
    int totalTasksRun;
    int totalTasksSucceeded;
    ObjectNode startTaskInfo;
    final ArrayNode errors = BatchJson.array();
    /** The start task process while it runs, to kill on close. */
    volatile Process startTaskProcess;

    NodeRecord(String id, PoolRecord pool, int index, Path root, Instant allocated, boolean dedicated) {
        this.id = id;
        this.pool = pool;
        this.index = index;
        this.root = root;
        this.allocated = allocated;
        this.stateTransitionTime = allocated;
        this.dedicated = dedicated;
    }

    public String id() {
        return id;
    }

    boolean schedulable() {
        return state.equals("idle") || state.equals("running");
    }

    int freeSlots() {
        return schedulable() ? pool.slotsPerNode - runningSlots : 0;
    }

    void setState(String next, Instant at) {
        if (!next.equals(state)) {
            state = next;
            stateTransitionTime = at;
        }
    }
}
