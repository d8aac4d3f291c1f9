package io.github.batchtranscode;

import io.github.batchtranscode.model.TranscodeReport;
import java.time.Duration;
import java.util.Objects;

/**
 * {@link TranscodeJob#await(Duration)} gave up waiting: <b>the job goes on running</b>. Nothing was cancelled;
 * {@link #partialReport()} is how far it had got. Wait again, watch it with a listener, or {@link TranscodeJob#cancel()}
 * it. This is not {@link TranscodeTimeoutException}, which means the run's own budget
 * ({@link TranscodeSession.Builder#runTimeout(Duration)}) passed and the run was cancelled.
 *
 * <pre>{@code
 * TranscodeReport report;
 * try {
 *     report = job.await(Duration.ofMinutes(10));
 * } catch (AwaitTimeoutException e) {
 *     System.out.println(e.partialReport().succeeded() + " done so far; still running: " + e.jobId());
 *     report = job.await();                          // or job.cancel()
 * }
 * }</pre>
 */
public class AwaitTimeoutException extends TranscodeException {
    private static final long serialVersionUID = 1L;
    private final String jobId;
    private final Duration waited;
    private final transient TranscodeReport partialReport;

    public AwaitTimeoutException(String message, String jobId, Duration waited, TranscodeReport partialReport) {
        super(message);
        this.jobId = Objects.requireNonNull(jobId, "jobId == null");
        this.waited = Objects.requireNonNull(waited, "waited == null");
        this.partialReport = Objects.requireNonNull(partialReport, "partialReport == null");
    }

    /** The id of the job that is still running. */
    public String jobId() {
        return jobId;
    }

    /** How long {@code await} waited. */
    public Duration waited() {
        return waited;
    }

    /** The report when the wait ended; unfinished files are {@code PENDING} or {@code RUNNING}. */
    public TranscodeReport partialReport() {
        return partialReport;
    }
}
