package io.github.batchtranscode.internal.azure;

import io.github.batchtranscode.internal.engine.Loggers;
import io.github.batchtranscode.model.Phase;
import org.slf4j.Logger;

/**
 * The last step of a run, and what a failed or cancelled run does instead: deletes what the cleanup policy says
 * (this run's staged files, the job, a pool the run created) and terminates the job of a run that stopped early.
 */
final class RunCleanup {
    private static final Logger LOG = Loggers.AZURE;

    private final RunContext run;
    private final RunStaging staging;

    RunCleanup(RunContext run, RunStaging staging) {
        this.run = run;
        this.staging = staging;
    }

    void cleanup() {
        var policy = run.options.cleanup();
        if (policy.deleteStagedInputs()) {
            releaseInputs();
        }
        if (policy.deleteJob() && run.jobCreated) {
            run.sink.phase(Phase.CLEANUP, "Deleting job [" + run.jobId + "]...");
            run.batch.deleteJob(run.jobId);
        }
        if (policy.deletePool() && run.poolCreated) {
            run.sink.phase(Phase.CLEANUP, "Deleting pool [" + run.options.pool().id() + "]...");
            run.batch.deletePool(run.options.pool().id());
        }
    }

    /**
     * Deletes what this run staged in the input container: its script and arguments (a node plan's too), its
     * references, and each input no other live job references. The container itself stays: other runs may be
     * staging to it.
     */
    private void releaseInputs() {
        String in = run.options.inputContainer();
        run.sink.phase(Phase.CLEANUP, "Deleting this run's inputs from container [" + in + "]...");
        run.blobs.deleteBlob(in, run.layout.scriptBlob());
        run.blobs.deleteBlob(in, run.layout.argsBlob());
        run.videoArgBlobs.forEach(b -> run.blobs.deleteBlob(in, b));
        if (run.nodePlan != null) { // the node plan and its argument files (RunStaging)
            run.blobs.deleteBlob(in, run.layout.jobPrefix() + NodePlan.PLAN_FILE);
            run.nodePlan.argumentFiles().keySet()
                    .forEach(name -> run.blobs.deleteBlob(in, run.layout.jobPrefix() + name));
        }
        if (run.stagedInputs.isEmpty()) {
            return;
        }
        try (Transfers transfers = new Transfers(run.options.transferParallelism(), run.jobId + "-cleanup")) {
            int deleted = staging.release(transfers);
            LOG.info("job {}: deleted {} staged input(s); {} kept for other jobs", run.jobId, deleted,
                    run.stagedInputs.size() - deleted);
        }
    }

    /** Terminates the job (if one may exist) of a run that stopped early; a failure to do so is only logged. */
    void terminateQuietly(String reason) {
        if (!run.jobCreated && !run.jobAddSent) {
            return;
        }
        try {
            if (run.cancelled && run.jobCreated) {
                run.sink.phase(Phase.CLEANUP, "Cancelled: terminating job [" + run.jobId + "]");
            }
            run.batch.terminateJob(run.jobId, reason); // a job that was never created answers 404, which is fine
        } catch (RuntimeException e) {
            LOG.warn("job {} could not be terminated: {}", run.jobId, Redact.secrets(e.getMessage()));
        }
    }
}
