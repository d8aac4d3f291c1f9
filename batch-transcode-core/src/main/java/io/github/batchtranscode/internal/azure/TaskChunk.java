package io.github.batchtranscode.internal.azure;

import com.microsoft.azure.batch.protocol.models.TaskAddParameter;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * One {@code Task_AddCollection} request body: its tasks and each task's JSON, written once. The body is
 * {@code {"value":[task,task,…]}}, the same bytes whichever way the chunk is later split.
 *
 * @param tasks the tasks, in order
 * @param json  each task's JSON object, in the same order
 */
record TaskChunk(List<TaskAddParameter> tasks, List<byte[]> json) {
    private static final byte[] OPEN = "{\"value\":[".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    private static final byte[] CLOSE = "]}".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    /** The bytes of a body around its tasks: the envelope. */
    static final int ENVELOPE = OPEN.length + CLOSE.length;

    TaskChunk {
        tasks = List.copyOf(tasks);
        json = List.copyOf(json);
        if (tasks.size() != json.size() || tasks.isEmpty()) {
            throw new IllegalArgumentException("a chunk needs one JSON object per task, and a task");
        }
    }

    int size() {
        return tasks.size();
    }

    /** The request body. */
    byte[] body() {
        int length = ENVELOPE + json.size() - 1;
        for (byte[] j : json) {
            length += j.length;
        }
        byte[] body = new byte[length];
        System.arraycopy(OPEN, 0, body, 0, OPEN.length);
        int at = OPEN.length;
        for (int i = 0; i < json.size(); i++) {
            if (i > 0) {
                body[at++] = ',';
            }
            byte[] j = json.get(i);
            System.arraycopy(j, 0, body, at, j.length);
            at += j.length;
        }
        System.arraycopy(CLOSE, 0, body, at, CLOSE.length);
        return body;
    }

    /** The first half of the tasks (the larger half of an odd count goes second); only for two or more tasks. */
    TaskChunk firstHalf() {
        int half = tasks.size() / 2;
        return new TaskChunk(tasks.subList(0, half), json.subList(0, half));
    }

    TaskChunk secondHalf() {
        int half = tasks.size() / 2;
        return new TaskChunk(tasks.subList(half, tasks.size()), json.subList(half, json.size()));
    }

    /**
     * Chunks of at most {@code maxTasks} tasks whose body stays under {@code maxBytes}, written lazily as the
     * iterator advances: only the chunks being sent hold JSON, however many tasks there are. A single task larger
     * than {@code maxBytes} still gets a chunk of its own (the service answers 413 and the caller reports it).
     */
    static Iterator<TaskChunk> chunks(List<TaskAddParameter> tasks, int maxTasks, int maxBytes) {
        return chunks(tasks.size(), tasks::get, maxTasks, maxBytes);
    }

    /**
     * Chunks of the tasks of {@code ids}, each task built by {@code build} only when its chunk is written: only
     * the chunks being sent hold task parameters or JSON, however many tasks there are. Each task is built once.
     */
    static Iterator<TaskChunk> chunks(List<String> ids, java.util.function.Function<String, TaskAddParameter> build,
            int maxTasks, int maxBytes) {
        return chunks(ids.size(), i -> build.apply(ids.get(i)), maxTasks, maxBytes);
    }

    private static Iterator<TaskChunk> chunks(int count, java.util.function.IntFunction<TaskAddParameter> task,
            int maxTasks, int maxBytes) {
        return new Iterator<>() {
            private int next;
            private TaskAddParameter pendingTask;
            private byte[] pendingJson;

            @Override
            public boolean hasNext() {
                return next < count;
            }

            @Override
            public TaskChunk next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                List<TaskAddParameter> part = new ArrayList<>();
                List<byte[]> json = new ArrayList<>();
                long bytes = ENVELOPE - 1; // n objects need n - 1 commas
                while (next < count && part.size() < maxTasks) {
                    TaskAddParameter t = pendingTask != null ? pendingTask : task.apply(next);
                    byte[] j = pendingJson != null ? pendingJson : TaskJson.task(t);
                    pendingTask = null;
                    pendingJson = null;
                    if (!part.isEmpty() && bytes + j.length + 1 >= maxBytes) {
                        pendingTask = t; // starts the next chunk: built and written once
                        pendingJson = j;
                        break;
                    }
                    part.add(t);
                    json.add(j);
                    bytes += j.length + 1;
                    next++;
                }
                return new TaskChunk(part, json);
            }
        };
    }
}
