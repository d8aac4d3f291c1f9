package io.github.batchtranscode;

import io.github.batchtranscode.model.TranscodeReport;
import java.util.Objects;

/**
 * The thread waiting in {@link TranscodeJob#await(java.time.Duration)} was interrupted. As with
 * {@link InterruptedException}, the waiting stops but the work does not: <b>the job keeps running</b>, and the
 * thread's interrupt flag is set again before this is thrown, so code further up still sees the interrupt.
 * Call {@link TranscodeJob#cancel()} to stop the job, or {@code await} again to go on waiting.
 *
 * <pre>{@code
 * try {
 *     report = job.await();
 * } catch (TranscodeInterruptedException e) {
 *     job.cancel();                               // stop it too, if the interrupt means "give up"
 *     throw e;
 * }
 * }</pre>
 */
public class TranscodeInterruptedException extends TranscodeException {
    private static final long serialVersionUID = 1L;
    private final transient TranscodeReport partialReport;

    public TranscodeInterruptedException(String message, TranscodeReport partialReport, InterruptedException cause) {
        super(message, cause);
        this.partialReport = Objects.requireNonNull(partialReport, "partialReport == null");
    }

    /** The report at the moment of the interrupt; unfinished files are {@code PENDING} or {@code RUNNING}. */
    public TranscodeReport partialReport() {
        return partialReport;
    }
}
