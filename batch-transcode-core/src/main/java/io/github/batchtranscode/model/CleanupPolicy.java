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
 * @param deleteStagedInputs delete the inputs this run staged, except those another live run references (the
 *                           containers themselves stay, since other runs may share them)
 * @param deleteJob          delete the Batch job (its tasks and their node files go with it)
 * @param deletePool         delete the pool, but only when this session created it
 */
public record CleanupPolicy(boolean deleteStagedInputs, boolean deleteJob, boolean deletePool) {
    /**
     * The default: delete this run's staged inputs, keep the job (to look at its tasks) and the pool (to reuse
     * it). The Azure Batch tutorial cleans up the same way.
     */
    public static CleanupPolicy stagedInputsOnly() {
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
