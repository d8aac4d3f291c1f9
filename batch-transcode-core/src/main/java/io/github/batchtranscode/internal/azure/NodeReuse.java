package io.github.batchtranscode.internal.azure;

import com.azure.storage.blob.models.BlobItem;
import com.azure.storage.blob.models.BlobStorageException;
import com.azure.storage.blob.models.ListBlobsOptions;
import com.microsoft.azure.batch.protocol.models.EnvironmentSetting;
import com.microsoft.azure.batch.protocol.models.TaskAddParameter;
import io.github.batchtranscode.StagingException;
import io.github.batchtranscode.internal.engine.PlannedFile;
import io.github.batchtranscode.model.FailureCode;
import io.github.batchtranscode.model.FileResult;
import io.github.batchtranscode.model.FileStatus;
import io.github.batchtranscode.model.OutputResult;
import io.github.batchtranscode.model.OverwritePolicy;
import io.github.batchtranscode.model.Phase;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code SKIP_EXISTING} for inputs planned on their nodes ({@link NodePlan}). Which outputs an input gets is known
 * only once its node has probed it, so the client finds which of its possible outputs exist — one listing of the
 * destination prefix (5,000 blobs a request), or without a blob destination one of each input's output key per
 * format — and tells each task by slot tokens ({@link NodeSlots}) in a task environment setting, never by name. The
 * node then runs no ffmpeg for a format whose chosen outputs all exist, and uploads none of the existing ones it
 * had to make again (see {@code node-planned.sh}). An input every one of whose possible outputs exists, whatever
 * its source turns out to be, gets its row here without a task, as the local backend gives it: each output with its
 * blob and size, downloaded when the request has an output directory.
 */
final class NodeReuse {
    private final RunContext run;
    private final NodeTasks tasks;

    NodeReuse(RunContext run) {
        this.run = run;
        this.tasks = new NodeTasks(run);
    }

    /** The files that need a task; the others have had their rows. */
    List<PlannedFile> todo(Transfers transfers) {
        List<PlannedFile> files = run.plan.files();
        if (run.plan.request().overwrite() != OverwritePolicy.SKIP_EXISTING || files.isEmpty()) {
            return files;
        }
        NodeSlots slots = existing(files, transfers);
        String container = tasks.container();
        List<PlannedFile> todo = new ArrayList<>();
        List<PlannedFile> done = new ArrayList<>();
        for (PlannedFile f : files) {
            Map<String, Long> existing = slots.existing(f.taskId());
            if (!existing.isEmpty()) {
                run.existingSlots.put(f.taskId(), Map.copyOf(existing));
            }
            (NodeSlots.complete(run.nodePlan.formats(), existing) ? done : todo).add(f);
        }
        if (!done.isEmpty()) {
            run.sink.phase(Phase.STAGING, done.size() + " input file(s) have every output in container [" + container
                    + "] already (SKIP_EXISTING): no task runs for them");
            transfers.all(done, f -> {
                run.sink.finished(reusedOrFailed(f, slots));
                return null;
            });
        }
        return todo;
    }

    /** The output slots of {@code files} that exist: one listing of the destination, else one per output key. */
    private NodeSlots existing(List<PlannedFile> files, Transfers transfers) {
        NodeSlots slots = new NodeSlots(tasks::blob);
        files.forEach(f -> slots.add(f, run.nodePlan.formats()));
        String container = tasks.container();
        run.sink.phase(Phase.STAGING, "Listing the outputs that exist in container [" + container + "]"
                + " (SKIP_EXISTING)...");
        if (run.destination != null) {
            list(container, run.destination.blobName(""), slots);
            return slots;
        }
        List<String> prefixes = new ArrayList<>();
        for (PlannedFile f : files) {
            run.nodePlan.formats().forEach(format -> prefixes.add(JobLayout.outputBlob(run.md5s.get(f.taskId()),
                    run.nodePlan.outputKeyText(format), ""))); // outputs/<key>/, as NodeTasks#blob names them
        }
        transfers.all(prefixes, prefix -> {
            list(container, prefix, slots);
            return null;
        });
        return slots;
    }

    /** The task with the tokens of its input's existing outputs in {@link NodeSlots#VARIABLE}, if there are any. */
    static TaskAddParameter withExisting(RunContext run, String taskId, TaskAddParameter task) {
        Map<String, Long> existing = run.existingSlots.get(taskId);
        if (existing == null || existing.isEmpty()) {
            return task;
        }
        List<EnvironmentSetting> env = new ArrayList<>(task.environmentSettings() == null ? List.of()
                : task.environmentSettings());
        env.add(new EnvironmentSetting().withName(NodeSlots.VARIABLE).withValue(NodeSlots.value(existing)));
        return task.withEnvironmentSettings(env);
    }

