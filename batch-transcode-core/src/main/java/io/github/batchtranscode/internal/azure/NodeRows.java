package io.github.batchtranscode.internal.azure;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.microsoft.azure.batch.protocol.models.CloudTask;
import io.github.batchtranscode.internal.engine.PlannedFile;
import io.github.batchtranscode.model.FailureCode;
import io.github.batchtranscode.model.FileResult;
import io.github.batchtranscode.model.FileStatus;
import io.github.batchtranscode.model.OutputResult;
import io.github.batchtranscode.model.Phase;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds the report row of an input planned on its node ({@link NodePlan}) from the result manifest its task
 * wrote: per output its verdict and facts, as the node's verification found them; a refused format (no audio, no
 * video, not media) or a failed ffmpeg FAILED with its reason. The messages of refusals are the local backend's,
 * composed here from the node's facts. Nothing is downloaded unless the request has an output directory; the own
 * height rung of a ladder is copied by the service to its name.
 */
final class NodeRows {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final RunContext run;
    private final NodeTasks tasks;
    private final NodeReuse reuse;

    NodeRows(RunContext run) {
        this.run = run;
        this.tasks = new NodeTasks(run);
        this.reuse = new NodeReuse(run);
    }

    /** One output as reported, with the failure code it counts under. */
    private record Out(OutputResult result, FailureCode code) {
    }

    /** The row of a completed task; a failed row of a source blob names it, as the local backend does. */
    FileResult completed(CloudTask task) {
        FileResult row = rowOf(task);
        return run.source == null ? row : io.github.batchtranscode.internal.blob.SourceRows.named(row, run.source);
    }

    private FileResult rowOf(CloudTask task) {
        PlannedFile f = run.files.get(task.id());
        boolean ok = TaskOutcome.succeeded(task);
        String manifest = run.blobs.text(run.options.outputContainer(), tasks.manifestBlob(task.id()));
        if (!ok || manifest.isBlank()) {
            String stderr = run.blobs.text(run.options.outputContainer(), run.layout.stderrBlob(task.id()));
            FileResult seen = TaskOutcome.of(task, f, null, "", stderr);
            if (seen.status() == FileStatus.FAILED) {
                return seen;
            }
            return seen.toBuilder().status(FileStatus.FAILED).output(null).failureCode(FailureCode.RESULT_FETCH)
                    .error("the task ended but wrote no result manifest (" + NodePlan.RESULT_FILE + "); its log is"
                            + " in container [" + run.options.outputContainer() + "] at "
                            + run.layout.stderrBlob(task.id())).build();
        }
        JsonNode m;
        try {
            m = JSON.readTree(manifest);
        } catch (IOException e) {
            return TaskOutcome.of(task, f, null, "", "").toBuilder().status(FileStatus.FAILED).output(null)
                    .failureCode(FailureCode.RESULT_FETCH).error("the task's result manifest could not be read: "
                            + e.getMessage()).build();
        }
        FileResult facts = TaskOutcome.of(task, f, null, "", "");
        return row(f, m, facts);
    }

