package io.github.batchtranscode.examples;

import io.github.batchtranscode.TranscodeSession;
import java.io.PrintStream;

/**
 * Closes a session when the JVM is asked to stop (Ctrl-C / SIGINT, SIGTERM): the session cancels its jobs, so a
 * Batch job is terminated — not left running until its maximum run time — before the process exits.
 *
 * <pre>{@code
 * try (TranscodeSession session = builder.build(); CancelOnShutdown hook = new CancelOnShutdown(session, err)) {
 *     report = session.submit(request).await();
 * }
 * }</pre>
 */
final class CancelOnShutdown implements AutoCloseable {
    private final Thread hook;

    CancelOnShutdown(TranscodeSession session, PrintStream err) {
        this.hook = new Thread(() -> {
            err.println("Stopping: cancelling the run (a Batch job is terminated before this exits)...");
            err.flush();
            session.close();
            err.println("Stopped.");
            err.flush();
        }, "batch-transcode-cancel-on-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
    }

    /** Removes the hook once the run is over; a no-op while the JVM is already shutting down. */
    @Override
    public void close() {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running or has run: it closes the session itself
        }
    }
}
