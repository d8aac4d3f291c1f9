package io.github.batchtranscode;

import io.github.batchtranscode.model.TranscodeReport;
import java.util.Objects;

/**
 * A deadline passed before every file finished. {@link #partialReport()} holds what had finished by then;
 * files still pending or running are listed with those statuses.
 *
 * <pre>{@code
 * TranscodeReport report;
 * try {
 *     report = job.await(Duration.ofMinutes(10));
 * } catch (TranscodeTimeoutException e) {
 *     report = e.partialReport();                  // the job keeps running; job.cancel() stops it
 * }
 * }</pre>
 *
 * <p>Thrown by {@link TranscodeJob#await(java.time.Duration)}; the job itself keeps running unless it was
 * the job's own overall timeout that expired (then it has been cancelled).
 */
public class TranscodeTimeoutException extends TranscodeException {
    private static final long serialVersionUID = 1L;
    private final transient TranscodeReport partialReport;

    public TranscodeTimeoutException(String message, TranscodeReport partialReport) {
        super(message);
        this.partialReport = Objects.requireNonNull(partialReport, "partialReport == null");
    }

    /** The report as it stood when the deadline passed. */
    public TranscodeReport partialReport() {
        return partialReport;
    }
}
