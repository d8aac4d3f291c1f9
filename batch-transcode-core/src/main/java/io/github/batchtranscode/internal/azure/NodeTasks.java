package io.github.batchtranscode.internal.azure;

import com.microsoft.azure.batch.protocol.models.HttpHeader;
import com.microsoft.azure.batch.protocol.models.OutputFile;
import com.microsoft.azure.batch.protocol.models.OutputFileBlobContainerDestination;
import com.microsoft.azure.batch.protocol.models.OutputFileDestination;
import com.microsoft.azure.batch.protocol.models.OutputFileUploadCondition;
import com.microsoft.azure.batch.protocol.models.OutputFileUploadOptions;
import io.github.batchtranscode.internal.engine.PlannedFile;
import io.github.batchtranscode.internal.ffmpeg.HlsMaster;
import io.github.batchtranscode.internal.plan.OutputNames;
import io.github.batchtranscode.model.Preset;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Where the outputs of a {@link NodePlan} go: each output's name (the local backend's relative-path rules) and
 * blob — below the destination prefix, or keyed in the job's output container — and the OutputFile rules that
 * upload them from the node straight there on task success. One rule per output slot any candidate can fill;
 * a rung the node did not make matches no file and uploads nothing. An HLS folder goes by three rules (its
 * master, its media playlists and its segments, each with its content type). The rung of a ladder made at the
 * source's own height (a source below 360 lines) has a name only the node knows: it is uploaded below the task's
 * log prefix and copied to its name by the service (see {@link NodeRows}), so no media passes the client.
 */
final class NodeTasks {
    private static final String MPEGURL = "application/vnd.apple.mpegurl";

    private final RunContext run;

    NodeTasks(RunContext run) {
        this.run = run;
    }

    /** The relative name of output {@code out} of format {@code f} with rung label {@code label}. */
    static String name(PlannedFile file, NodePlan.Format f, NodePlan.Output out, int label) {
        if (f.audio()) {
            return file.stem() + "." + f.extension();
        }
        return switch (f.preset().kind()) {
            case HLS -> file.stem() + ".hls/" + HlsMaster.MASTER;
            case THUMBNAIL -> file.stem() + ".jpg";
            default -> OutputNames.rendition(file.stem(), label, f.extension());
        };
    }

    /** The container outputs go to: the destination's, or the job's output container. */
    String container() {
        return run.destination != null ? run.destination.container() : run.options.outputContainer();
    }

    /** The blob of a named output; for HLS the folder's. */
    String blob(PlannedFile file, NodePlan.Format f, String name) {
        String target = f.preset() == Preset.HLS ? name.substring(0, name.lastIndexOf('/')) : name;
        return run.destination != null ? run.destination.blobName(target)
                : JobLayout.outputBlob(run.md5s.get(file.taskId()), run.nodePlan.outputKeyText(f), target);
    }

    /** Where the node uploads the own-height rung of ladder format {@code f} (a folder: the name has the height). */
    String ownPrefix(String taskId, NodePlan.Format f) {
        return run.layout.logPrefix(taskId) + String.format(java.util.Locale.ROOT, "/own-%02d", f.index());
    }

    /** The blob of the result manifest of a task. */
    String manifestBlob(String taskId) {
        return run.layout.logPrefix(taskId) + "/" + NodePlan.RESULT_FILE;
    }

    /**
     * The rules of one input's task: every output slot, the own-height rung's folder and the manifest.
     *
     * @param resultsUrl a write URL of {@link #container()}
     * @param logsUrl    a write URL of the job's output container
     */
    List<OutputFile> rules(PlannedFile file, String resultsUrl, String logsUrl) {
        List<OutputFile> rules = new ArrayList<>();
        for (NodePlan.Format f : run.nodePlan.formats()) {
            Set<String> slots = new LinkedHashSet<>();
            for (NodePlan.Candidate c : f.candidates()) {
                for (NodePlan.Output out : c.outputs()) {
                    if (!slots.add(out.node())) {
                        continue;
                    }
                    if (out.hls()) {
                        String folder = blob(file, f, name(file, f, out, 0));
                        rules.add(rule(out.node() + "/" + HlsMaster.MASTER, resultsUrl, folder + "/" + HlsMaster.MASTER,
                                MPEGURL));
                        rules.add(rule(out.node() + "/*/index.m3u8", resultsUrl, folder, MPEGURL));
                        rules.add(rule(out.node() + "/*/seg_*.ts", resultsUrl, folder, "video/mp2t"));
                    } else if (out.label() == 0) {
                        rules.add(rule(f.dir() + "own/*p." + f.extension(), logsUrl, ownPrefix(file.taskId(), f), null));
                    } else {
                        rules.add(rule(out.node(), resultsUrl, blob(file, f, name(file, f, out, out.label())), null));
                    }
                }
            }
        }
        rules.add(new OutputFile().withFilePattern(NodePlan.RESULT_FILE)
                .withDestination(new OutputFileDestination().withContainer(new OutputFileBlobContainerDestination()
                        .withContainerUrl(logsUrl).withPath(manifestBlob(file.taskId()))))
                .withUploadOptions(new OutputFileUploadOptions()
                        .withUploadCondition(OutputFileUploadCondition.TASK_COMPLETION)));
        return rules;
    }

    private static OutputFile rule(String pattern, String containerUrl, String path, String contentType) {
        OutputFileBlobContainerDestination d = new OutputFileBlobContainerDestination().withContainerUrl(containerUrl)
                .withPath(path);
        if (contentType != null) {
            d.withUploadHeaders(List.of(new HttpHeader().withName("x-ms-blob-content-type").withValue(contentType)));
        }
        return new OutputFile().withFilePattern(pattern).withDestination(new OutputFileDestination().withContainer(d))
                .withUploadOptions(new OutputFileUploadOptions()
                        .withUploadCondition(OutputFileUploadCondition.TASK_SUCCESS));
    }
}
