package io.github.batchtranscode;

import io.github.batchtranscode.model.ProgressSnapshot;
import io.github.batchtranscode.model.TranscodeReport;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * A submitted run: wait for it, watch it, or cancel it.
 *
 * <pre>{@code
 * TranscodeJob job = session.submit(request);
 * job.completion().thenAccept(r -> System.out.println(r.succeeded() + " files done"));
 * TranscodeReport report = job.await(Duration.ofMinutes(30));
 * }</pre>
 *
 * <p>Thread-safe. Every file ends as a row of the report: a file that fails to transcode does not fail the
 * job; the job fails only when the run could not go on (configuration, storage, pool start, service errors).
 */
public interface TranscodeJob {
    /** The job id: the Azure Batch job id, or a generated run id on the local backend. */
    String id();

    /**
     * A future completed with the final report once every file is finished. It never completes with a
     * report missing a planned file. It fails with a {@link TranscodeException}: {@link TranscodeCancelledException}
     * after {@link #cancel()}, {@link TranscodeTimeoutException} when the session's
     * {@link TranscodeSession.Builder#runTimeout(Duration) runTimeout} passed (the run was cancelled), others when
     * the run could not go on. Cancelling this future cancels the job.
     */
    CompletableFuture<TranscodeReport> completion();

    /**
     * Waits for the final report at most {@code timeout}. Waiting is all it bounds: when {@code timeout} passes
     * first the job goes on (the run's own budget is {@link TranscodeSession.Builder#runTimeout(Duration)}).
     *
     * @throws AwaitTimeoutException       when {@code timeout} passes first; carries the partial report. The job
     *                                     keeps running: {@code await} again, or call {@link #cancel()} to stop it
     * @throws TranscodeTimeoutException   when the run's runTimeout passed and the run was cancelled; carries the
     *                                     final report
     * @throws TranscodeCancelledException when the job was cancelled; carries the partial report
     * @throws TranscodeInterruptedException when the waiting thread is interrupted: the job keeps running, the
     *                                     thread's interrupt flag is set again; carries the partial report
     * @throws TranscodeException          when the run failed
     */
    TranscodeReport await(Duration timeout);

    /** Waits for the final report without a deadline; fails as {@link #await(Duration)} does. */
    TranscodeReport await();

    /**
     * Stops the job: no new file starts, running ffmpeg processes are killed (local) or the Batch job is
     * terminated (Azure). Files stopped this way are {@code FAILED} with the reason "cancelled". Idempotent and
     * thread-safe.
     *
     * <p>Returns once the work has stopped: locally when every ffmpeg process is gone (at most about 7 s per
     * process that ignores its termination signal); on Azure when the Batch job has been terminated (or was never
     * created), waiting at most {@value io.github.batchtranscode.internal.azure.AzureRun#CANCEL_WAIT_SECONDS} s —
     * past that it logs a warning and returns while the run goes on trying to terminate the job. Uploads,
     * requests and retry backoffs under way are interrupted.
     */
    void cancel();

    /**
     * The report as it stands now, every planned file a row; unfinished files are {@code PENDING} or
     * {@code RUNNING} and {@link TranscodeReport#complete()} is false until the job has ended. Never blocks for
     * long; thread-safe. After the job ended it equals the final report.
     */
    TranscodeReport report();

    /** The counts as they stand now (cheaper than {@link #report()}: no rows); thread-safe. */
    ProgressSnapshot progress();
}
