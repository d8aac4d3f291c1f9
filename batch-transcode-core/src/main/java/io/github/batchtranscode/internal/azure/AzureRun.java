package io.github.batchtranscode.internal.azure;

import io.github.batchtranscode.BackendException;
import io.github.batchtranscode.TranscodeException;
import io.github.batchtranscode.internal.engine.Execution;
import io.github.batchtranscode.internal.engine.ExecutionSink;
import io.github.batchtranscode.internal.engine.Loggers;
import io.github.batchtranscode.internal.engine.PlannedFile;
import io.github.batchtranscode.internal.engine.TranscodePlan;
import io.github.batchtranscode.model.AzureOptions;
import io.github.batchtranscode.model.Phase;
import io.github.batchtranscode.internal.engine.SessionTime;
import java.time.OffsetDateTime;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;

/**
 * One plan on Azure Batch, the tutorial's steps done right: stage inputs ({@link RunStaging}), decide what needs a
 * task ({@link RunSelection}), get a pool, create the job and add the tasks ({@link RunSubmission}), monitor and
 * fetch the results ({@link RunResults}), clean up ({@link RunCleanup}). This class holds the sequence and the
 * run's lifecycle: it runs on a thread of its own; {@link #cancel()} terminates the job.
 */
final class AzureRun implements Execution {
    private static final Logger LOG = Loggers.AZURE;
    /** How long {@link #cancel()} waits for the job to be terminated. */
    public static final int CANCEL_WAIT_SECONDS = 60;

    private final RunContext run;
    private final RunStaging staging;
    private final RunSelection selection;
    private final RunSubmission submission;
    private final RunResults results;
    private final RunCleanup cleanup;
    private volatile Thread runner;
    /** Completed once the job is terminated, or when the run ends (the job is then done or never existed). */
    private final CompletableFuture<Void> stopped = new CompletableFuture<>();
    private long retriesAtStart;
    private long mediaBytesAtStart;

    /**
     * @param attachJobId the id of an existing job to re-adopt (nothing is uploaded or added), or {@code null} to
     *                    run the plan as a new job
     */
    AzureRun(TranscodePlan plan, ExecutionSink sink, AzureOptions options, BatchGateway batch, BlobStore blobs,
            SessionTime time, String attachJobId) {
        this(plan, sink, options, batch, blobs, time, attachJobId, null);
    }

    /** @param video the planner of video presets, or null for an audio request */
    AzureRun(TranscodePlan plan, ExecutionSink sink, AzureOptions options, BatchGateway batch, BlobStore blobs,
            SessionTime time, String attachJobId, VideoTasks video) {
        this(plan, sink, options, batch, blobs, time, attachJobId, video, null);
    }

    /** @param nodePlan the formats planned on the nodes (blob locations), or null */
    AzureRun(TranscodePlan plan, ExecutionSink sink, AzureOptions options, BatchGateway batch, BlobStore blobs,
            SessionTime time, String attachJobId, VideoTasks video, NodePlan nodePlan) {
        boolean attached = attachJobId != null;
        String jobId = attached ? attachJobId : options.jobId() != null ? options.jobId() : defaultJobId(plan.runId());
        this.run = new RunContext(plan, sink, options, batch, blobs, time, jobId, attached, video, nodePlan);
        this.staging = new RunStaging(run);
        this.submission = new RunSubmission(run);
        this.results = new RunResults(run, () -> stopped.complete(null));
        this.selection = new RunSelection(run, results);
        this.cleanup = new RunCleanup(run, staging);
    }

    /**
     * A job id no other run picks: the run id (time and 16 random bits) plus 32 more random bits, so runs started
     * in the same second by different processes or machines do not share a job.
     */
    static String defaultJobId(String runId) {
        return "bt-" + runId.replaceFirst("^azure-", "") + "-"
                + String.format("%08x", ThreadLocalRandom.current().nextInt());
    }

    @Override
    public String id() {
        return run.jobId;
    }

