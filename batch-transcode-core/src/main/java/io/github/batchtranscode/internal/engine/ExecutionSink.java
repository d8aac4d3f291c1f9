package io.github.batchtranscode.internal.engine;

import io.github.batchtranscode.TranscodeException;
import io.github.batchtranscode.model.FileResult;
import io.github.batchtranscode.model.Phase;

/** What a backend reports while it runs a plan. Thread-safe: backends call it from any thread. */
public interface ExecutionSink {
    /** A step of the story; the first call for a phase starts that phase's clock. */
    void phase(Phase phase, String message);

    /**
     * A per-file step (an upload, a download): told to listeners like {@link #phase}, logged at DEBUG only. It does
     * not start the phase's clock: per-file work may overlap other phases (downloads while tasks run), which
     * {@link #busy} records.
     */
    default void detail(Phase phase, String message) {
        phase(phase, message);
    }

    /**
     * Work of {@code phase} ran from {@code start} to {@code end}, possibly while other phases' work ran too (a
     * download while tasks run): the report's {@link io.github.batchtranscode.model.PhaseTimeline} counts it as busy
     * time of that phase. Files' task times are counted as {@code running} without being reported here.
     */
    default void busy(Phase phase, java.time.Instant start, java.time.Instant end) {
    }

    /** A file's task started on a worker or node. */
    void started(String taskId, String worker);

    /** A file reached a final status. A second report for the same task id is ignored and logged. */
    void finished(FileResult result);

    /** The backend retried {@code count} requests or transfers after transient errors. */
    void retried(long count);

    /** Something the user should know that did not fail a file. */
    void warn(String warning);

    /**
     * A time limit kept outside this process ended the run (on Azure, the service ended the job at its maximum run
     * time, {@code after}): once the run completes, the job fails with a {@link
     * io.github.batchtranscode.TranscodeTimeoutException} of limit {@code JOB_MAX_RUN_TIME}, as it would after its
     * {@code runTimeout}. The backend reports the unfinished files as {@code TIMEOUT} itself.
     */
    default void jobTimeLimitPassed(java.time.Duration after) {
    }

    /** Every file has been reported (files never reported are turned into failed rows by the engine). */
    void complete();

    /** The run cannot go on; files not yet reported are failed with this error's message. */
    void fail(TranscodeException error);

    /** Whether cancel was requested. */
    boolean cancelled();
}
