package io.github.batchtranscode.internal.azure;

import com.microsoft.azure.batch.protocol.models.CloudTask;
import io.github.batchtranscode.internal.engine.PlannedFile;
import io.github.batchtranscode.model.FailureCode;
import io.github.batchtranscode.model.FileResult;
import io.github.batchtranscode.model.FileStatus;
import io.github.batchtranscode.model.OutputResult;
import io.github.batchtranscode.model.Phase;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Builds the one report row of a video input from the tasks that make it (one, or one per rendition, see
 * {@link VideoUnits}): each task's outcome is kept until the input's last task is in, then every output is fetched
 * and verified — or FAILED with the reason of the task that was to make it. The row is SUCCEEDED only if every
 * output is. Thread-safe: tasks complete on several transfer threads.
 */
final class VideoRows {
    /** What became of one task: its row as the service tells it, or why it never ran. */
    private record Outcome(boolean ok, FileResult seen) {
    }

    private final RunContext run;
    private final VideoResults results;
    /** The input's task id, by the id of each of its tasks. */
    private final Map<String, String> owners = new ConcurrentHashMap<>();
    private final Map<String, Map<String, Outcome>> outcomes = new ConcurrentHashMap<>();

    VideoRows(RunContext run, VideoResults results) {
        this.run = run;
        this.results = results;
    }

    /** Registers the tasks to wait for: every task of the inputs that own one of {@code taskIds}. */
    void expect(java.util.Collection<String> taskIds) {
        run.videoPlans.forEach((fileId, p) -> p.units().forEach(u -> owners.put(u.taskId(), fileId)));
        owners.keySet().retainAll(taskIds);
    }

    /** The task of an input that completed; the input's row once it was its last. */
    Optional<FileResult> completed(CloudTask task) {
        PlannedFile f = file(task.id());
        boolean ok = TaskOutcome.succeeded(task);
        String stderr = ok ? "" : run.blobs.text(run.options.outputContainer(), run.layout.stderrBlob(task.id()));
        return record(task.id(), new Outcome(ok, TaskOutcome.of(task, f, null, "", stderr)));
    }

    /** A task that will never run (the job ended, or it was never added); the input's row once it was its last. */
    Optional<FileResult> never(String taskId, FailureCode code, String error) {
        PlannedFile f = file(taskId);
        return record(taskId, new Outcome(false, FileResult.builder().input(f.input()).status(FileStatus.FAILED)
                .error(error).failureCode(code).endTime(run.time.now()).taskId(taskId)
                .inputBytes(f.inputBytes()).build()));
    }

    /** The row of an input all of whose outputs are in the container: fetched and verified, no task. */
    FileResult reused(PlannedFile f) {
        VideoTasks.Planned p = run.videoPlans.get(f.taskId());
        String md5 = run.md5s.get(f.taskId());
        run.sink.detail(Phase.DOWNLOADING, "Downloading and verifying the existing outputs of " + f.input());
        return row(f, p, md5, results.fetch(f, p, md5), List.of());
    }

    private PlannedFile file(String taskId) {
        return run.files.get(owners.getOrDefault(taskId, taskId));
    }

    private Optional<FileResult> record(String taskId, Outcome outcome) {
        String fileId = owners.getOrDefault(taskId, taskId);
        VideoTasks.Planned p = run.videoPlans.get(fileId);
        Map<String, Outcome> seen = outcomes.computeIfAbsent(fileId, k -> new ConcurrentHashMap<>());
        seen.put(taskId, outcome);
        long expected = p.units().stream().filter(u -> owners.containsKey(u.taskId())).count();
        synchronized (seen) {
            if (seen.size() < Math.max(1, expected) || seen.containsKey("")) {
                return Optional.empty();
            }
            seen.put("", outcome); // the row is built once
        }
        PlannedFile f = run.files.get(fileId);
        try {
            return Optional.of(build(f, p, seen));
        } catch (RuntimeException e) {
            return Optional.of(FileResult.builder().input(f.input()).status(FileStatus.FAILED)
                    .error("the input's tasks ended, but their outputs could not be fetched: "
                            + Redact.secrets(String.valueOf(e.getMessage())) + "; they stay in container ["
                            + run.options.outputContainer() + "]")
                    .failureCode(FailureCode.RESULT_FETCH).endTime(run.time.now()).taskId(f.taskId())
                    .inputBytes(f.inputBytes()).build());
        }
    }

