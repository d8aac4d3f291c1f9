package io.github.batchtranscode.testkit.batch.internal.service;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NavigableMap;
import java.util.NavigableSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A job and its tasks, indexed by id and kept in insertion order for listing. Counts per state are kept up to
 * date as tasks move, so task counts and the all-tasks-complete check cost O(1); the tasks of each state (in
 * insertion order) and the completed tasks by completion time are indexed too, so a monitor's listing of the
 * running tasks or of the tasks completed since a time costs what it returns, not the job's size. Guarded by the
 * state lock.
 */
public final class JobRecord {
    public final String id;
    public final ObjectNode spec;
    public final Instant created;
    public final List<TaskRecord> order = new ArrayList<>();
    final Map<String, TaskRecord> byId = new HashMap<>();
    final Map<TaskState, int[]> counts = new EnumMap<>(TaskState.class);
    private final Map<TaskState, NavigableMap<Integer, TaskRecord>> byState = new EnumMap<>(TaskState.class);
    private final NavigableSet<TaskRecord> completedByTime = new TreeSet<>(
            Comparator.comparing((TaskRecord t) -> t.stateTransitionTime).thenComparingInt(t -> t.seq));
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
    /** The job's {@code jobPreparationTask} as added, or null. */
    public final ObjectNode preparation;
    /** The Job Preparation task per node id, in the order the nodes first got a task of the job. */
    public final Map<String, JobPrepRecord> preparedNodes = new java.util.LinkedHashMap<>();

    public JobRecord(String id, ObjectNode spec, Instant created) {
        this.id = id;
        this.spec = spec;
        this.created = created;
        this.lastModified = created;
        this.stateTransitionTime = created;
        this.preparation = spec.get("jobPreparationTask") instanceof ObjectNode p ? p : null;
        for (TaskState s : TaskState.values()) {
            counts.put(s, new int[2]);
            byState.put(s, new TreeMap<>());
        }
    }

    public String id() {
        return id;
    }

    /** Whether the job's tasks wait on a node until its Job Preparation task succeeded there (the default). */
    public boolean waitsForPreparation() {
        return preparation != null && preparation.path("waitForSuccess").asBoolean(true);
    }

    public TaskRecord task(String taskId) {
        return byId.get(taskId.toLowerCase(Locale.ROOT));
    }

    public void addTask(TaskRecord task) {
        task.seq = order.size();
        order.add(task);
        index(task);
        byId.put(task.id.toLowerCase(Locale.ROOT), task);
        int[] c = counts.get(task.state);
        c[0]++;
        c[1] += task.requiredSlots;
    }

    public void removeTask(TaskRecord task) {
        if (byId.remove(task.id.toLowerCase(Locale.ROOT)) == null) {
            return;
        }
        leaving(task);
        task.deleted = true;
        int[] c = counts.get(task.state);
        c[0]--;
        c[1] -= task.requiredSlots;
        if (task.state == TaskState.COMPLETED) {
            countResult(task, -1);
        }
    }

    /** Takes a task out of the state indexes before its state or transition time changes. */
    void leaving(TaskRecord task) {
        byState.get(task.state).remove(task.seq);
        if (task.state == TaskState.COMPLETED) {
            completedByTime.remove(task);
        }
    }

    private void index(TaskRecord task) {
        byState.get(task.state).put(task.seq, task);
        if (task.state == TaskState.COMPLETED) {
            completedByTime.add(task);
        }
    }

    /** The tasks in state {@code s} from position {@code from} on, in insertion order. */
    public Collection<TaskRecord> inState(TaskState s, int from) {
        return byState.get(s).tailMap(from, true).values();
    }

    /** The completed tasks whose state changed at or after {@code since}, in insertion order from {@code from} on. */
    public List<TaskRecord> completedSince(Instant since, int from) {
        TaskRecord probe = new TaskRecord("", this, BatchJson.object(), since, 1);
        probe.seq = Integer.MIN_VALUE;
        List<TaskRecord> recent = new ArrayList<>();
        for (TaskRecord t : completedByTime.tailSet(probe, true)) {
            if (t.seq >= from) {
                recent.add(t);
            }
        }
        recent.sort(Comparator.comparingInt(t -> t.seq));
        return recent;
    }

    void moved(TaskRecord task, TaskState from, TaskState to) {
        index(task);
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
