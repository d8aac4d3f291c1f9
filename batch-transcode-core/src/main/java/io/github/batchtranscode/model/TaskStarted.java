package io.github.batchtranscode.model;

import java.time.Instant;
import java.util.Objects;

/**
 * A file's transcoding started.
 *
 * <pre>{@code
 * TranscodeListener starts = new TranscodeListener() {
 *     @Override
 *     public void onTaskStarted(TaskStarted t) {
 *         System.out.println(t.input() + " started on " + t.worker());
 *     }
 * };
 * }</pre>
 *
 * @param input  the input path relative to the input directory
 * @param taskId the file's task id
 * @param worker the worker or node running it, or {@code null} if not known
 * @param time   when it started
 */
public record TaskStarted(String input, String taskId, String worker, Instant time) {
    public TaskStarted {
        Objects.requireNonNull(input, "input == null");
        Objects.requireNonNull(taskId, "taskId == null");
        Objects.requireNonNull(time, "time == null");
    }
}
