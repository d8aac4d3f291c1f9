package io.github.batchtranscode;

import io.github.batchtranscode.model.TranscodeReport;
import java.time.Duration;
import java.util.Objects;

/**
 * The run's time budget passed and <b>the run was cancelled</b>: {@link TranscodeSession.Builder#runTimeout(Duration)}
 * (on Azure also the Batch job's maximum run time, which is derived from it). Files that had not finished are
 * {@code FAILED} with {@link io.github.batchtranscode.model.FailureCode#TIMEOUT}; {@link #partialReport()} holds
 * every row. Completes {@link TranscodeJob#completion()} exceptionally and is thrown by {@code await}.
 *
 * <pre>{@code
 * try {
 *     report = job.await();
 * } catch (TranscodeTimeoutException e) {
 *     System.err.println("stopped after " + e.runTimeout() + "; rerun with OverwritePolicy.SKIP_EXISTING for the "
 *             + e.partialReport().failed() + " unfinished files");
 * }
 * }</pre>
 *
 * <p>{@code await(Duration)} giving up while the job goes on is {@link AwaitTimeoutException}, not this.
 */
public class TranscodeTimeoutException extends TranscodeException {
    private static final long serialVersionUID = 1L;
    private final Duration runTimeout;
    private final transient TranscodeReport partialReport;

    public TranscodeTimeoutException(String message, Duration runTimeout, TranscodeReport partialReport) {
        super(message);
        this.runTimeout = Objects.requireNonNull(runTimeout, "runTimeout == null");
        this.partialReport = Objects.requireNonNull(partialReport, "partialReport == null");
    }

    /** The budget that passed. */
    public Duration runTimeout() {
        return runTimeout;
    }

    /** The final report: unfinished files are {@code FAILED} with {@code TIMEOUT}. */
    public TranscodeReport partialReport() {
        return partialReport;
    }
}
