package io.github.batchtranscode.internal.azure;

import com.microsoft.azure.batch.protocol.models.CloudTask;
import io.github.batchtranscode.internal.engine.PlannedFile;
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
    private final VideoResults videoResults;

    RunResults(RunContext run, Runnable onTerminated) {
        this.run = run;
        this.onTerminated = onTerminated;
        this.videoResults = run.video == null ? null : new VideoResults(run.blobs, run.options.outputContainer(),
                run.outputDirectory(), run.video.probe(), run.plan.request().verifyOutputs());
    }

    /** Waits for the tasks {@code added} and reports each as it completes. */
    void monitor(Set<String> added, Transfers transfers) {
        if (added.isEmpty()) {
            return;
        }
        run.sink.phase(Phase.RUNNING, "Monitoring all tasks for 'Completed' state, timeout in "
                + run.options.timeout() + "...");
        JobMonitor monitor = new JobMonitor(run.batch, new PoolManager(run.batch, run.options.pool()), run.jobId,
                added, run.sink, run.options.pollInterval(), () -> run.cancelled);
        Phaser pending = new Phaser(1);
        boolean finished = monitor.await(task -> {
            pending.register();
            transfers.submit(() -> {
                Instant fetch = run.clock.instant(); // logs and outputs: downloading's busy time, overlapping tasks
                try {
                    FileResult row = result(task);
                    run.sink.busy(Phase.DOWNLOADING, fetch, run.clock.instant());
                    run.sink.finished(row);
                } catch (RuntimeException e) {
                    run.sink.busy(Phase.DOWNLOADING, fetch, run.clock.instant());
                    run.sink.finished(fetchFailed(task, e));
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
        VideoTasks.Planned p = run.videoPlans.get(f.taskId());
        String md5 = run.md5s.get(f.taskId());
        run.sink.detail(Phase.DOWNLOADING, "Downloading and verifying the existing outputs of " + f.input());
        run.sink.finished(videoRow(f, p, md5, videoResults.fetch(f, p, md5), null));
    }

    /** Files of the recorded plan whose tasks the submitting process never added (it stopped during fan-out). */
    void reportNeverAdded(Set<String> present) {
        for (PlannedFile f : run.files.values()) {
            if (!present.contains(f.taskId())) {
                run.sink.finished(new FileResult(f.input(), null, FileStatus.FAILED, null, "the task for this file was"
                        + " never added to job " + run.jobId + " (the submitting process stopped while adding tasks);"
                        + " submit the request again with OverwritePolicy.SKIP_EXISTING to transcode only what is"
                        + " missing", "NOT_SUBMITTED", null, null, null, run.clock.instant(), 0, 0, f.taskId(), null,
                        f.inputBytes(), null, null));
            }
        }
    }

    /** Reports the files whose tasks will never run because the job ended without them (timeout, terminate). */
    private void reportEnded(JobMonitor monitor) {
        String reason = monitor.endedReason();
        boolean timeout = "MaxWallClockTimeExpiry".equalsIgnoreCase(reason);
        String why = timeout ? "job " + run.jobId + " reached its maximum run time (" + run.options.timeout()
                + ") before this file's task completed"
                : "job " + run.jobId + " ended (" + reason + ") before this file's task completed";
        for (String taskId : monitor.unfinished()) {
            PlannedFile f = run.files.get(taskId);
            run.sink.finished(new FileResult(f.input(), null, FileStatus.FAILED, null, why + "; run the request again"
                    + " with OverwritePolicy.SKIP_EXISTING to redo only the missing files",
                    timeout ? "TIMEOUT" : "JOB_ENDED", null, null, null, run.clock.instant(), 0, 0, f.taskId(), null,
                    f.inputBytes(), null, null));
        }
    }

    private FileResult result(CloudTask task) {
        PlannedFile f = run.files.get(task.id());
        if (run.video != null) {
            return videoResult(task, f);
        }
        boolean ok = TaskOutcome.succeeded(task);
        String logs = run.options.outputContainer();
        String stdout = ok && !run.plan.request().verifyOutputs() ? "" : run.blobs.text(logs, run.layout.stdoutBlob(task.id()));
        String stderr = ok ? "" : run.blobs.text(logs, run.layout.stderrBlob(task.id()));
        FileResult row = TaskOutcome.of(task, f, run.outputBlob(f), stdout, stderr);
        Path out = run.outputFile(f);
        if (ok && out != null) {
            run.sink.detail(Phase.DOWNLOADING, "Downloading " + f.output() + " to " + out);
            long bytes = run.blobs.download(run.outputContainer(f), run.outputBlob(f), out);
            row = new FileResult(row.input(), row.output(), row.status(), row.exitCode(), null, null,
                    row.inputDurationSeconds(), row.outputDurationSeconds(), row.startTime(), row.endTime(), row.attempts(),
                    row.requeues(), row.taskId(), row.worker(), row.inputBytes(), bytes, row.outputBlob());
        }
        return row;
    }

    /** A video task's row: on success every output fetched and verified; otherwise the task's reason on each. */
    private FileResult videoResult(CloudTask task, PlannedFile f) {
        boolean ok = TaskOutcome.succeeded(task);
        String stderr = ok ? "" : run.blobs.text(run.options.outputContainer(), run.layout.stderrBlob(task.id()));
        FileResult seen = TaskOutcome.of(task, f, null, "", stderr);
        VideoTasks.Planned p = run.videoPlans.get(f.taskId());
        String md5 = run.md5s.get(f.taskId());
        if (!ok) {
            return new FileResult(f.input(), null, FileStatus.FAILED, seen.exitCode(), seen.error(),
                    seen.failureCode(), p.source().mediaSeconds(), null, seen.startTime(), seen.endTime(),
                    seen.attempts(), seen.requeues(), seen.taskId(), seen.worker(), f.inputBytes(), null, null,
                    videoResults.failed(f, p, md5, seen.error()));
        }
        run.sink.detail(Phase.DOWNLOADING, "Downloading and verifying the outputs of " + f.input());
        return videoRow(f, p, md5, videoResults.fetch(f, p, md5), seen);
    }

    /**
     * The row of a video input from its outputs: SUCCEEDED only if every output is; {@code seen} holds the task's
     * facts, or is null when no task ran (every output was found in the container).
     */
    FileResult videoRow(PlannedFile f, VideoTasks.Planned p, String md5, List<OutputResult> outs,
            FileResult seen) {
        Double inSeconds = p.source().mediaSeconds();
        Integer exit = seen == null ? null : seen.exitCode();
        java.time.Instant start = seen == null ? null : seen.startTime();
        java.time.Instant end = seen == null ? run.clock.instant() : seen.endTime();
        int attempts = seen == null ? 0 : seen.attempts();
        int requeues = seen == null ? 0 : seen.requeues();
        String taskId = seen == null ? f.taskId() : seen.taskId();
        String worker = seen == null ? null : seen.worker();
        List<OutputResult> bad = outs.stream().filter(o -> !o.succeeded()).toList();
        if (bad.isEmpty()) {
            long bytes = outs.stream().mapToLong(o -> o.bytes() == null ? 0 : o.bytes()).sum();
            VideoTasks.Part first = p.parts().get(0);
            return new FileResult(f.input(), outs.get(0).path(), FileStatus.SUCCEEDED, exit, null, null, inSeconds,
                    outs.get(0).durationSeconds(), start, end, attempts, requeues, taskId, worker, f.inputBytes(),
                    bytes, VideoTasks.blob(md5, first, 0), outs);
        }
        String error = bad.get(0).path() + ": " + bad.get(0).error()
                + (bad.size() > 1 ? " (and " + (bad.size() - 1) + " more output(s) failed)" : "");
        return new FileResult(f.input(), null, FileStatus.FAILED, exit, error, VideoResults.failureCode(p, outs),
                inSeconds, bad.get(0).durationSeconds(), start, end, attempts, requeues, taskId, worker,
                f.inputBytes(), null, null, outs);
    }

    /** The row of a task whose logs or output could not be fetched: what the service said, and why it failed here. */
    private FileResult fetchFailed(CloudTask task, RuntimeException e) {
        PlannedFile f = run.files.get(task.id());
        FileResult seen = TaskOutcome.of(task, f, run.outputBlob(f), "", "");
        String why = (seen.succeeded() ? "the file was transcoded, but its result could not be fetched"
                : "the task failed and its logs could not be fetched") + ": " + Redact.secrets(String.valueOf(e.getMessage()))
                + (seen.succeeded() ? "; the output stays in container [" + run.outputContainer(f) + "] as "
                + seen.outputBlob() : "");
        return new FileResult(seen.input(), null, FileStatus.FAILED, seen.exitCode(), why, "RESULT_FETCH",
                seen.inputDurationSeconds(), seen.outputDurationSeconds(), seen.startTime(), seen.endTime(),
                seen.attempts(), seen.requeues(), seen.taskId(), seen.worker(), seen.inputBytes(), null, null);
    }
}
