package io.github.batchtranscode;

import io.github.batchtranscode.model.FileResult;
import io.github.batchtranscode.model.PhaseEvent;
import io.github.batchtranscode.model.ProgressSnapshot;
import io.github.batchtranscode.model.TaskStarted;

/**
 * Receives a run's events. Every method has a no-op default, so implement only what you need.
 *
 * <pre>{@code
 * TranscodeListener listener = new TranscodeListener() {
 *     public void onTaskFinished(FileResult r) { System.out.println(r.input() + " " + r.status()); }
 * };
 * session.submit(request, listener);
 * }</pre>
 *
 * <p>Threading: methods are called one at a time (never concurrently for one job), from a thread of the
 * library's; they must return quickly and must not block. An exception a listener throws is logged and
 * swallowed: it never fails the run.
 */
public interface TranscodeListener {
    /** A step of the run's story happened (staging, pool, submitting, ...). */
    default void onPhase(PhaseEvent event) {
    }

    /** A file's transcoding started (again, on a retry). */
    default void onTaskStarted(TaskStarted event) {
    }

    /** A file reached a final status. Called once per file. */
    default void onTaskFinished(FileResult result) {
    }

    /**
     * Counts changed, or time passed: at most every 200 ms, and at least once a second while files run (so a
     * progress line's elapsed time and ETA keep moving during a long file or between Azure polls). The last call
     * carries the final counts.
     */
    default void onProgress(ProgressSnapshot progress) {
    }

    /** A listener that does nothing. */
    static TranscodeListener none() {
        return new TranscodeListener() {
        };
    }
}
