package io.github.batchtranscode.internal.engine;

/**
 * Where files are transcoded. A backend takes a plan, starts working on it without blocking the caller for
 * long, and reports every file through the sink; the engine turns that into a {@code TranscodeJob}.
 */
public interface Backend extends AutoCloseable {
    /** Which backend this is, as the report tells. */
    io.github.batchtranscode.model.Backend kind();

    /** {@code local} or {@code azure}: the kind's JSON spelling, used in log and thread names. */
    default String name() {
        return kind().json();
    }

    /**
     * Starts the plan. Must report every planned file exactly once through {@link ExecutionSink#finished}, then
     * call {@link ExecutionSink#complete()}; or call {@link ExecutionSink#fail} when the run cannot go on.
     */
    Execution start(TranscodePlan plan, ExecutionSink sink);

    /**
     * Blob Storage for requests whose source or destination is a blob location, or {@code null} when this backend
     * has no storage settings.
     */
    default io.github.batchtranscode.internal.blob.BlobAccess blobAccess() {
        return null;
    }

    /** Releases what this backend created (threads, clients, pools it created). */
    @Override
    void close();
}
