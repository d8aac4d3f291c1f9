package io.github.batchtranscode.model;

/**
 * Where one input file stands. A finished report holds only {@link #SUCCEEDED} and {@link #FAILED}.
 *
 * <pre>{@code
 * long running = job.report().files().stream().filter(f -> f.status() == FileStatus.RUNNING).count();
 * }</pre>
 */
public enum FileStatus {
    /** Transcoded, and the output was verified (exists, non-empty, duration matches the input's audio). */
    SUCCEEDED,
    /** Not transcoded; the row's {@code error} says why. The other files are unaffected. */
    FAILED,
    /** Not started yet (only in partial reports). */
    PENDING,
    /** Started, not finished yet (only in partial reports). */
    RUNNING;

    /** Whether this status is final. */
    public boolean isTerminal() {
        return this == SUCCEEDED || this == FAILED;
    }
}
