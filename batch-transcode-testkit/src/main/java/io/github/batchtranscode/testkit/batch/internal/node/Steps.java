package io.github.batchtranscode.testkit.batch.internal.node;

import java.time.Instant;

/** Receives the end of one timed step of a task's run (see {@link io.github.batchtranscode.testkit.batch.TaskSpan}). */
@FunctionalInterface
interface Steps {
    /** Nothing is recorded (start tasks). */
    Steps NONE = (step, start) -> { };

    /** The step {@code step}, begun at {@code start}, has just ended. */
    void done(String step, Instant start);
}
