package io.github.batchtranscode.testkit.batch.internal.service;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.Set;

/** A simulated compute node. Mutable; every access holds the {@link EmulatorState} lock. */
public final class NodeRecord {
    public final String id;
    public final PoolRecord pool;
    public final int index;
    public final Path root;
    public final Instant allocated;
    public final boolean dedicated;
    public final Set<TaskRecord> running = new LinkedHashSet<>();
    public String state = "starting";
    public Instant stateTransitionTime;
    public int runningSlots;
    public int totalTasksRun;
    public int totalTasksSucceeded;
    public ObjectNode startTaskInfo;
    public final ArrayNode errors = BatchJson.array();
    /** The start task process while it runs, to kill on close. */
    public volatile Process startTaskProcess;

    public NodeRecord(String id, PoolRecord pool, int index, Path root, Instant allocated, boolean dedicated) {
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

    public int freeSlots() {
        return schedulable() ? pool.slotsPerNode - runningSlots : 0;
    }

    public void setState(String next, Instant at) {
        if (!next.equals(state)) {
            state = next;
            stateTransitionTime = at;
        }
    }
}
