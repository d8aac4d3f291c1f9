package io.github.batchtranscode.internal.azure;

import io.github.batchtranscode.internal.engine.PlannedFile;
import io.github.batchtranscode.model.FileResult;
import io.github.batchtranscode.model.FileStatus;
import io.github.batchtranscode.model.OutputResult;
import io.github.batchtranscode.model.OverwritePolicy;
import io.github.batchtranscode.model.Phase;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Decides which files of a plan need a task: video inputs are probed and planned here (an input that cannot be
 * transcoded gets its FAILED row now), and under {@code SKIP_EXISTING} a file whose output is already in its
 * container is reported as reused instead.
 */
final class RunSelection {
    private final RunContext run;
    private final RunResults results;

    RunSelection(RunContext run, RunResults results) {
        this.run = run;
        this.results = results;
    }

    /** The files that need a task; every other file of the plan has had its row. */
    List<PlannedFile> todo(Transfers transfers) {
        if (run.nodePlan != null) {
            return new NodeReuse(run).todo(transfers); // planned on the nodes: they decide, from what exists
        }
        return run.video != null ? planVideo(transfers) : skipExisting(transfers);
    }

    /**
     * Probes every input locally and plans its formats; an input that cannot be transcoded (no video, damaged)
     * gets its FAILED row now and no task. Under SKIP_EXISTING a format whose outputs are all in the container is
     * not made again, and an input with nothing left to make gets its row from the container, without a task.
     */
    private List<PlannedFile> planVideo(Transfers transfers) {
        List<PlannedFile> files = run.plan.files();
        run.sink.phase(Phase.STAGING, "Probing " + files.size() + " input file(s) for their video streams...");
        boolean skip = run.plan.request().overwrite() == OverwritePolicy.SKIP_EXISTING;
        List<VideoTasks.Planned> planned = transfers.all(files, f -> {
            VideoTasks.Planned p = run.video.plan(f);
            return VideoUnits.split(f, skip && p.ok() ? reuse(p, run.md5s.get(f.taskId())) : p,
                    run.options.videoTaskSplit());
        });
        List<PlannedFile> todo = new ArrayList<>();
        List<PlannedFile> done = new ArrayList<>();
        for (int i = 0; i < planned.size(); i++) {
            PlannedFile f = files.get(i);
            VideoTasks.Planned p = planned.get(i);
            run.videoPlans.put(f.taskId(), p);
            if (p.ok() && p.anyToRun()) {
                todo.add(f);
            } else if (p.ok()) {
                done.add(f);
            } else {
                List<OutputResult> outs = p.parts().stream().flatMap(part -> part.finals().stream()
                        .map(n -> OutputResult.builder().path(n).preset(part.key()).status(FileStatus.FAILED)
                                .error(part.error()).encoder(part.encoder()).build())).toList();
                run.sink.finished(FileResult.builder().input(f.input()).status(FileStatus.FAILED).error(p.error())
                        .failureCode(p.code()).inputDurationSeconds(p.source().mediaSeconds())
                        .startTime(run.time.now()).endTime(run.time.now()).taskId(f.taskId())
                        .inputBytes(f.inputBytes()).outputs(outs).build());
            }
        }
        if (!done.isEmpty()) {
            run.sink.phase(Phase.STAGING, done.size() + " input file(s) have every output in container ["
                    + run.options.outputContainer() + "] already (SKIP_EXISTING): fetching them, no task runs");
            transfers.all(done, f -> {
                results.reused(f);
                return null;
            });
        }
        return todo;
    }

    /** The plan with every format whose outputs are all complete in the container marked as reused. */
    private VideoTasks.Planned reuse(VideoTasks.Planned p, String md5) {
        List<VideoTasks.Part> parts = new ArrayList<>();
        for (VideoTasks.Part part : p.parts()) {
            boolean all = part.code() == null;
            for (int i = 0; all && i < part.finals().size(); i++) {
                all = run.blobs.exists(run.options.outputContainer(), VideoTasks.doneBlob(md5, part, i));
            }
            parts.add(all ? part.asReused() : part);
        }
        return p.withParts(parts);
    }

    private List<PlannedFile> skipExisting(Transfers transfers) {
        List<PlannedFile> files = run.plan.files();
        if (run.plan.request().overwrite() != OverwritePolicy.SKIP_EXISTING) {
            return files;
        }
        List<PlannedFile> todo = new ArrayList<>();
        List<Boolean> present = transfers.all(files, f -> run.blobs.exists(run.outputContainer(f), run.outputBlob(f)));
        for (int i = 0; i < present.size(); i++) {
            PlannedFile f = files.get(i);
            if (present.get(i)) {
                finishReused(f);
            } else {
                todo.add(f);
            }
        }
        return todo;
    }

    private void finishReused(PlannedFile f) {
        Path out = run.outputFile(f);
        Long bytes = out != null ? run.blobs.download(run.outputContainer(f), run.outputBlob(f), out) : null;
        FileResult row = FileResult.builder().input(f.input()).output(f.output()).status(FileStatus.SUCCEEDED)
                .endTime(run.time.now()).taskId(f.taskId()).inputBytes(f.inputBytes()).outputBytes(bytes)
                .outputBlob(run.outputBlob(f)).build();
        run.sink.finished(AudioRowOutputs.with(row, f, run.plan.request().formats().get(0).key(), run.outputBlob(f),
                true));
    }
}
