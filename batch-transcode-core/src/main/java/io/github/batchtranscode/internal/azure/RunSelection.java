package io.github.batchtranscode.internal.azure;

import io.github.batchtranscode.internal.engine.PlannedFile;
import io.github.batchtranscode.model.FileResult;
import io.github.batchtranscode.model.FileStatus;
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

    RunSelection(RunContext run) {
        this.run = run;
    }

    /** The files that need a task; every other file of the plan has had its row. */
    List<PlannedFile> todo(Transfers transfers) {
        return run.video != null ? planVideo(transfers) : skipExisting(transfers);
    }

    /**
     * Probes every input locally and plans its presets; an input that cannot be transcoded (no video, damaged)
     * gets its FAILED row now and no task. Video outputs are always made again: SKIP_EXISTING is not honoured yet.
     */
    private List<PlannedFile> planVideo(Transfers transfers) {
        List<PlannedFile> files = run.plan.files();
        run.sink.phase(Phase.STAGING, "Probing " + files.size() + " input file(s) for their video streams...");
        List<VideoTasks.Planned> planned = transfers.all(files, run.video::plan);
        List<PlannedFile> todo = new ArrayList<>();
        for (int i = 0; i < planned.size(); i++) {
            PlannedFile f = files.get(i);
            VideoTasks.Planned p = planned.get(i);
            run.videoPlans.put(f.taskId(), p);
            if (p.ok()) {
                todo.add(f);
            } else {
                run.sink.finished(new FileResult(f.input(), null, FileStatus.FAILED, null, p.error(), p.code(),
                        p.source().mediaSeconds(), null, run.clock.instant(), run.clock.instant(), 0, 0, f.taskId(),
                        null, f.inputBytes(), null, null, List.of()));
            }
        }
        return todo;
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
        run.sink.finished(new FileResult(f.input(), f.output(), FileStatus.SUCCEEDED, null, null, null, null, null,
                null, run.clock.instant(), 0, 0, f.taskId(), null, f.inputBytes(), bytes, run.outputBlob(f)));
    }
}
