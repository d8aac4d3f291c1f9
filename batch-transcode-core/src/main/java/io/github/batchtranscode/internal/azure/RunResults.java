package io.github.batchtranscode.internal.azure;

import com.microsoft.azure.batch.protocol.models.CloudTask;
import io.github.batchtranscode.internal.engine.PlannedFile;
import io.github.batchtranscode.model.FailureCode;import io.github.batchtranscode.model.FileResult;
import io.github.batchtranscode.model.FileStatus;
import io.github.batchtranscode.model.OutputResult;
import io.github.batchtranscode.model.Phase;
import java.nio.file.Path;
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
                try {
                    run.sink.finished(result(task));
                } catch (RuntimeException e) {
                    run.sink.finished(fetchFailed(task, e));
                } finally {
                    pending.arriveAndDeregister();
                }
            });
        });
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
                run.sink.finished(FileResult.builder().input(f.input()).status(FileStatus.FAILED)
                        .error("the task for this file was" + " never added to job " + run.jobId + " (the submitting process stopped while adding tasks);" + " submit the request again with OverwritePolicy.SKIP_EXISTING to transcode only what is" + " missing")
                        .failureCode(FailureCode.NOT_SUBMITTED).endTime(run.clock.instant()).taskId(f.taskId())
                        .inputBytes(f.inputBytes()).build());
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
            run.sink.finished(FileResult.builder().input(f.input()).status(FileStatus.FAILED)
                    .error(why + "; run the request again" + " with OverwritePolicy.SKIP_EXISTING to redo only the missing files")
                    .failureCode(timeout ? FailureCode.TIMEOUT : FailureCode.JOB_ENDED).endTime(run.clock.instant())
                    .taskId(f.taskId()).inputBytes(f.inputBytes()).build());
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
            row = row.toBuilder().outputBytes(bytes).build();
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
            return seen.toBuilder().input(f.input()).output(null).inputDurationSeconds(p.source().mediaSeconds())
                    .outputDurationSeconds(null).inputBytes(f.inputBytes()).outputBytes(null).outputBlob(null)
                    .outputs(videoResults.failed(f, p, md5, seen.error())).build();
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
            return FileResult.builder().input(f.input()).output(outs.get(0).path()).status(FileStatus.SUCCEEDED)
                    .exitCode(exit).inputDurationSeconds(inSeconds).outputDurationSeconds(outs.get(0).durationSeconds())
                    .startTime(start).endTime(end).attempts(attempts).requeues(requeues).taskId(taskId).worker(worker)
                    .inputBytes(f.inputBytes()).outputBytes(bytes).outputBlob(VideoTasks.blob(md5, first, 0))
                    .outputs(outs).build();
        }
        String error = bad.get(0).path() + ": " + bad.get(0).error()
                + (bad.size() > 1 ? " (and " + (bad.size() - 1) + " more output(s) failed)" : "");
        return FileResult.builder().input(f.input()).status(FileStatus.FAILED).exitCode(exit).error(error)
                .failureCode(VideoResults.failureCode(p, outs)).inputDurationSeconds(inSeconds)
                .outputDurationSeconds(bad.get(0).durationSeconds()).startTime(start).endTime(end).attempts(attempts)
                .requeues(requeues).taskId(taskId).worker(worker).inputBytes(f.inputBytes()).outputs(outs).build();
    }

    /** The row of a task whose logs or output could not be fetched: what the service said, and why it failed here. */
    private FileResult fetchFailed(CloudTask task, RuntimeException e) {
        PlannedFile f = run.files.get(task.id());
        FileResult seen = TaskOutcome.of(task, f, run.outputBlob(f), "", "");
        String why = (seen.succeeded() ? "the file was transcoded, but its result could not be fetched"
                : "the task failed and its logs could not be fetched") + ": " + Redact.secrets(String.valueOf(e.getMessage()))
                + (seen.succeeded() ? "; the output stays in container [" + run.outputContainer(f) + "] as "
                + seen.outputBlob() : "");
        return FileResult.builder().input(seen.input()).status(FileStatus.FAILED).exitCode(seen.exitCode()).error(why)
                .failureCode(FailureCode.RESULT_FETCH).inputDurationSeconds(seen.inputDurationSeconds())
                .outputDurationSeconds(seen.outputDurationSeconds()).startTime(seen.startTime()).endTime(seen.endTime())
                .attempts(seen.attempts()).requeues(seen.requeues()).taskId(seen.taskId()).worker(seen.worker())
                .inputBytes(seen.inputBytes()).build();
    }
}
