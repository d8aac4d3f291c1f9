package io.github.batchtranscode.internal.engine;

/** A started plan, as the engine sees it. */
public interface Execution {
    /** The backend's id for the run (the Batch job id, or the local run id). */
    String id();

    /**
     * Stops the run: no new file starts, running work is killed. The backend then reports the stopped files as
     * failed with code {@code CANCELLED} and calls {@link ExecutionSink#complete()}.
     */
    void cancel();
}
