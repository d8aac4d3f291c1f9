package io.github.batchtranscode.internal.azure;

import com.microsoft.azure.batch.protocol.models.TaskAddParameter;
import io.github.batchtranscode.internal.engine.PlannedFile;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Batch tasks of a run's files, built one at a time by task id when the fan-out writes their chunk (and again
 * when it resends one): what is shared by every task (container SAS; the job's own files come with its preparation
 * task) is made once, what is per task (its input's SAS, its rules) only when it is built, so the run holds no
 * list of task parameters.
 * An audio file has one task of its own id; a video file one task per unit of its plan.
 */
final class RunTasks {
    private final RunContext run;
    private final TaskInputs inputs;
    private final TaskUrls urls;
    private final TaskFactory factory;
    private final List<String> ids;
    /** For video: each unit's task id to its file's task id. */
    private final Map<String, String> fileOfUnit = new HashMap<>();
    private final String resultsUrl;
    private final String videoResultsUrl;
    private final NodeTasks node;
    private final String nodeResults;
    private final String nodeLogs;

    /**
     * @param expiry  when the tasks' SAS tokens expire
     * @param urls    the run's URLs (SAS or identity), with the expiry of its tasks
     * @param factory the run's task factory; the job's own files come with its preparation task, not per task
     */
    RunTasks(RunContext run, List<PlannedFile> todo, TaskInputs inputs, OffsetDateTime expiry, TaskUrls urls,
            TaskFactory factory) {
        this.run = run;
        this.inputs = inputs;
        String out = run.options.outputContainer();
        this.urls = urls;
        this.factory = factory;
        this.resultsUrl = run.destination == null ? null : urls.write(run.destination.container());
        this.videoResultsUrl = run.video == null ? null : run.blobs.writeOnlyContainerUrl(out, expiry);
        this.node = run.nodePlan == null ? null : new NodeTasks(run);
        this.nodeResults = node == null ? null : urls.write(node.container());
        this.nodeLogs = node == null ? null : urls.write(out);
        List<String> all = new ArrayList<>(todo.size());
        for (PlannedFile f : todo) {
            if (node == null && run.video != null) {
                for (VideoTasks.Unit unit : run.videoPlans.get(f.taskId()).units()) {
                    fileOfUnit.put(unit.taskId(), f.taskId());
                    all.add(unit.taskId());
                }
            } else {
                all.add(f.taskId());
            }
        }
        this.ids = List.copyOf(all);
    }

    /** The ids of the tasks, in plan order. */
    List<String> ids() {
        return ids;
    }

    /** The task of id {@code id}, built now. */
    TaskAddParameter task(String id) {
        String fileId = fileOfUnit.getOrDefault(id, id);
        PlannedFile f = run.files.get(fileId);
        if (f == null) {
            throw new IllegalArgumentException("task " + id + " is not a task of job " + run.jobId);
        }
        String input = inputs.url(f);
        if (node != null) {
            return NodeReuse.withExisting(run, f.taskId(),
                    factory.videoTask(f, input, Map.of(), node.rules(f, nodeResults, nodeLogs)));
        }
        if (run.video != null) {
            VideoTasks.Planned p = run.videoPlans.get(fileId);
            VideoTasks.Unit unit = p.units().stream().filter(u -> u.taskId().equals(id)).findFirst().orElseThrow();
            Map<String, String> args = new LinkedHashMap<>();
            unit.args().keySet().forEach(name -> args.put(name,
                    urls.read(run.options.inputContainer(), run.videoArgsBlob(unit.taskId(), name))));
            PlannedFile task = new PlannedFile(unit.taskId(), f.input(), f.inputPath(), f.output(),
                    f.inputBytes(), f.stem(), f.version());
            return factory.videoTask(task, input, args,
                    VideoTasks.outputFiles(p, unit, run.md5s.get(fileId), videoResultsUrl));
        }
        return resultsUrl == null ? factory.task(f, input, run.outputBlob(f))
                : factory.task(f, input, resultsUrl, run.outputBlob(f));
    }
}