    private FileResult reusedOrFailed(PlannedFile f, NodeSlots slots) {
        try {
            return reused(f, slots);
        } catch (RuntimeException e) {
            return FileResult.builder().input(f.input()).status(FileStatus.FAILED).failureCode(FailureCode.DOWNLOAD)
                    .error("its outputs exist in container [" + tasks.container() + "] but could not be downloaded to "
                            + run.outputDirectory() + ": " + Redact.secrets(String.valueOf(e.getMessage())))
                    .endTime(run.time.now()).taskId(f.taskId()).inputBytes(f.inputBytes()).build();
        }
    }

    /** The row of an input whose outputs all exist: one per format, as the local backend reports kept blobs. */
    private FileResult reused(PlannedFile f, NodeSlots slots) {
        Map<String, Long> existing = slots.existing(f.taskId());
        List<OutputResult> outs = new ArrayList<>();
        for (NodePlan.Format format : run.nodePlan.formats()) {
            for (NodePlan.Output out : format.candidates().get(0).outputs()) {
                String name = NodeTasks.name(f, format, out, out.label());
                String blob = slots.blob(f, format, out, out.label());
                download(name, blob, out.hls());
                outs.add(OutputResult.builder().path(name).blob(blob).preset(format.key()).status(FileStatus.SUCCEEDED)
                        .bytes(existing.get(NodeSlots.token(format, out.label()))).build());
            }
        }
        long bytes = outs.stream().mapToLong(o -> o.bytes() == null ? 0 : o.bytes()).sum();
        return FileResult.builder().input(f.input()).output(outs.get(0).path()).status(FileStatus.SUCCEEDED)
                .startTime(run.time.now()).endTime(run.time.now()).taskId(f.taskId()).inputBytes(f.inputBytes())
                .outputBytes(bytes).outputBlob(outs.get(0).blob()).outputs(outs).build();
    }

    /**
     * The row of an output the node kept (its blob existed), fetched with an output directory.
     *
     * @throws RuntimeException when the download fails
     */
    OutputResult kept(PlannedFile f, NodePlan.Format format, NodePlan.Output out, String name, int label) {
        String blob = new NodeSlots(tasks::blob).blob(f, format, out, label);
        download(name, blob, out.hls());
        Map<String, Long> existing = run.existingSlots.getOrDefault(f.taskId(), Map.of());
        return OutputResult.builder().path(name).blob(blob).preset(format.key()).status(FileStatus.SUCCEEDED)
                .bytes(existing.get(NodeSlots.token(format, label))).build();
    }

    /** With an output directory, fetches a kept output there (an HLS folder whole), as for one made now. */
    private void download(String name, String blob, boolean hls) {
        Path dir = run.outputDirectory();
        if (dir == null) {
            return;
        }
        String container = tasks.container();
        run.sink.detail(Phase.DOWNLOADING, "Downloading " + name + " to " + dir);
        if (hls) {
            String folder = blob.substring(0, blob.lastIndexOf('/') + 1);
            Path target = dir.resolve(name).getParent();
            for (BlobStore.Listed b : run.blobs.list(container, folder)) {
                run.blobs.download(container, b.name(), target.resolve(b.name().substring(folder.length())));
            }
        } else {
            run.blobs.download(container, blob, dir.resolve(name));
        }
    }

    private void list(String container, String prefix, NodeSlots slots) {
        try {
            for (BlobItem b : run.blobs.service().getBlobContainerClient(container).listBlobs(new ListBlobsOptions()
                    .setPrefix(prefix).setMaxResultsPerPage(BlobIndex.PAGE_SIZE), null)) {
                Long size = b.getProperties() == null ? null : b.getProperties().getContentLength();
                if (size != null) {
                    slots.offer(b.getName(), size);
                }
            }
        } catch (BlobStorageException e) {
            if (e.getStatusCode() != 404) {
                throw new StagingException("container '" + container + "' could not be listed to find the outputs"
                        + " that exist (OverwritePolicy.SKIP_EXISTING): HTTP " + e.getStatusCode() + " "
                        + e.getErrorCode() + (e.getStatusCode() == 403 ? "; give the storage credentials list"
                        + " permission on it, or use OverwritePolicy.OVERWRITE" : ""), e);
            }
        }
    }
}
