package io.github.batchtranscode.testkit.batch.internal.service;

import io.github.batchtranscode.testkit.batch.TaskSpan;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/**
 * The most recent {@value #CAPACITY} task spans, oldest dropped first, so a long simulated run cannot grow it
 * without bound. Thread-safe; recording never takes the {@link EmulatorState} lock.
 */
public final class TaskSpans {
    static final int CAPACITY = 50_000;
    private final Deque<TaskSpan> spans = new ArrayDeque<>();

    /** Records a step of a task that ran (or waited) on {@code nodeId}, which may be null. */
    public void record(String jobId, String taskId, String nodeId, String step, Instant start, Instant end) {
        TaskSpan span = new TaskSpan(jobId, taskId, nodeId, step, start, end.isBefore(start) ? start : end);
        synchronized (spans) {
            if (spans.size() == CAPACITY) {
                spans.removeFirst();
            }
            spans.addLast(span);
        }
    }

    /** A copy, in the order the spans ended. */
    public List<TaskSpan> snapshot() {
        synchronized (spans) {
            return List.copyOf(spans);
        }
    }

    public void clear() {
        synchronized (spans) {
            spans.clear();
        }
    }
}
