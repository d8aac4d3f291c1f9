package io.github.batchtranscode.internal.azure;

import io.github.batchtranscode.internal.engine.PlannedFile;

/**
 * The URL each task of a run reads its input from — its staged blob, or its source blob read in place — made (a
 * read-only SAS signed, or a plain URL for the node identity) when the task is built, so a run keeps no map of
 * SAS URLs however many files it has.
 */
final class TaskInputs {
    private static final TaskInputs NONE = new TaskInputs(null, null, null);

    private final TaskUrls urls;
    /** The container the inputs are read from; null for {@link #none()}. */
    private final String container;
    /** Gives a file's blob in {@link #container}. */
    private final java.util.function.Function<PlannedFile, String> blob;

    private TaskInputs(TaskUrls urls, String container, java.util.function.Function<PlannedFile, String> blob) {
        this.urls = urls;
        this.container = container;
        this.blob = blob;
    }

    /**
     * Inputs staged in {@code container} under the names {@code blob} gives. The URL of {@code first} is made at
     * once: what signing needs (a user delegation key) is then asked for while staging, so a refusal fails the run
     * before any pool or job exists.
     *
     * @throws io.github.batchtranscode.StagingException when no SAS can be signed (e.g. no user delegation key)
     */
    static TaskInputs of(TaskUrls urls, String container, java.util.function.Function<PlannedFile, String> blob,
            PlannedFile first) {
        TaskInputs inputs = new TaskInputs(urls, container, blob);
        inputs.url(first);
        return inputs;
    }

    /** Nothing staged: no task is to be added (nothing to do, or the run was cancelled while staging). */
    static TaskInputs none() {
        return NONE;
    }

    boolean isEmpty() {
        return container == null;
    }

    /** The URL the task of {@code f} reads its input from. */
    String url(PlannedFile f) {
        if (isEmpty()) {
            throw new IllegalStateException("no input was staged for task " + f.taskId());
        }
        return urls.read(container, blob.apply(f));
    }
}
