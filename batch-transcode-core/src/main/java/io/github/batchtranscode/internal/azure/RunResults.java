package io.github.batchtranscode.internal.azure;

import com.microsoft.azure.batch.protocol.models.CloudTask;
import io.github.batchtranscode.internal.engine.PlannedFile;
import io.github.batchtranscode.model.FailureCode;
import io.github.batchtranscode.model.FileResult;
import io.github.batchtranscode.model.FileStatus;
import io.github.batchtranscode.model.OutputResult;
import io.github.batchtranscode.model.Phase;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Phaser;

/**
 * The monitoring step of a run: waits for the tasks, turns each completed task into its report row (fetching,
 * downloading and, for video, verifying its outputs on a transfer thread), and reports the files whose tasks will
 * never run. A cancel seen while waiting terminates the job.
 */
final class RunResults {
    private final RunContext run;
    /** Runs once the job is terminated on a cancel: {@link AzureRun#cancel()} may then return. */
    private final Runnable onTerminated;
    /** Null for an audio run. */
    private final VideoRows videoRows;
    /** Non-null when the formats are planned on the nodes. */
    private final NodeRows nodeRows;

    RunResults(RunContext run, Runnable onTerminated) {
        this.run = run;
        this.onTerminated = onTerminated;
        this.videoRows = run.video == null ? null : new VideoRows(run, new VideoResults(run.blobs,
                run.options.outputContainer(), run.outputDirectory(), run.video.probe(),
                run.plan.request().verifyOutputs()));
        this.nodeRows = run.nodePlan == null ? null : new NodeRows(run);
    }

    /** Waits for the tasks {@code added} and reports each as it completes. */
    void monitor(Set<String> added, Transfers transfers) {
        if (added.isEmpty()) {
            return;
        }
        run.sink.phase(Phase.RUNNING, "Monitoring all tasks for 'Completed' state, timeout in "
                + run.options.jobMaxRunTime() + "...");
        JobMonitor monitor = new JobMonitor(run.batch, new PoolManager(run.batch, run.options.pool()), run.jobId,
                added, run.sink, run.options.pollInterval(), () -> run.cancelled, run.time, run.stopRequested);
        if (videoRows != null) {
            videoRows.expect(added);
        }
        Phaser pending = new Phaser(1);
        boolean finished = monitor.await(task -> {
            pending.register();
            transfers.submit(() -> {
                Instant fetch = run.time.now(); // logs and outputs: downloading's busy time, overlapping tasks
                try {
                    if (nodeRows != null) {
                        FileResult row = nodeRows.completed(task);
                        run.sink.busy(Phase.DOWNLOADING, fetch, run.time.now());
                        run.sink.finished(row);
                    } else if (videoRows != null) {
                        videoRows.completed(task).ifPresent(run.sink::finished);
                        run.sink.busy(Phase.DOWNLOADING, fetch, run.time.now());
                    } else {
                        FileResult row = result(task);
                        run.sink.busy(Phase.DOWNLOADING, fetch, run.time.now());
                        run.sink.finished(row);
                    }
                } catch (RuntimeException e) {
                    run.sink.busy(Phase.DOWNLOADING, fetch, run.time.now());
                    if (videoRows != null) { // the input's other tasks may still come: its one row waits for them
                        videoRows.never(task.id(), FailureCode.RESULT_FETCH, "the task's logs could not be fetched: "
                                + Redact.secrets(String.valueOf(e.getMessage()))).ifPresent(run.sink::finished);
                    } else {
                        run.sink.finished(fetchFailed(task, e));
                    }
                } finally {
                    pending.arriveAndDeregister();
                }
            });
        });
        int fetching = pending.getRegisteredParties() - 1;
        if (fetching > 0) { // only now is the run waiting on downloads: the phase starts here, not at the first
            run.sink.phase(Phase.DOWNLOADING, "Waiting for the results of " + fetching + " task(s)...");
        }
        pending.arriveAndAwaitAdvance();
        if (monitor.endedReason() != null) {
            reportEnded(monitor);
        }
        if (!finished) {
            Thread.interrupted(); // a cancel's interrupt must not fail the terminate it asked for
            run.sink.phase(Phase.CLEANUP, "Cancelled: terminating job [" + run.jobId + "]");
            run.batch.terminateJob(run.jobId, "UserTerminate");
            onTerminated.run();
        }
    }

    /** Reports a video input whose outputs are all in the container already: fetched and verified, no task. */
    void reused(PlannedFile f) {
        run.sink.finished(videoRows.reused(f));
    }