    /**
     * Stops the run and returns once its Batch job is terminated (or was never created), waiting at most
     * {@value #CANCEL_WAIT_SECONDS} s. The run's thread is interrupted, so an upload, a request or a retry backoff
     * under way ends at once; the thread then terminates the job and deletes what the cleanup policy says.
     * Idempotent and thread-safe.
     */
    @Override
    public void cancel() {
        run.cancelled = true;
        run.stopRequested.complete(null);
        Thread t = runner;
        if (t != null && t != Thread.currentThread()) {
            t.interrupt();
        }
        if (t == Thread.currentThread()) {
            return;
        }
        try {
            if (!run.time.await(stopped, Duration.ofSeconds(CANCEL_WAIT_SECONDS))) {
                LOG.warn("job {} was not terminated within {} s of the cancel; the run goes on trying", run.jobId,
                        CANCEL_WAIT_SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Binds the run to the thread that runs it, so {@link #cancel()} can interrupt what it waits for. */
    void runOn(Thread thread) {
        runner = thread;
    }

    void run() {
        try {
            runSteps();
        } catch (Error e) {
            // e.g. OutOfMemoryError: the run's future must fail (and the job end), not leave the caller waiting
            try {
                failed(new BackendException("the Azure run " + run.jobId + " stopped on " + e, e));
            } catch (RuntimeException | Error ignored) {
                // the error below is what counts
            }
            throw e;
        } finally {
            stopped.complete(null);
        }
    }

    private void runSteps() {
        run.started();
        retriesAtStart = retries();
        mediaBytesAtStart = run.blobs.mediaBytes();
        try (Transfers transfers = new Transfers(run.options.transferParallelism(), run.jobId)) {
            if (run.attached) {
                reattach(transfers);
            } else {
                submitAndMonitor(transfers);
            }
            cleanup.cleanup();
            reportClientBytes();
            run.sink.retried(retries() - retriesAtStart);
            run.sink.complete();
        } catch (TranscodeException e) {
            LOG.debug("run {} failed", run.jobId, e);
            failed(e);
        } catch (RuntimeException e) {
            failed(new BackendException("the Azure run " + run.jobId + " failed: "
                    + Redact.secrets(String.valueOf(e.getMessage())), e));
        }
    }

    private void submitAndMonitor(Transfers transfers) {
        // SAS outlive the job by 30 min: the job's maximum run time is what is left of the timeout (see submit).
        // The service checks the expiry against its own clock: it is read from the wall clock (BlobStore.serviceNow).
        OffsetDateTime expiry = BlobStore.serviceNow().plus(run.options.jobMaxRunTime()).plusMinutes(30);
        staging.hashInputs(transfers);
        List<PlannedFile> todo = run.cancelled ? List.of() : selection.todo(transfers);
        // cancel() is checked between steps: a run cancelled while uploading must not go on to create a pool.
        TaskInputs inputs = todo.isEmpty() || run.cancelled ? TaskInputs.none()
                : staging.stage(todo, transfers, expiry);
        if (!inputs.isEmpty() && !run.cancelled) {
            submission.ensurePool();
        }
        if (!inputs.isEmpty() && !run.cancelled) {
            results.monitor(submission.submit(todo, inputs, expiry), transfers);
        }
    }

    /** Re-adopts the job: what its plan record says it holds, reported as its tasks complete; nothing is added. */
    private void reattach(Transfers transfers) {
        run.jobCreated = true;
        PlanRecord.contents(run.blobs, run.layout).ifPresent(record -> { // read once: it may hold 100,000 files
            run.md5s.putAll(record.md5s());
            if (run.video != null) {
                run.videoPlans.putAll(record.videoPlans()); // the inputs may not be here
            }
            run.destinations.putAll(record.destinations());
            run.inPlace.addAll(record.inPlace());
        });
        run.files.values().stream().filter(f -> run.md5s.containsKey(f.taskId()) && !run.inPlace.contains(f.taskId()))
                .forEach(f -> run.stagedInputs.add(new StagedInputs.Input(run.md5s.get(f.taskId()), run.inputBlob(f),
                        null)));
        Set<String> present = new HashSet<>();
        run.batch.tasks(run.jobId, null, "id").forEach(t -> present.add(t.id()));
        run.sink.phase(Phase.RUNNING, "Re-attached to job [" + run.jobId + "] with " + present.size() + " task(s)");
        Set<String> watch = results.attachable(present);
        run.batch.terminateJobWhenTasksComplete(run.jobId);
        results.monitor(watch, transfers);
    }

    /**
     * The run stopped on an error — or because {@link #cancel()} interrupted what it was doing: the job is
     * terminated; a cancelled run is still cleaned up and completes as cancelled.
     */
    private void failed(TranscodeException e) {
        boolean interrupted = Thread.interrupted(); // the requests below must not fail on a cancel's interrupt
        cleanup.terminateQuietly(run.cancelled ? "UserTerminate" : "ClientRunFailed");
        stopped.complete(null);
        if (run.cancelled) {
            try {
                cleanup.cleanup();
            } catch (RuntimeException ce) {
                LOG.warn("cleanup of cancelled job {} failed: {}", run.jobId, Redact.secrets(ce.getMessage()));
            }
        }
        run.sink.retried(retries() - retriesAtStart);
        if (run.cancelled) {
            run.sink.complete();
        } else {
            run.sink.fail(e);
        }
        if (interrupted && !run.cancelled) {
            Thread.currentThread().interrupt();
        }
    }

    /** Retried requests of this backend's clients; a run reports what it adds to this. */
    private long retries() {
        return run.batch.retries() + run.blobs.retries();
    }

    /** Tells how many bytes of media passed through this process (none, for blobs in and out). */
    private void reportClientBytes() {
        long bytes = run.blobs.mediaBytes() - mediaBytesAtStart;
        run.sink.phase(Phase.CLEANUP, "This process moved " + bytes + " byte(s) of media"
                + (run.source != null && bytes == 0 ? ": the tasks read the source blobs and wrote the outputs directly"
                : ""));
    }
}