    private FileResult build(PlannedFile f, VideoTasks.Planned p, Map<String, Outcome> seen) {
        String md5 = run.md5s.get(f.taskId());
        List<VideoTasks.Unit> failed = new ArrayList<>();
        List<FileResult> facts = new ArrayList<>();
        for (VideoTasks.Unit u : p.units()) {
            Outcome o = seen.get(u.taskId());
            if (o != null) {
                facts.add(o.seen());
                if (!o.ok()) {
                    failed.add(u);
                }
            }
        }
        if (failed.size() < facts.size() || facts.isEmpty()) {
            run.sink.detail(Phase.DOWNLOADING, "Downloading and verifying the outputs of " + f.input());
        }
        List<OutputResult> outs = results.collect(f, p, md5, (part, output) -> failed.stream()
                .filter(u -> u.makes(part, output)).map(u -> seen.get(u.taskId()).seen().error())
                .map(e -> e == null ? "its task failed" : e).findFirst().orElse(null));
        FileResult row = row(f, p, md5, outs, facts);
        if (!failed.isEmpty() && row.status() == FileStatus.FAILED) {
            FileResult first = seen.get(failed.get(0).taskId()).seen();
            String error = p.units().size() > 1 ? "task " + failed.get(0).taskId() + ": " + first.error()
                    + (failed.size() > 1 ? " (and " + (failed.size() - 1) + " more task(s) failed)" : "")
                    : first.error();
            return row.toBuilder().output(null).status(FileStatus.FAILED).exitCode(first.exitCode())
                    .error(error).failureCode(first.failureCode()).outputDurationSeconds(null).outputBytes(null)
                    .outputBlob(null).build();
        }
        return row;
    }

    /** An input's row from its outputs and the facts of its tasks (none when nothing ran). */
    private FileResult row(PlannedFile f, VideoTasks.Planned p, String md5, List<OutputResult> outs,
            List<FileResult> facts) {
        Double inSeconds = p.source().mediaSeconds();
        Integer exit = facts.stream().map(FileResult::exitCode).filter(Objects::nonNull).reduce((a, b) -> b)
                .orElse(null);
        Instant start = facts.stream().map(FileResult::startTime).filter(Objects::nonNull)
                .min(Comparator.naturalOrder()).orElse(null);
        Instant end = facts.stream().map(FileResult::endTime).filter(Objects::nonNull).max(Comparator.naturalOrder())
                .orElse(run.time.now());
        int attempts = facts.stream().mapToInt(FileResult::attempts).sum();
        int requeues = facts.stream().mapToInt(FileResult::requeues).sum();
        String worker = facts.stream().map(FileResult::worker).filter(Objects::nonNull).findFirst().orElse(null);
        List<OutputResult> bad = outs.stream().filter(o -> !o.succeeded()).toList();
        FileResult.Builder b = FileResult.builder().input(f.input()).exitCode(exit).inputDurationSeconds(inSeconds)
                .startTime(start).endTime(end).attempts(attempts).requeues(requeues).taskId(f.taskId())
                .worker(worker).inputBytes(f.inputBytes()).outputs(outs);
        if (bad.isEmpty()) {
            long bytes = outs.stream().mapToLong(o -> o.bytes() == null ? 0 : o.bytes()).sum();
            return b.output(outs.get(0).path()).status(FileStatus.SUCCEEDED)
                    .outputDurationSeconds(outs.get(0).durationSeconds()).outputBytes(bytes)
                    .outputBlob(VideoTasks.blob(md5, p.parts().get(0), 0)).build();
        }
        String error = bad.get(0).path() + ": " + bad.get(0).error()
                + (bad.size() > 1 ? " (and " + (bad.size() - 1) + " more output(s) failed)" : "");
        return b.status(FileStatus.FAILED).error(error).failureCode(VideoResults.failureCode(p, outs))
                .outputDurationSeconds(bad.get(0).durationSeconds()).build();
    }
}
