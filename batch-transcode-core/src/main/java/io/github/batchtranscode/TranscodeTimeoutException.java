package io.github.batchtranscode;

import io.github.batchtranscode.model.TranscodeReport;
import java.time.Duration;
import java.util.Objects;

/**
 * The run's time ran out before every file finished: either the session's
 * {@link TranscodeSession.Builder#runTimeout(Duration) runTimeout} passed and the run was cancelled, or, on Azure,
 * the Batch service ended the job at its {@link io.github.batchtranscode.model.AzureOptions.Builder#jobMaxRunTime(Duration)
 * jobMaxRunTime}; {@link #limit()} says which. Either way files that had not finished are {@code FAILED} with
 * {@link io.github.batchtranscode.model.FailureCode#TIMEOUT}, the files that finished keep their rows, and
 * {@link #partialReport()} holds every row. Completes {@link TranscodeJob#completion()} exceptionally and is thrown
 * by {@code await}.
 *
 * <pre>{@code
 * try {
 *     report = job.await();
 * } catch (TranscodeTimeoutException e) {
 *     System.err.println("stopped by " + e.limit() + " after " + e.runTimeout() + "; rerun with"
 *             + " OverwritePolicy.SKIP_EXISTING for the " + e.partialReport().failed() + " unfinished files");
 * }
 * }</pre>
 *
 * <p>{@code await(Duration)} giving up while the job goes on is {@link AwaitTimeoutException}, not this. A single
 * file's {@code fileTimeout} fails only that file's row and throws nothing.
 */
public class TranscodeTimeoutException extends TranscodeException {
    private static final long serialVersionUID = 1L;
    private final Duration runTimeout;
    private final Limit limit;
    private final transient TranscodeReport partialReport;

    /** Which time limit ended the run. */
    public enum Limit {
        /** {@link TranscodeSession.Builder#runTimeout(Duration)} passed in this process; the run was cancelled. */
        RUN_TIMEOUT,
        /**
         * The Batch service ended the job at
         * {@link io.github.batchtranscode.model.AzureOptions.Builder#jobMaxRunTime(Duration)} (terminate reason
         * {@code MaxWallClockTimeExpiry}); this process then cleaned up as after any run.
         */
        JOB_MAX_RUN_TIME
    }

    /** A {@link Limit#RUN_TIMEOUT}. */
    public TranscodeTimeoutException(String message, Duration runTimeout, TranscodeReport partialReport) {
        this(message, Limit.RUN_TIMEOUT, runTimeout, partialReport);
    }

    public TranscodeTimeoutException(String message, Limit limit, Duration runTimeout, TranscodeReport partialReport) {
        super(message);
        this.limit = Objects.requireNonNull(limit, "limit == null");
        this.runTimeout = Objects.requireNonNull(runTimeout, "runTimeout == null");
        this.partialReport = Objects.requireNonNull(partialReport, "partialReport == null");
    }

    /** The time limit that passed: the session's {@code runTimeout}, or the job's {@code jobMaxRunTime}. */
    public Duration runTimeout() {
        return runTimeout;
    }

    /** Which setting's limit passed, and so which to raise. */
    public Limit limit() {
        return limit;
    }

    /** The final report: unfinished files are {@code FAILED} with {@code TIMEOUT}. */
    public TranscodeReport partialReport() {
        return partialReport;
    }
}