    private FileResult row(PlannedFile f, JsonNode m, FileResult facts) {
        JsonNode input = m.path("input");
        List<Out> outs = new ArrayList<>();
        String firstBlob = null;
        for (NodePlan.Format format : run.nodePlan.formats()) {
            JsonNode r = format(m, format.index());
            String code = text(r, "code");
            NodePlan.Candidate chosen = r.path("candidate").isInt()
                    ? format.candidates().get(r.path("candidate").asInt()) : null;
            if (code != null) {
                FailureCode fc = code(code);
                String error = refusal(fc, input, r);
                List<NodePlan.Output> slots = chosen != null ? chosen.outputs() : refusedSlots(format);
                for (NodePlan.Output o : slots) {
                    outs.add(new Out(bad(format, NodeTasks.name(f, format, o, o.label() <= 0 ? 360 : o.label()),
                            error), fc));
                }
                continue;
            }
            JsonNode results = r.path("outputs");
            for (int i = 0; i < chosen.outputs().size(); i++) {
                NodePlan.Output o = chosen.outputs().get(i);
                JsonNode res = results.path(i);
                int label = o.label() == 0 ? res.path("label").asInt(0) : o.label();
                String name = NodeTasks.name(f, format, o, label);
                String blob = tasks.blob(f, format, name);
                if (!res.path("ok").asBoolean(false)) {
                    String problem = res.isMissingNode() ? "the node reported nothing for it" : text(res, "problem");
                    outs.add(new Out(bad(format, name, problem + " (deleted on the node, never uploaded)"),
                            FailureCode.VERIFICATION));
                    continue;
                }
                if (res.path("reused").asBoolean(false)) { // SKIP_EXISTING: its blob was there and is kept
                    try {
                        outs.add(new Out(reuse.kept(f, format, o, name, label), null));
                        firstBlob = firstBlob == null ? blob : firstBlob;
                    } catch (RuntimeException e) {
                        outs.add(new Out(bad(format, name, "the output exists (kept, SKIP_EXISTING) but could not be"
                                + " downloaded: " + Redact.secrets(String.valueOf(e.getMessage()))), FailureCode.DOWNLOAD));
                    }
                    continue;
                }
                String placed = place(f, format, o, name, blob, label);
                if (placed != null) {
                    outs.add(new Out(bad(format, name, placed), FailureCode.UPLOAD));
                    continue;
                }
                firstBlob = firstBlob == null ? blob : firstBlob;
                outs.add(new Out(OutputResult.builder().path(name)
                        .blob(o.hls() ? blob + "/" + io.github.batchtranscode.internal.ffmpeg.HlsMaster.MASTER : blob)
                        .preset(format.key()).status(FileStatus.SUCCEEDED)
                        .width(integer(res, "width")).height(integer(res, "height"))
                        .videoCodec(text(res, "videoCodec")).audioCodec(text(res, "audioCodec"))
                        .durationSeconds(number(res, "seconds")).bytes(res.path("bytes").isNumber()
                                ? res.path("bytes").asLong() : null)
                        .encoder(format.encoder()).build(), null));
            }
        }
        return build(f, input, outs, facts, firstBlob);
    }

    /**
     * Puts a verified output where the request wants it: the own-height rung copied to its name by the service,
     * then, with an output directory, downloaded there; null when done, else why not.
     */
    private String place(PlannedFile f, NodePlan.Format format, NodePlan.Output o, String name, String blob,
            int label) {
        String container = tasks.container();
        try {
            if (o.label() == 0 && !o.hls()) {
                String staged = tasks.ownPrefix(f.taskId(), format) + "/" + label + "p." + format.extension();
                new OwnRungCopy(run.blobs).place(run.options.outputContainer(), staged, container, blob);
            }
            Path dir = run.outputDirectory();
            if (dir != null) {
                run.sink.detail(Phase.DOWNLOADING, "Downloading " + name + " to " + dir);
                if (o.hls()) {
                    for (BlobStore.Listed b : run.blobs.list(container, blob + "/")) {
                        run.blobs.download(container, b.name(), dir.resolve(name).getParent()
                                .resolve(b.name().substring(blob.length() + 1)));
                    }
                } else {
                    run.blobs.download(container, blob, dir.resolve(name));
                }
            }
            return null;
        } catch (RuntimeException e) {
            return "the output was verified on the node but could not be placed: "
                    + Redact.secrets(String.valueOf(e.getMessage()));
        }
    }

