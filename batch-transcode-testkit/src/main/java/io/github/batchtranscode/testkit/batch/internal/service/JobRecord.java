package io.github.batchtranscode.testkit.batch.internal.service;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A job and its tasks, indexed by id and kept in insertion order for listing. Counts per state are kept up to
 * date as tasks move, so task counts and the all-tasks-complete check cost O(1). Guarded by the state lock.
 */
public final class JobRecord {
    public final String id;
    public final ObjectNode spec;
    public final Instant created;
    public final List<TaskRecord> order = new ArrayList<>();
    final Map<String, TaskRecord> byId = new HashMap<>();
    final Map<TaskState, int[]> counts = new EnumMap<>(TaskState.class);
    public int succeeded;
    public int failed;
    public int succeededSlots;
    public int failedSlots;
    public String etag = Times.newEtag();
    public Instant lastModified;
    public String state = "active";
    public Instant stateTransitionTime;
    public String previousState;
    public Instant previousStateTransitionTime;
    public String poolId;
    public String onAllTasksComplete;
    public String onTaskFailure;
    public int priority;
    public int maxParallelTasks;
    public ObjectNode constraints;
    public Instant endTime;
    public String terminateReason;

    public JobRecord(String id, ObjectNode spec, Instant created) {
        this.id = id;
        this.spec = spec;
        this.created = created;
        this.lastModified = created;
        this.stateTransitionTime = created;
        for (TaskState s : TaskState.values()) {
            counts.put(s, new int[2]);
        }
    }

    public String id() {
        return id;
    }

    public TaskRecord task(String taskId) {
        return byId.get(taskId.toLowerCase(Locale.ROOT));
    }

    public void addTask(TaskRecord task) {
        order.add(task);
        byId.put(task.id.toLowerCase(Locale.ROOT), task);
        int[] c = counts.get(task.state);
        c[0]++;
        c[1] += task.requiredSlots;
    }

    public void removeTask(TaskRecord task) {
        if (byId.remove(task.id.toLowerCase(Locale.ROOT)) == null) {
            return;
        }
        task.deleted = true;
        int[] c = counts.get(task.state);
        c[0]--;
        c[1] -= task.requiredSlots;
        if (task.state == TaskState.COMPLETED) {
            countResult(task, -1);
        }
    }

    void moved(TaskRecord task, TaskState from, TaskState to) {
        int[] a = counts.get(from);
        a[0]--;
        a[1] -= task.requiredSlots;
        int[] b = counts.get(to);
        b[0]++;
        b[1] += task.requiredSlots;
        if (from == TaskState.COMPLETED) {
            countResult(task, -1);
        }
        if (to == TaskState.COMPLETED) {
            countResult(task, 1);
        }
    }

    private void countResult(TaskRecord task, int delta) {
        if ("success".equals(task.result)) {
            succeeded += delta;
            succeededSlots += delta * task.requiredSlots;
        } else {
            failed += delta;
            failedSlots += delta * task.requiredSlots;
        }
    }

    public int count(TaskState s) {
        return counts.get(s)[0];
    }

    public int slots(TaskState s) {
        return counts.get(s)[1];
    }

    public boolean allTasksComplete() {
        return byId.size() == count(TaskState.COMPLETED);
    }

    public boolean acceptsTasks() {
        return state.equals("active");
    }

    public void setState(String next, Instant at) {
        if (!next.equals(state)) {
            previousState = state;
            previousStateTransitionTime = stateTransitionTime;
            state = next;
            stateTransitionTime = at;
        }
    }
}
