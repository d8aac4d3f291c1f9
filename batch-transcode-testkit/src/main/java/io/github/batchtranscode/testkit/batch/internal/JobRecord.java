package io.github.batchtranscode.testkit.batch.internal;

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
    final String id;
    final ObjectNode spec;
    final Instant created;
    final List<TaskRecord> order = new ArrayList<>();
    final Map<String, TaskRecord> byId = new HashMap<>();
    final Map<TaskState, int[]> counts = new EnumMap<>(TaskState.class);
    int succeeded;
    int failed;
    int succeededSlots;
    int failedSlots;
    String etag = Times.newEtag();
    Instant lastModified;
    String state = "active";
    Instant stateTransitionTime;
    String previousState;
    Instant previousStateTransitionTime;
    String poolId;
    String onAllTasksComplete;
    String onTaskFailure;
    int priority;
    int maxParallelTasks;
    ObjectNode constraints;
    Instant endTime;
    String terminateReason;

    JobRecord(String id, ObjectNode spec, Instant created) {
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

    TaskRecord task(String taskId) {
        return byId.get(taskId.toLowerCase(Locale.ROOT));
    }

    void addTask(TaskRecord task) {
        order.add(task);
        byId.put(task.id.toLowerCase(Locale.ROOT), task);
        int[] c = counts.get(task.state);
        c[0]++;
        c[1] += task.requiredSlots;
    }

    void removeTask(TaskRecord task) {
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

    int count(TaskState s) {
        return counts.get(s)[0];
    }

    int slots(TaskState s) {
        return counts.get(s)[1];
    }

    boolean allTasksComplete() {
        return byId.size() == count(TaskState.COMPLETED);
    }

    boolean acceptsTasks() {
        return state.equals("active");
    }

    void setState(String next, Instant at) {
        if (!next.equals(state)) {
            previousState = state;
            previousStateTransitionTime = stateTransitionTime;
            state = next;
            stateTransitionTime = at;
        }
    }
}
