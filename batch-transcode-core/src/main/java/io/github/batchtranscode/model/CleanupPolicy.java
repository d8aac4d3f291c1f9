package io.github.batchtranscode.model;

/**
 * What an Azure run deletes when it ends.
 *
 * <pre>{@code
 * AzureOptions options = azure.toBuilder()
 *         .cleanup(CleanupPolicy.deleteAll())          // or new CleanupPolicy(true, true, false)
 *         .build();
 * }</pre>
 *
 * @param deleteInputContainer delete the inputs this run staged, except those another live run references (the
 *                             tutorial deletes its input container; the container itself stays here, since other
 *                             runs may share it)
 * @param deleteJob            delete the Batch job (its tasks and their node files go with it)
 * @param deletePool           delete the pool, but only when this session created it
 */
public record CleanupPolicy(boolean deleteInputContainer, boolean deleteJob, boolean deletePool) {
    /** The tutorial's default: delete this run's staged inputs, keep the job and the pool. */
    public static CleanupPolicy tutorial() {
        return new CleanupPolicy(true, false, false);
    }

    /** Delete nothing (inputs stay uploaded, so a rerun uploads nothing new). */
    public static CleanupPolicy keepAll() {
        return new CleanupPolicy(false, false, false);
    }

    /** Delete this run's staged inputs, the job, and the pool if created here. */
    public static CleanupPolicy deleteAll() {
        return new CleanupPolicy(true, true, true);
    }
}