    private FileResult build(PlannedFile f, JsonNode input, List<Out> outs, FileResult facts, String firstBlob) {
        List<OutputResult> results = outs.stream().map(Out::result).toList();
        FileResult.Builder b = FileResult.builder().input(f.input()).exitCode(facts.exitCode())
                .inputDurationSeconds(number(input, "seconds")).startTime(facts.startTime())
                .endTime(facts.endTime() != null ? facts.endTime() : run.time.now()).attempts(facts.attempts())
                .requeues(facts.requeues()).taskId(f.taskId()).worker(facts.worker()).inputBytes(f.inputBytes())
                .outputs(results);
        List<Out> bad = outs.stream().filter(o -> o.code() != null).toList();
        if (bad.isEmpty()) {
            long bytes = results.stream().mapToLong(o -> o.bytes() == null ? 0 : o.bytes()).sum();
            return b.output(results.get(0).path()).status(FileStatus.SUCCEEDED)
                    .outputDurationSeconds(results.get(0).durationSeconds()).outputBytes(bytes).outputBlob(firstBlob)
                    .build();
        }
        boolean refusedOnly = bad.size() == outs.size() && bad.stream().allMatch(o -> refusal(o.code()));
        Out first = bad.get(0);
        String error = refusedOnly ? first.result().error() : first.result().path() + ": " + first.result().error()
                + (bad.size() > 1 ? " (and " + (bad.size() - 1) + " more output(s) failed)" : "");
        return b.status(FileStatus.FAILED).error(error).failureCode(first.code())
                .outputDurationSeconds(first.result().durationSeconds()).build();
    }

    private static boolean refusal(FailureCode c) {
        return c == FailureCode.NO_AUDIO || c == FailureCode.NO_VIDEO || c == FailureCode.INVALID_INPUT;
    }

    /** The outputs a refused format would have made, named as the local backend names them (a 360-line rung). */
    private static List<NodePlan.Output> refusedSlots(NodePlan.Format format) {
        if (format.audio() || format.preset() == io.github.batchtranscode.model.Preset.HLS
                || format.preset() == io.github.batchtranscode.model.Preset.THUMBNAIL) {
            return format.candidates().get(0).outputs().subList(0, 1);
        }
        int label = format.preset().kind() == io.github.batchtranscode.model.Preset.Kind.LADDER ? 360
                : format.preset().maxHeight();
        return List.of(new NodePlan.Output("file", "", label, label, null, null, false, List.of()));
    }

    /** The local backend's words for a refused format, from the node's facts. */
    private static String refusal(FailureCode code, JsonNode input, JsonNode format) {
        String types = text(input, "types");
        String found = types == null ? "no streams" : types;
        return switch (code) {
            case NO_VIDEO -> "the input has no video stream (it has: " + found + "): use an audio preset for it";
            case NO_AUDIO -> "the input has no audio stream (it has: " + found + ")";
            case INVALID_INPUT -> "the input is not usable media, probably truncated or damaged: "
                    + (input.path("readable").asBoolean(false) ? "it has no audio or video stream (found: " + found
                    + ")" : String.valueOf(text(input, "error")).replace(NodeScript.INPUT_FILE + ": ", ""));
            default -> String.valueOf(text(format, "error"));
        };
    }

    private static FailureCode code(String code) {
        try {
            return FailureCode.valueOf(code);
        } catch (IllegalArgumentException e) {
            return FailureCode.INTERNAL;
        }
    }

    private static JsonNode format(JsonNode m, int index) {
        for (JsonNode r : m.path("formats")) {
            if (r.path("format").asInt(-1) == index) {
                return r;
            }
        }
        return JSON.createObjectNode().put("code", "INTERNAL").put("error", "the node reported nothing for format "
                + index);
    }

    private static OutputResult bad(NodePlan.Format format, String name, String error) {
        return OutputResult.builder().path(name).preset(format.key()).status(FileStatus.FAILED).error(error)
                .encoder(format.encoder()).build();
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.path(field);
        return v.isTextual() ? v.asText() : null;
    }

    private static Integer integer(JsonNode n, String field) {
        JsonNode v = n.path(field);
        return v.isNumber() ? v.asInt() : null;
    }

    private static Double number(JsonNode n, String field) {
        JsonNode v = n.path(field);
        return v.isNumber() ? v.asDouble() : null;
    }
}