    /**
     * Reports the files of the recorded plan whose tasks the submitting process never added (it stopped during
     * fan-out) — for video, any of its tasks — and returns the ids of the tasks to watch.
     */
    Set<String> attachable(Set<String> present) {
        Set<String> watch = new java.util.HashSet<>();
        for (PlannedFile f : run.files.values()) {
            VideoTasks.Planned p = run.video == null ? null : run.videoPlans.get(f.taskId());
            List<String> ids = p == null || p.units().isEmpty() ? List.of(f.taskId())
                    : p.units().stream().map(VideoTasks.Unit::taskId).toList();
            if (present.containsAll(ids)) {
                watch.addAll(ids);
                continue;
            }
            run.sink.finished(FileResult.builder().input(f.input()).status(FileStatus.FAILED)
                    .error("the task for this file was never added to job " + run.jobId + " (the submitting process"
                            + " stopped while adding tasks); submit the request again with"
                            + " OverwritePolicy.SKIP_EXISTING to transcode only what is missing")
                    .failureCode(FailureCode.NOT_SUBMITTED).endTime(run.time.now()).taskId(f.taskId())
                    .inputBytes(f.inputBytes()).build());
        }
        return watch;
    }

    /** Reports the files whose tasks will never run because the job ended without them (timeout, terminate). */
    private void reportEnded(JobMonitor monitor) {
        String reason = monitor.endedReason();
        boolean timeout = "MaxWallClockTimeExpiry".equalsIgnoreCase(reason);
        if (timeout && !monitor.unfinished().isEmpty()) {
            run.sink.jobTimeLimitPassed(run.options.jobMaxRunTime()); // the run fails as after its runTimeout
        }
        String why = monitor.endedDetail() != null ? monitor.endedDetail()
                : timeout ? "job " + run.jobId + " reached its maximum run time (AzureOptions.jobMaxRunTime " + run.options.jobMaxRunTime()
                + ") before this file's task completed"
                : "job " + run.jobId + " ended (" + reason + ") before this file's task completed";
        String what = why + "; run the request again with OverwritePolicy.SKIP_EXISTING to redo only the missing"
                + " files";
        for (String taskId : monitor.unfinished()) {
            if (videoRows != null) {
                FailureCode code = timeout ? FailureCode.TIMEOUT : FailureCode.JOB_ENDED;
                videoRows.never(taskId, code, what).ifPresent(run.sink::finished);
                continue;
            }
            PlannedFile f = run.files.get(taskId);
            run.sink.finished(FileResult.builder().input(f.input()).status(FileStatus.FAILED).error(what)
                    .failureCode(timeout ? FailureCode.TIMEOUT : FailureCode.JOB_ENDED).endTime(run.time.now())
                    .taskId(f.taskId()).inputBytes(f.inputBytes()).build());
        }
    }

    private FileResult result(CloudTask task) {
        PlannedFile f = run.files.get(task.id());
        boolean ok = TaskOutcome.succeeded(task);
        String logs = run.options.outputContainer();
        String stdout = ok && !run.plan.request().verifyOutputs() ? "" : run.blobs.text(logs, run.layout.stdoutBlob(task.id()));
        String stderr = ok ? "" : run.blobs.text(logs, run.layout.stderrBlob(task.id()));
        FileResult row = TaskOutcome.of(task, f, run.outputBlob(f), stdout, stderr);
        Path out = run.outputFile(f);
        if (ok && out != null) {
            run.sink.detail(Phase.DOWNLOADING, "Downloading " + f.output() + " to " + out);
            long bytes = run.blobs.download(run.outputContainer(f), run.outputBlob(f), out);
            row = row.toBuilder().outputBytes(bytes).build();
        }
        io.github.batchtranscode.model.BlobLocation source = run.plan.request().inputBlobs();
        if (!ok && source != null) { // which blob it was, as the local backend says it
            row = io.github.batchtranscode.internal.blob.SourceRows.named(row, source);
        }
        return AudioRowOutputs.with(row, f, formatKey(), run.outputBlob(f), ok);
    }

    private String formatKey() {
        return run.plan.request().formats().get(0).key();
    }

    /** The row of a task whose logs or output could not be fetched: what the service said, and why it failed here. */
    private FileResult fetchFailed(CloudTask task, RuntimeException e) {
        PlannedFile f = run.files.get(run.fileOf(task.id()));
        FileResult seen = TaskOutcome.of(task, f, run.outputBlob(f), "", "");
        String why = (seen.succeeded() ? "the file was transcoded, but its result could not be fetched"
                : "the task failed and its logs could not be fetched") + ": " + Redact.secrets(String.valueOf(e.getMessage()))
                + (seen.succeeded() ? "; the output stays in container [" + run.outputContainer(f) + "] as "
                + seen.outputBlob() : "");
        FileResult row = FileResult.builder().input(seen.input()).status(FileStatus.FAILED).exitCode(seen.exitCode())
                .error(why).failureCode(FailureCode.RESULT_FETCH).inputDurationSeconds(seen.inputDurationSeconds())
                .outputDurationSeconds(seen.outputDurationSeconds()).startTime(seen.startTime()).endTime(seen.endTime())
                .attempts(seen.attempts()).requeues(seen.requeues()).taskId(seen.taskId()).worker(seen.worker())
                .inputBytes(seen.inputBytes()).build();
        return AudioRowOutputs.with(row, f, formatKey(), seen.outputBlob(), seen.succeeded());
    }
}
