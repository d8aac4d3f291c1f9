package io.github.batchtranscode;

import io.github.batchtranscode.model.TranscodeReport;
import java.util.Objects;

/**
 * The job was cancelled before every file finished. {@link #partialReport()} lists what finished; files that
 * were stopped are {@code FAILED} with the reason "cancelled".
 *
 * <pre>{@code
 * job.cancel();
 * try {
 *     job.await();
 * } catch (TranscodeCancelledException e) {
 *     e.partialReport().writeJson(Path.of("output/report.json"));
 * }
 * }</pre>
 */
public class TranscodeCancelledException extends TranscodeException {
    private static final long serialVersionUID = 1L;
    private final transient TranscodeReport partialReport;

    public TranscodeCancelledException(String message, TranscodeReport partialReport) {
        super(message);
        this.partialReport = Objects.requireNonNull(partialReport, "partialReport == null");
    }

    /** The report at the moment the job was cancelled. */
    public TranscodeReport partialReport() {
        return partialReport;
    }
}
