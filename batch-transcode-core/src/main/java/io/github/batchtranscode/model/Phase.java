package io.github.batchtranscode.model;

/**
 * The stages of a run, in the order the tutorial goes through them. Not every backend uses every phase.
 *
 * <pre>{@code
 * double poolSeconds = report.phaseSeconds().getOrDefault(Phase.POOL.key(), 0.0);
 * }</pre>
 */
public enum Phase {
    /** Finding input files and deriving task ids and output names. */
    PLANNING,
    /** Creating containers and uploading inputs (Azure). */
    STAGING,
    /** Creating or reusing the pool and waiting for its nodes (Azure). */
    POOL,
    /** Creating the job and adding its tasks (Azure). */
    SUBMITTING,
    /** Tasks are running; progress events follow. */
    RUNNING,
    /** Downloading outputs (Azure). */
    DOWNLOADING,
    /** Deleting what the cleanup policy says to delete. */
    CLEANUP,
    /** The run has ended. */
    DONE;

    /** The lower-case name used as a key in {@link TranscodeReport#phaseSeconds()}. */
    public String key() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
